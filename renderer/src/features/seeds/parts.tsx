import type { AppError } from '../../../../shared/contract/errors';

/** An error from the main process: its sentence, then what to do. */
export function ErrorNote({ error }: { error: AppError | undefined }) {
  if (!error) return null;
  return (
    <p role="alert" className="seeds-error">
      {error.message}
      {error.details.hint && <span className="seeds-hint"> {error.details.hint}</span>}
      {error.details.issues?.map((issue) => <span key={issue.path} className="seeds-hint"> {issue.path}: {issue.message}.</span>)}
    </p>
  );
}

/** Saves text the person asked for as a file, through the browser's own download. */
export function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}

/** A count as people read it: 100,000, not 100000. */
export const number = (value: number): string => value.toLocaleString('en-US');
