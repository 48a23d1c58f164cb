import type { ClientId } from '../../../shared/clients/index';
import { createStore } from '../state/store';
import type { DarkMode } from './frame-document';

export type PreviewWidth = 320 | 375 | 600 | 'full';
export type PreviewView = 'email' | 'text' | 'source';

export interface PreviewState {
  width: PreviewWidth;
  dark: DarkMode;
  imagesOff: boolean;
  remoteImages: boolean;
  view: PreviewView;
  /** The text part as generated from the latest HTML (the document's textPart may be a hand-written override). */
  generatedText: string;
  /** `browser`: the email as this browser renders it; a client id: the approximation of that client. */
  client: 'browser' | ClientId;
  /** Clients shown side by side at one width, when comparing (empty: not comparing). */
  compare: ClientId[];
}

export const previewStore = createStore<PreviewState>({
  width: 600,
  dark: 'off',
  imagesOff: false,
  remoteImages: false,
  view: 'email',
  generatedText: '',
  client: 'browser',
  compare: [],
});

export const darkModes: readonly { value: DarkMode; label: string }[] = [
  { value: 'off', label: 'Light' },
  { value: 'media', label: 'Dark (media query, Apple Mail)' },
  { value: 'invert', label: 'Dark (forced inversion, Gmail app)' },
];

/** Light → media-query dark → forced inversion → light: what the menu's "Toggle dark-mode preview" steps through. */
export function nextDarkMode(mode: DarkMode): DarkMode {
  const index = darkModes.findIndex((entry) => entry.value === mode);
  return darkModes[(index + 1) % darkModes.length]!.value;
}
