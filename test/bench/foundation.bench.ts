import type { Bench } from './index';
import { percentile, report, sample } from './measure';
import { testRuntime } from '../support/runtime';

export const foundation: Bench = {
  name: 'foundation',
  summary: 'contract dispatch overhead and database start-up',
  async run() {
    const started = performance.now();
    const { rt, cleanup } = testRuntime();
    report('runtime start (open db, migrate)', performance.now() - started, 'ms');
    await rt.dispatcher.call('app.info', {});
    const calls = await sample(2000, () => rt.dispatcher.call('app.openExternal', { url: 'https://example.com/' }));
    report('dispatch app.openExternal, median', percentile(calls, 50) * 1000, 'µs');
    report('dispatch app.openExternal, p99', percentile(calls, 99) * 1000, 'µs');
    await cleanup();
  },
};
