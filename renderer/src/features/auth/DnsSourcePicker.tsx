import type { DnsSource } from '../../../../shared/contract/auth';
import { ChoiceGroup } from '../../ui/ChoiceGroup';

import type { DnsChoice } from '../../state/dns';

export type DnsMode = DnsSource['mode'];
export { type DnsChoice, dnsSource } from '../../state/dns';

/** Where a check's DNS answers come from; the offline zone is the one in the Zone tab. */
export function DnsSourcePicker({ value, onChange, zoneRecords }: { value: DnsChoice; onChange(next: DnsChoice): void; zoneRecords: number }) {
  return (
    <fieldset className="auth-fieldset">
      <legend>DNS answers from</legend>
      <ChoiceGroup<DnsMode>
        label="DNS answers from"
        value={value.mode}
        onChange={(mode) => onChange({ ...value, mode })}
        choices={[
          { value: 'system', label: 'System DNS', description: 'What the internet sees now.' },
          { value: 'server', label: 'A given server', description: 'An authoritative or test server, ip[:port].' },
          { value: 'zone', label: 'Offline zone', description: `Only the records in the Zone tab (${zoneRecords} now): check before you publish.` },
          { value: 'layered', label: 'Zone over real DNS', description: 'Zone names from the Zone tab, everything else from DNS.' },
        ]}
      />
      {(value.mode === 'server' || value.mode === 'layered') && (
        <label className="auth-field">
          <span>DNS server{value.mode === 'layered' ? ' (empty: system DNS)' : ''}</span>
          <input className="mono" value={value.server} placeholder="127.0.0.1:5353" onChange={(event) => onChange({ ...value, server: event.target.value })} />
        </label>
      )}
    </fieldset>
  );
}
