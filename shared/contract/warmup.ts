import { z } from 'zod';
import { planningProvider, providerNamed } from '../model/mailbox-providers';
import { method } from './define';

/** Mailbox providers the planner paces separately; everything else is `other`. */
export const providers = ['gmail', 'microsoft', 'yahoo', 'apple', 'other'] as const;
export const Provider = z.enum(providers);
export type Provider = z.infer<typeof Provider>;

/**
 * The planner's provider for a word people use: its own name or any spelling seeds and ESPs use
 * (`outlook`, `hotmail` → `microsoft`; `aol` → `yahoo`, which paces both). Anything else is left
 * as it is, for the enum to refuse by name.
 */
export function planningProviderOf(word: string): Provider | undefined {
  const provider = providerNamed(word);
  return provider === undefined ? undefined : planningProvider(provider);
}
const planningWord = (value: unknown): unknown => (typeof value === 'string' ? (planningProviderOf(value) ?? value) : value);
/** A provider as an input: the planner's names and their common aliases. */
export const ProviderInput = z.preprocess(planningWord, Provider);

export const profiles = ['conservative', 'moderate', 'aggressive', 'custom'] as const;
export const Profile = z.enum(profiles);
export type Profile = z.infer<typeof Profile>;

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const Weekday = z.enum(weekdays);
export type Weekday = z.infer<typeof Weekday>;

export const espFormats = ['sendgrid', 'mailgun', 'postmark', 'ses', 'sparkpost'] as const;
export const EspFormat = z.enum(espFormats);
export type EspFormat = z.infer<typeof EspFormat>;

/**
 * Sent against planned, per provider and day. Under 90% the ramp's premise (the planned volume
 * went out) does not hold (SendGrid's guide: keep volume consistent before increasing). Half
 * again the plan or more is taking the ramp's next step early, the jump a warm-up exists to
 * avoid. The decisions and the calendar's colours both read these.
 */
export const volumeLimits = { advanceAtLeast: 0.9, holdAbove: 1.5 } as const;

/** `not-started`: the plan's first sending day is still ahead, so there is nothing to advance from yet. */
export const decisions = ['not-started', 'advance', 'hold', 'step-back', 'pause'] as const;
export const Decision = z.enum(decisions);
export type Decision = z.infer<typeof Decision>;

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');

/** Percent of recipients per provider; the planner checks they add up to 100. */
const ProviderMixShape = z.object({
  gmail: z.number().min(0).max(100),
  microsoft: z.number().min(0).max(100),
  yahoo: z.number().min(0).max(100),
  apple: z.number().min(0).max(100),
  other: z.number().min(0).max(100),
}).strict();
/** Alias keys (`outlook: 25`) become the planner's (`microsoft: 25`), shares of one provider added up; unknown keys stay for `strict` to refuse. */
function mixWords(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const out: Record<string, unknown> = Object.create(null);
  for (const [key, share] of Object.entries(value)) {
    const name = planningProviderOf(key) ?? key;
    const before = out[name];
    out[name] = typeof before === 'number' && typeof share === 'number' ? before + share : share;
  }
  return out;
}
export const ProviderMix = z.preprocess(mixWords, ProviderMixShape);
export type ProviderMix = z.infer<typeof ProviderMixShape>;

/** The custom risk profile: first volume per IP, growth per step, sending days each step is held. */
export const CustomRamp = z.object({
  start: z.number().int().min(10).max(1_000_000),
  growth: z.number().min(1.05).max(2),
  holdDays: z.number().int().min(1).max(7),
}).strict();
export type CustomRamp = z.infer<typeof CustomRamp>;

/**
 * What the user states about the sending domain's authentication. Mailbench's auth
 * checks are not available to this feature yet, so these are flags the user sets.
 */
export const AuthFacts = z.object({
  spf: z.boolean(),
  dkim: z.boolean(),
  dmarc: z.boolean(),
  oneClickUnsubscribe: z.boolean(),
}).strict();
export type AuthFacts = z.infer<typeof AuthFacts>;

export const PlanSpec = z.object({
  name: z.string().trim().min(1).max(80),
  /** A pool of one or more sending IPs (addresses or labels such as `ip-1`). */
  ips: z.array(z.string().trim().min(1).max(64)).min(1).max(64),
  domain: z.string().trim().max(253).default(''),
  startDate: IsoDate,
  timeZone: z.string().min(1).max(64).default('UTC'),
  weekdays: z.array(Weekday).min(1).max(7).default(['mon', 'tue', 'wed', 'thu', 'fri']),
  target: z.number().int().min(1).max(100_000_000),
  mix: ProviderMix,
  profile: Profile.default('moderate'),
  custom: CustomRamp.optional(),
  auth: AuthFacts.default({ spf: false, dkim: false, dmarc: false, oneClickUnsubscribe: false }),
}).strict();
export type PlanSpec = z.infer<typeof PlanSpec>;
export type PlanSpecInput = z.input<typeof PlanSpec>;

