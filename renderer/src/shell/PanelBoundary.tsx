import { Component, type ReactNode } from 'react';
import { Button } from '../ui/Button';
import { EmptyState } from '../ui/EmptyState';

interface Props {
  label: string;
  children: ReactNode;
}

/**
 * One tool that fails to load or throws while drawing shows what happened in its own
 * place; the rail, the status bar and the other tools keep working.
 */
export class PanelBoundary extends Component<Props, { error?: Error }> {
  override state: { error?: Error } = {};

  static getDerivedStateFromError(error: Error): { error: Error } {
    return { error };
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div role="alert">
        <EmptyState
          title={`${this.props.label} could not be shown`}
          action={
            <Button variant="primary" onClick={() => window.location.reload()}>
              Reload Mailbench
            </Button>
          }
        >
          {this.state.error.message}. Your document is kept; reloading usually fixes this after an update.
        </EmptyState>
      </div>
    );
  }
}
