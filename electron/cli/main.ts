import { appVersion } from '../services/app/version';
import { defaultDataDir } from '../services/app/data-dir';
import type { Runtime } from '../services/runtime';
import { type CliIo, type CommandEntry, EXIT, type ExitCode } from './command';
import { commands } from './commands/index';
import { closest } from './suggest';
import { ownUsage, usageMessage } from './usage-error';

function help(): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  return [
    'mailbench: offline email deliverability workbench',
    '',
    'Usage: mailbench <command> [options]',
    '',
    'Commands:',
    ...commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    'Options: --help, --version. `mailbench <command> --help` shows a command\'s options.',
    'Exit codes: 0 success, 1 findings or failed checks, 2 bad usage or unreadable input.',
    'Data folder: MAILBENCH_DATA_DIR, else the desktop app\'s user data folder.',
  ].join('\n');
}

function unknownCommand(name: string): string {
  const near = closest(name, commands.map((command) => command.name));
  return `mailbench: unknown command ${JSON.stringify(name)}.${near ? ` Did you mean \`mailbench ${near}\`?` : ''} Run \`mailbench --help\` for the list.`;
}

export async function runCli(argv: string[], io: CliIo): Promise<ExitCode> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(help());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    io.out(appVersion());
    return EXIT.ok;
  }
  const entry = commands.find((candidate) => candidate.name === name);
  if (!entry) {
    io.err(unknownCommand(name));
    return EXIT.usage;
  }
  const command = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`${entry.summary}\n\nUsage: ${command.usage}`);
    return EXIT.ok;
  }
  let runtime: Runtime | undefined;
  const openRuntime = await runtimeOpener(entry, io, (opened) => (runtime = opened));
  try {
    return await command.run(rest, io, () => runtime ?? openRuntime());
  } catch (error) {
    const message = usageMessage(error, command.usage);
    if (message === undefined) throw error;
    // One line that names the flag or value, then the command's own usage.
    io.err(`mailbench ${command.name}: ${message}`);
    io.err(`Usage: ${ownUsage(command.name, command.usage, rest)}`);
    return EXIT.usage;
  } finally {
    await runtime?.close();
  }
}

/** The runtime module (database, every service, the contract) is imported only by commands that open the data folder. */
async function runtimeOpener(entry: CommandEntry, io: CliIo, keep: (rt: Runtime) => void): Promise<() => Runtime> {
  if (!entry.opensData) {
    return () => {
      throw new Error(`mailbench ${entry.name} opened the data folder without declaring opensData in commands/index.ts.`);
    };
  }
  const { createRuntime } = await import('../services/runtime');
  return () => {
    const rt = createRuntime({ dataDir: defaultDataDir(io.env), transport: 'web' });
    keep(rt);
    return rt;
  };
}

/** Entry point of the `mailbench` binary. */
export async function main(): Promise<void> {
  const io: CliIo = {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    isTty: Boolean(process.stdout.isTTY),
    env: process.env,
    cwd: process.cwd(),
  };
  try {
    process.exitCode = await runCli(process.argv.slice(2), io);
  } catch (error) {
    io.err(`mailbench: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = EXIT.usage;
  }
}
