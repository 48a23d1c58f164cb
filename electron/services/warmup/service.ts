import type { Db } from '../../db/open';
import { AppError } from '../../../shared/contract/errors';
import type {
  Analytics, EspFormat, ImportSummary, Metrics, Plan, PlanSpec, PlanStatus, Precheck, Provider, ReplanResult, ScheduleDay,
} from '../../../shared/contract/warmup';
import { analytics } from './analytics';
import { assertTimeZone, parseDate, todayIn } from './calendar';
import { scheduleCsv, scheduleIcs } from './export';
import { importExport, type ImportProgress, type ImportSource } from './import';
import { prechecks } from './prechecks';
import { replan, scheduleChanges } from './replan';
import { assertMix, generateSchedule } from './schedule';
import { planStatus, providerDays } from './status';
import { WarmupStore } from './store';

/** Checks what the schema cannot: a real date and time zone, a mix of 100%, a custom ramp when asked for. */
export function checkSpec(spec: PlanSpec): PlanSpec {
  atField('startDate', () => parseDate(spec.startDate));
  atField('timeZone', () => assertTimeZone(spec.timeZone));
  atField('mix', () => assertMix(spec.mix));
  if (spec.profile === 'custom' && !spec.custom) {
    throw new AppError('invalid_input', 'The custom risk profile needs its ramp: a start volume, a growth per step and how many days each step is held.', {
      hint: 'Give custom: { start: 100, growth: 1.5, holdDays: 2 }, or pick conservative, moderate or aggressive.',
    });
  }
  return { ...spec, weekdays: [...new Set(spec.weekdays)] };
}

/** A check's refusal tied to the form field it is about, so the wizard marks that field. */
function atField(field: string, check: () => unknown): void {
  try {
    check();
  } catch (error) {
    if (error instanceof AppError) throw new AppError(error.code, error.message, { ...error.details, issues: [{ path: `spec.${field}`, message: error.message }] });
    throw error;
  }
}

/** The warm-up planner over one database: plans, schedules, actuals, decisions, analytics. */
export class WarmupService {
  private readonly store: WarmupStore;

  constructor(private readonly db: Db) {
    this.store = new WarmupStore(db);
  }

  preview(spec: PlanSpec): { days: ScheduleDay[]; prechecks: Precheck[] } {
    const checked = checkSpec(spec);
    const days = generateSchedule(checked);
    return { days, prechecks: prechecks(days, checked.auth, checked.domain) };
  }

  create(spec: PlanSpec): Plan {
    const checked = checkSpec(spec);
    return this.store.createPlan(checked, generateSchedule(checked));
  }

  list(): Plan[] {
    return this.store.listPlans();
  }

  plan(ref: number | string): Plan {
    return typeof ref === 'number' ? this.store.plan(ref) : this.store.planByRef(ref);
  }

  get(planId: number): { plan: Plan; days: ScheduleDay[]; prechecks: Precheck[] } {
    const plan = this.store.plan(planId);
    const days = this.store.schedule(planId);
    return { plan, days, prechecks: prechecks(days, plan.auth, plan.domain) };
  }

  delete(planId: number): boolean {
    return this.store.deletePlan(planId);
  }

  recordActuals(planId: number, date: string, provider: Provider, ip: string, counts: Partial<Metrics>): void {
    parseDate(date);
    this.store.recordManual(planId, date, provider, ip, counts);
  }

  /** Imports an export; days it counted outside the schedule's span are named, so a wrong file or plan shows at once. */
  async import(planId: number, format: EspFormat, source: ImportSource, onProgress?: (progress: ImportProgress) => void): Promise<ImportSummary> {
    const summary = await importExport(this.db.name, this.store.plan(planId), format, source, onProgress);
    const schedule = this.store.schedule(planId);
    const first = schedule[0]?.date;
    const last = schedule.at(-1)?.date;
    return { ...summary, outsidePlan: first === undefined || last === undefined ? summary.days : summary.days.filter((day) => day < first || day > last) };
  }

  status(planId: number, date?: string): PlanStatus {
    const plan = this.store.plan(planId);
    const asOf = date ?? todayIn(plan.timeZone);
    parseDate(asOf);
    return planStatus(plan, this.store.schedule(planId), providerDays(this.store.dayTotals(planId, 'provider', asOf)), asOf);
  }

  /**
   * Rewrites the schedule after `date` (default today) from the actuals; the days up to it
   * stay as they were. With `dryRun` nothing is stored: the caller shows what would change.
   */
  replan(planId: number, date?: string, dryRun = false): ReplanResult {
    const plan = this.store.plan(planId);
    const asOf = date ?? todayIn(plan.timeZone);
    parseDate(asOf);
    const before = this.store.schedule(planId);
    const result = replan(plan, before, providerDays(this.store.dayTotals(planId, 'provider', asOf)), asOf);
    const kept = before.filter((day) => day.date <= asOf);
    const after = [...kept, ...result.days];
    if (!dryRun) this.store.replaceScheduleAfter(planId, asOf, result.days);
    return { asOf, applied: !dryRun, days: after, decisions: result.decisions, changes: scheduleChanges(before, after, asOf) };
  }

  analytics(planId: number): Analytics {
    const plan = this.store.plan(planId);
    return analytics(plan, this.store.schedule(planId), this.store.dayTotals(planId, 'provider'), this.store.dayTotals(planId, 'ip'));
  }

  export(planId: number, kind: 'csv' | 'ics'): { fileName: string; mediaType: string; text: string } {
    const plan = this.store.plan(planId);
    const days = this.store.schedule(planId);
    const base = `warmup-${plan.name.replace(/[^\w.-]+/g, '-').toLowerCase()}`;
    return kind === 'csv'
      ? { fileName: `${base}.csv`, mediaType: 'text/csv', text: scheduleCsv(days) }
      : { fileName: `${base}.ics`, mediaType: 'text/calendar', text: scheduleIcs(plan, days) };
  }
}
