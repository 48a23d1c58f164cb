import type { EspFormat, MetricName } from '../../../../shared/contract/warmup';

/** One event of an ESP export, mapped onto the planner's metrics. */
export interface MappedEvent {
  /** The ESP's event id, or a key built from fields that identify the event when the ESP has none. */
  id: string;
  metric: MetricName;
  /** Epoch milliseconds. */
  time: number;
  recipient: string;
  /** The sending IP when the ESP reports it, else ''. */
  ip: string;
  /** Identifies the message to one recipient, so opens and clicks count once per message. */
  messageKey: string;
}

export interface EventSink {
  event(event: MappedEvent): void;
  /** The record is valid but not counted: the reason is reported with its line. */
  skip(reason: string): void;
}

/** One ESP's export format: how a parsed record (JSON value or CSV row) becomes events. */
export interface EspImporter {
  format: EspFormat;
  label: string;
  map(value: unknown, sink: EventSink): void;
}

export type Json = Record<string, unknown>;
export const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
export const str = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');
/** Unix seconds as a number or a numeric string (CSV), or an ISO date, to epoch ms; NaN when neither. */
export function timeOf(value: unknown): number {
  if (typeof value === 'number') return value * 1000;
  if (typeof value !== 'string' || value === '') return NaN;
  const n = Number(value);
  return Number.isFinite(n) ? n * 1000 : Date.parse(value);
}
export const truthy = (value: unknown): boolean => value === true || value === 'true' || value === '1' || value === 1;
