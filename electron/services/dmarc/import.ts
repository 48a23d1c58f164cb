import { basename, relative, sep } from 'node:path';
import type { ImportedReport, ImportResult } from '../../../shared/contract/dmarc';
import { AppError } from '../../../shared/contract/errors';
import { expandInputs, readReportBytes } from './files';
import { reportBegin, reportDomain, reportEnd, reportMessages, reportRecords } from './model';
import { readReportFile } from './read';
import { DmarcStore, isoOf } from './store';

export interface ImportProgress {
  files: number;
  imported: number;
  duplicates: number;
  refused: number;
  current: string;
}

/** A file on disk (`name` is how results show it) or bytes that arrived with a name. */
export type ImportSource = { path: string; name: string } | { name: string; bytes: Uint8Array };

/** Refusals carry a sentence and what to do; anything else is a bug and is not swallowed. */
function reasonOf(error: unknown): string {
  if (error instanceof AppError) return error.details.hint ? `${error.message} ${error.details.hint}` : error.message;
  throw error;
}

/**
 * Imports report files one by one: read, parse, store in one transaction per file. Only one
 * file's bytes are held at a time, so a folder of thousands costs the memory of its largest
 * file; between files the event loop runs (progress events, other calls).
 */
export class DmarcImporter {
  private readonly store: DmarcStore;

  constructor(store: DmarcStore) {
    this.store = store;
  }

  async importSources(sources: AsyncIterable<ImportSource> | Iterable<ImportSource>, onProgress: (p: ImportProgress) => void = () => {}): Promise<ImportResult> {
    const result: ImportResult = { imported: [], duplicates: [], refused: [] };
    const progress: ImportProgress = { files: 0, imported: 0, duplicates: 0, refused: 0, current: '' };
    let lastReport = 0;
    for await (const source of sources) {
      const file = source.name;
      progress.files++;
      progress.current = file;
      this.importOne(file, result, await bytesOf(source, file, result));
      progress.imported = result.imported.length;
      progress.duplicates = result.duplicates.length;
      progress.refused = result.refused.length;
      if (performance.now() - lastReport > 100) {
        lastReport = performance.now();
        onProgress(progress);
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    onProgress(progress);
    return result;
  }

  /** Expands files, folders and globs (relative to cwd), then imports what they name. */
  importPaths(inputs: readonly string[], cwd: string, onProgress?: (p: ImportProgress) => void): Promise<ImportResult> {
    const refusedNames: ImportResult['refused'] = [];
    async function* sources(): AsyncGenerator<ImportSource> {
      for await (const found of expandInputs(inputs, cwd)) {
        if ('refused' in found) refusedNames.push({ file: found.path, reason: found.refused });
        // Shown as typed: relative to the working folder when it is inside it.
        else yield { path: found.path, name: found.path.startsWith(cwd + sep) ? relative(cwd, found.path) : found.path };
      }
    }
    return this.importSources(sources(), onProgress).then((result) => ({ ...result, refused: [...refusedNames, ...result.refused] }));
  }

  private importOne(file: string, result: ImportResult, bytes: Uint8Array | undefined): void {
    if (!bytes) return;
    let outcomes;
    try {
      outcomes = this.store.insertFile(basename(file), readReportFile(file, bytes));
    } catch (error) {
      result.refused.push({ file, reason: reasonOf(error) });
      return;
    }
    for (const { report, status } of outcomes) {
      if (status === 'duplicate') {
        result.duplicates.push({ file, reportId: report.reportId, kind: report.kind, orgName: report.orgName });
        continue;
      }
      const entry: ImportedReport = {
        file, kind: report.kind, reportId: report.reportId, orgName: report.orgName, domain: reportDomain(report),
        begin: isoOf(reportBegin(report)), end: isoOf(reportEnd(report)), records: reportRecords(report), messages: reportMessages(report), warnings: report.warnings,
      };
      result.imported.push(entry);
    }
  }
}

async function bytesOf(source: ImportSource, file: string, result: ImportResult): Promise<Uint8Array | undefined> {
  if (!('path' in source)) return source.bytes;
  try {
    return await readReportBytes(source.path);
  } catch (error) {
    result.refused.push({ file, reason: reasonOf(error) });
    return undefined;
  }
}
