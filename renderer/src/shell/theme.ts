import type { ThemeChoice } from '../../../shared/shell/commands';
import { themeChoices } from '../../../shared/shell/commands';
import { client } from '../platform/index';
import { appearanceStore } from '../state/appearance';
import { notify } from './notices';

const darkQuery = typeof window !== 'undefined' ? window.matchMedia('(prefers-color-scheme: dark)') : undefined;

/** Puts the tokens of the chosen theme on <html>; "system" follows the OS live. */
export function applyTheme(choice: ThemeChoice): void {
  const resolved = choice === 'system' ? (darkQuery?.matches ? 'dark' : 'light') : choice;
  document.documentElement.dataset.theme = resolved;
  appearanceStore.set({ choice, resolved });
}

darkQuery?.addEventListener('change', () => {
  if (appearanceStore.get().choice === 'system') applyTheme('system');
});

/** Applies at once and remembers the choice in the data folder (shared by desktop and browser mode). */
export async function chooseTheme(choice: ThemeChoice): Promise<void> {
  applyTheme(choice);
  try {
    await client.call('shell.preferences.set', { theme: choice });
  } catch (error) {
    notify('error', `The theme is applied but could not be saved: ${(error as Error).message}`);
  }
}

export function cycleTheme(): Promise<void> {
  const current = themeChoices.indexOf(appearanceStore.get().choice);
  return chooseTheme(themeChoices[(current + 1) % themeChoices.length]!);
}
