import type { CustomRamp, Profile, Provider } from '../../../shared/contract/warmup';

/**
 * Daily volume per IP on a new IP or domain, synthesized from published warm-up
 * schedules: SendGrid "IP Warmup Schedule" (Twilio docs, starts at 50/day and roughly
 * doubles), Mailgun "Automatic IP Warmup" (help center) and SparkPost/Bird "IP Warm-up
 * Overview" (fast doubling while small, slower growth once volume is large). The
 * first fifteen steps are the published-style table; after it the growth rule goes on:
 * x2 below 20k, x1.5 up to 100k, x1.3 up to 1M, x1.2 above, never more than double.
 */
export const moderateTable: readonly number[] = [
  50, 100, 200, 400, 800, 1_500, 3_000, 6_000, 10_000, 20_000, 30_000, 45_000, 65_000, 95_000, 125_000,
];

export function growthAfter(volume: number): number {
  if (volume < 20_000) return 2;
  if (volume < 100_000) return 1.5;
  if (volume < 1_000_000) return 1.3;
  return 1.2;
}

/** Rounds down to two significant figures in steps of 5 (160k, 205k, 1.05M), as the tables do. */
export function roundNice(volume: number): number {
  const step = Math.max(5, 5 * 10 ** (Math.floor(Math.log10(volume)) - 2));
  return Math.max(step, Math.floor(volume / step) * step);
}

/** Step k (0-based) of the moderate ramp, per IP. */
export function moderateStep(k: number): number {
  if (k < moderateTable.length) return moderateTable[k]!;
  let volume = moderateTable.at(-1)!;
  for (let i = moderateTable.length; i <= k; i++) volume = Math.min(2 * volume, roundNice(volume * growthAfter(volume)));
  return volume;
}

/**
 * Per-IP ramp volume on sending day index i (0-based) for a profile:
 * - moderate: one step per sending day;
 * - conservative: each step held 3 sending days (SparkPost and Mailgun advise holding
 *   a step until results are clean, and to slow down for cold lists);
 * - aggressive: starts at 200, two steps in (SendGrid's guide shows a faster schedule for
 *   senders with engaged, known-good lists);
 * - custom: the user's start, growth per step (capped at x2) and hold.
 */
export function rampVolume(profile: Profile, i: number, custom?: CustomRamp): number {
  switch (profile) {
    case 'moderate':
      return moderateStep(i);
    case 'conservative':
      return moderateStep(Math.floor(i / 3));
    case 'aggressive':
      return moderateStep(i + 2);
    case 'custom': {
      const ramp = custom ?? { start: 50, growth: 2, holdDays: 1 };
      const step = Math.floor(i / ramp.holdDays);
      let volume = ramp.start;
      for (let k = 0; k < step; k++) volume = Math.max(volume + 1, Math.floor(volume * Math.min(2, ramp.growth)));
      return volume;
    }
  }
}

/**
 * How fast each provider may follow the ramp (share of the ramp it gets). Yahoo/AOL
 * defer new IPs hardest (Yahoo Sender Hub: "TS" temporary-failure codes while
 * reputation builds), Microsoft and Apple are in between (Microsoft SNDS/Outlook.com
 * sender guidance asks for a gradual ramp; iCloud throttles unknown senders), Gmail
 * adapts fastest when engagement is good (Google Email sender guidelines 2024).
 */
export const providerPace: Readonly<Record<Provider, number>> = { gmail: 1, microsoft: 0.75, yahoo: 0.5, apple: 0.75, other: 1 };

/**
 * Microsoft (Outlook.com/Hotmail) throttles a cold IP hard in its first week; the
 * SparkPost and SendGrid warm-up guides single it out as the provider to cap early.
 */
export const microsoftFirstWeek = { perIp: 20_000, sendingDays: 7 } as const;
