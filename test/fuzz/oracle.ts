/**
 * The prototype oracle: a parser that writes an input-derived key into a plain object can
 * reach `Object.prototype` (`__proto__.x`, `constructor.prototype.x`) and change every object
 * in the process. After each input the shared prototypes must have exactly the own
 * properties, descriptors and parent they had when the worker started.
 */
const watched: readonly (readonly [string, object])[] = [
  ['Object.prototype', Object.prototype],
  ['Array.prototype', Array.prototype],
  ['Function.prototype', Function.prototype],
  ['String.prototype', String.prototype],
  ['Number.prototype', Number.prototype],
  ['Boolean.prototype', Boolean.prototype],
  ['RegExp.prototype', RegExp.prototype],
  ['Date.prototype', Date.prototype],
  ['Error.prototype', Error.prototype],
  ['Promise.prototype', Promise.prototype],
  ['Map.prototype', Map.prototype],
  ['Set.prototype', Set.prototype],
  // `constructor.x` on a plain object reaches these.
  ['Object', Object],
  ['Array', Array],
];

interface Snapshot {
  readonly parent: object | null;
  readonly properties: ReadonlyMap<PropertyKey, PropertyDescriptor>;
}

function snapshot(object: object): Snapshot {
  const properties = new Map<PropertyKey, PropertyDescriptor>();
  for (const key of Reflect.ownKeys(object)) properties.set(key, Reflect.getOwnPropertyDescriptor(object, key)!);
  return { parent: Reflect.getPrototypeOf(object), properties };
}

const sameDescriptor = (a: PropertyDescriptor, b: PropertyDescriptor): boolean =>
  Object.is(a.value, b.value) && a.get === b.get && a.set === b.set && a.writable === b.writable && a.enumerable === b.enumerable && a.configurable === b.configurable;

function shown(descriptor: PropertyDescriptor | undefined): string {
  if (!descriptor) return 'nothing';
  if (descriptor.get || descriptor.set) return 'an accessor';
  const value = descriptor.value as unknown;
  const text = typeof value === 'function' ? `function ${value.name}` : typeof value === 'object' && value !== null ? 'an object' : JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

export interface PrototypeOracle {
  /**
   * Describes every change since the start (undefined when there is none) and puts the
   * prototypes back, so the next input runs in a clean process and shrinking stays honest.
   */
  check(): string | undefined;
}

export function watchPrototypes(): PrototypeOracle {
  const baseline = watched.map(([name, object]) => ({ name, object, before: snapshot(object) }));
  return {
    check() {
      const changes: string[] = [];
      for (const { name, object, before } of baseline) {
        if (Reflect.getPrototypeOf(object) !== before.parent) {
          changes.push(`${name} got a new prototype`);
          Reflect.setPrototypeOf(object, before.parent);
        }
        const keys = Reflect.ownKeys(object);
        if (keys.length === before.properties.size && keys.every((key) => before.properties.has(key) && sameDescriptor(before.properties.get(key)!, Reflect.getOwnPropertyDescriptor(object, key)!))) continue;
        for (const key of keys) {
          if (!before.properties.has(key)) {
            changes.push(`${name} gained ${String(key)} = ${shown(Reflect.getOwnPropertyDescriptor(object, key))}`);
            Reflect.deleteProperty(object, key);
          }
        }
        for (const [key, descriptor] of before.properties) {
          const now = Reflect.getOwnPropertyDescriptor(object, key);
          if (now && sameDescriptor(now, descriptor)) continue;
          changes.push(`${name}.${String(key)} was ${shown(descriptor)}, became ${shown(now)}`);
          Reflect.defineProperty(object, key, descriptor);
        }
      }
      return changes.length === 0 ? undefined : changes.join('; ');
    },
  };
}
