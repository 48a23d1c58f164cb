import { readFileSync, readlinkSync } from 'node:fs';

/**
 * CPU time of one thread, so the watchdog judges a hang by the work a worker did, not by
 * the wall clock: on a machine whose cores are busy, a parser that is merely waiting for
 * a core spends no CPU and is not a hang. Linux tells it per thread in /proc; elsewhere
 * these return undefined and the watchdog falls back to wall time.
 */

/** Called inside the worker: its own thread id, from /proc/thread-self -> "<pid>/task/<tid>". */
export function currentThreadId(): number | undefined {
  try {
    const tid = Number(/\/task\/(\d+)$/.exec(readlinkSync('/proc/thread-self'))?.[1]);
    return Number.isInteger(tid) && tid > 0 ? tid : undefined;
  } catch {
    return undefined;
  }
}

/** USER_HZ: /proc reports CPU time in ticks of 1/100 s on every Linux architecture Node runs on. */
const TICK_MS = 10;

/** CPU milliseconds (user + system) a thread of this process has used, or undefined when the OS does not say. */
export function threadCpuMs(tid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${process.pid}/task/${tid}/stat`, 'latin1');
    // The command name (field 2) is in parentheses and may hold spaces: count fields after it.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks * TICK_MS : undefined;
  } catch {
    return undefined;
  }
}
