/** Gmail clips a message whose HTML is larger than this and hides the rest behind "View entire message". */
export const GMAIL_CLIP_BYTES = 102 * 1024;

export const utf8Bytes = (text: string): number => new TextEncoder().encode(text).length;

export function formatKb(bytes: number): string {
  return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
}
