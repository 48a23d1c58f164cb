/** The shape of rules.generated.ts: SpamAssassin 4.0.1's rules as generate.mjs compiles them. */

/** A meta expression: a number, a rule's hit count, a unary not, or a binary operator (Perl semantics). */
export type MetaAst = ['n', number] | ['r', string] | ['!', MetaAst] | [string, MetaAst, MetaAst];

export type SpamRuleType = 'header' | 'body' | 'rawbody' | 'uri' | 'full' | 'mimeheader' | 'meta' | 'askdns' | 'uri_detail' | 'uridnsbl' | 'urirhsbl' | 'urirhssub' | 'uridnssub';

/** Why a rule is not evaluated: it needs the network, a Bayes database, or a regex/eval the engine lacks. */
export type NotPortedKind = 'network' | 'bayes' | 'regex' | 'eval' | 'syntax';

export interface SpamRuleDef {
  name: string;
  type: SpamRuleType;
  file: string;
  /** Score set 0 (no network, no Bayes); 0 for `__` sub-rules, which never count. */
  score: number;
  describe: string;
  tflags: string[];
  maxhits?: number;
  /** `score NAME 0`: SpamAssassin does not run the rule, so metas see 0. */
  disabled?: boolean;
  ported?: boolean;
  kind?: NotPortedKind;
  reason?: string;
  /** JavaScript translation of the rule's Perl regex (matched against octet strings). */
  re?: string;
  flags?: string;
  /** Literals every match contains (one of `any`; lower-cased when `ci`): texts without them are skipped. */
  need?: { any: string[]; ci: boolean };
  /** For ReplaceTags rules: the regex (and its literals) with the tags' non-ASCII lookalikes removed, for ASCII text. */
  asciiRe?: string;
  asciiNeed?: { any: string[]; ci: boolean };
  /**
   * The octets above 0x7f that begin a lookalike asciiRe leaves out (one character per octet): a text holding none
   * of them gets the same matches from asciiRe as from re.
   */
  lookalikes?: string;
  header?: string;
  modifiers?: string[];
  negate?: boolean;
  exists?: boolean;
  ifUnset?: string;
  eval?: { fn: string; args: Array<string | number> };
  meta?: MetaAst;
  /** Dependencies SpamAssassin cannot evaluate offline (counted as 0, as spamd -L does). */
  offlineDeps?: string[];
}

export interface SpamRuleData {
  version: string;
  files: string[];
  rules: SpamRuleDef[];
  lists: Record<'freemail_domains' | 'freemail_whitelist' | 'url_shortener' | 'util_rb_tld' | 'util_rb_2tld' | 'util_rb_3tld' | 'redirector_pattern', string[]> & {
    /** enlist_addrlist (NAME) address globs, lower-cased. */
    addrlists: Record<string, string[]>;
    /** enlist_uri_host (NAME) domains, lower-cased; a leading ! excludes. */
    uriHosts: Record<string, string[]>;
  };
}
