import { type MetricName, type Metrics, metricNames, type Provider } from '../../../shared/contract/warmup';
import { emptyMetrics } from './metrics';

export interface DaySlot {
  day: string;
  provider: Provider;
  ip: string;
  metrics: Metrics;
}

const metricIndex = new Map<MetricName, number>(metricNames.map((name, index) => [name, index]));

/**
 * An import's totals per day, provider and sending IP. An event waiting for the writer's
 * verdict is held as one small number (its slot and metric) instead of a key string: a
 * million events in flight then cost the garbage collector next to nothing.
 */
export class DayTotals {
  private readonly slots: DaySlot[] = [];
  private readonly index = new Map<string, Map<Provider, Map<string, number>>>();

  /** The number that `count` later adds up: where the event counts and as what. */
  code(day: string, provider: Provider, ip: string, metric: MetricName): number {
    let byProvider = this.index.get(day);
    if (!byProvider) this.index.set(day, (byProvider = new Map()));
    let byIp = byProvider.get(provider);
    if (!byIp) byProvider.set(provider, (byIp = new Map()));
    let slot = byIp.get(ip);
    if (slot === undefined) {
      slot = this.slots.push({ day, provider, ip, metrics: emptyMetrics() }) - 1;
      byIp.set(ip, slot);
    }
    return slot * metricNames.length + metricIndex.get(metric)!;
  }

  count(code: number): void {
    this.slots[Math.floor(code / metricNames.length)]!.metrics[metricNames[code % metricNames.length]!]++;
  }

  /** Slots that counted at least one event. */
  counted(): DaySlot[] {
    return this.slots.filter((slot) => metricNames.some((name) => slot.metrics[name] > 0));
  }
}
