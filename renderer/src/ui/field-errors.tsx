import { AppError } from '../../../shared/contract/errors';

/**
 * The main process's refusal of a form, field by field: the last name of each issue's path
 * (`spec.target` is `target`) to its sentence, so a form can mark the field itself.
 */
export function issuesByField(error: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (!(error instanceof AppError)) return out;
  for (const issue of error.details.issues ?? []) {
    const field = issue.path.replace(/\[\d+\]$/, '').split('.').at(-1) ?? issue.path;
    if (!out.has(field)) out.set(field, issue.message);
  }
  return out;
}

/** The message under a field, tied to it by id (aria-describedby), shown only when there is one. */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? <small id={id} className="field-error" role="alert">{message}</small> : null;
}
