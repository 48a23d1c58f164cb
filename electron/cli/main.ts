import { appVersion } from '../services/app/version';
import { defaultDataDir } from '../services/app/data-dir';
import { createRuntime, type Runtime } from '../services/runtime';
import { type CliIo, EXIT, type ExitCode, UsageError } from './command';
import { commands } from './commands/index';

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
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) {
    io.err(`mailbench: unknown command ${JSON.stringify(name)}. Run \`mailbench --help\` for the list.`);
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`${command.summary}\n\nUsage: ${command.usage}`);
    return EXIT.ok;
  }
  let runtime: Runtime | undefined;
  const openRuntime = (): Runtime => (runtime ??= createRuntime({ dataDir: defaultDataDir(io.env), transport: 'web' }));
  try {
    return await command.run(rest, io, openRuntime);
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      io.err(`mailbench ${command.name}: ${(error as Error).message} Usage: ${command.usage}`);
      return EXIT.usage;
    }
    throw error;
  } finally {
    await runtime?.close();
  }
}

/** node:util parseArgs throws TypeErrors coded ERR_PARSE_ARGS_* for unknown or malformed flags. */
function isParseArgsError(error: unknown): boolean {
  const code: unknown = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
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
