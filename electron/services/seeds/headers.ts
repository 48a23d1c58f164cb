/** Header fields of a raw header block, unfolded, in order; names lower-cased. */
export function readHeaders(block: string): Array<[string, string]> {
  const fields: Array<[string, string]> = [];
  for (const line of block.split(/\r?\n(?![ \t])/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    fields.push([line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).replace(/\r?\n[ \t]+/g, ' ').trim()]);
  }
  return fields;
}

export function headerValue(fields: ReadonlyArray<[string, string]>, name: string): string | undefined {
  return fields.find(([field]) => field === name.toLowerCase())?.[1];
}
