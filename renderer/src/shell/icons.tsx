import type { ReactNode } from 'react';

/**
 * Rail icons as inline SVG: emoji glyphs depend on the fonts a machine has (Debian's
 * Chromium shows empty boxes for 🔑 and 📈). Drawn on a 20 px grid with the current color.
 */
const paths: Record<string, ReactNode> = {
  editor: <path d="M4 16v-3L13 4l3 3-9 9H4zM11.5 5.5l3 3" />,
  lint: <path d="M5 17V3M5 4h9l-2 3 2 3H5" />,
  auth: (
    <>
      <circle cx="7" cy="10" r="3.5" />
      <path d="M10.5 10H17M14.5 10v3M16.5 10v2" />
    </>
  ),
  seeds: (
    <>
      <rect x="3" y="5" width="14" height="10" rx="1.5" />
      <path d="M3.5 5.5 10 11l6.5-5.5" />
    </>
  ),
  warmup: <path d="M3 17h14M4 14l4-4 3 3 5-6M13 7h3v3" />,
  dmarc: (
    <>
      <path d="M5 2.5h7l3 3V17.5H5z" />
      <path d="M8 14v-3M10.5 14V8.5M13 14v-4.5" />
    </>
  ),
  settings: (
    <>
      <circle cx="10" cy="10" r="2.5" />
      <path d="M10 2.5v2.2M10 15.3v2.2M2.5 10h2.2M15.3 10h2.2M4.7 4.7l1.6 1.6M13.7 13.7l1.6 1.6M4.7 15.3l1.6-1.6M13.7 6.3l1.6-1.6" />
    </>
  ),
};

/** The panel's icon, or its glyph from the registry when the shell has no drawing for it. */
export function RailIcon({ id, glyph }: { id: string; glyph: string }) {
  const drawing = paths[id];
  if (!drawing) return <span aria-hidden="true">{glyph}</span>;
  return (
    <svg aria-hidden="true" focusable="false" width="20" height="20" viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round">
      {drawing}
    </svg>
  );
}
