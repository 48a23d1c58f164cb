import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { DaySummary } from '../../../../shared/contract/dmarc';

const cssVar = (name: string) => getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';

/** Messages a day and the share passing DMARC and each alignment, on uPlot (zoom by dragging, hover for values). */
export function Trend({ domain, days }: { domain: string; days: readonly DaySummary[] }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = host.current;
    if (!element || days.length === 0) return;
    const xs = days.map((d) => Date.parse(`${d.day}T00:00:00Z`) / 1000);
    const rate = (pick: (d: DaySummary) => number) => days.map((d) => (d.messages ? (100 * pick(d)) / d.messages : null));
    const options: uPlot.Options = {
      title: `${domain}: DMARC results by day`,
      width: Math.max(320, element.clientWidth),
      height: 220,
      scales: { x: { time: true }, n: { auto: true }, pct: { range: [0, 100] } },
      axes: [
        { stroke: cssVar('--fg-muted'), grid: { stroke: cssVar('--border') } },
        { scale: 'n', label: 'messages', stroke: cssVar('--fg-muted'), grid: { stroke: cssVar('--border') } },
        { scale: 'pct', label: '%', side: 1, stroke: cssVar('--fg-muted'), grid: { show: false } },
      ],
      series: [
        {},
        { label: 'messages', scale: 'n', stroke: cssVar('--fg-muted'), width: 1.5 },
        { label: 'DMARC pass %', scale: 'pct', stroke: cssVar('--sev-pass'), width: 2 },
        { label: 'DKIM aligned %', scale: 'pct', stroke: cssVar('--accent'), width: 1.5, dash: [6, 4] },
        { label: 'SPF aligned %', scale: 'pct', stroke: cssVar('--sev-warning'), width: 1.5, dash: [2, 3] },
      ],
      cursor: { drag: { x: true, y: false } },
    };
    const data = [xs, days.map((d) => d.messages), rate((d) => d.dmarcPass), rate((d) => d.dkimAligned), rate((d) => d.spfAligned)] as uPlot.AlignedData;
    const plot = new uPlot(options, data, element);
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(320, element.clientWidth), height: 220 }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [domain, days]);
  return <div ref={host} className="dm-chart" role="img" aria-label={`${domain}: messages, DMARC pass, DKIM and SPF alignment by day`} />;
}
