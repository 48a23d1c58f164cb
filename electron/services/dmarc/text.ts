import iconv from 'iconv-lite';

export interface DecodedText {
  text: string;
  /** Set when the bytes were not what they claimed to be and how they were read instead. */
  warning?: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });

/**
 * Text of a report file. A declared encoding (XML declaration, MIME charset) is honoured when
 * iconv-lite knows it. UTF-8 that is not valid is recovered: when nothing in the file is valid
 * multi-byte UTF-8 the bytes are most likely Windows-1252 (what the reporters that send these
 * files run on), so they are read as that; otherwise bad sequences become U+FFFD. Either way
 * the caller gets a warning saying so.
 */
export function decodeText(bytes: Uint8Array, declared?: string): DecodedText {
  const charset = declared?.trim().toLowerCase();
  if (charset && !/^(utf-?8|us-ascii|ascii)$/.test(charset)) {
    if (iconv.encodingExists(charset)) return { text: iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), charset) };
  }
  const text = utf8.decode(bytes);
  if (!text.includes('\uFFFD') || hasReplacementInSource(bytes)) return { text };
  let bad = 0;
  let other = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0xfffd) bad++;
    else if (code > 0x7f && code !== 0xfeff) other = true;
  }
  if (!other) {
    return {
      text: iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'windows-1252'),
      warning: `The file is not valid UTF-8 (${bad} bad byte${bad === 1 ? '' : 's'}); it was read as Windows-1252.`,
    };
  }
  return { text, warning: `The file is not valid UTF-8; ${bad} bad byte sequence${bad === 1 ? ' was' : 's were'} replaced with U+FFFD.` };
}

/** Whether U+FFFD is really in the file (EF BF BD), so it is not mistaken for a decoding error. */
function hasReplacementInSource(bytes: Uint8Array): boolean {
  for (let i = 0; i + 2 < bytes.length; i++) if (bytes[i] === 0xef && bytes[i + 1] === 0xbf && bytes[i + 2] === 0xbd) return true;
  return false;
}
