import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Starter } from '../../../shared/contract/editor';
import { resourcesDir } from '../../paths';

const Manifest = z.array(z.object({ id: z.string(), title: z.string(), description: z.string(), file: z.string().regex(/^[a-z0-9-]+\.mjml$/) }));

let cached: Starter[] | undefined;

/** The starter templates shipped in resources/starters, read once per process. */
export function listStarters(dir = join(resourcesDir(), 'starters')): Starter[] {
  if (cached) return cached;
  const manifest = Manifest.parse(JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')));
  cached = manifest.map((entry) => ({
    id: entry.id,
    title: entry.title,
    description: entry.description,
    language: 'mjml' as const,
    source: readFileSync(join(dir, entry.file), 'utf8'),
  }));
  return cached;
}
