import { describe, expect, it } from 'vitest';
import { accentPalette, contrastRatio } from './branding';

describe('accentPalette', () => {
  it('keeps a dark accent as it is, with white text on it', () => {
    expect(accentPalette('#1d4ed8')).toEqual({ accent: '#1d4ed8', onAccent: '#ffffff', ink: '#1d4ed8' });
  });

  it('darkens the links of an accent readable on white but not on its own light tint', () => {
    // #2563eb is 5.2:1 on white, 4.49:1 on the active link's #e9effd: just under WCAG AA.
    const palette = accentPalette('#2563EB');
    expect(palette).toMatchObject({ accent: '#2563eb', onAccent: '#ffffff' });
    expect(contrastRatio(palette.ink, '#e9effd')).toBeGreaterThanOrEqual(4.5);
  });

  it('puts dark text on a light accent, and darkens it for links until they are readable', () => {
    const palette = accentPalette('#facc15');
    expect(palette.onAccent).toBe('#111827');
    expect(contrastRatio(palette.ink, '#ffffff')).toBeGreaterThanOrEqual(4.5);
  });

  it('darkens the links of a light accent until they are readable on the pages’ grey too', () => {
    // #f5b700's links darkened for its own tint alone are 4.4:1 on the grey behind "Back to…" links.
    expect(contrastRatio(accentPalette('#f5b700').ink, '#f4f5f7')).toBeGreaterThanOrEqual(4.5);
  });

  it('measures contrast as WCAG does', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21);
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1);
  });
});
