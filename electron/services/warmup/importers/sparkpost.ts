import type { MetricName } from '../../../../shared/contract/warmup';
import { looksLikeAppleMpp } from '../machine-open';
import { type EspImporter, type EventSink, isObject, type Json, str, timeOf } from './types';

/**
 * SparkPost (Bird) events: webhook batches are arrays of `{ msys: { message_event |
 * track_event | unsubscribe_event | gen_event: {...} } }`; the Events API returns
 * `{ results: [...] }` with flat events; NDJSON and CSV exports hold flat events. Each
 * has `event_id`, `type`, `timestamp` (unix seconds or ISO), `rcpt_to`, `message_id`,
 * `sending_ip`; opens have `user_agent` and `ip_address` (no machine-open flag, so the
 * Apple MPP heuristic applies). Bounces are classified by `bounce_class` (SparkPost
 * "Bounce Classification Codes"): 10, 30 hard; 50-54 blocks; 20-24, 40, 70, 100 soft
 * (deferral); 25 admin failure (never sent); 60 auto-reply, 80 subscribe ignored; 90
 * unsubscribe.
 */
const types: Record<string, MetricName> = {
  injection: 'sent', delivery: 'delivered', delay: 'deferral', spam_complaint: 'complaint',
  click: 'click', amp_click: 'click', list_unsubscribe: 'unsubscribe', link_unsubscribe: 'unsubscribe',
};
const opens = new Set(['open', 'initial_open', 'amp_open', 'amp_initial_open']);
const notSent = new Set(['policy_rejection', 'generation_failure', 'generation_rejection']);

function bounceMetric(bounceClass: number): MetricName | string {
  if (bounceClass === 10 || bounceClass === 30) return 'hardBounce';
  if (bounceClass >= 50 && bounceClass <= 54) return 'block';
  if ([20, 21, 22, 23, 24, 40, 70, 100].includes(bounceClass)) return 'deferral';
  if (bounceClass === 90) return 'unsubscribe';
  if (bounceClass === 25) return 'admin failure bounce (never sent)';
  return `bounce class ${bounceClass || '(none)'} is not a delivery outcome`;
}

function mapOne(e: Json, sink: EventSink): void {
  const type = str(e.type);
  const id = str(e.event_id);
  if (!type || !id) return sink.skip('not a SparkPost event (no type or event_id)');
  const time = timeOf(e.timestamp);
  const recipient = str(e.rcpt_to ?? e.raw_rcpt_to);
  if (!Number.isFinite(time) || !recipient) return sink.skip('SparkPost event without a valid timestamp or rcpt_to');
  let metric: MetricName | undefined = types[type];
  if (type === 'bounce' || type === 'out_of_band') {
    const classified = bounceMetric(Number(str(e.bounce_class)));
    if (!['hardBounce', 'block', 'deferral', 'unsubscribe'].includes(classified)) return sink.skip(`SparkPost ${classified}`);
    metric = classified as MetricName;
  } else if (opens.has(type)) metric = looksLikeAppleMpp(e.user_agent, e.ip_address) ? 'openMachine' : 'openHuman';
  else if (notSent.has(type)) return sink.skip(`SparkPost ${type.replace('_', ' ')} (never sent)`);
  if (!metric) return sink.skip(`SparkPost event "${type}" is not a warm-up metric`);
  sink.event({ id, metric, time, recipient, ip: str(e.sending_ip), messageKey: `${str(e.message_id)}|${recipient}` });
}

export const sparkpost: EspImporter = {
  format: 'sparkpost',
  label: 'SparkPost',
  map(value, sink) {
    if (!isObject(value)) return sink.skip('not a SparkPost event object');
    if (Array.isArray(value.results)) {
      for (const item of value.results) {
        if (isObject(item)) mapOne(item, sink);
        else sink.skip('not a SparkPost event object');
      }
      return;
    }
    if (isObject(value.msys)) {
      const inner = Object.values(value.msys).find(isObject);
      return inner ? mapOne(inner, sink) : sink.skip('SparkPost msys wrapper without an event');
    }
    mapOne(value, sink);
  },
};
