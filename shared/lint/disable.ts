import type { Family } from './types';

/**
 * Inline control in the edited file (HTML or MJML comments):
 *   <!-- mailbench-disable -->                 everything from this line on
 *   <!-- mailbench-disable img-alt, spam -->   those rules or families from this line on
 *   <!-- mailbench-enable img-alt -->          back on from this line
 *   <!-- mailbench-disable-next-line img-alt --> only the next line
 */
interface Interval {
  targets: string[] | '*';
  from: number;
  to: number;
}

const directive = /<!--\s*mailbench-(disable-next-line|disable|enable)\b([^>]*?)-->/g;

export interface Disables {
  covers(rule: string, family: Family, line: number | undefined): boolean;
}

function matches(targets: string[] | '*', rule: string, family: Family): boolean {
  return targets === '*' || targets.some((t) => t === rule || t === family || (t.endsWith('*') && rule.startsWith(t.slice(0, -1))));
}

export function parseDisables(source: string, lineOf: (offset: number) => number): Disables {
  const intervals: Interval[] = [];
  const open: Interval[] = [];
  if (source.includes('mailbench-')) {
    for (const m of source.matchAll(directive)) {
      const line = lineOf(m.index);
      const list = m[2]!.trim();
      const targets: string[] | '*' = list ? list.split(/[\s,]+/).filter(Boolean) : '*';
      if (m[1] === 'disable-next-line') intervals.push({ targets, from: line + 1, to: line + 1 });
      else if (m[1] === 'disable') {
        const interval: Interval = { targets, from: line, to: Number.POSITIVE_INFINITY };
        intervals.push(interval);
        open.push(interval);
      } else {
        for (const interval of open) {
          if (interval.to !== Number.POSITIVE_INFINITY) continue;
          if (targets === '*' || interval.targets === '*' || interval.targets.some((t) => targets.includes(t))) interval.to = line;
        }
      }
    }
  }
  return {
    covers(rule, family, line) {
      // A finding about the whole file is covered only by a disable that is never re-enabled.
      return intervals.some((i) => matches(i.targets, rule, family) && (line === undefined ? i.to === Number.POSITIVE_INFINITY : line >= i.from && line <= i.to));
    },
  };
}
