import { setFlagsFromString } from 'node:v8';

/**
 * V8 flags every Mailbench process sets before it lints.
 *
 * `--no-regexp-tier-up`: V8 first runs a regex in its bytecode interpreter and compiles it to machine code only
 * once it is used again. The spam engine runs ~1,700 SpamAssassin regexes, most of them once per message, and on
 * this workload the code that tier-up produces stays slower than code compiled at once: measured on the 100 KB
 * template (CPU per lint, same machine, alternating runs) 52 -> 38 ms warm, and 1.6 -> 1.1 s for the first lint
 * of a process (the compile of every rule it meets). The flag changes no result, only when regexes are compiled.
 */
export const ENGINE_V8_FLAGS = ['--no-regexp-tier-up'] as const;

/** Sets the flags in this process (workers it starts share them); call before the first lint. */
export function applyEngineFlags(): void {
  for (const flag of ENGINE_V8_FLAGS) setFlagsFromString(flag);
}
