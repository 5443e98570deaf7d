import { type Branding, BrandingSchema, DEFAULT_PORTAL_SETTINGS } from '@atrium/shared';
import { api } from './api';
import { createStore } from './store';

export const DEFAULT_BRANDING: Branding = DEFAULT_PORTAL_SETTINGS.branding;

/** The branding on screen: the console's portal settings page changes it without a reload. */
export const brandingStore = createStore<Branding>(DEFAULT_BRANDING);

/** Branding is decoration: if it cannot be loaded, the apps still work with the default look. */
export async function loadBranding(): Promise<Branding> {
  try {
    return await api('/portal/api/branding', { schema: BrandingSchema });
  } catch {
    return DEFAULT_BRANDING;
  }
}

export type AccentPalette = {
  /** The MSP's colour, for filled buttons and the active-link marker. */
  accent: string;
  /** Text drawn on the accent colour. */
  onAccent: string;
  /**
   * The accent, darkened if needed so that links, focus rings and status badges stay readable on
   * white, on the pages' grey (`--canvas`) and on the accent's own light tint (the active link's
   * background, `--accent-soft`).
   */
  ink: string;
};

const WHITE = '#ffffff';
const DARK = '#111827';
/** styles.css's --canvas, behind the pages' back links and subtitles. */
const CANVAS = '#f4f5f7';
/** WCAG AA for normal text. */
const MIN_TEXT_CONTRAST = 4.5;

/** Any colour an admin picks must still give readable buttons and links. */
export function accentPalette(accent: string): AccentPalette {
  const hex = accent.toLowerCase();
  const onAccent = contrastRatio(hex, WHITE) >= contrastRatio(hex, DARK) ? WHITE : DARK;
  // As styles.css mixes --accent-soft: 10% accent into white. It and the canvas are darker than
  // white, so text readable on both is readable on white too.
  const soft = toHex(mapRgb(parseHex(hex), (channel) => Math.round(channel * 0.1 + 255 * 0.9)));
  const readable = (ink: string) =>
    contrastRatio(ink, soft) >= MIN_TEXT_CONTRAST && contrastRatio(ink, CANVAS) >= MIN_TEXT_CONTRAST;
  let ink = hex;
  for (let step = 0; step < 20 && !readable(ink); step++) {
    ink = toHex(mapRgb(parseHex(ink), (channel) => Math.round(channel * 0.9)));
  }
  return { accent: hex, onAccent, ink };
}

/** Colours go through CSSOM (allowed by the CSP), never through a style attribute or tag. */
export function applyBranding(branding: Branding, root: HTMLElement = document.documentElement): void {
  const palette = accentPalette(branding.accentColor);
  root.style.setProperty('--accent', palette.accent);
  root.style.setProperty('--on-accent', palette.onAccent);
  root.style.setProperty('--accent-ink', palette.ink);
}

type Rgb = [number, number, number];

function parseHex(hex: string): Rgb {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff];
}

function mapRgb(rgb: Rgb, map: (channel: number) => number): Rgb {
  return [map(rgb[0]), map(rgb[1]), map(rgb[2])];
}

function toHex(rgb: Rgb): string {
  return `#${rgb.map((channel) => channel.toString(16).padStart(2, '0')).join('')}`;
}

/** Relative luminance as WCAG defines it. */
function luminance(hex: string): number {
  const [r, g, b] = mapRgb(parseHex(hex), (channel) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrastRatio(a: string, b: string): number {
  const la = luminance(a);
  const lb = luminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}
