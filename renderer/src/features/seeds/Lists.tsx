import { useEffect, useState } from 'react';
import type { AppError } from '../../../../shared/contract/errors';
import { ProviderName, type Seed, type SeedList } from '../../../../shared/contract/seeds';
import { client } from '../../platform/index';
import { Button } from '../../ui/Button';
import { EmptyState } from '../../ui/EmptyState';
import { download, ErrorNote } from './parts';

type DraftSeed = Seed & { imapPassword?: string };

const blankSeed = (): DraftSeed => ({ address: '', provider: 'other', tags: [] });

/** Seed lists: pick, import a CSV, edit addresses and IMAP access (passwords go to the secret store), export. */
export function Lists({ lists, reload }: { lists: SeedList[]; reload: () => void }) {
  const [selected, setSelected] = useState(lists[0]?.id ?? '');
  const current = lists.find((list) => list.id === selected);
  const [name, setName] = useState('');
  const [seeds, setSeeds] = useState<DraftSeed[]>([]);
  const [error, setError] = useState<AppError>();
  const [saved, setSaved] = useState('');

  useEffect(() => {
    setName(current?.name ?? '');
    setSeeds(current ? current.seeds.map((seed) => ({ ...seed })) : []);
  }, [current]);

  const importFile = async (file: File) => {
    setError(undefined);
    try {
      const list = await client.call('seeds.importCsv', { name: file.name.replace(/\.csv$/i, ''), csv: await file.text(), file: file.name });
      setSelected(list.id);
      setSaved(`Imported ${list.seeds.length} seeds from ${file.name}.`);
      reload();
    } catch (failure) {
      setError(failure as AppError);
    }
  };

  const save = async () => {
    setError(undefined);
    try {
      const list = await client.call('seeds.saveList', {
        ...(current ? { id: current.id } : {}),
        name,
        seeds: seeds.map(({ hasPassword: _has, imapPassword, ...seed }) => ({ ...seed, ...(imapPassword ? { imapPassword } : {}) })),
      });
      setSelected(list.id);
      setSaved(`Saved ${list.name} (${list.seeds.length} seeds).`);
      reload();
    } catch (failure) {
      setError(failure as AppError);
    }
  };

  const update = (index: number, patch: Partial<DraftSeed>) => setSeeds((all) => all.map((seed, i) => (i === index ? { ...seed, ...patch } : seed)));

  return (
    <div className="seeds-section">
      <div className="seeds-toolbar">
        <label>
          Seed list{' '}
          <select value={selected} onChange={(event) => setSelected(event.target.value)}>
            <option value="">New list…</option>
            {lists.map((list) => (
              <option key={list.id} value={list.id}>
                {list.name} ({list.seeds.length})
              </option>
            ))}
          </select>
        </label>
        <label className="btn">
          Import CSV…
          <input type="file" accept=".csv,text/csv" className="visually-hidden" onChange={(event) => event.target.files?.[0] && void importFile(event.target.files[0])} />
        </label>
        {current && (
          <Button onClick={() => void client.call('seeds.exportCsv', { id: current.id }).then(({ csv }) => download(`${current.name}.csv`, csv, 'text/csv'))}>Export CSV</Button>
        )}
        {current && (
          <Button variant="ghost" onClick={() => void client.call('seeds.deleteList', { id: current.id }).then(() => { setSelected(''); reload(); })}>
            Delete list
          </Button>
        )}
      </div>
      <ErrorNote error={error} />
      {saved && <p role="status">{saved}</p>}
      {!current && lists.length === 0 && seeds.length === 0 ? (
        <EmptyState title="No seed lists yet" action={<Button variant="primary" onClick={() => setSeeds([blankSeed()])}>Add a seed</Button>}>
          Import a CSV with an address column (and IMAP columns for placement), or add your seed mailboxes by hand.
        </EmptyState>
      ) : (
        <>
          <label className="seeds-field">
            Name <input value={name} onChange={(event) => setName(event.target.value)} required />
          </label>
          <table className="seeds-table" aria-label="Seeds">
            <thead>
              <tr><th>Address</th><th>Provider</th><th>IMAP host</th><th>Port</th><th>TLS</th><th>IMAP user</th><th>IMAP password</th><th /></tr>
            </thead>
            <tbody>
              {seeds.map((seed, index) => (
                <tr key={index}>
                  <td><input aria-label="Address" value={seed.address} onChange={(event) => update(index, { address: event.target.value })} /></td>
                  <td>
                    <select aria-label="Provider" value={seed.provider} onChange={(event) => update(index, { provider: event.target.value as Seed['provider'] })}>
                      {ProviderName.options.map((provider) => <option key={provider}>{provider}</option>)}
                    </select>
                  </td>
                  <td><input aria-label="IMAP host" value={seed.imap?.host ?? ''} onChange={(event) => update(index, { imap: event.target.value ? { host: event.target.value, port: seed.imap?.port ?? 993, tls: seed.imap?.tls ?? true, user: seed.imap?.user ?? seed.address } : undefined })} /></td>
                  <td><input aria-label="IMAP port" type="number" className="seeds-narrow" value={seed.imap?.port ?? ''} disabled={!seed.imap} onChange={(event) => seed.imap && update(index, { imap: { ...seed.imap, port: Number(event.target.value) } })} /></td>
                  <td><input aria-label="IMAP TLS" type="checkbox" checked={seed.imap?.tls ?? false} disabled={!seed.imap} onChange={(event) => seed.imap && update(index, { imap: { ...seed.imap, tls: event.target.checked } })} /></td>
                  <td><input aria-label="IMAP user" value={seed.imap?.user ?? ''} disabled={!seed.imap} onChange={(event) => seed.imap && update(index, { imap: { ...seed.imap, user: event.target.value } })} /></td>
                  <td><input aria-label="IMAP password" type="password" autoComplete="off" placeholder={seed.hasPassword ? 'stored' : ''} value={seed.imapPassword ?? ''} disabled={!seed.imap} onChange={(event) => update(index, { imapPassword: event.target.value })} /></td>
                  <td><Button variant="ghost" aria-label={`Remove ${seed.address || 'seed'}`} onClick={() => setSeeds((all) => all.filter((_, i) => i !== index))}>✕</Button></td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="seeds-toolbar">
            <Button onClick={() => setSeeds((all) => [...all, blankSeed()])}>Add seed</Button>
            <Button variant="primary" onClick={() => void save()} disabled={!name.trim()}>Save list</Button>
          </div>
        </>
      )}
    </div>
  );
}
