import type { z } from 'zod';
import { type MethodName, methods } from '../../shared/contract/index';

/**
 * Hostile inputs for a contract method: wrong types, huge strings, path traversal and
 * prototype-pollution keys, shaped by the method's schema so hostile strings get past
 * the type check and reach the handler.
 */
const traversal = [
  '../../../../../../../../etc/passwd',
  '..\\..\\..\\..\\windows\\win.ini',
  '../canary/secret.eml',
  '../canary/pwned.mjml',
  '../canary/pwned.html',
  '/etc/passwd',
  '/etc/shadow.eml',
  'C:\\Windows\\win.ini',
  '\\\\server\\share\\x.mjml',
  'file:///etc/passwd',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  'pwned.mjml\u0000.txt',
  'a\u0000b',
  '',
  ' ',
  '__proto__',
  'constructor',
  '${jndi:ldap://x}',
  "'; DROP TABLE settings; --",
  '<script>alert(1)</script>',
  '\u202e\u0000\uffff\ud800',
];
const huge = 'A'.repeat(6 * 1024 * 1024);
const pollution = [
  JSON.parse('{"__proto__":{"polluted":"yes"}}'),
  JSON.parse('{"constructor":{"prototype":{"polluted":"yes"}}}'),
  { ['__proto__']: { polluted: 'yes' } },
  Object.assign(Object.create(null), { polluted: 'yes' }),
];
const wrongTypes: unknown[] = [undefined, null, 0, -1, 1e308, true, 'text', [], [1, 'a', null], () => 1, Symbol('s'), 10n];

function deep(depth: number): unknown {
  let value: unknown = {};
  for (let i = 0; i < depth; i++) value = { a: [value] };
  return value;
}

/** The object shape of a method's input, when it is a plain zod object. */
function shapeOf(schema: z.ZodType): Record<string, z.ZodType> | undefined {
  const shape = (schema as unknown as { shape?: Record<string, z.ZodType> }).shape;
  return shape && typeof shape === 'object' ? shape : undefined;
}

/** Inputs that pass a field's type where they can, so hostile strings reach the handler. */
export function hostileInputs(name: MethodName): unknown[] {
  const inputs: unknown[] = [...wrongTypes, ...pollution, deep(2000), huge];
  const shape = shapeOf(methods[name].input);
  if (!shape) return inputs;
  const keys = Object.keys(shape);
  for (const key of keys) {
    for (const value of [...wrongTypes, huge, ...traversal.slice(0, 3)]) inputs.push({ [key]: value });
    inputs.push({ [key]: JSON.parse('{"__proto__":{"polluted":"yes"}}') });
  }
  for (const text of [...traversal, huge]) {
    // Every field gets the hostile text if it takes a string, else the first value of a plausible type it takes.
    const input: Record<string, unknown> = {};
    for (const key of keys) {
      const candidates = [text, [text], 1, true, { value: text }];
      input[key] = candidates.find((candidate) => shape[key]!.safeParse(candidate).success) ?? text;
    }
    inputs.push(input, { ...input, extra: text }, { ...input, __proto__: { polluted: 'yes' } });
  }
  return inputs;
}