export const ProviderVolumes = z.object({
  gmail: z.number().int().nonnegative(),
  microsoft: z.number().int().nonnegative(),
  yahoo: z.number().int().nonnegative(),
  apple: z.number().int().nonnegative(),
  other: z.number().int().nonnegative(),
});
export type ProviderVolumes = z.infer<typeof ProviderVolumes>;

/** One sending day of the schedule: the CLI's `--json` prints exactly these fields. */
export const ScheduleDay = z.object({
  date: IsoDate,
  sendingDay: z.number().int().positive(),
  total: z.number().int().nonnegative(),
  providers: ProviderVolumes,
});
export type ScheduleDay = z.infer<typeof ScheduleDay>;

export const Precheck = z.object({
  provider: Provider,
  date: IsoDate,
  volume: z.number().int(),
  missing: z.array(z.enum(['spf', 'dkim', 'dmarc', 'oneClickUnsubscribe'])),
  message: z.string(),
});
export type Precheck = z.infer<typeof Precheck>;

export const Plan = PlanSpec.extend({
  id: z.number().int(),
  createdAt: z.string(),
  replannedAt: z.string().nullable(),
});
export type Plan = z.infer<typeof Plan>;

/** Event counts for one day (and provider, IP); the names the importers map every ESP onto. */
export const metricNames = [
  'sent', 'delivered', 'hardBounce', 'block', 'deferral', 'complaint',
  'openMachine', 'openHuman', 'click', 'unsubscribe', 'conversion',
] as const;
export const MetricName = z.enum(metricNames);
export type MetricName = z.infer<typeof MetricName>;
export const Metrics = z.object(Object.fromEntries(metricNames.map((name) => [name, z.number().int().nonnegative()])) as Record<MetricName, z.ZodNumber>);
export type Metrics = z.infer<typeof Metrics>;

export const ActualsEntry = z.object({
  planId: z.number().int(),
  date: IsoDate,
  provider: ProviderInput,
  ip: z.string().trim().min(1).max(64).default('all'),
  counts: Metrics.partial(),
}).strict();

export const SkipReason = z.object({
  reason: z.string(),
  count: z.number().int(),
  /** Up to 20 line numbers where it happened, for the person to look at. */
  lines: z.array(z.number().int()),
});
export type SkipReason = z.infer<typeof SkipReason>;

/** What an import read and did: the CLI prints these counts. */
export const ImportSummary = z.object({
  importId: z.number().int(),
  planId: z.number().int(),
  format: EspFormat,
  file: z.string(),
  read: z.number().int(),
  imported: z.number().int(),
  duplicates: z.number().int(),
  skipped: z.number().int(),
  skippedReasons: z.array(SkipReason),
  days: z.array(IsoDate),
  /** Counted days outside the schedule's first to last day: stored, but no planned volume to compare them with. */
  outsidePlan: z.array(IsoDate),
  seconds: z.number(),
});
export type ImportSummary = z.infer<typeof ImportSummary>;

/** A rate with the counts it was computed from, so a reader sees what it is out of. */
export const Rate = z.object({
  value: z.number().nullable(),
  numerator: z.number().int(),
  denominator: z.number().int(),
  of: z.string(),
});
export type Rate = z.infer<typeof Rate>;

export const rateNames = ['delivery', 'bounce', 'complaint', 'deferral', 'open', 'humanOpen', 'clickThrough', 'clickToOpen', 'conversion'] as const;
export type RateName = (typeof rateNames)[number];
export const Rates = z.object(Object.fromEntries(rateNames.map((name) => [name, Rate])) as Record<RateName, typeof Rate>);
export type Rates = z.infer<typeof Rates>;

export const ProviderStatus = z.object({
  provider: Provider,
  decision: Decision,
  reasons: z.array(z.string()),
  rates: z.object({
    delivery: z.number().nullable(),
    hardBounce: z.number().nullable(),
    complaint: z.number().nullable(),
    deferral: z.number().nullable(),
    /** Sent as a share of what was planned for the same days. */
    volume: z.number().nullable(),
  }),
});
export type ProviderStatus = z.infer<typeof ProviderStatus>;

export const PlanStatus = z.object({
  plan: z.string(),
  date: IsoDate,
  providers: z.array(ProviderStatus),
});
export type PlanStatus = z.infer<typeof PlanStatus>;

