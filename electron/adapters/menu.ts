import { app, Menu, type MenuItemConstructorOptions } from 'electron';
import type { RecentDocument } from '../../shared/contract/shell';
import { type CommandGroup, type CommandId, commandIds, commands } from '../../shared/shell/commands';

export interface MenuActions {
  /** A command the renderer carries out (sent as the `shell.command` contract event). */
  send(command: CommandId): void;
  /** File › Open, handled here with the native dialog so every kind of file can be chosen. */
  open(): void;
  openRecent(path: string): void;
  clearRecent(): void;
}

const item = (id: CommandId, actions: MenuActions): MenuItemConstructorOptions => ({
  id,
  label: commands[id].label,
  ...(commands[id].accelerator ? { accelerator: commands[id].accelerator } : {}),
  click: () => actions.send(id),
});

const group = (name: CommandGroup, actions: MenuActions, filter: (id: CommandId) => boolean = () => true) =>
  commandIds.filter((id) => commands[id].group === name && filter(id)).map((id) => item(id, actions));

/**
 * The application menu, built from the shared command table. Labels and
 * accelerators are the same ones the renderer's shortcut sheet shows.
 */
export function buildMenu(actions: MenuActions, recent: readonly RecentDocument[]): Menu {
  const mac = process.platform === 'darwin';
  const recentMenu: MenuItemConstructorOptions[] = recent.length
    ? [
        ...recent.map((doc): MenuItemConstructorOptions => ({ label: doc.path, click: () => actions.openRecent(doc.path) })),
        { type: 'separator' },
        { label: 'Clear recent', click: () => actions.clearRecent() },
      ]
    : [{ label: 'No recent documents', enabled: false }];
  const template: MenuItemConstructorOptions[] = [
    ...(mac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        item('file.new', actions),
        { ...item('file.open', actions), click: () => actions.open() },
        { label: 'Open Recent', submenu: recentMenu },
        { type: 'separator' },
        item('file.save', actions),
        item('file.saveAs', actions),
        { type: 'separator' },
        item('file.exportHtml', actions),
        item('file.exportEml', actions),
        { type: 'separator' },
        mac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu', label: '&Edit' },
    {
      label: '&View',
      submenu: [
        ...group('View', actions, (id) => id.startsWith('preview.')),
        { type: 'separator' },
        ...group('View', actions, (id) => id.startsWith('theme.')),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { role: 'togglefullscreen' },
        ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' as const }]),
      ],
    },
    { label: '&Tools', submenu: group('Tools', actions) },
    ...(mac ? [{ role: 'windowMenu' as const }] : []),
    {
      label: '&Help',
      role: 'help',
      submenu: [
        ...group('Help', actions),
        { type: 'separator' },
        { role: 'about' },
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}
