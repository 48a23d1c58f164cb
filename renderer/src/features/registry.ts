import { type ComponentType, lazy, type LazyExoticComponent } from 'react';

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
  { id: 'editor', label: 'Editor', glyph: '✎', Panel: lazy(() => import('./editor/EditorPanel')) },
  { id: 'lint', label: 'Lint', glyph: '⚑', Panel: lazy(() => import('./lint/Panel')) },
  { id: 'auth', label: 'Authentication', glyph: '🔑', Panel: lazy(() => import('./auth/Panel')) },
  { id: 'settings', label: 'Settings', glyph: '⚙', Panel: lazy(() => import('./settings/SettingsPanel')) },
];
