import { type Metrics, metricNames, type RateName, type Rates } from '../../../shared/contract/warmup';

export const emptyMetrics = (): Metrics => Object.fromEntries(metricNames.map((name) => [name, 0])) as Metrics;

export function addMetrics(into: Metrics, from: Partial<Metrics>): Metrics {
  for (const name of metricNames) into[name] += from[name] ?? 0;
  return into;
}

/**
 * Messages that went out. Some ESPs export no send event (Postmark) or exports start
 * mid-stream, so a message that was delivered or bounced counts as sent even when its
 * send event is missing.
 */
export const effectiveSent = (m: Metrics): number => Math.max(m.sent, m.delivered + m.hardBounce + m.block);

const ratio = (numerator: number, denominator: number) => (denominator > 0 ? numerator / denominator : null);

/**
 * Every rate with its numerator and denominator. Opens and clicks are counted once per
 * message; machine opens (Apple Mail Privacy Protection prefetches) are apart from
 * human ones, and click-to-open uses human opens so that prefetching does not dilute it.
 */
export function ratesOf(m: Metrics): Rates {
  const sent = effectiveSent(m);
  const opens = m.openHuman + m.openMachine;
  const rate = (numerator: number, denominator: number, of: string) => ({ value: ratio(numerator, denominator), numerator, denominator, of });
  const rates: Record<RateName, Rates[RateName]> = {
    delivery: rate(m.delivered, sent, 'sent'),
    bounce: rate(m.hardBounce, sent, 'sent'),
    complaint: rate(m.complaint, m.delivered, 'delivered'),
    deferral: rate(m.deferral, sent, 'sent'),
    open: rate(opens, m.delivered, 'delivered'),
    humanOpen: rate(m.openHuman, m.delivered, 'delivered'),
    clickThrough: rate(m.click, m.delivered, 'delivered'),
    clickToOpen: rate(m.click, m.openHuman, 'human opens'),
    conversion: rate(m.conversion, m.delivered, 'delivered'),
  };
  return rates;
}
