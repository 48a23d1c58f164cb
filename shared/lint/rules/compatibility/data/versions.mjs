// Which tested version of a client is the newest, for generate.mjs and the test that checks its output.
//
// caniemail lists each client's tested versions oldest first, in the order caniemail.com shows them:
// `{"12.4": "n", "16": "y"}` for :focus in Apple Mail macOS. Two orders that look right are not:
// - JSON.parse moves integer-like keys ("16", "2011") ahead of the others, so its last key is "12.4";
// - sorting the keys as strings (what the caniemail npm API does) ranks "6.1" above "12.2", and Outlook for Mac
//   "2016" above its later build "16.80". The keys mix years, dates and version numbers, so no comparison of
//   the keys themselves orders them: the file's own order does.

const MARK = '~';
/** Each parsed object's keys in the file's order (a symbol, so it is not one of the object's own keys). */
export const keyOrder = Symbol('keyOrder');

/**
 * JSON.parse that remembers every object's key order: while parsing, each key carries a leading mark, so none is
 * integer-like and the parsed object keeps the file's order, which is recorded under `keyOrder` as the mark comes off.
 */
export function parseKeepingKeyOrder(text) {
  let marked = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] !== '"') {
      marked += text[i++];
      continue;
    }
    let j = i + 1;
    while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
    let k = j + 1;
    while (k < text.length && /\s/.test(text[k])) k++;
    marked += text[k] === ':' ? `"${MARK}${text.slice(i + 1, j + 1)}` : text.slice(i, j + 1);
    i = j + 1;
  }
  return JSON.parse(marked, (_key, value) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
    const order = Object.keys(value).map((key) => key.slice(MARK.length));
    const object = Object.fromEntries(Object.entries(value).map(([key, v]) => [key.slice(MARK.length), v]));
    Object.defineProperty(object, keyOrder, { value: order });
    return object;
  });
}

/** The newest version key of one client's `{ version: support }` object parsed by parseKeepingKeyOrder. */
export function newestVersion(versions) {
  const order = versions[keyOrder];
  if (!order?.length) throw new Error('newestVersion needs a non-empty object from parseKeepingKeyOrder');
  return order[order.length - 1];
}
