import { UsageError } from './command';
import { closest } from './suggest';

/**
 * One sentence for a usage mistake, or undefined when the error is not one. node:util's
 * parseArgs explains itself in several lines meant for programmers ("argument is ambiguous",
 * "place it at the end of the command after '--'"); a person needs the flag, what was wrong
 * and, for a near miss, the flag they meant.
 */
export function usageMessage(error: unknown, usage: string): string | undefined {
  if (error instanceof UsageError) return error.message;
  const code: unknown = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS')) return undefined;
  const message = (error as Error).message;
  const quoted = /'([^']*)'/.exec(message)?.[1] ?? '';
  const flag = quoted.replace(/ <value>$/, '');
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
      const known = [...new Set(usage.match(/--[a-z][a-z0-9-]*/g) ?? [])];
      const near = flag.startsWith('--') ? closest(flag, known) : undefined;
      return `unknown option ${flag}.${near ? ` Did you mean ${near}?` : ''}`;
    }
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (/does not take an argument/.test(message)) return `${flag} is a switch and takes no value.`;
      if (/ambiguous/.test(message)) return `${flag} needs a value; to give one that starts with "-", write ${flag}=VALUE (for example ${flag}=-5).`;
      return `${flag} needs a value.`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument ${JSON.stringify(flag)}: this command takes no more files or names here.`;
    default:
      return message.split('\n')[0];
  }
}

/**
 * The usage of the subcommand that was typed (`warmup import`), not of every subcommand:
 * usages list subcommands as ` | `-separated or line-separated alternatives.
 */
export function ownUsage(command: string, usage: string, args: readonly string[]): string {
  const sub = args.find((arg) => !arg.startsWith('-'));
  if (sub === undefined) return usage;
  const alternatives = usage.split(/ \| |\n\s*/).map((part) => part.trim());
  const prefix = `mailbench ${command} `;
  const own = alternatives.find((part) => (part.startsWith(prefix) ? part.slice(prefix.length) : part).split(' ')[0] === sub);
  if (own === undefined) return usage;
  return own.startsWith(prefix) ? own : prefix + own;
}
