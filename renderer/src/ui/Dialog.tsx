import { Dialog as Radix } from 'radix-ui';
import type { ReactNode } from 'react';

export interface DialogProps {
  open: boolean;
  onOpenChange(open: boolean): void;
  title: string;
  description?: string;
  children: ReactNode;
  wide?: boolean;
}

/** A modal with a title, focus trap, Escape to close and a named close button (Radix Dialog). */
export function Dialog({ open, onOpenChange, title, description, children, wide }: DialogProps) {
  return (
    <Radix.Root open={open} onOpenChange={onOpenChange}>
      <Radix.Portal>
        <Radix.Overlay className="dialog-overlay" />
        <Radix.Content className={wide ? 'dialog dialog-wide' : 'dialog'} {...(description ? {} : { 'aria-describedby': undefined })}>
          <header className="dialog-header">
            <Radix.Title className="dialog-title">{title}</Radix.Title>
            <Radix.Close className="btn btn-ghost dialog-close" aria-label="Close">
              <span aria-hidden="true">✕</span>
            </Radix.Close>
          </header>
          {description && <Radix.Description className="dialog-description">{description}</Radix.Description>}
          {children}
        </Radix.Content>
      </Radix.Portal>
    </Radix.Root>
  );
}
