import fc from 'fast-check';

type Mutation = { at: number; kind: 'delete' | 'insert' | 'replace' | 'duplicate' | 'truncate'; length: number; text: string };

const nasty = fc.oneof(
  fc.constantFrom('\u0000', '\r', '\n', '\r\n', '"', "'", '\\', ';', ',', '(', ')', '<', '>', '=', '{', '}', '[', ']', ':', '\t', '\uFEFF', '\u2028', '\ud800', '%', '$'),
  fc.string({ maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
);

const mutation: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('delete', 'insert', 'replace', 'duplicate', 'truncate'),
  length: fc.integer({ min: 1, max: 40 }),
  text: nasty,
});

function apply(text: string, m: Mutation): string {
  const at = text.length === 0 ? 0 : m.at % (text.length + 1);
  switch (m.kind) {
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.length);
    case 'insert':
      return text.slice(0, at) + m.text + text.slice(at);
    case 'replace':
      return text.slice(0, at) + m.text + text.slice(at + m.text.length);
    case 'duplicate':
      return text.slice(0, at + m.length) + text.slice(at, at + m.length) + text.slice(at + m.length);
    case 'truncate':
      return text.slice(0, at);
  }
}

/** Valid samples with a few random edits each: inputs that are almost right, where parsers break most. */
export function mutated(corpus: readonly string[], maxEdits = 6): fc.Arbitrary<string> {
  return fc.tuple(fc.constantFrom(...corpus), fc.array(mutation, { maxLength: maxEdits })).map(([text, edits]) => edits.reduce(apply, text));
}

/** Random text of every kind: printable, any code unit, and lines of it. */
export const anyText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 400 }),
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc.array(fc.string({ maxLength: 60 }), { maxLength: 20 }).map((lines) => lines.join('\n')),
);
