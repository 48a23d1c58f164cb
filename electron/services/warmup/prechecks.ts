import { type AuthFacts, type Precheck, type Provider, type ScheduleDay } from '../../../shared/contract/warmup';

/**
 * Authentication a provider requires of bulk senders. Google's Email sender guidelines
 * and Yahoo's Sender Best Practices (both enforced from February 2024) require SPF,
 * DKIM, DMARC and one-click unsubscribe (RFC 8058) from senders of 5,000 or more
 * messages a day; Microsoft's Outlook.com high-volume sender requirements (May 2025)
 * set the same line. The planner warns at 4,000 so the domain is ready before the line.
 */
export const bulkSenderWarning = 4_000;
const checked: readonly Provider[] = ['gmail', 'microsoft', 'yahoo', 'apple'];
const labels: Record<keyof AuthFacts, string> = { spf: 'SPF', dkim: 'DKIM', dmarc: 'DMARC', oneClickUnsubscribe: 'one-click unsubscribe' };
const names: Record<Provider, string> = { gmail: 'Gmail', microsoft: 'Microsoft', yahoo: 'Yahoo/AOL', apple: 'Apple iCloud', other: 'Other providers' };

/**
 * One warning per provider: the first day it passes 4,000 a day while the domain lacks
 * something. The facts are what the user states in the plan (Mailbench's own domain
 * audit is not wired to the planner).
 */
export function prechecks(days: readonly ScheduleDay[], auth: AuthFacts, domain: string): Precheck[] {
  const missing = (Object.keys(labels) as Array<keyof AuthFacts>).filter((key) => !auth[key]);
  if (missing.length === 0) return [];
  const out: Precheck[] = [];
  for (const provider of checked) {
    const day = days.find((d) => d.providers[provider] > bulkSenderWarning);
    if (!day) continue;
    out.push({
      provider,
      date: day.date,
      volume: day.providers[provider],
      missing,
      message: `${names[provider]} passes ${bulkSenderWarning.toLocaleString('en-US')}/day on ${day.date} (${day.providers[provider].toLocaleString('en-US')}) but ${domain || 'the domain'} lacks ${missing.map((m) => labels[m]).join(', ')}: bulk senders need all four before 5,000/day.`,
    });
  }
  return out;
}
