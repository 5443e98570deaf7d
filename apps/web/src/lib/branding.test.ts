import { describe, expect, it } from 'vitest';
import { accentPalette, contrastRatio } from './branding';

describe('accentPalette', () => {
  it('keeps a dark accent as it is, with white text on it', () => {
    expect(accentPalette('#2563EB')).toEqual({ accent: '#2563eb', onAccent: '#ffffff', ink: '#2563eb' });
  });

  it('puts dark text on a light accent, and darkens it for links until they are readable', () => {
    const palette = accentPalette('#facc15');
    expect(palette.onAccent).toBe('#111827');
    expect(contrastRatio(palette.ink, '#ffffff')).toBeGreaterThanOrEqual(4.5);
  });

  it('measures contrast as WCAG does', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21);
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1);
  });
});
