import type { AuthNote, DkimReport } from '../../../shared/contract/auth';

/** What one signature row of mailauth's DKIM result carries beyond its verdict. */
export interface DkimDetails {
  algorithm: string;
  warnings: readonly string[];
  /** l= was set. */
  bodyLength?: {
    /** The signature covers only this many canonical body bytes. */
    limit: number;
    /** Canonical body bytes after the limit: not covered by the signature. */
    unsignedBytes: number;
    /** The message body as bytes (for a preview of what l= left unsigned). */
    body: Buffer;
  };
  /** The key record has t=y. */
  testing: boolean;
}

/**
 * The meaning and the fix of each warning mailauth's lenient mode records for a signature
 * (what strict mode would refuse). Codes it adds later fall back to a plain sentence.
 */
const WARNINGS: ReadonlyMap<string, Omit<AuthNote, 'code'>> = new Map([
  ['rsa-sha1', { message: 'Signed with rsa-sha1, which RFC 8301 forbids for signing and verifying; Gmail and other receivers treat such a signature as absent.', fix: 'Sign with rsa-sha256 (a 2048-bit key) or ed25519-sha256.' }],
  ['key-type-inferred', { message: 'The key is Ed25519 but its record has no k=ed25519, so k=rsa applies (RFC 6376 3.6.1): receivers that follow the RFC cannot use it.', fix: 'Add k=ed25519 to the key record: "v=DKIM1; k=ed25519; p=…".' }],
  ['tag-syntax', { message: 'The DKIM-Signature header has a tag-list syntax error (RFC 6376 3.2) that mailauth read past.', fix: 'Fix the signer: each tag once, written name=value and separated by semicolons.' }],
  ['invalid-v', { message: 'The signature has a v= other than 1.', fix: 'Sign with v=1.' }],
  ['query-method', { message: 'q= names a key query method other than dns/txt.', fix: 'Drop q= or set q=dns/txt.' }],
  ['identity-domain', { message: 'The i= identity is not the d= domain or a subdomain of it (or the key has t=s and i= is a subdomain).', fix: 'Make i= an address at the d= domain, or drop i=.' }],
  ['invalid-expiration', { message: 'x= (expiry) is not after t= (signing time).', fix: 'Set x= later than t=, or drop x=.' }],
  ['key-syntax', { message: 'The key record has a syntax error that mailauth read past.', fix: 'Publish the record as the signing service gives it: "v=DKIM1; k=rsa; p=…" without stray characters.' }],
  ['key-v-syntax', { message: 'The key record\'s v= is not DKIM1 or is not the first tag.', fix: 'Start the record with v=DKIM1, or drop v=.' }],
  ['ams-c-default', { message: 'The ARC message signature had no c= and was verified with the default canonicalization.', fix: 'Have the sealing service write c= in ARC-Message-Signature.' }],
]);

/** A readable excerpt of the body bytes past l=: what anyone could have appended. */
function unsignedPreview(body: Buffer, bytes: number): string {
  const tail = body.subarray(Math.max(0, body.length - bytes)).toString('latin1').replace(/\s+/g, ' ').trim();
  return tail.length > 120 ? `${tail.slice(0, 117)}…` : tail;
}

/** Every note for one signature: its warnings, l= with what it left unsigned, a testing key. */
export function dkimNotes(details: DkimDetails): DkimReport['notes'] {
  const notes: AuthNote[] = [];
  const warnings = new Set(details.warnings);
  if (details.algorithm === 'rsa-sha1') warnings.add('rsa-sha1');
  for (const code of warnings) {
    const known = WARNINGS.get(code);
    notes.push({ code, ...(known ?? { message: `mailauth noted "${code}": accepted here, refused in strict mode.`, fix: 'Run the check with strict mode to see the RFC verdict.' }) });
  }
  if (details.bodyLength) {
    const { limit, unsignedBytes: unsigned, body } = details.bodyLength;
    notes.push(
      unsigned > 0
        ? {
            code: 'body-length',
            message: `l=${limit}: the signature covers only the first ${limit} body bytes; ${unsigned} bytes after them are not signed and could have been added by anyone: "${unsignedPreview(body, unsigned)}".`,
            fix: 'Sign without l= so the whole body is covered; find what appends to the body (a list footer) and sign after it.',
          }
        : { code: 'body-length', message: `l=${limit}: the signature covers only the first ${limit} body bytes (all of this body), so text appended later would still verify.`, fix: 'Sign without l=.' },
    );
  }
  if (details.testing) notes.push({ code: 'key-testing', message: 'The key record has t=y: the domain is testing DKIM, and receivers may treat the signature as if it were absent (RFC 6376 3.6.1).', fix: 'Remove t=y from the key record once signing works.' });
  return notes;
}
