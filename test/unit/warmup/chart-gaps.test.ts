import { describe, expect, it } from 'vitest';
import { withGapBreaks } from '../../../renderer/src/features/warmup/chart-data';

describe('warm-up chart data', () => {
  it('breaks a line where more than a week passes without a date, instead of drawing a diagonal across the gap', () => {
    const dates = ['2026-03-02', '2026-03-03', '2026-12-07', '2026-12-08'];
    const { xs, columns } = withGapBreaks(dates, [{ label: 'Sent', values: [10, 20, 30, 40], color: '#000' }]);
    expect(columns[0]).toEqual([10, 20, null, 30, 40]);
    expect(xs).toHaveLength(5);
    expect(xs[2]).toBeGreaterThan(xs[1]!);
    expect(xs[2]).toBeLessThan(xs[3]!);
  });

  it('keeps weekends and short pauses joined', () => {
    const { columns } = withGapBreaks(['2026-03-06', '2026-03-09', '2026-03-13'], [{ label: 'Sent', values: [1, 2, 3], color: '#000' }]);
    expect(columns[0]).toEqual([1, 2, 3]);
  });
});
