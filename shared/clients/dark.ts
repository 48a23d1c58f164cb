import { parseColor, type Rgb } from '../lint/html/css';

/**
 * Partial inversion, as Gmail's apps and Outlook do in dark mode: a light background turns dark and dark text
 * turns light; a background already dark and text already light stay. Lightness is mirrored (hue and saturation
 * kept) into the range those clients use: backgrounds to about #1a1a1a-#404040, text to about #b0b0b0-#e6e6e6.
 */
export type ColourRole = 'background' | 'foreground';

const colourToken = /#[0-9a-f]{3,8}\b|rgba?\([^)]*\)|\b(?:white|black|red|green|blue|yellow|gray|grey|silver|navy|orange|whitesmoke|lightgray|lightgrey|gainsboro)\b/gi;

function toHsl([r, g, b]: Rgb): [number, number, number] {
  const [rn, gn, bn] = [r / 255, g / 255, b / 255];
  const max = Math.max(rn, gn, bn);
  const min = Math.min(rn, gn, bn);
  const l = (max + min) / 2;
  if (max === min) return [0, 0, l];
  const d = max - min;
  const s = l > 0.5 ? d / (2 - max - min) : d / (max + min);
  const h = max === rn ? (gn - bn) / d + (gn < bn ? 6 : 0) : max === gn ? (bn - rn) / d + 2 : (rn - gn) / d + 4;
  return [h / 6, s, l];
}

function toHex(h: number, s: number, l: number): string {
  const f = (n: number) => {
    const k = (n + h * 12) % 12;
    const a = s * Math.min(l, 1 - l);
    const c = l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(c * 255).toString(16).padStart(2, '0');
  };
  return `#${f(0)}${f(8)}${f(4)}`;
}

/** The colour a partially inverting client shows instead, or undefined when it keeps this one. */
export function invertPartially(colour: Rgb, role: ColourRole): string | undefined {
  const [h, s, l] = toHsl(colour);
  if (role === 'background' && l > 0.5) return toHex(h, s, 0.1 + (1 - l) * 0.3);
  if (role === 'foreground' && l < 0.5) return toHex(h, s, 0.9 - l * 0.4);
  return undefined;
}

/** A CSS value with each colour in it replaced as the client does; undefined when nothing changes. */
export function invertValue(value: string, role: ColourRole): string | undefined {
  let changed = false;
  const out = value.replace(colourToken, (token) => {
    const colour = parseColor(token);
    const next = colour && invertPartially(colour, role);
    if (!next) return token;
    changed = true;
    return next;
  });
  return changed ? out : undefined;
}

/** Which colour role a property's value plays; undefined for properties without colours worth changing. */
export function colourRole(property: string): ColourRole | undefined {
  if (property === 'background' || property === 'background-color') return 'background';
  if (property === 'color' || /^border(?:-(?:top|right|bottom|left))?(?:-color)?$/.test(property) || property === 'outline-color') return 'foreground';
  return undefined;
}
