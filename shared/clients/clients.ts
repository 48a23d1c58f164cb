/**
 * The clients the preview approximates, each read from one caniemail column. Where caniemail has variants the
 * preview models one, said in `variant`; `darkMode` is what the client does to colours when the reader's system is
 * dark, and `fidelity` how far the approximation can be trusted and what it leaves out.
 */
export const clientIds = ['gmail-web', 'gmail-app', 'outlook-windows', 'outlook-new', 'outlook-web', 'apple-mail', 'yahoo'] as const;
export type ClientId = (typeof clientIds)[number];

/**
 * - `media`: applies the email's own `@media (prefers-color-scheme: dark)` rules and changes nothing else;
 * - `partial-invert`: darkens light backgrounds and lightens dark text, keeps what is already dark or light;
 * - `none`: shows the email's light colours whatever the system theme.
 */
export type DarkBehaviour = 'media' | 'partial-invert' | 'none';

export interface ClientProfile {
  id: ClientId;
  label: string;
  /** The caniemail column (`family.platform`) whose support data drives the transform. */
  caniemail: string;
  variant: string;
  darkMode: DarkBehaviour;
  /** Renders `<!--[if mso]>` conditional content and hides `<!--[if !mso]><!-->` content, as Word-based Outlook does. */
  msoConditionals: boolean;
  fidelity: { level: 'high' | 'medium' | 'low'; note: string };
}

export const clientProfiles: Readonly<Record<ClientId, ClientProfile>> = {
  'gmail-web': {
    id: 'gmail-web',
    label: 'Gmail (web)',
    caniemail: 'gmail.desktop-webmail',
    variant: 'A Gmail account in a desktop browser.',
    darkMode: 'none',
    msoConditionals: false,
    fidelity: { level: 'medium', note: "CSS and elements Gmail drops are removed; not emulated: class renaming, the 102 KB clip, the image proxy, Gmail's own fonts and spacing." },
  },
  'gmail-app': {
    id: 'gmail-app',
    label: 'Gmail app (Android)',
    caniemail: 'gmail.android',
    variant: 'A Gmail account in the Android app; with a non-Google (IMAP) account the app drops every <style> block as well.',
    darkMode: 'partial-invert',
    msoConditionals: false,
    fidelity: { level: 'medium', note: 'CSS Gmail drops is removed; dark mode is a colour-lightness approximation of the app\'s partial inversion, not its exact palette.' },
  },
  'outlook-windows': {
    id: 'outlook-windows',
    label: 'Outlook (Windows, Word engine)',
    caniemail: 'outlook.windows',
    variant: 'Classic Outlook for Windows (2016-2021, Microsoft 365), which renders with Word.',
    darkMode: 'partial-invert',
    msoConditionals: true,
    fidelity: { level: 'low', note: 'Unsupported CSS is removed and mso conditional content shown, but Word\'s layout (widths, padding only on cells, no floats, VML) is not emulated: a browser still lays it out.' },
  },
  'outlook-new': {
    id: 'outlook-new',
    label: 'Outlook (new, Windows)',
    caniemail: 'outlook.outlook-com',
    variant: 'New Outlook for Windows, which renders as Outlook.com does (caniemail has no column of its own for it).',
    darkMode: 'partial-invert',
    msoConditionals: false,
    fidelity: { level: 'medium', note: 'Outlook.com data; not emulated: its class and id prefixes, link rewriting, its own dark palette.' },
  },
  'outlook-web': {
    id: 'outlook-web',
    label: 'Outlook.com',
    caniemail: 'outlook.outlook-com',
    variant: 'Outlook.com in a browser.',
    darkMode: 'partial-invert',
    msoConditionals: false,
    fidelity: { level: 'medium', note: 'Not emulated: class and id prefixes, link rewriting, its own dark palette.' },
  },
  'apple-mail': {
    id: 'apple-mail',
    label: 'Apple Mail (macOS)',
    caniemail: 'apple-mail.macos',
    variant: 'Apple Mail on macOS (iOS Mail renders the same way at phone widths).',
    darkMode: 'media',
    msoConditionals: false,
    fidelity: { level: 'high', note: 'WebKit, close to this preview; not emulated: system fonts and the automatic dark colours Apple Mail gives emails without dark styles.' },
  },
  yahoo: {
    id: 'yahoo',
    label: 'Yahoo Mail (web)',
    caniemail: 'yahoo.desktop-webmail',
    variant: 'Yahoo Mail in a desktop browser.',
    darkMode: 'none',
    msoConditionals: false,
    fidelity: { level: 'medium', note: 'Not emulated: class renaming, height turned into min-height, its own link styles.' },
  },
};

export const isClientId = (value: string): value is ClientId => (clientIds as readonly string[]).includes(value);
