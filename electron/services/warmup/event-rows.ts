/**
 * The rows of one batch for the writer thread, written as UTF-8 straight into one buffer as
 * events are mapped: per event its id (with the ESP prefix), NUL, its once-per-message key
 * ('' for none), NUL. No string per row is built or kept until the batch is sent, so the
 * garbage collector never copies a chunk's worth of ids from one generation to the next, and
 * the buffer crosses to the writer thread by transfer, without a copy.
 */
export class EventRows {
  private bytes: Uint8Array;
  private used = 0;
  /** Events written so far. */
  count = 0;

  constructor(capacity = 256 * 1024) {
    this.bytes = new Uint8Array(capacity);
  }

  /**
   * One event: `prefix + id`, and for an event that counts once per message `u:<metric>:<prefix><messageKey>`.
   * A NUL inside a value would shift every row after it; the writer thread counts the fields and refuses.
   */
  add(prefix: string, id: string, uniqueMetric: string | undefined, messageKey: string): void {
    this.text(prefix);
    this.text(id);
    this.byte(0);
    if (uniqueMetric !== undefined) {
      this.text('u:');
      this.text(uniqueMetric);
      this.byte(58); // ':'
      this.text(prefix);
      this.text(messageKey);
    }
    this.byte(0);
    this.count++;
  }

  /** The bytes written, to be transferred: this batch is done with them. */
  take(): Uint8Array {
    return this.bytes.subarray(0, this.used);
  }

  private byte(value: number): void {
    if (this.used === this.bytes.length) this.grow(1);
    this.bytes[this.used++] = value;
  }

  /** ASCII byte by byte (ids nearly always are); anything else through the encoder. */
  private text(value: string): void {
    // A UTF-16 code unit takes at most 3 UTF-8 bytes.
    if (this.bytes.length - this.used < value.length * 3) this.grow(value.length * 3);
    const bytes = this.bytes;
    let at = this.used;
    for (let i = 0; i < value.length; i++) {
      const code = value.charCodeAt(i);
      if (code >= 0x80) {
        at += encoder.encodeInto(value.slice(i), bytes.subarray(at)).written;
        break;
      }
      bytes[at++] = code;
    }
    this.used = at;
  }

  private grow(needed: number): void {
    const bigger = new Uint8Array(Math.max(this.bytes.length * 2, this.used + needed));
    bigger.set(this.bytes.subarray(0, this.used));
    this.bytes = bigger;
  }
}

const encoder = new TextEncoder();