export const AnalyticsRow = z.object({
  date: IsoDate,
  provider: z.union([Provider, z.literal('all')]),
  ip: z.string(),
  planned: z.number().int(),
  counts: Metrics,
  rates: Rates,
});
export type AnalyticsRow = z.infer<typeof AnalyticsRow>;

export const Analytics = z.object({
  planId: z.number().int(),
  /** Every date of the schedule and of the actuals, ascending: the charts' x axis. */
  dates: z.array(IsoDate),
  rows: z.array(AnalyticsRow),
  thresholds: z.object({ hardBounce: z.number(), complaint: z.number(), deferral: z.number(), delivery: z.number() }),
});
export type Analytics = z.infer<typeof Analytics>;

const PlanRef = z.object({ planId: z.number().int() }).strict();

/** One date whose planned total a replan changes: null where the day was not (or is no longer) a sending day. */
export const ScheduleChange = z.object({ date: IsoDate, before: z.number().int().nullable(), after: z.number().int().nullable() });
export type ScheduleChange = z.infer<typeof ScheduleChange>;

export const ReplanResult = z.object({
  /** The day the replan reads the actuals up to; the new schedule starts on the next sending day. */
  asOf: IsoDate,
  applied: z.boolean(),
  days: z.array(ScheduleDay),
  decisions: z.array(ProviderStatus),
  changes: z.array(ScheduleChange),
});
export type ReplanResult = z.infer<typeof ReplanResult>;

export const warmupMethods = {
  'warmup.preview': method({
    summary: 'Generate a schedule and its prechecks without storing anything.',
    input: z.object({ spec: PlanSpec }).strict(),
    output: z.object({ days: z.array(ScheduleDay), prechecks: z.array(Precheck) }),
  }),
  'warmup.create': method({
    summary: 'Store a plan and its schedule.',
    input: z.object({ spec: PlanSpec }).strict(),
    output: Plan,
  }),
  'warmup.list': method({ summary: 'Every stored plan.', input: z.object({}).strict(), output: z.array(Plan) }),
  'warmup.get': method({
    summary: 'A plan with its stored schedule and prechecks.',
    input: PlanRef,
    output: z.object({ plan: Plan, days: z.array(ScheduleDay), prechecks: z.array(Precheck) }),
  }),
  'warmup.delete': method({ summary: 'Delete a plan with its schedule, actuals and imports.', input: PlanRef, output: z.object({ deleted: z.boolean() }) }),
  'warmup.mixFromRecipients': method({
    summary: 'Provider mix (percent) computed from recipient addresses or domains, one per line.',
    input: z.object({ text: z.string().max(50_000_000) }).strict(),
    output: z.object({ mix: ProviderMix, counted: z.number().int(), ignored: z.number().int() }),
  }),
  'warmup.recordActuals': method({
    summary: 'Enter one day\'s results for a provider by hand (replaces imported figures for that day, provider and IP).',
    input: ActualsEntry,
    output: z.object({ saved: z.boolean() }),
  }),
  'warmup.import': method({
    summary: 'Import an ESP event export (a file path or the file\'s text); emits job.progress while it runs.',
    input: z.object({
      planId: z.number().int(),
      format: EspFormat,
      path: z.string().max(4096).optional(),
      text: z.string().max(200_000_000).optional(),
      fileName: z.string().max(255).optional(),
      jobId: z.string().max(64).optional(),
    }).strict(),
    output: ImportSummary,
  }),
  'warmup.status': method({
    summary: 'Decision per provider (not started, advance, hold, step back, pause) with reasons and rates, as of a date (default today in the plan\'s time zone).',
    input: z.object({ planId: z.number().int(), date: IsoDate.optional() }).strict(),
    output: PlanStatus,
  }),
  'warmup.replan': method({
    summary: 'Rewrite the schedule after a date from the actual position of each provider; earlier days stay as history. With dryRun, only shows what would change.',
    input: z.object({ planId: z.number().int(), date: IsoDate.optional(), dryRun: z.boolean().optional() }).strict(),
    output: ReplanResult,
  }),
  'warmup.analytics': method({
    summary: 'Planned vs actual volume and rates per day, provider and IP, with denominators.',
    input: PlanRef,
    output: Analytics,
  }),
  'warmup.export': method({
    summary: 'The schedule as CSV or as an ICS calendar (text to save).',
    input: z.object({ planId: z.number().int(), kind: z.enum(['csv', 'ics']) }).strict(),
    output: z.object({ fileName: z.string(), mediaType: z.string(), text: z.string() }),
  }),
};
