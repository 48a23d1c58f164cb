import type { Db } from '../open';
import { core } from './0001-core';

export interface Migration {
  version: number;
  name: string;
  up(db: Db): void;
}

/** Every schema change, in order. Never edit a migration that has shipped; add the next one. */
export const migrations: readonly Migration[] = [core];
