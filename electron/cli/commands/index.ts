import type { CommandEntry } from '../command';

/**
 * Every subcommand, in the order `mailbench --help` lists them. Each module is imported
 * only when its command runs: `mailbench --version` or `mailbench lint` must not pay for
 * mailauth, imapflow, nodemailer or the contract's schemas (about a second of start-up).
 * A new command: one entry here, its module exporting a `Command` (name, usage, run).
 */
export const commands: readonly CommandEntry[] = [
  { name: 'web', opensData: true, summary: 'Serve the app to your browser on 127.0.0.1 (browser mode).', load: async () => (await import('./web')).web },
  { name: 'info', opensData: true, summary: 'Show the version, data folder and which optional engines are installed.', load: async () => (await import('./info')).info },
  { name: 'compile', summary: 'Compile an MJML template to HTML with mjml 5 (validation errors as file:line: message).', load: async () => (await import('./compile')).compile },
  { name: 'lint', summary: 'Lint .mjml, .html and .eml files: spam triggers, client support, accessibility, links, structure, sender rules.', load: async () => (await import('./lint')).lintCommand },
  { name: 'preview', summary: 'Approximate what Gmail, Outlook, Apple Mail or Yahoo does to an .html or .mjml email: the changes by line, and a PNG with Chromium.', load: async () => (await import('./preview')).previewCommand },
  { name: 'spamcheck', summary: 'Run SpamAssassin locally on an .mjml, .html or .eml file and list each rule hit with its score.', load: async () => (await import('./spamcheck')).spamcheckCommand },
  { name: 'rules', summary: 'List every SpamAssassin rule of the spam engine: family, score, what it looks at, ported or not and why.', load: async () => (await import('./rules')).rulesCommand },
  { name: 'auth', summary: 'Check SPF, DKIM, DMARC, ARC and BIMI of a message, against real DNS, a given server or a zone file.', load: async () => (await import('./auth')).authCommand },
  { name: 'spf', summary: 'Evaluate SPF for an IP, HELO and MAIL FROM: result, lookup and void counts, include tree.', load: async () => (await import('./spf')).spfCommand },
  { name: 'dns', summary: "Audit a domain's SPF, DMARC, DKIM, MX, PTR, MTA-STS, TLS-RPT, BIMI, STARTTLS and blocklist status.", load: async () => (await import('./dns')).dnsCommand },
  { name: 'bulk', summary: "Check a message against Gmail's, Yahoo's and Microsoft's bulk-sender requirements: pass, fail or cannot be known.", load: async () => (await import('./bulk')).bulkCommand },
  { name: 'seed', opensData: true, summary: 'Send a template to seed mailboxes over SMTP and report inbox placement over IMAP.', load: async () => (await import('./seed')).seed },
  { name: 'warmup', opensData: true, summary: 'Plan an IP or domain warm-up, import ESP events, and decide each day per provider.', load: async () => (await import('./warmup')).warmup },
  { name: 'dmarc', opensData: true, summary: 'Import DMARC aggregate, failure and SMTP TLS reports; summarize per domain and source; policy what-if.', load: async () => (await import('./dmarc')).dmarc },
];
