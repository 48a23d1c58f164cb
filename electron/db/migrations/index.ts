import type { Db } from '../open';
import { core } from './0001-core';
import { editor } from './0002-editor';
import { auth } from './0004-auth';
import { seeds } from './0005-seeds';
import { warmup } from './0006-warmup';
import { dmarc } from './0007-dmarc';

export interface Migration {
  version: number;
  name: string;
  up(db: Db): void;
}

/**
 * Every schema change, in increasing version order. Never edit a migration that has shipped; add a new one.
 * Reserved numbers so features can land in any order: 2 editor, 3 lint, 4 auth, 5 seeds, 6 warmup. */
export const migrations: readonly Migration[] = [core, editor, auth, seeds, warmup, dmarc];
