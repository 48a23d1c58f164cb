import { readFileSync } from 'node:fs';
import { projectRoot } from '../../paths';

let version: string | undefined;

/** The version in package.json, read once. */
export function appVersion(): string {
  version ??= (JSON.parse(readFileSync(`${projectRoot()}/package.json`, 'utf8')) as { version: string }).version;
  return version;
}
