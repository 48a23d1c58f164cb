import { auth } from './auth.bench';
import { dmarcBench } from './dmarc.bench';
import { cliBench } from './cli.bench';
import { editor } from './editor.bench';
import { foundation } from './foundation.bench';
import { lintBench } from './lint.bench';
import { lintCli } from './lint-cli.bench';
import { seeds } from './seeds.bench';
import { warmup } from './warmup.bench';

export interface Bench {
  name: string;
  summary: string;
  run(): Promise<void>;
}

export const benches: readonly Bench[] = [cliBench, foundation, warmup, seeds, auth, editor, lintBench, dmarcBench, lintCli];
