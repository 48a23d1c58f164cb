import type { z } from 'zod';
import type { MessageEncoding as MessageEncodingSchema } from '../contract/auth';

/** How a message string maps back to its bytes: UTF-8 text, or one character per byte. */
export type MessageEncoding = z.infer<typeof MessageEncodingSchema>;

/** A message file's bytes as a string the contract can carry, and how to turn it back into those bytes. */
export interface MessageText {
  text: string;
  encoding: MessageEncoding;
}

/**
 * Reads a message file as bytes, not as UTF-8 text: valid UTF-8 stays text; anything else (an 8-bit
 * latin-1 body) becomes one character per byte, marked `latin1`, so the check gets back the very
 * octets that were signed and DKIM body hashes still match. Decoding it as UTF-8 would replace
 * every such byte with U+FFFD and break the signature.
 */
export function messageText(bytes: Uint8Array): MessageText {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), encoding: 'text' };
  } catch {
    // not TextDecoder('latin1'): the Encoding standard reads that label as windows-1252
    let text = '';
    for (let at = 0; at < bytes.length; at += 0x8000) text += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
    return { text, encoding: 'latin1' };
  }
}
