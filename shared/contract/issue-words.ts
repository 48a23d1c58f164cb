import type { z } from 'zod';

/**
 * zod's issues in the words a person uses about a form field: "Pool size must be at least 1"
 * rather than "poolSize: Too small: expected number to be >=1". The field is named from the
 * last part of its path (camelCase split into words); the rule is said as a limit.
 */
export function fieldLabel(path: readonly PropertyKey[]): string {
  const last = [...path].reverse().find((part) => typeof part === 'string');
  if (typeof last !== 'string') return 'The input';
  const words = last.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase();
  const index = path.length > 0 && typeof path.at(-1) === 'number' ? ` (item ${(path.at(-1) as number) + 1})` : '';
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}${index}`;
}

type Issue = z.core.$ZodIssue;

function limit(issue: Issue & { code: 'too_small' | 'too_big' }): string {
  const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
  const at = issue.code === 'too_small' ? (issue.inclusive ? 'at least' : 'more than') : issue.inclusive ? 'at most' : 'less than';
  switch (issue.origin) {
    case 'string':
      return Number(bound) === 1 && issue.code === 'too_small' ? 'cannot be empty' : `must be ${at} ${String(bound)} characters long`;
    case 'array':
    case 'set':
      return Number(bound) === 1 && issue.code === 'too_small' ? 'needs at least one entry' : `must have ${at} ${String(bound)} entries`;
    default:
      return `must be ${at} ${String(bound)}`;
  }
}

/** One sentence for one issue, starting with the field's name. */
export function issueSentence(issue: Issue): string {
  const field = fieldLabel(issue.path);
  switch (issue.code) {
    case 'too_small':
    case 'too_big':
      return `${field} ${limit(issue)}.`;
    case 'invalid_type':
      // zod keeps no input on an issue unless asked; its message says what it received.
      return /received undefined/.test(issue.message) ? `${field} is required.` : `${field} must be ${issue.expected === 'number' || issue.expected === 'int' ? 'a number' : `a ${issue.expected}`}.`;
    case 'invalid_format':
      return `${field} must be ${issue.format === 'email' ? 'an email address' : issue.format === 'url' ? 'a web address (https://…)' : `a valid ${issue.format}`}.`;
    case 'invalid_value':
      return `${field} must be one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}.`;
    case 'unrecognized_keys':
      return `${field} has fields it does not take: ${issue.keys.join(', ')}.`;
    case 'not_multiple_of':
      return `${field} must be a multiple of ${String(issue.divisor)}.`;
    default:
      return `${field}: ${issue.message}`;
  }
}
