import type { FuzzTarget } from './target';
import { clientPreviewTarget } from './targets/client-preview';
import { dmarcArchiveTarget } from './targets/dmarc-archive';
import { dmarcArfTarget } from './targets/dmarc-arf';
import { dmarcTlsTarget } from './targets/dmarc-tls';
import { dmarcXmlTarget } from './targets/dmarc-xml';
import { dnsRecordsTarget } from './targets/dns-records';
import { emlTarget } from './targets/eml';
import { espImportTarget } from './targets/esp-import';
import { lintConfigTarget } from './targets/lint-config';
import { lintHtmlTarget } from './targets/lint-html';
import { mjmlTarget } from './targets/mjml';
import { seedCsvTarget } from './targets/seed-csv';
import { zoneTarget } from './targets/zone';

/**
 * Every parser of the app that reads what a person (or an ESP) hands it. A parser
 * added to the app adds its target here; `npm run fuzz` runs them all in worker
 * threads with a watchdog, and test/security/fuzz.test.ts runs a slice of each in `npm test`.
 */
export const fuzzTargets = [zoneTarget, dnsRecordsTarget, emlTarget, seedCsvTarget, espImportTarget, lintConfigTarget, lintHtmlTarget, mjmlTarget, dmarcXmlTarget, dmarcArfTarget, dmarcTlsTarget, dmarcArchiveTarget, clientPreviewTarget] as unknown as readonly FuzzTarget<never>[];
