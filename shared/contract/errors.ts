import { z } from 'zod';
import { issueSentence } from './issue-words';

/**
 * Every failure that crosses the contract has this shape. `code` is for programs,
 * `message` is one sentence for a person, `hint` says what to do next.
 */
export const errorCodes = [
  'invalid_input', // the input failed its schema; `issues` lists where
  'unknown_method', // a caller asked for a method the contract does not name
  'not_found', // a file, record or id that does not exist
  'io_error', // the disk or a file said no
  'parse_error', // a file or text the user gave could not be read (line in details)
  'conflict', // the operation collides with current state (already running, already exists)
  'unavailable', // an optional engine or service is not present or not reachable
  'network', // a remote server failed or timed out
  'cancelled', // the user stopped the work
  'forbidden', // the caller is not allowed (wrong sender frame, wrong token)
  'internal', // a bug: the message says so and the log has the stack
] as const;

export const ErrorCode = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorIssue = z.object({ path: z.string(), message: z.string() });
export type ErrorIssue = z.infer<typeof ErrorIssue>;

export const AppErrorShape = z.object({
  code: ErrorCode,
  message: z.string(),
  hint: z.string().optional(),
  /** Where in the user's input the problem is, when it is in a file or text. */
  file: z.string().optional(),
  line: z.number().int().optional(),
  issues: z.array(ErrorIssue).optional(),
});
export type AppErrorShape = z.infer<typeof AppErrorShape>;

/** Thrown by services and by the client; carries the contract's error shape. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Omit<AppErrorShape, 'code' | 'message'>;

  constructor(code: ErrorCode, message: string, details: Omit<AppErrorShape, 'code' | 'message'> = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  toShape(): AppErrorShape {
    return { code: this.code, message: this.message, ...this.details };
  }

  static fromShape(shape: AppErrorShape): AppError {
    const { code, message, ...details } = shape;
    return new AppError(code, message, details);
  }
}

export const isAppError = (value: unknown): value is AppError => value instanceof AppError;

/** What a transport carries back for every call: never a thrown exception across the boundary. */
export type CallResult<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };

/** Turns zod's issues into paths a person can read (`seeds[3].address`). */
export function issuesFromZod(error: z.ZodError): ErrorIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.length === 0 ? '(input)' : formatPath(issue.path),
    message: issueSentence(issue),
  }));
}

/** The refusal of an input that does not fit: the first problem in a person's words, and how many more. */
export function invalidInputMessage(error: z.ZodError): string {
  const [first, ...rest] = error.issues;
  if (!first) return 'The input does not fit.';
  return rest.length === 0 ? issueSentence(first) : `${issueSentence(first)} (and ${rest.length} more problem${rest.length === 1 ? '' : 's'})`;
}

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`))
    .join('');
}
