import iconv from 'iconv-lite';
import { parseAggregate } from './aggregate';
import { type Allowance, gunzip, isGzip, isZip, newAllowance, unzip } from './archive';
import { budget, mib, refuse } from './budget';
import { isFailureReport, parseFailure } from './failure';
import { leaves, type MimePart, parseEmail } from './mime';
import type { Report } from './model';
import { parseTls } from './tls';

/**
 * Reads every report in one file: XML, JSON, gzip (any number of members), zip, or an email
 * carrying any of those (whatever Content-Type the reporter chose) or being a failure report
 * itself. Throws an AppError naming the reason when the file holds no report or breaks a budget;
 * repairs are listed in each report's warnings.
 */
export function readReportFile(file: string, bytes: Uint8Array): Report[] {
  if (bytes.length === 0) throw refuse(file, 'The file is empty.', 'Export the report again; an empty file holds nothing to import.');
  if (bytes.length > budget.fileBytes) {
    throw refuse(file, `The file is ${mib(bytes.length)}, above the ${mib(budget.fileBytes)} Mailbench reads for one report.`, 'Real reports are far smaller; check that this is a DMARC or TLS report.');
  }
  return readBytes(file, bytes, file, newAllowance(), 0);
}

function readBytes(file: string, bytes: Uint8Array, name: string, allowance: Allowance, depth: number): Report[] {
  if (depth > budget.nesting) throw refuse(file, `Archives and attachments nest more than ${budget.nesting} deep.`, 'Unpack the file and import what is inside.');
  if (isGzip(bytes)) {
    const { bytes: inner, members, trailing } = gunzip(file, bytes, allowance);
    const reports = readBytes(file, inner, name.replace(/\.gz$/i, ''), allowance, depth + 1);
    const notes = [
      ...(members > 1 ? [`The gzip file has ${members} members; they were joined.`] : []),
      ...(trailing > 0 ? [`Skipped ${trailing} byte${trailing === 1 ? '' : 's'} after the end of the gzip data.`] : []),
    ];
    for (const report of reports) report.warnings.push(...notes);
    return reports;
  }
  if (isZip(bytes)) {
    const entries = unzip(file, bytes, allowance);
    const reports: Report[] = [];
    const skipped: string[] = [];
    for (const entry of entries) {
      if (/^(__MACOSX\/|\.)/.test(entry.name) || entry.bytes.length === 0) {
        skipped.push(entry.name);
        continue;
      }
      reports.push(...readBytes(file, entry.bytes, entry.name, allowance, depth + 1));
    }
    if (reports.length === 0) throw refuse(file, 'The zip archive holds no report.', 'Check what the archive contains.');
    if (skipped.length) for (const report of reports) report.warnings.push(`Skipped ${skipped.length} empty or hidden entr${skipped.length === 1 ? 'y' : 'ies'} of the zip archive.`);
    return reports;
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    // UTF-16 with its byte order mark (some Windows reporters): read as UTF-8 from here on.
    const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), bytes[0] === 0xff ? 'utf-16le' : 'utf-16be');
    return readBytes(file, Buffer.from(text.replace(/(<\?xml[^>]*encoding=["'])utf-16(["'])/i, '$1UTF-8$2')), name, allowance, depth + 1);
  }
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '');
  const start = head.trimStart();
  if (start.startsWith('{')) return [parseTls(file, bytes)];
  if (start.startsWith('<') || /<feedback[\s>]/.test(head)) return [parseAggregate(file, bytes)];
  if (/^(From |[\x21-\x39\x3b-\x7e]+:)/.test(start)) return readEmail(file, bytes, allowance, depth);
  if (/\.xml$/i.test(name) && Buffer.from(bytes).includes('<feedback')) return [parseAggregate(file, bytes)];
  throw refuse(file, 'The file is not a report Mailbench reads (DMARC aggregate XML, failure report email, SMTP TLS JSON, or those gzipped, zipped or attached to an email).', 'Check the file; reports arrive as .xml, .xml.gz, .zip, .json, .json.gz or .eml.');
}

const attachmentName = /\.(xml|xml\.gz|gz|zip|json|json\.gz)$/i;
const attachmentType = /(gzip|zip|xml|json|tlsrpt|octet-stream|compressed)/;

function readEmail(file: string, bytes: Uint8Array, allowance: Allowance, depth: number): Report[] {
  const email = parseEmail(file, bytes);
  if (isFailureReport(email)) return [parseFailure(file, email, bytes)];
  const reports: Report[] = [];
  const refusals: string[] = [];
  for (const part of leaves(email)) {
    if (!isReportAttachment(part)) continue;
    if (part.body.length === 0) continue;
    try {
      reports.push(...readBytes(file, part.body, part.filename || part.contentType, allowance, depth + 1));
    } catch (error) {
      refusals.push(`${part.filename || part.contentType}: ${(error as Error).message}`);
    }
  }
  if (reports.length === 0) {
    throw refuse(file, refusals.length
      ? `The email's attachment could not be read: ${refusals.join(' ')}`
      : 'The email carries no DMARC or TLS report (no XML, JSON, gzip or zip attachment) and is not a failure report.',
    'Import the report mail as the receiver sent it, or the attachment itself.');
  }
  if (refusals.length) for (const report of reports) report.warnings.push(`Skipped attachments that could not be read: ${refusals.join(' ')}`);
  return reports;
}

function isReportAttachment(part: MimePart): boolean {
  if (part.filename && attachmentName.test(part.filename)) return true;
  if (part.contentType.startsWith('text/plain') || part.contentType.startsWith('text/html') || part.contentType.startsWith('multipart/')) return false;
  return attachmentType.test(part.contentType);
}
