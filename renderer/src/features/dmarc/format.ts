/** Percent of a whole with one decimal, '–' when there is nothing to divide. */
export const pct = (part: number, whole: number): string => (whole > 0 ? `${((100 * part) / whole).toFixed(1)}%` : '–');
export const num = (n: number): string => n.toLocaleString('en-US');
/** A class for a pass rate: pass from 98%, warning from 90%, else failing. */
export const rateClass = (part: number, whole: number): string => {
  if (whole === 0) return '';
  const rate = part / whole;
  return rate >= 0.98 ? 'dm-pass' : rate >= 0.9 ? 'dm-warn' : 'dm-fail';
};
