/**
 * Every command a person can give the app from the menu bar or the keyboard. The
 * Electron menu and the renderer's shortcut handler and help sheet read this one
 * table, so an accelerator shown in the menu is the one the help sheet lists.
 */
export const panelIds = ['editor', 'lint', 'auth', 'seeds', 'warmup', 'dmarc', 'settings'] as const;
export type PanelId = (typeof panelIds)[number];

export const previewModes = ['mobile', 'tablet', 'desktop', 'dark', 'images', 'text'] as const;
export type PreviewMode = (typeof previewModes)[number];

export const themeChoices = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof themeChoices)[number];

export const commandIds = [
  'file.new',
  'file.open',
  'file.save',
  'file.saveAs',
  'file.exportHtml',
  'file.exportEml',
  ...panelIds.map((id) => `go.${id}` as const),
  ...previewModes.map((mode) => `preview.${mode}` as const),
  ...themeChoices.map((theme) => `theme.${theme}` as const),
  'theme.cycle',
  'help.shortcuts',
  'help.welcome',
] as const;
export type CommandId = (typeof commandIds)[number];

export type CommandGroup = 'File' | 'View' | 'Tools' | 'Help';

export interface CommandSpec {
  label: string;
  group: CommandGroup;
  /** Electron accelerator syntax; `CmdOrCtrl` is ⌘ on macOS and Ctrl elsewhere. */
  accelerator?: string;
}

const panelLabels: Record<PanelId, string> = {
  editor: 'Editor',
  lint: 'Lint report',
  auth: 'Authentication',
  seeds: 'Seed tests',
  warmup: 'Warmup',
  dmarc: 'DMARC reports',
  settings: 'Settings',
};
const previewLabels: Record<PreviewMode, string> = {
  mobile: 'Preview at 375 px (phone)',
  tablet: 'Preview at 600 px (narrow client)',
  desktop: 'Preview full width',
  dark: 'Toggle dark-mode preview',
  images: 'Toggle remote images',
  text: 'Show plain-text part',
};

export const commands: Record<CommandId, CommandSpec> = {
  'file.new': { label: 'New template', group: 'File', accelerator: 'CmdOrCtrl+N' },
  'file.open': { label: 'Open…', group: 'File', accelerator: 'CmdOrCtrl+O' },
  'file.save': { label: 'Save', group: 'File', accelerator: 'CmdOrCtrl+S' },
  'file.saveAs': { label: 'Save as…', group: 'File', accelerator: 'CmdOrCtrl+Shift+S' },
  'file.exportHtml': { label: 'Export HTML…', group: 'File', accelerator: 'CmdOrCtrl+E' },
  'file.exportEml': { label: 'Export .eml…', group: 'File', accelerator: 'CmdOrCtrl+Shift+E' },
  ...(Object.fromEntries(
    panelIds.map((id, index) => [`go.${id}`, { label: panelLabels[id], group: 'Tools', accelerator: id === 'settings' ? 'CmdOrCtrl+,' : `CmdOrCtrl+${index + 1}` }]),
  ) as Record<`go.${PanelId}`, CommandSpec>),
  ...(Object.fromEntries(
    previewModes.map((mode, index) => [`preview.${mode}`, { label: previewLabels[mode], group: 'View', accelerator: `CmdOrCtrl+Alt+${index + 1}` }]),
  ) as Record<`preview.${PreviewMode}`, CommandSpec>),
  'theme.system': { label: 'Theme: follow the system', group: 'View' },
  'theme.light': { label: 'Theme: light', group: 'View' },
  'theme.dark': { label: 'Theme: dark', group: 'View' },
  // No accelerator: Ctrl+Shift+L is Monaco's "select all occurrences"; the status bar has a button.
  'theme.cycle': { label: 'Switch theme (system, light, dark)', group: 'View' },
  'help.shortcuts': { label: 'Keyboard shortcuts', group: 'Help', accelerator: 'F1' },
  'help.welcome': { label: 'Welcome and the four tools', group: 'Help' },
};

export const isCommandId = (value: unknown): value is CommandId => typeof value === 'string' && (commandIds as readonly string[]).includes(value);
