export interface ChartSeries {
  label: string;
  values: Array<number | null>;
  color: string;
  dash?: number[];
  scale?: string;
}

const WEEK_SECONDS = 7 * 86_400;

/**
 * The x values (seconds) and each series' column, with an empty point inside every stretch of
 * more than a week without a date: a line then stops at the gap instead of drawing a diagonal
 * across months in which nothing was planned or sent.
 */
export function withGapBreaks(dates: readonly string[], series: readonly ChartSeries[]): { xs: number[]; columns: Array<Array<number | null>> } {
  const xs: number[] = [];
  const columns: Array<Array<number | null>> = series.map(() => []);
  dates.forEach((date, i) => {
    const x = Date.parse(`${date}T12:00:00Z`) / 1000;
    const previous = xs.at(-1);
    if (previous !== undefined && x - previous > WEEK_SECONDS) {
      xs.push(previous + 86_400);
      for (const column of columns) column.push(null);
    }
    xs.push(x);
    series.forEach((s, k) => columns[k]!.push(s.values[i] ?? null));
  });
  return { xs, columns };
}
