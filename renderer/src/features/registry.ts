import { type ComponentType, lazy, type LazyExoticComponent } from 'react';
import { loadMonaco } from '../editor/load';

export interface Feature {
  id: string;
  label: string;
  /** A short glyph for the rail; the label is the accessible name. */
  glyph: string;
  Panel: LazyExoticComponent<ComponentType>;
}

/**
 * The tools in the rail, top to bottom. Each panel is its own lazily loaded chunk,
 * so the first paint carries only the shell.
 */
export const features: readonly Feature[] = [
  // Monaco's chunk starts downloading with the panel's (MonacoEditor awaits it and reports a failure).
  { id: 'editor', label: 'Editor', glyph: '✎', Panel: lazy(() => (loadMonaco().catch(() => undefined), import('./editor/EditorPanel'))) },
  { id: 'lint', label: 'Lint', glyph: '⚑', Panel: lazy(() => import('./lint/Panel')) },
  { id: 'auth', label: 'Authentication', glyph: '🔑', Panel: lazy(() => import('./auth/Panel')) },
  { id: 'seeds', label: 'Seed tests', glyph: '✉', Panel: lazy(() => import('./seeds/Panel')) },
  { id: 'warmup', label: 'Warmup', glyph: '📈', Panel: lazy(() => import('./warmup/Panel')) },
  { id: 'dmarc', label: 'DMARC reports', glyph: '▤', Panel: lazy(() => import('./dmarc/Panel')) },
  { id: 'settings', label: 'Settings', glyph: '⚙', Panel: lazy(() => import('./settings/SettingsPanel')) },
];
