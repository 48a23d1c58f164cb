import type { Decision, Rate } from '../../../../shared/contract/warmup';

export const number = (value: number) => value.toLocaleString('en-US');

/** A rate as people read it, with what it is out of: "1.2% (12 of 1,000 sent)". */
export function rateText(rate: Rate): string {
  if (rate.value === null) return `– (no ${rate.of})`;
  const pct = rate.value * 100;
  return `${pct.toFixed(pct < 1 ? 2 : 1)}% (${number(rate.numerator)} of ${number(rate.denominator)} ${rate.of})`;
}

/** Each decision differs in shape and word, not colour alone. */
export const decisionLook: Record<Decision, { icon: string; label: string }> = {
  'not-started': { icon: '○', label: 'Not started' },
  advance: { icon: '▲', label: 'Advance' },
  hold: { icon: '■', label: 'Hold' },
  'step-back': { icon: '▼', label: 'Step back' },
  pause: { icon: '‖', label: 'Pause' },
};

export const providerLabel: Record<string, string> = {
  gmail: 'Gmail', microsoft: 'Microsoft', yahoo: 'Yahoo/AOL', apple: 'Apple', other: 'Other', all: 'All providers',
};

/** Offers text as a file download (export of the schedule). */
export function download(fileName: string, mediaType: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mediaType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
