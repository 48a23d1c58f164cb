/**
 * A memo of work done on a piece of template text (an inline style, an attribute list, a stylesheet), shared by
 * every lint of a process: templates repeat the same inline style hundreds of times, the templates of a project
 * share stylesheets, and the editor re-lints the same text on every keystroke.
 *
 * The keys come from untrusted files, so the memo is bounded twice: by entries and by the characters of its keys
 * (what it holds grows with them). Past either bound it starts over. A key too long to be worth keeping (over a
 * sixteenth of the character budget) is computed and not kept.
 */
export class TextMemo<V> {
  private readonly map = new Map<string, V>();
  private chars = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxChars: number,
  ) {}

  get(key: string): V | undefined {
    return this.map.get(key);
  }

  set(key: string, value: V): V {
    if (key.length > this.maxChars / 16) return value;
    if (this.map.size >= this.maxEntries || this.chars + key.length > this.maxChars) {
      this.map.clear();
      this.chars = 0;
    }
    if (!this.map.has(key)) this.chars += key.length;
    this.map.set(key, value);
    return value;
  }

  /** The value for `key`, computed by `make` when not held. */
  through(key: string, make: (key: string) => V): V {
    const held = this.map.get(key);
    return held !== undefined ? held : this.set(key, make(key));
  }
}
