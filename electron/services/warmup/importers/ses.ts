import type { MetricName } from '../../../../shared/contract/warmup';
import { looksLikeAppleMpp } from '../machine-open';
import { type EspImporter, type EventSink, isObject, type Json, str, timeOf } from './types';

/**
 * Amazon SES event publishing (SES developer guide "Contents of event data that Amazon
 * SES publishes"): JSON records with `eventType` (Send, Delivery, Bounce, Complaint,
 * Open, Click, Reject, Rendering Failure, DeliveryDelay, Subscription) and a `mail`
 * object (`messageId`, `timestamp`, `destination`, `tags`). Firehose writes one record
 * per line; SNS wraps it in `{ Type, Message: "<json>" }`, EventBridge in `{ detail }`.
 * A record can name several recipients (delivery.recipients, bounce.bouncedRecipients);
 * each becomes one event. SES has no event id: the key is messageId, type, recipient
 * and the event's time (or the bounce/complaint feedbackId). The sending IP comes from
 * the `ses:outgoing-ip` auto-tag when present. Bounces: Permanent and Undetermined are
 * hard bounces; Transient ContentRejected/AttachmentRejected are blocks, other
 * Transient ones (mailbox full, general) deferrals.
 */
function unwrap(value: unknown): Json | undefined {
  if (!isObject(value)) return undefined;
  if (typeof value.Message === 'string') {
    try {
      return unwrap(JSON.parse(value.Message));
    } catch {
      return undefined;
    }
  }
  if (isObject(value.detail) && isObject(value.detail.mail)) return value.detail;
  return value;
}

const emails = (list: unknown, field?: string): string[] =>
  Array.isArray(list) ? list.map((item) => (field && isObject(item) ? str(item[field]) : str(item))).filter(Boolean) : [];

function bounceMetric(bounce: Json): MetricName {
  const type = str(bounce.bounceType);
  if (type !== 'Transient') return 'hardBounce';
  const sub = str(bounce.bounceSubType);
  return sub === 'ContentRejected' || sub === 'AttachmentRejected' ? 'block' : 'deferral';
}

function emit(sink: EventSink, mail: Json, type: string, metric: MetricName, recipients: string[], at: string, feedbackId = ''): void {
  const time = timeOf(at);
  if (!Number.isFinite(time) || recipients.length === 0) return sink.skip(`SES ${type} event without a valid timestamp or recipient`);
  const messageId = str(mail.messageId);
  const tags = isObject(mail.tags) ? mail.tags : {};
  const ip = emails(tags['ses:outgoing-ip'])[0] ?? '';
  for (const recipient of recipients) {
    sink.event({
      id: feedbackId ? `${feedbackId}:${recipient}` : `${messageId}:${type}:${recipient}:${at}`,
      metric,
      time,
      recipient,
      ip,
      messageKey: `${messageId}|${recipient}`,
    });
  }
}

export const ses: EspImporter = {
  format: 'ses',
  label: 'Amazon SES',
  map(value, sink) {
    const e = unwrap(value);
    if (!e) return sink.skip('not an Amazon SES event object');
    const type = str(e.eventType ?? e.notificationType);
    const mail = isObject(e.mail) ? e.mail : undefined;
    if (!type || !mail || !str(mail.messageId)) return sink.skip('not an Amazon SES event (no eventType or mail.messageId)');
    const destination = emails(mail.destination);
    const part = (name: string): Json => (isObject(e[name]) ? (e[name] as Json) : {});
    switch (type) {
      case 'Send': return emit(sink, mail, type, 'sent', destination, str(mail.timestamp));
      case 'Delivery': return emit(sink, mail, type, 'delivered', emails(part('delivery').recipients), str(part('delivery').timestamp));
      case 'Bounce': {
        const b = part('bounce');
        return emit(sink, mail, type, bounceMetric(b), emails(b.bouncedRecipients, 'emailAddress'), str(b.timestamp), str(b.feedbackId));
      }
      case 'Complaint': {
        const c = part('complaint');
        return emit(sink, mail, type, 'complaint', emails(c.complainedRecipients, 'emailAddress'), str(c.timestamp), str(c.feedbackId));
      }
      case 'DeliveryDelay': {
        const d = part('deliveryDelay');
        return emit(sink, mail, type, 'deferral', emails(d.delayedRecipients, 'emailAddress'), str(d.timestamp));
      }
      // Opens, clicks and unsubscribes name no recipient: SES attributes them to the message, so the first destination.
      case 'Open': {
        const o = part('open');
        return emit(sink, mail, type, looksLikeAppleMpp(o.userAgent, o.ipAddress) ? 'openMachine' : 'openHuman', destination.slice(0, 1), str(o.timestamp));
      }
      case 'Click': return emit(sink, mail, type, 'click', destination.slice(0, 1), str(part('click').timestamp));
      case 'Subscription': return emit(sink, mail, type, 'unsubscribe', destination.slice(0, 1), str(part('subscription').timestamp));
      case 'Reject': return sink.skip('rejected by SES (never sent)');
      case 'Rendering Failure': return sink.skip('SES template rendering failure (never sent)');
      default: return sink.skip(`SES event type "${type}" is not a warm-up metric`);
    }
  },
};
