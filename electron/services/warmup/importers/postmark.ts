import type { MetricName } from '../../../../shared/contract/warmup';
import { looksLikeAppleMpp } from '../machine-open';
import { type EspImporter, isObject, type Json, str, timeOf } from './types';

/**
 * Postmark webhooks (developer docs "Webhooks"): one JSON object per event with
 * `RecordType` Delivery, Bounce, SpamComplaint, Open, Click or SubscriptionChange and
 * `MessageID`. Bounces have a numeric `ID` and a `Type` (HardBounce, SoftBounce,
 * Transient, Blocked, DnsError, ...). Postmark has no event id for the other record
 * types, so the key is RecordType, MessageID, recipient and the event's own time.
 * Postmark does not report the sending IP; opens carry `UserAgent` and `Geo.IP` but no
 * machine-open flag, so the Apple MPP heuristic applies.
 */
const bounceTypes: Record<string, MetricName> = {
  HardBounce: 'hardBounce', BadEmailAddress: 'hardBounce', ManuallyDeactivated: 'hardBounce', Unknown: 'hardBounce',
  Blocked: 'block', SpamNotification: 'block', DMARCPolicy: 'block', ChallengeVerification: 'block',
  SoftBounce: 'deferral', Transient: 'deferral', DnsError: 'deferral',
};

function timeField(e: Json): string {
  return str(e.DeliveredAt ?? e.BouncedAt ?? e.ReceivedAt ?? e.ChangedAt);
}

export const postmark: EspImporter = {
  format: 'postmark',
  label: 'Postmark',
  map(e, sink) {
    if (!isObject(e)) return sink.skip('not a Postmark webhook object');
    const record = str(e.RecordType);
    const messageId = str(e.MessageID);
    if (!record || !messageId) return sink.skip('not a Postmark webhook (no RecordType or MessageID)');
    const recipient = str(e.Recipient ?? e.Email);
    const at = timeField(e);
    const time = timeOf(at);
    if (!Number.isFinite(time) || !recipient) return sink.skip('Postmark event without a valid time or recipient');
    let metric: MetricName | undefined;
    switch (record) {
      case 'Delivery': metric = 'delivered'; break;
      case 'SpamComplaint': metric = 'complaint'; break;
      case 'Click': metric = 'click'; break;
      case 'Open': {
        const geo = isObject(e.Geo) ? e.Geo : {};
        metric = looksLikeAppleMpp(e.UserAgent, geo.IP) ? 'openMachine' : 'openHuman';
        break;
      }
      case 'Bounce':
        metric = bounceTypes[str(e.Type)];
        if (!metric) return sink.skip(`Postmark bounce of type ${str(e.Type) || '(none)'} is not a delivery outcome`);
        break;
      case 'SubscriptionChange':
        if (e.SuppressSending !== true && e.SuppressSending !== 'true') return sink.skip('Postmark resubscription');
        if (str(e.SuppressionReason) !== 'ManualSuppression') return sink.skip('Postmark suppression after a bounce or complaint (already counted)');
        metric = 'unsubscribe';
        break;
      default:
        return sink.skip(`Postmark record type "${record}" is not a warm-up metric`);
    }
    const id = record === 'Bounce' && e.ID !== undefined ? `bounce:${str(e.ID)}` : `${record}:${messageId}:${recipient}:${at}`;
    sink.event({ id, metric, time, recipient, ip: '', messageKey: `${messageId}|${recipient}` });
  },
};
