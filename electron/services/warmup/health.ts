import { type Decision, type Metrics, type ProviderStatus, volumeLimits } from '../../../shared/contract/warmup';
import { effectiveSent } from './metrics';

/**
 * The health rules, each line with where it comes from. Rates are per provider per
 * day once at least 100 messages were delivered, else over the last 3 sending days.
 */
export const thresholds = {
  /**
   * Spam complaints (complaints / delivered). Google "Email sender guidelines" (bulk
   * senders, Feb 2024) and Yahoo "Sender Best Practices" (2024): keep the user-reported
   * spam rate below 0.10% and never reach 0.30%. Advancing only below 0.08% keeps a
   * margin under Google's 0.10%, as M3AAWG's Sender Best Common Practices advise acting
   * on complaint feedback before a receiver's limit is hit.
   */
  complaint: { advanceBelow: 0.0008, stepBackAbove: 0.001, pauseAt: 0.003 },
  /**
   * Hard bounces (hard bounces / sent). SendGrid "Warming Up an IP Address" and
   * SparkPost "IP Warm-up Overview": a warm-up on a clean list bounces under 2%; stop
   * ramping and clean the list when it climbs. 8% is where ESPs stop the sender: Amazon
   * SES reviews accounts at a 5% bounce rate and may pause sending at 10%.
   */
  hardBounce: { advanceBelow: 0.02, holdUpTo: 0.03, pauseAt: 0.08 },
  /**
   * Deferrals (temporary 4xx failures / sent). M3AAWG Sender BCP: a 4xx is the
   * receiver asking you to slow down; Yahoo's TS codes and Microsoft's throttling
   * deferrals are how they pace a new IP. Above 10% step back, from 25% pause.
   */
  deferral: { stepBackAbove: 0.1, pauseAt: 0.25 },
  /** Delivered / sent: under 90% one message in ten is refused (SendGrid and Mailgun guides: slow down when acceptance drops). */
  delivery: { stepBackBelow: 0.9 },
  /** Warm-up schedules assume the planned volume went out, and no more (shared with the calendar: `volumeLimits`). */
  volume: volumeLimits,
  minDelivered: 100,
  rollingDays: 3,
  /** Step back to 50-70% of the last volume (SparkPost: drop back a step or two); the planner uses 60%. */
  stepBackFactor: 0.6,
  /** A paused provider restarts at half its last volume. */
  resumeFactor: 0.5,
} as const;

const severity: Record<Decision, number> = { 'not-started': 0, advance: 0, hold: 1, 'step-back': 2, pause: 3 };
const pct = (value: number) => `${(value * 100).toFixed(value < 0.01 ? 2 : 1)}%`;

export interface HealthInput {
  /** Summed over the days the decision looks at. */
  metrics: Metrics;
  /** Planned volume over the same days. */
  planned: number;
  /** How the window was chosen, for the reasons ("2026-03-04" or "3 days to 2026-03-04"). */
  window: string;
}

/** The decision for the next sending day of one provider, with every rule that fired. */
export function decide(input: HealthInput): Omit<ProviderStatus, 'provider'> {
  const { metrics: m, planned, window } = input;
  const sent = effectiveSent(m);
  const rates = {
    delivery: sent > 0 ? m.delivered / sent : null,
    hardBounce: sent > 0 ? m.hardBounce / sent : null,
    complaint: m.delivered > 0 ? m.complaint / m.delivered : null,
    deferral: sent > 0 ? m.deferral / sent : null,
    volume: planned > 0 ? sent / planned : null,
  };
  const findings: Array<{ decision: Decision; reason: string }> = [];
  const add = (decision: Decision, reason: string) => findings.push({ decision, reason });
  const t = thresholds;

  if (sent === 0) {
    add('hold', `Nothing was sent in ${window}: send the planned volume and import the results before ramping.`);
  } else {
    const hb = rates.hardBounce!;
    const hbText = `hard bounces ${pct(hb)} (${m.hardBounce} of ${sent} sent) in ${window}`;
    if (hb >= t.hardBounce.pauseAt) add('pause', `Pause: ${hbText} reach ${pct(t.hardBounce.pauseAt)}; stop and clean the list before sending again.`);
    else if (hb > t.hardBounce.holdUpTo) add('step-back', `Step back: ${hbText} are above ${pct(t.hardBounce.holdUpTo)}; remove bad addresses.`);
    else if (hb >= t.hardBounce.advanceBelow) add('hold', `Hold: ${hbText} are ${pct(t.hardBounce.advanceBelow)}-${pct(t.hardBounce.holdUpTo)}; advance only below ${pct(t.hardBounce.advanceBelow)}.`);

    if (rates.complaint !== null) {
      const c = rates.complaint;
      const cText = `complaints ${pct(c)} (${m.complaint} of ${m.delivered} delivered) in ${window}`;
      if (c >= t.complaint.pauseAt) add('pause', `Pause: ${cText} reach ${pct(t.complaint.pauseAt)}, the Gmail/Yahoo limit; find the source before sending again.`);
      else if (c > t.complaint.stepBackAbove) add('step-back', `Step back: ${cText} are above ${pct(t.complaint.stepBackAbove)}.`);
      else if (c >= t.complaint.advanceBelow) add('hold', `Hold: ${cText} are not below ${pct(t.complaint.advanceBelow)}.`);
    }

    const d = rates.deferral!;
    const dText = `deferrals ${pct(d)} (${m.deferral} of ${sent} sent) in ${window}`;
    if (d >= t.deferral.pauseAt) add('pause', `Pause: ${dText} reach ${pct(t.deferral.pauseAt)}; the provider is throttling this IP.`);
    else if (d > t.deferral.stepBackAbove) add('step-back', `Step back: ${dText} are above ${pct(t.deferral.stepBackAbove)}.`);

    const dl = rates.delivery!;
    if (dl < t.delivery.stepBackBelow) add('step-back', `Step back: delivery rate ${pct(dl)} (${m.delivered} of ${sent} sent) in ${window} is under ${pct(t.delivery.stepBackBelow)}.`);

    if (rates.volume !== null && rates.volume < t.volume.advanceAtLeast) {
      add('hold', `Hold: ${sent} of ${planned} planned went out in ${window} (${pct(rates.volume)}); advance only after at least ${pct(t.volume.advanceAtLeast)} of the plan is sent.`);
    } else if (rates.volume !== null && rates.volume > t.volume.holdAbove) {
      add('hold', `Hold: ${sent} went out in ${window} where ${planned} were planned (${pct(rates.volume)}); sending over the plan skips steps of the ramp, so keep to the planned volume before advancing.`);
    }
  }

  if (findings.length === 0) {
    return { decision: 'advance', reasons: [`Advance: all rates within limits in ${window} (${sent} sent, ${m.delivered} delivered).`], rates };
  }
  const decision = findings.reduce<Decision>((worst, f) => (severity[f.decision] > severity[worst] ? f.decision : worst), 'advance');
  findings.sort((a, b) => severity[b.decision] - severity[a.decision]);
  return { decision, reasons: findings.map((f) => f.reason), rates };
}
