import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { type ChartSeries, withGapBreaks } from './chart-data';

export type { ChartSeries } from './chart-data';

interface ChartProps {
  title: string;
  /** Dates as YYYY-MM-DD: the x axis. */
  dates: readonly string[];
  series: readonly ChartSeries[];
  /** Axis label per scale, e.g. { y: 'messages' } or { pct: '%', cpct: 'complaints %' }. */
  axes: Record<string, string>;
  height?: number;
}

const cssVar = (name: string) => getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';

/**
 * A time-series chart on uPlot (canvas, thousands of points without effort): zoom by
 * dragging, hover for values, click a legend entry to hide a series.
 */
export function Chart({ title, dates, series, axes, height = 240 }: ChartProps) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const { xs, columns } = withGapBreaks(dates, series);
    const scaleNames = Object.keys(axes);
    const options: uPlot.Options = {
      title,
      width: Math.max(320, element.clientWidth),
      height,
      scales: { x: { time: true }, ...Object.fromEntries(scaleNames.map((s) => [s, { auto: true }])) },
      axes: [
        { stroke: cssVar('--fg-muted'), grid: { stroke: cssVar('--border') } },
        ...scaleNames.map((scale, i) => ({ scale, label: axes[scale], side: i === 0 ? 3 : 1, stroke: cssVar('--fg-muted'), grid: { show: i === 0, stroke: cssVar('--border') } })),
      ],
      series: [{}, ...series.map((s) => ({ label: s.label, stroke: s.color, width: 1.5, scale: s.scale ?? scaleNames[0], ...(s.dash ? { dash: s.dash } : {}), spanGaps: false }))],
      cursor: { drag: { x: true, y: false } },
    };
    const plot = new uPlot(options, [xs, ...columns] as uPlot.AlignedData, element);
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(320, element.clientWidth), height }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [title, dates, series, axes, height]);
  return <div ref={host} className="wu-chart" role="img" aria-label={`${title}: ${series.map((s) => s.label).join(', ')}`} />;
}
