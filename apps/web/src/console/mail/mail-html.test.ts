import { describe, expect, it } from 'vitest';
import { splitBodyStyle } from './mail-html';

describe('splitBodyStyle', () => {
  it('takes the style off the body and keeps everything else', () => {
    const html =
      '<!doctype html><html><head><meta charset="utf-8"></head><body style="font-family: \'Segoe UI\', Arial; color: #1f2328;"><p>Hello</p></body></html>';
    expect(splitBodyStyle(html)).toEqual({
      html: '<!doctype html><html><head><meta charset="utf-8"></head><body><p>Hello</p></body></html>',
      bodyStyle: "font-family: 'Segoe UI', Arial; color: #1f2328;",
    });
  });

  it('leaves text that only mentions a style alone', () => {
    const html = '<html><body><p>style="color: red"</p></body></html>';
    expect(splitBodyStyle(html)).toEqual({ html, bodyStyle: '' });
  });

  it('reads an escaped attribute value', () => {
    expect(splitBodyStyle('<body style="font-family: &quot;Segoe UI&quot;">x</body>').bodyStyle).toBe(
      'font-family: "Segoe UI"',
    );
  });
});
