import type { ThemeChoice } from '../../../shared/shell/commands';
import { createStore } from './store';

/**
 * The theme as chosen and as applied. Panels that draw their own colors (Monaco,
 * charts) follow `resolved`; the shell keeps it in step with the system setting.
 */
export interface Appearance {
  choice: ThemeChoice;
  resolved: 'light' | 'dark';
}

export const appearanceStore = createStore<Appearance>({ choice: 'system', resolved: 'light' });
