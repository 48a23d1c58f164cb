/**
 * Phrase rules ported from Apache SpamAssassin 4.0.1 (`20_phrases.cf`, `20_drugs.cf`, `20_head_tests.cf`,
 * `72_active.cf`), with their score-set-0 weights from `50_scores.cf` (no Bayes, no network: the offline
 * case). The patterns are SpamAssassin's, unchanged except for Perl-to-JavaScript syntax.
 * Licensed under the Apache License 2.0: see NOTICE and LICENSE in this folder.
 */
export interface PhraseRule {
  id: string;
  /** `body` rules run on the rendered text, `subject` rules on the Subject header. */
  on: 'body' | 'subject';
  pattern: RegExp;
  score: number;
  describe: string;
}

export const phraseRules: readonly PhraseRule[] = [
  { id: 'GTUBE', on: 'body', pattern: /XJS\*C4JDBQADN1\.NSBN3\*2IDNEN\*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL\*C\.34X/, score: 1000, describe: 'Generic Test for Unsolicited Bulk Email' },
  { id: 'REPLICA_WATCH', on: 'body', pattern: /\breplica.{1,20}rolex/i, score: 3.487, describe: 'Message talks about a replica watch' },
  { id: 'DRUGS_SMEAR1', on: 'body', pattern: /(?:Viagra|Valium|Xanax|Soma|Cialis){2}/i, score: 3.3, describe: 'Two or more drugs crammed together into one word' },
  { id: 'MALE_ENHANCE', on: 'body', pattern: /male enhancement/i, score: 3.1, describe: 'Message talks about enhancing men' },
  { id: 'DEAR_WINNER', on: 'body', pattern: /\bdear.{1,20}winner/i, score: 3.099, describe: 'Spam with generic salutation of "dear winner"' },
  { id: 'MONEY_BACK', on: 'body', pattern: /money back guarantee/i, score: 2.91, describe: 'Money back guarantee' },
  { id: 'EXCUSE_REMOVE', on: 'body', pattern: /to be removed from.{0,20}(?:mailings|offers)/i, score: 2.907, describe: 'Talks about how to be removed from mailings' },
  { id: 'MORE_SEX', on: 'body', pattern: /increased?.{0,9}(?:sex|stamina)/i, score: 2.799, describe: 'Talks about a bigger drive for sex' },
  { id: 'DRUG_ED_CAPS', on: 'body', pattern: /\b(?:CIALIS|LEVITRA|VIAGRA)/, score: 2.799, describe: 'Mentions an E.D. drug' },
  { id: 'FREE_QUOTE_INSTANT', on: 'body', pattern: /free.{0,12}(?:(?:instant|express|online|no.?obligation).{0,4})+.{0,32}\bquote/i, score: 2.7, describe: 'Free express or no-obligation quote' },
  { id: 'UNCLAIMED_MONEY', on: 'body', pattern: /\bunclaimed\s(?:assets?|accounts?|mon(?:ey|ies)|balance|funds?|prizes?|rewards?|payments?|deposits?)\b/i, score: 2.699, describe: 'People just leave money laying around' },
  { id: 'GUARANTEED_100_PERCENT', on: 'body', pattern: /100% GUARANTEED/i, score: 2.699, describe: 'One hundred percent guaranteed' },
  { id: 'TVD_QUAL_MEDS', on: 'body', pattern: /\bquality med(?:ication)?s\b/i, score: 2.697, describe: 'Matches phrases such as "quality meds" or "quality medication"' },
  { id: 'DEAR_FRIEND', on: 'body', pattern: /^\s*Dear Friend\b/im, score: 2.683, describe: "Dear Friend? That's not very dear!" },
  { id: 'EXCUSE_4', on: 'body', pattern: /To Be Removed,? Please/i, score: 2.399, describe: 'Claims you can be removed from the list' },
  { id: 'BANKING_LAWS', on: 'body', pattern: /banking laws/i, score: 2.399, describe: 'Talks about banking laws' },
  { id: 'NO_MEDICAL', on: 'body', pattern: /\bno medical exam/i, score: 2.199, describe: 'No Medical Exams' },
  { id: 'DEAR_SOMETHING', on: 'body', pattern: /\bDear (?:IT\W|Internet|candidate|sirs?|madam|investor|travell?er|car shopper|web)\b/i, score: 1.999, describe: "Contains 'Dear (something)'" },
  { id: 'TVD_VISIT_PHARMA', on: 'body', pattern: /Online Ph.rmacy/i, score: 1.957, describe: 'Body mentions online pharmacy' },
  { id: 'NO_PRESCRIPTION', on: 'body', pattern: /N[o0].{1,10}P(?:er|re)scr[i1]pt[i1][o0]n.{1,10}(?:n[e3][e3]d[e3]d|requ[1i]re|n[e3]c[e3]ssary)/i, score: 1.915, describe: 'No prescription needed' },
  { id: 'ONE_TIME', on: 'body', pattern: /\bone\W+time (?:charge|investment|offer|promotion)/i, score: 1.84, describe: 'One Time Rip Off' },
  { id: 'IMPOTENCE', on: 'body', pattern: /\b(?:impotence (?:problem|cure|solution)|Premature Ejaculation|erectile dysfunction)/i, score: 1.539, describe: 'Impotence cure' },
  { id: 'BANG_GUAR', on: 'body', pattern: /\bguaranteed?!/i, score: 1.0, describe: 'Something is emphatically guaranteed' },
  { id: 'ONLINE_PHARMACY', on: 'body', pattern: /\bonline pharmacy|\b(?:drugs|medications) online/i, score: 0.843, describe: 'Online Pharmacy' },
  { id: 'SUBJ_YOUR_FAMILY', on: 'subject', pattern: /Your Family/i, score: 2.91, describe: 'Subject contains "Your Family"' },
  { id: 'SUBJ_AS_SEEN', on: 'subject', pattern: /\bAs Seen/i, score: 2.711, describe: 'Subject contains "As Seen"' },
  { id: 'TVD_SUBJ_WIPE_DEBT', on: 'subject', pattern: /(?:wipe out|remove|get (?:rid|out) of|eradicate) .{0,20}(?:owe|debt|obligation)/i, score: 2.599, describe: 'Spam advertising a way to eliminate debt' },
  { id: 'SUBJECT_DIET', on: 'subject', pattern: /\bLose .*(?:pounds|lbs|weight)/i, score: 1.927, describe: 'Subject talks about losing pounds' },
  { id: 'ENGLISH_UCE_SUBJECT', on: 'subject', pattern: /^[^0-9a-z]*adv(?:ert)?\b/i, score: 0.953, describe: 'Subject contains an English UCE tag' },
];
