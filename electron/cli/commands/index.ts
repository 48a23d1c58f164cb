import type { Command } from '../command';
import { compile } from './compile';
import { info } from './info';
import { seed } from './seed';
import { web } from './web';

/** Every subcommand, in the order `mailbench --help` lists them. */
export const commands: readonly Command[] = [web, info, compile, seed];
