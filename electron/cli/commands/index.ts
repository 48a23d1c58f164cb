import type { Command } from '../command';
import { authCommand } from './auth';
import { compile } from './compile';
import { dnsCommand } from './dns';
import { info } from './info';
import { lintCommand } from './lint';
import { seed } from './seed';
import { spamcheckCommand } from './spamcheck';
import { spfCommand } from './spf';
import { warmup } from './warmup';
import { web } from './web';

/** Every subcommand, in the order `mailbench --help` lists them. */
export const commands: readonly Command[] = [web, info, compile, lintCommand, spamcheckCommand, authCommand, spfCommand, dnsCommand, seed, warmup];
