import { panelIds, themeChoices } from '../../../shared/shell/commands';
import { documentStore } from '../state/document';
import { onCommand } from '../state/commands';
import { createStore } from '../state/store';
import { baseName, download, loadTemplate, pickFile } from './documents';
import { goTo } from './navigation';
import { notify } from './notices';
import { BLANK_MJML } from './starter';
import { chooseTheme, cycleTheme } from './theme';

/** Which shell overlay is open: the shortcut sheet or the welcome screen. */
export const overlayStore = createStore<{ help: boolean; welcome: boolean }>({ help: false, welcome: false });

function exportHtml(): void {
  const doc = documentStore.get();
  if (!doc.compiledHtml) {
    notify('error', 'There is no compiled HTML yet. Open or write a template in the Editor first.');
    return;
  }
  download(`${baseName(doc.title)}.html`, doc.compiledHtml, 'text/html');
  notify('info', `Exported ${baseName(doc.title)}.html.`);
}

function saveAs(): void {
  const doc = documentStore.get();
  const name = /\.(mjml|html?)$/i.test(doc.title) ? doc.title : `${doc.title}.${doc.language}`;
  download(name, doc.source, doc.language === 'mjml' ? 'text/plain' : 'text/html');
  documentStore.set({ dirty: false });
  notify('info', `Saved ${name} to your downloads.`);
}

/** The commands the shell itself carries out; returns the unsubscribe of them all. */
export function registerShellCommands(): () => void {
  // File commands are fallbacks: the editor takes them over when it saves to disk itself.
  const fallback = { fallback: true };
  const offs = [
    onCommand('file.new', () => void loadTemplate('untitled.mjml', BLANK_MJML), fallback),
    onCommand('file.open', pickFile, fallback),
    onCommand('file.exportHtml', exportHtml, fallback),
    onCommand('file.saveAs', saveAs, fallback),
    onCommand('file.save', saveAs, fallback),
    ...panelIds.map((id) =>
      onCommand(`go.${id}`, () => {
        if (!goTo(id)) notify('error', 'This build of Mailbench does not have that tool.');
      }),
    ),
    ...themeChoices.map((theme) => onCommand(`theme.${theme}`, () => void chooseTheme(theme))),
    onCommand('theme.cycle', () => void cycleTheme()),
    onCommand('help.shortcuts', () => overlayStore.set({ help: true })),
    onCommand('help.welcome', () => overlayStore.set({ welcome: true })),
  ];
  return () => offs.forEach((off) => off());
}
