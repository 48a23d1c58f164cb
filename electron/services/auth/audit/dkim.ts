import { createPublicKey } from 'node:crypto';
import type { AuditRun, SectionOutcome } from './run';

const FAMILY = 'dkim';
/** Selectors the big senders and ESPs use; a domain's own selectors can be anything, so the user can add theirs. */
export const COMMON_SELECTORS = [
  'default', 'dkim', 'mail', 'selector1', 'selector2', 'google', 'k1', 'k2', 'k3', 's1', 's2', 'sig1', 'smtp', 'mandrill', 'mxvault',
  'pm', 'fm1', 'fm2', 'fm3', 'zendesk1', 'zendesk2', 'protonmail', 'protonmail2', 'protonmail3', 'everlytickey1', 'everlytickey2', 'cm', 'mailjet', 'sendgrid', 'amazonses',
];

export interface DkimKeyFacts {
  selector: string;
  type: string;
  bits?: number;
  testing: boolean;
  revoked: boolean;
}

/** Reads a DKIM key record: key type and size, t=y (testing) and an empty p= (revoked). */
export function readDkimKeyRecord(record: string): { facts: Omit<DkimKeyFacts, 'selector'>; problem?: string } {
  const tags = new Map(record.split(';').map((part) => part.trim()).filter(Boolean).map((part) => {
    const index = part.indexOf('=');
    return [part.slice(0, index).trim().toLowerCase(), part.slice(index + 1).replace(/\s+/g, '')] as const;
  }));
  const type = (tags.get('k') ?? 'rsa').toLowerCase();
  const p = tags.get('p');
  const testing = (tags.get('t') ?? '').split(':').includes('y');
  if (p === undefined) return { facts: { type, testing, revoked: false }, problem: 'The record has no p= tag.' };
  if (p === '') return { facts: { type, testing, revoked: true } };
  if (type === 'ed25519') {
    const bytes = Buffer.from(p, 'base64');
    return bytes.length === 32 ? { facts: { type, bits: 256, testing, revoked: false } } : { facts: { type, testing, revoked: false }, problem: `The ed25519 key is ${bytes.length} bytes, not 32.` };
  }
  try {
    const key = createPublicKey({ key: Buffer.from(p, 'base64'), format: 'der', type: 'spki' });
    return { facts: { type, bits: key.asymmetricKeyDetails?.modulusLength, testing, revoked: false } };
  } catch {
    try {
      const key = createPublicKey({ key: Buffer.from(p, 'base64'), format: 'der', type: 'pkcs1' });
      return { facts: { type, bits: key.asymmetricKeyDetails?.modulusLength, testing, revoked: false } };
    } catch {
      return { facts: { type, testing, revoked: false }, problem: 'The p= value is not a valid public key (truncated, or split wrongly across strings?).' };
    }
  }
}

/** DKIM keys at the given and common selectors: present, usable, big enough, not in test mode. */
export async function auditDkim(run: AuditRun, selectors: string[]): Promise<{ outcome: SectionOutcome; keys: DkimKeyFacts[] }> {
  const wanted = [...new Set([...selectors.map((selector) => selector.toLowerCase()), ...COMMON_SELECTORS])];
  const answers = await Promise.all(wanted.map(async (selector) => ({ selector, txt: await run.txt(`${selector}._domainkey.${run.domain}`) })));
  const keys: DkimKeyFacts[] = [];
  const records: string[] = [];
  for (const { selector, txt } of answers) {
    if (!txt.ok) {
      if (!txt.missing && selectors.includes(selector)) run.find(FAMILY, 'dkim-dns-error', 'warning', `The key at ${selector}._domainkey.${run.domain} could not be read (${txt.code}).`, 'Receivers meeting the same error give DKIM temperror.', 'Check the DNS server for this name.');
      else if (selectors.includes(selector)) run.find(FAMILY, 'dkim-selector-missing', 'error', `There is no DKIM key at ${selector}._domainkey.${run.domain}.`, 'Mail signed with this selector fails DKIM.', 'Publish the public key your sending service gives you at this name.');
      continue;
    }
    const record = txt.records.find((text) => /(^|;)\s*(v=DKIM1|p=)/i.test(text)) ?? txt.records[0]!;
    records.push(`${selector}._domainkey: ${record}`);
    const { facts, problem } = readDkimKeyRecord(record);
    keys.push({ selector, ...facts });
    const where = `${selector}._domainkey.${run.domain}`;
    if (problem) run.find(FAMILY, 'dkim-bad-key', 'error', `${where}: ${problem}`, 'Signatures with this selector fail.', 'Publish the key again exactly as your provider gives it; long keys go in several quoted strings of one record.');
    else if (facts.revoked) run.find(FAMILY, 'dkim-revoked', 'info', `${where} has an empty p= (revoked key).`, 'Signatures with this selector fail, which is intended after a key rotation.', 'Remove the record once no mail uses this selector.');
    else if (facts.type === 'rsa' && (facts.bits ?? 0) < 1024) run.find(FAMILY, 'dkim-weak-key', 'error', `${where} is a ${facts.bits}-bit RSA key.`, 'Keys under 1024 bits are refused by receivers (RFC 8301).', 'Generate a 2048-bit key (Builders) and publish it at a new selector.');
    else if (facts.type === 'rsa' && (facts.bits ?? 0) < 2048) run.find(FAMILY, 'dkim-short-key', 'warning', `${where} is a ${facts.bits}-bit RSA key.`, '1024-bit keys are the minimum; Google and Yahoo recommend 2048.', 'Rotate to a 2048-bit key at a new selector.');
    else if (facts.type === 'ed25519') run.find(FAMILY, 'dkim-ed25519-only', 'info', `${where} is an Ed25519 key.`, 'Not every receiver verifies Ed25519 yet (RFC 8463).', 'Sign with an RSA 2048 key as well.');
    if (facts.testing) run.find(FAMILY, 'dkim-testing', 'warning', `${where} has t=y (testing).`, 'Receivers may treat signatures as unsigned while t=y is set.', 'Remove t=y once signing works.');
  }
  if (keys.length === 0 && selectors.length === 0) {
    run.find(FAMILY, 'dkim-none-found', 'warning', `No DKIM key was found at ${wanted.length} common selectors.`, 'Selectors can be any name, so this is not proof there is none.', 'Enter the selector your sending service uses (the s= of a DKIM-Signature header).');
  }
  const usable = keys.filter((key) => !key.revoked);
  return {
    outcome: {
      status: keys.length === 0 && selectors.length === 0 ? 'warning' : run.statusOf(FAMILY),
      summary: usable.length ? usable.map((key) => `${key.selector} (${key.type}${key.bits ? ` ${key.bits}` : ''})`).join(', ') : 'No usable key found.',
      records,
    },
    keys,
  };
}
