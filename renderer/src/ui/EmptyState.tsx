import type { ReactNode } from 'react';

export interface EmptyStateProps {
  title: string;
  /** What to do next, in one sentence. */
  children: ReactNode;
  /** The one button that does it. */
  action?: ReactNode;
}

/** What a screen shows before there is anything in it: what to do next, and a button that does it. */
export function EmptyState({ title, children, action }: EmptyStateProps) {
  return (
    <div className="empty-state">
      <h2 className="empty-title">{title}</h2>
      <p>{children}</p>
      {action}
    </div>
  );
}
