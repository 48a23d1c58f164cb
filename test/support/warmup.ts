import { afterAll, beforeAll } from 'vitest';
import type { Weekday } from '../../shared/contract/warmup';
import { WarmupService } from '../../electron/services/warmup/service';
import { testRuntime } from './runtime';

/** A WarmupService on a fresh data folder for the test file (created before its tests, removed after). */
export function useWarmupService(): { readonly service: WarmupService; readonly env: ReturnType<typeof testRuntime> } {
  let env: ReturnType<typeof testRuntime> | undefined;
  let service: WarmupService | undefined;
  beforeAll(() => {
    env = testRuntime();
    service = new WarmupService(env.rt.db);
  });
  afterAll(() => env?.cleanup());
  const inside = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('useWarmupService: the service exists only inside tests');
    return value;
  };
  return {
    get service() {
      return inside(service);
    },
    get env() {
      return inside(env);
    },
  };
}

/** The plan the import tests build: weekdays, the default mix, moderate profile, full authentication. */
export const importPlanSpec = (name: string, ips: string[] = ['192.0.2.10']) => ({
  name,
  ips,
  domain: 'mail.example.com',
  startDate: '2026-03-02',
  timeZone: 'UTC',
  weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'] as Weekday[],
  target: 50_000,
  mix: { gmail: 45, microsoft: 25, yahoo: 15, apple: 5, other: 10 },
  profile: 'moderate' as const,
  auth: { spf: true, dkim: true, dmarc: true, oneClickUnsubscribe: true },
});
