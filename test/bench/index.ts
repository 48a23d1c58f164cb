import { foundation } from './foundation.bench';

export interface Bench {
  name: string;
  summary: string;
  run(): Promise<void>;
}

export const benches: readonly Bench[] = [foundation];
