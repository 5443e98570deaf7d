import { describe, expect, it } from 'vitest';
import { isAllowedType } from './uploads';

describe('ATTACHMENT_TYPES patterns', () => {
  it('let a wildcard stand for a real subtype only, and never for SVG, HTML or programs', () => {
    const patterns = ['image/*', 'application/vnd.oasis.opendocument.*', 'application/x-msdownload'];
    expect(isAllowedType('image/png', patterns)).toBe(true);
    expect(isAllowedType('IMAGE/WebP; q=1', patterns)).toBe(true);
    expect(isAllowedType('application/vnd.oasis.opendocument.text', patterns)).toBe(true);
    expect(isAllowedType('image/', patterns)).toBe(false);
    expect(isAllowedType('image/ png', patterns)).toBe(false);
    expect(isAllowedType('application/vnd.oasis.opendocument.', patterns)).toBe(false);
    expect(isAllowedType('image/svg+xml', patterns)).toBe(false);
    expect(isAllowedType('application/x-msdownload', patterns)).toBe(false);
    expect(isAllowedType('text/html', ['text/*', 'text/html'])).toBe(false);
  });
});
