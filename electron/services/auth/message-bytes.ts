import type { z } from 'zod';
import type { MessageEncoding } from '../../../shared/contract/auth';
import { AppError } from '../../../shared/contract/errors';

/**
 * The bytes of a message that crossed the contract as a string. A latin1 string carries one
 * octet per character; anything above U+00FF means it was edited as text after being read as
 * bytes, and guessing an encoding would change what DKIM hashes.
 */
export function messageBytes(message: string, encoding: z.output<typeof MessageEncoding>): Buffer {
  if (encoding === 'text') return Buffer.from(message, 'utf8');
  const wide = /[^\u0000-\u00ff]/.exec(message);
  if (wide) {
    const line = message.slice(0, wide.index).split('\n').length;
    throw new AppError('invalid_input', `The message was read as bytes but line ${line} holds "${wide[0]}", which is not one byte.`, {
      line,
      hint: 'Open the .eml file again instead of editing its bytes as text, or paste the source as text.',
    });
  }
  return Buffer.from(message, 'latin1');
}
