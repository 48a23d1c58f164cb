/** Small timing helpers shared by the benches. */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

export async function sample(times: number, fn: () => unknown): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    await fn();
    out.push(performance.now() - start);
  }
  return out;
}

export function report(label: string, value: number | string, unit = ''): void {
  const shown = typeof value === 'number' ? (Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(2)) : value;
  console.log(`${label.padEnd(58)} ${shown}${unit ? ` ${unit}` : ''}`);
}

/**
 * Median CPU milliseconds (this process, user + system) of each contender, run in alternating
 * order for `rounds` rounds: drift in the machine's speed then falls on every contender alike,
 * and CPU time moves less than wall time when other work shares the machine.
 */
export function alternatingCpuMedians(contenders: ReadonlyArray<readonly [string, () => unknown]>, rounds = 5): Map<string, number> {
  const samples = new Map<string, number[]>(contenders.map(([label]) => [label, []]));
  for (let round = 0; round < rounds; round++) {
    for (const [label, fn] of round % 2 === 0 ? contenders : [...contenders].reverse()) {
      const before = process.cpuUsage();
      fn();
      const cpu = process.cpuUsage(before);
      samples.get(label)!.push((cpu.user + cpu.system) / 1000);
    }
  }
  return new Map([...samples].map(([label, values]) => [label, percentile(values, 50)]));
}
