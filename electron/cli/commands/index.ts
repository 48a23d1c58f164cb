import type { Command } from '../command';
import { authCommand } from './auth';
import { compile } from './compile';
import { dnsCommand } from './dns';
import { info } from './info';
import { seed } from './seed';
import { spfCommand } from './spf';
import { warmup } from './warmup';
import { web } from './web';

/** Every subcommand, in the order `mailbench --help` lists them. */
export const commands: readonly Command[] = [web, info, compile, authCommand, spfCommand, dnsCommand, seed, warmup];
