import type { Migration } from './index';

/**
 * DMARC aggregate, failure and SMTP TLS reports. One row per report in dmarc_reports; the
 * unique (kind, org_name, report_id) is the dedupe, so importing a file twice adds nothing.
 * Aggregate rows keep the report's domain and day beside each record, so the summaries per
 * domain and day read one table through one index.
 */
export const dmarc: Migration = {
  version: 7,
  name: 'dmarc',
  up(db) {
    db.exec(`
      CREATE TABLE dmarc_reports (
        id            INTEGER PRIMARY KEY,
        kind          TEXT NOT NULL CHECK (kind IN ('aggregate', 'failure', 'tls')),
        org_name      TEXT NOT NULL,
        report_id     TEXT NOT NULL,
        domain        TEXT NOT NULL,
        begin_at      INTEGER NOT NULL,
        end_at        INTEGER NOT NULL,
        email         TEXT NOT NULL DEFAULT '',
        policy_json   TEXT,
        file          TEXT NOT NULL,
        records       INTEGER NOT NULL,
        messages      INTEGER NOT NULL,
        warnings_json TEXT NOT NULL DEFAULT '[]',
        imported_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        UNIQUE (kind, org_name, report_id)
      ) STRICT;

      CREATE TABLE dmarc_records (
        report_id     INTEGER NOT NULL REFERENCES dmarc_reports(id) ON DELETE CASCADE,
        seq           INTEGER NOT NULL,
        domain        TEXT NOT NULL,
        day           TEXT NOT NULL,
        source_ip     TEXT NOT NULL,
        count         INTEGER NOT NULL,
        disposition   TEXT NOT NULL,
        dkim_aligned  INTEGER NOT NULL,
        spf_aligned   INTEGER NOT NULL,
        header_from   TEXT NOT NULL,
        envelope_from TEXT NOT NULL,
        envelope_to   TEXT NOT NULL,
        reasons_json  TEXT,
        auth_json     TEXT,
        PRIMARY KEY (report_id, seq)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX dmarc_records_domain_day ON dmarc_records (domain, day);
      CREATE INDEX dmarc_records_ip ON dmarc_records (source_ip);

      CREATE TABLE dmarc_failures (
        report_id          INTEGER PRIMARY KEY REFERENCES dmarc_reports(id) ON DELETE CASCADE,
        source_ip          TEXT NOT NULL,
        feedback_type      TEXT NOT NULL,
        auth_failure       TEXT NOT NULL,
        delivery_result    TEXT NOT NULL,
        original_mail_from TEXT NOT NULL,
        original_rcpt_to   TEXT NOT NULL,
        subject            TEXT NOT NULL,
        auth_results       TEXT NOT NULL,
        headers            TEXT NOT NULL,
        arf                INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE dmarc_tls_policies (
        report_id     INTEGER NOT NULL REFERENCES dmarc_reports(id) ON DELETE CASCADE,
        seq           INTEGER NOT NULL,
        policy_type   TEXT NOT NULL,
        policy_domain TEXT NOT NULL,
        mx_host       TEXT NOT NULL,
        successful    INTEGER NOT NULL,
        failed        INTEGER NOT NULL,
        PRIMARY KEY (report_id, seq)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE dmarc_tls_failures (
        report_id      INTEGER NOT NULL REFERENCES dmarc_reports(id) ON DELETE CASCADE,
        policy_seq     INTEGER NOT NULL,
        seq            INTEGER NOT NULL,
        result_type    TEXT NOT NULL,
        sending_mta_ip TEXT NOT NULL,
        receiving_mx   TEXT NOT NULL,
        receiving_ip   TEXT NOT NULL,
        count          INTEGER NOT NULL,
        reason_code    TEXT NOT NULL,
        PRIMARY KEY (report_id, policy_seq, seq)
      ) STRICT, WITHOUT ROWID;

      -- What a fetch from an IMAP folder has read: messages up to last_uid, while the folder keeps its UIDVALIDITY.
      CREATE TABLE dmarc_imap_state (
        account      TEXT PRIMARY KEY,
        uid_validity TEXT NOT NULL,
        last_uid     INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
