import type { MetricName } from '../../../../shared/contract/warmup';
import { looksLikeAppleMpp } from '../machine-open';
import { type EspImporter, isObject, str, timeOf, truthy } from './types';

/**
 * SendGrid Event Webhook (Twilio docs "Event Webhook Reference"): a JSON array of
 * events, each with `sg_event_id`, `event`, `email`, `timestamp` (unix seconds),
 * `sg_message_id`, and `ip` (the sending IP on delivery events, the reader's on
 * engagement events). Bounces carry `type: bounce | blocked`; opens carry
 * `sg_machine_open`. CSV exports use the same field names as columns.
 */
const deliveryMetrics: Record<string, MetricName> = { processed: 'sent', delivered: 'delivered', deferred: 'deferral', spamreport: 'complaint', click: 'click', unsubscribe: 'unsubscribe', group_unsubscribe: 'unsubscribe' };
const sendingIpEvents = new Set(['processed', 'delivered', 'deferred', 'bounce']);

/** `sg_message_id` is the message's id, a dot, and the id of the filter that sent it: the message is what counts once. */
function messageIdOf(sgMessageId: string): string {
  const dot = sgMessageId.indexOf('.');
  return dot === -1 ? sgMessageId : sgMessageId.slice(0, dot);
}

export const sendgrid: EspImporter = {
  format: 'sendgrid',
  label: 'SendGrid',
  map(value, sink) {
    if (!isObject(value)) return sink.skip('not a SendGrid event object');
    const kind = str(value.event);
    const id = str(value.sg_event_id);
    if (!kind || !id) return sink.skip('not a SendGrid event (no event or sg_event_id)');
    const time = timeOf(value.timestamp);
    const recipient = str(value.email);
    if (!Number.isFinite(time) || !recipient) return sink.skip('SendGrid event without a valid timestamp or email');
    let metric: MetricName | undefined = deliveryMetrics[kind];
    if (kind === 'bounce') metric = str(value.type) === 'blocked' ? 'block' : 'hardBounce';
    else if (kind === 'open') metric = truthy(value.sg_machine_open) || looksLikeAppleMpp(value.useragent, value.ip) ? 'openMachine' : 'openHuman';
    else if (kind === 'dropped') return sink.skip('dropped by SendGrid (never sent)');
    if (!metric) return sink.skip(`SendGrid event "${kind}" is not a warm-up metric`);
    sink.event({
      id,
      metric,
      time,
      recipient,
      ip: sendingIpEvents.has(kind) ? str(value.ip) : '',
      messageKey: `${messageIdOf(str(value.sg_message_id))}|${recipient}`,
    });
  },
};
