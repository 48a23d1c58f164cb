import { useEffect, useState } from 'react';
import type { Preferences } from '../../../shared/contract/shell';
import { commandIds, commands } from '../../../shared/shell/commands';
import { client, isDesktop } from '../platform/index';
import { runCommand } from '../state/commands';
import { matchesAccelerator } from '../ui/keys';
import { openContent, openPickedFile } from './documents';
import { notify } from './notices';
import { applyTheme } from './theme';

/** Reads the preferences once and applies the theme; `undefined` until they arrive. */
export function usePreferences(): [Preferences | undefined, (patch: Partial<Preferences>) => void] {
  const [prefs, setPrefs] = useState<Preferences>();
  useEffect(() => {
    client.call('shell.preferences.get', {}).then(
      (value) => {
        applyTheme(value.theme);
        setPrefs(value);
      },
      (error: Error) => {
        // The app stays usable with defaults; the person learns why nothing is remembered.
        notify('error', `Preferences could not be read: ${error.message}`);
        setPrefs({ theme: 'system', welcomed: true });
      },
    );
    return client.on('shell.preferencesChanged', (value) => {
      applyTheme(value.theme);
      setPrefs(value);
    });
  }, []);
  const update = (patch: Partial<Preferences>) => {
    setPrefs((current) => (current ? { ...current, ...patch } : current));
    client.call('shell.preferences.set', patch).catch((error: Error) => notify('error', `Could not save the preference: ${error.message}`));
  };
  return [prefs, update];
}

/** Menu items and files the desktop shell sends over the contract. */
export function useShellEvents(): void {
  useEffect(() => {
    const offCommand = client.on('shell.command', ({ command }) => {
      if (!runCommand(command)) notify('info', `${commands[command].label} is not available on this screen.`);
    });
    const take = () =>
      client.call('shell.files.take', {}).then(
        ({ files }) => files.forEach(openContent),
        (error: Error) => notify('error', `Opened files could not be read: ${error.message}`),
      );
    const offFile = client.on('shell.filesWaiting', () => void take());
    void take();
    return () => {
      offCommand();
      offFile();
    };
  }, []);
}

/**
 * Keyboard shortcuts in browser mode. In the desktop app the menu owns the same
 * accelerators (and sends `shell.command`), so listening here too would run them twice.
 */
export function useShortcuts(): void {
  useEffect(() => {
    if (isDesktop) return;
    const onKey = (event: KeyboardEvent) => {
      for (const id of commandIds) {
        const accelerator = commands[id].accelerator;
        if (accelerator && matchesAccelerator(event, accelerator)) {
          event.preventDefault();
          event.stopPropagation();
          runCommand(id);
          return;
        }
      }
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, []);
}

/** Drop a .mjml, .html, .eml or .zone file anywhere on the window; `true` while one is dragged over. */
export function useFileDrop(): boolean {
  const [over, setOver] = useState(false);
  useEffect(() => {
    const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;
    const onOver = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      setOver(true);
    };
    const onLeave = (event: DragEvent) => {
      if (event.relatedTarget === null) setOver(false);
    };
    const onDrop = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      setOver(false);
      const file = event.dataTransfer?.files[0];
      if (file) void openPickedFile(file);
    };
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, []);
  return over;
}
