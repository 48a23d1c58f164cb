import type { Runtime } from '../services/runtime';

/** Exit codes every subcommand keeps: CI scripts depend on them. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Bad flags, missing or unreadable input: exit 2 with one line that says what to do. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Whether stdout is a terminal (progress bars, colours). */
  readonly isTty: boolean;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}

/** What `mailbench --help` knows of a command without loading it. */
export interface CommandEntry {
  name: string;
  summary: string;
  /** Whether it opens the data folder: only then is the runtime (database, every service, the contract) loaded. */
  opensData?: true;
  load(): Promise<Command>;
}

export interface Command {
  name: string;
  usage: string;
  /**
   * Opens the runtime (database) only when asked: commands that do not need it
   * (lint, compile) stay fast and work without a writable data folder.
   */
  run(args: string[], io: CliIo, runtime: () => Runtime): Promise<ExitCode>;
}
