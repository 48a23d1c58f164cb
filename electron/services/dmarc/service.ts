import type { ImportResult, Summary, SummaryQuery, WhatIf } from '../../../shared/contract/dmarc';
import type { Db } from '../../db/open';
import { fetchFromImap, type ImapFolder } from './imap';
import { DmarcImporter, type ImportProgress, type ImportSource } from './import';
import { lookUpPtrs } from './ptr';
import { serviceOf } from './senders';
import { listFailures, seedJoin } from './joins';
import { DmarcStore } from './store';
import { summarize, tlsTotals, whatIf } from './summary';

/** The DMARC feature over one database: import, summaries, what-if and joined views. */
export class DmarcService {
  private readonly importer: DmarcImporter;

  constructor(private readonly db: Db) {
    this.importer = new DmarcImporter(new DmarcStore(db));
  }

  importPaths(inputs: readonly string[], cwd: string, onProgress?: (p: ImportProgress) => void): Promise<ImportResult> {
    return this.importer.importPaths(inputs, cwd, onProgress);
  }

  importSources(sources: Iterable<ImportSource>, onProgress?: (p: ImportProgress) => void): Promise<ImportResult> {
    return this.importer.importSources(sources, onProgress);
  }

  /** Imports the report mail of an IMAP folder that earlier fetches have not read. */
  fetchImap(folder: ImapFolder, onProgress?: (p: ImportProgress) => void) {
    return fetchFromImap(this.db, this.importer, folder, onProgress);
  }

  summary(query: SummaryQuery): Summary {
    return summarize(this.db, query);
  }

  /** The summary with each source's PTR name looked up (on the network), and its service found by that name when its range is not in the table. */
  async summaryWithPtr(query: SummaryQuery, servers?: readonly string[]): Promise<Summary> {
    const summary = summarize(this.db, query);
    const sources = summary.domains.flatMap((d) => d.sources).sort((a, b) => b.messages - a.messages);
    const names = await lookUpPtrs(sources.map((s) => s.ip), servers);
    for (const source of sources) {
      const ptr = names.get(source.ip);
      if (!ptr) continue;
      source.ptr = ptr;
      source.service ??= serviceOf(source.ip, ptr);
    }
    return summary;
  }

  whatIf(domain: string, policy: WhatIf['policy']): WhatIf {
    return whatIf(this.db, domain, policy);
  }

  failures(domain: string | undefined, limit: number) {
    return { failures: listFailures(this.db, domain, limit) };
  }

  tls(since?: string, until?: string) {
    return tlsTotals(this.db, since, until);
  }

  seedJoin(domain: string) {
    return seedJoin(this.db, domain);
  }
}
