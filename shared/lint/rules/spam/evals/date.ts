/** Util.pm parse_rfc822_date: seconds since the epoch, or undefined when the text holds no date. */
const TZ = new Map(
  Object.entries({
    UT: '+0000', UTC: '+0000', NDT: '-0230', AST: '-0400', ADT: '-0300', NST: '-0330', EST: '-0500', EDT: '-0400', CST: '-0600', CDT: '-0500',
    MST: '-0700', MDT: '-0600', PST: '-0800', PDT: '-0700', HST: '-1000', AKST: '-0900', AKDT: '-0800', HADT: '-0900', HAST: '-1000', GMT: '+0000',
    BST: '+0100', IST: '+0100', WET: '+0000', WEST: '+0100', CET: '+0100', CEST: '+0200', EET: '+0200', EEST: '+0300', MSK: '+0300', MSD: '+0400',
    MET: '+0100', MEZ: '+0100', MEST: '+0200', MESZ: '+0200', BRST: '-0200', BRT: '-0300', AEST: '+1000', AEDT: '+1100', ACST: '+0930',
    ACDT: '+1030', AWST: '+0800', NZST: '+1200', NZDT: '+1300', JST: '+0900', KST: '+0900', HKT: '+0800', SGT: '+0800', PHT: '+0800', IDT: '+0300',
  }),
);
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MON = 'Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec';

export function parseRfc822Date(date: string): number | undefined {
  let s = ` ${date} `.replace(/, */g, ' ').replace(/\s+/g, ' ');
  let dd: number;
  let mon: string;
  let yyyy: string;
  let m: RegExpExecArray | null;
  if ((m = new RegExp(` (\\d+) (${MON}) (\\d{4}) `, 'i').exec(s))) {
    [dd, mon, yyyy] = [Number(m[1]), m[2]!.toLowerCase(), m[3]!];
  } else if ((m = new RegExp(` (${MON}) +(\\d+) \\d+:\\d+:\\d+ (\\d{4}) `, 'i').exec(s))) {
    [dd, mon, yyyy] = [Number(m[2]), m[1]!.toLowerCase(), m[3]!];
  } else if ((m = new RegExp(` (\\d+) (${MON}) (\\d{2,3}) `, 'i').exec(s))) {
    [dd, mon, yyyy] = [Number(m[1]), m[2]!.toLowerCase(), m[3]!];
  } else return undefined;
  s = s.slice(0, m.index) + ' ' + s.slice(m.index + m[0].length);
  let year = Number(yyyy);
  if (yyyy.length === 2 && year < 50) year += 2000;
  else if (yyyy.length !== 4) year += 1900;
  let hh = 0;
  let mm = 0;
  let ss = 0;
  const t = / (\d?\d):(\d\d)(:(\d\d))? /.exec(s);
  if (t) {
    hh = Number(t[1]);
    mm = Number(t[2]);
    ss = Number(t[4] ?? 0);
    s = s.slice(0, t.index) + ' ' + s.slice(t.index + t[0].length);
  }
  let tz = / ([-+]\d{4}) /.exec(s)?.[1];
  if (!tz) {
    const name = /\b([A-Z]{2,4}(?:-DST)?)\b/.exec(s)?.[1];
    if (name && TZ.has(name)) tz = TZ.get(name);
  }
  let month = MONTHS.indexOf(mon) + 1;
  ss = Math.min(ss, 59);
  mm = Math.min(mm, 59);
  hh = Math.min(hh, 23);
  const maxDd = month === 4 || month === 6 || month === 9 || month === 11 ? 30 : month === 2 ? (!(year % 4) && (year % 100 || !(year % 400)) ? 29 : 28) : 31;
  if (dd > maxDd) {
    dd = 1;
    month++;
    if (month > 12) {
      month = 1;
      year++;
    }
  }
  year = Math.min(2037, Math.max(1970, year));
  let time = Date.UTC(year, month - 1, dd, hh, mm, ss) / 1000;
  if (!Number.isFinite(time)) return undefined;
  const off = /([-+])(\d\d)(\d\d)$/.exec(tz ?? '-0000');
  if (off) {
    const secs = (Number(off[2]) * 60 + Number(off[3])) * 60;
    if (off[1] === '-') time += secs;
    else if (time < secs) time = 0;
    else time -= secs;
  }
  return time;
}
