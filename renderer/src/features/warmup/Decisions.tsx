import type { PlanStatus } from '../../../../shared/contract/warmup';
import { decisionLook, providerLabel } from './format';

const pct = (v: number | null) => (v === null ? '–' : `${(v * 100).toFixed(v < 0.01 ? 2 : 1)}%`);

/** Today's decision per provider, each with why. */
export function Decisions({ status }: { status: PlanStatus }) {
  return (
    <ul className="wu-decisions" aria-label={`Decisions for ${status.date}`}>
      {status.providers.map((p) => {
        const look = decisionLook[p.decision];
        return (
          <li key={p.provider} className={`wu-decision wu-${p.decision}`} data-testid={`decision-${p.provider}`}>
            <strong>{providerLabel[p.provider]}</strong>{' '}
            <span className="wu-badge"><span aria-hidden="true">{look.icon}</span> {look.label}</span>
            <span className="wu-rates">
              delivered {pct(p.rates.delivery)} · hard bounces {pct(p.rates.hardBounce)} · complaints {pct(p.rates.complaint)} · deferrals {pct(p.rates.deferral)} · of plan {pct(p.rates.volume)}
            </span>
            <ul>{p.reasons.map((r) => <li key={r}>{r}</li>)}</ul>
          </li>
        );
      })}
    </ul>
  );
}
