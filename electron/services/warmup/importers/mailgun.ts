import type { MetricName } from '../../../../shared/contract/warmup';
import { looksLikeAppleMpp } from '../machine-open';
import { type EspImporter, type EventSink, isObject, type Json, str, timeOf } from './types';

/**
 * Mailgun events (docs "Event Types", "Webhook Payloads"): a webhook body wraps one
 * event as `{ signature, "event-data": {...} }`; the Events API returns pages
 * `{ items: [...], paging }`; NDJSON logs hold bare event-data. Each has `id`, `event`
 * (accepted, delivered, failed, opened, clicked, unsubscribed, complained, rejected),
 * `timestamp` (unix seconds), `recipient`, `envelope.sending-ip`, and on failures
 * `severity` (permanent | temporary) and `reason`. No documented machine-open flag:
 * opens use the Apple MPP heuristic on `client-info.user-agent` and `ip`.
 */
const simple: Record<string, MetricName> = { accepted: 'sent', delivered: 'delivered', clicked: 'click', unsubscribed: 'unsubscribe', complained: 'complaint' };

function mapOne(e: Json, sink: EventSink): void {
  const kind = str(e.event);
  const id = str(e.id);
  if (!kind || !id) return sink.skip('not a Mailgun event (no event or id)');
  const time = timeOf(e.timestamp);
  const recipient = str(e.recipient);
  if (!Number.isFinite(time) || !recipient) return sink.skip('Mailgun event without a valid timestamp or recipient');
  const reason = str(e.reason);
  let metric: MetricName | undefined = simple[kind];
  if (kind === 'failed') {
    if (str(e.severity) === 'temporary') metric = 'deferral';
    else if (reason.startsWith('suppress-')) return sink.skip('suppressed by Mailgun (never sent)');
    else metric = reason === 'espblock' ? 'block' : 'hardBounce';
  } else if (kind === 'opened') {
    const client = isObject(e['client-info']) ? e['client-info'] : {};
    metric = looksLikeAppleMpp(client['user-agent'], e.ip) ? 'openMachine' : 'openHuman';
  } else if (kind === 'rejected') return sink.skip('rejected by Mailgun (never sent)');
  if (!metric) return sink.skip(`Mailgun event "${kind}" is not a warm-up metric`);
  const envelope = isObject(e.envelope) ? e.envelope : {};
  const message = isObject(e.message) && isObject(e.message.headers) ? e.message.headers : {};
  sink.event({ id, metric, time, recipient, ip: str(envelope['sending-ip']), messageKey: `${str(message['message-id'])}|${recipient}` });
}

export const mailgun: EspImporter = {
  format: 'mailgun',
  label: 'Mailgun',
  map(value, sink) {
    if (!isObject(value)) return sink.skip('not a Mailgun event object');
    if (Array.isArray(value.items)) {
      for (const item of value.items) {
        if (isObject(item)) mapOne(item, sink);
        else sink.skip('not a Mailgun event object');
      }
      return;
    }
    mapOne(isObject(value['event-data']) ? value['event-data'] : value, sink);
  },
};
