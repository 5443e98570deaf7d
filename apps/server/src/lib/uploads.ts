import path from 'node:path';
import '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Config } from '../config';
import { AppError, validationFailed } from './app-error';
import { detectContentType, type FileBytes, UNKNOWN_BINARY } from './file-content';
import type { FileStore } from './file-store';
import { parseBody } from './routes';
import { assertStorableText } from './storable-text';

export type Upload = {
  storageKey: string;
  size: number;
  sha256: string;
  filename: string;
  contentType: string;
};

/**
 * Never attachable, whatever ATTACHMENT_TYPES says: what a browser renders as a page (HTML, XML, which
 * carries XHTML and SVG, and SVG itself) and programs a double click runs.
 */
const NEVER_ALLOWED = new Set([
  'text/html',
  'application/xhtml+xml',
  'application/xml',
  'text/xml',
  'image/svg+xml',
  'application/x-msdownload',
  'application/x-elf',
  'application/x-mach-binary',
  'application/x-sharedlib',
  'application/x-executable',
  'application/java-archive',
  'application/java-vm',
  'application/vnd.android.package-archive',
  'application/x-deb',
  'application/x-rpm',
  'application/x-apple-diskimage',
  'application/x-xpinstall',
  'application/x-google-chrome-extension',
  'application/x.ms.shortcut',
  'application/x-ms-regedit',
  'application/vnd.ms-htmlhelp',
  'application/wasm',
  'application/x-shockwave-flash',
  'application/javascript',
  'text/javascript',
  'text/x-shellscript',
]);

/**
 * Names Windows, macOS or a desktop would open as a program or a page, whatever the file holds: the
 * name decides what happens on a double click once the file is downloaded.
 */
const NEVER_EXTENSIONS = new Set(
  (
    'exe com scr pif bat cmd msi msp msix appx dll cpl sys ocx js jse mjs vbs vbe wsf wsh ws hta ps1 psm1 ' +
    'psd1 ps1xml lnk url scf reg inf jar app apk dmg pkg deb rpm sh bash zsh command py pyw pl rb php ' +
    'html htm xhtml shtml xht mht mhtml svg svgz xml xsl xslt chm gadget msc application appref-ms'
  ).split(' '),
);

/** A media type's subtype: RFC 6838 restricted name characters, at least one. */
const SUBTYPE_REST = /^[a-z0-9][a-z0-9!#$&^_.+-]*$/;

/**
 * `image/png` against patterns like `image/png`, `image/*` or `application/vnd.oasis.opendocument.*`.
 * A wildcard stands for a real subtype (`image/*` is not `image/`), and never for what NEVER_ALLOWED
 * holds (`image/*` is not `image/svg+xml`).
 */
export function isAllowedType(contentType: string, patterns: string[]): boolean {
  const type = contentType.toLowerCase().split(';')[0]?.trim() ?? '';
  if (NEVER_ALLOWED.has(type)) return false;
  return patterns.some((pattern) => {
    if (!pattern.endsWith('*')) return type === pattern;
    const prefix = pattern.slice(0, -1);
    return type.startsWith(prefix) && SUBTYPE_REST.test(type.slice(prefix.length));
  });
}

/**
 * Characters that reorder text on screen (Unicode bidi embeddings, overrides and isolates): in a
 * name they make `invoice\u202Efdp.exe` read as `invoiceexe.pdf`.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/** The uploader's name, reduced to something safe to show and to put in a Content-Disposition header. */
export function cleanFilename(name: string): string {
  const printable = [...path.basename(name.replace(BIDI_CONTROLS, '').replaceAll('\\', '/'))].filter(
    (char) => {
      const code = char.charCodeAt(0);
      return code > 0x1f && !(code >= 0x7f && code <= 0x9f) && char !== '"';
    },
  );
  const base = printable.join('').trim();
  return (base || 'attachment').slice(0, 200);
}

/** Why a file may not be attached: a type the allow-list leaves out, or a program's name. */
export type AttachmentRefusal = { contentType: string } | { extension: string };

/** The refusal in English words, for API errors and technicians' logs. */
export function refusalText(refusal: AttachmentRefusal): string {
  return 'contentType' in refusal
    ? `files of type ${refusal.contentType} cannot be attached`
    : `files named *.${refusal.extension} cannot be attached`;
}

/**
 * The type a file is kept and served as: what its bytes are (lib/file-content.ts), if the
 * allow-list takes it and its name is no program's. Otherwise why not.
 */
export async function attachmentType(
  bytes: FileBytes,
  filename: string,
  declared: string,
  allowed: string[],
): Promise<{ contentType: string } | { refused: AttachmentRefusal }> {
  const contentType = await detectContentType(bytes, filename, declared);
  if (!isAllowedType(contentType, allowed)) return { refused: { contentType } };
  const extension = path.extname(filename).slice(1).toLowerCase();
  if (NEVER_EXTENSIONS.has(extension)) return { refused: { extension } };
  return { contentType };
}

/**
 * Reads a multipart form: text fields, and files streamed to the store as they arrive (size-limited
 * by the multipart plugin), then typed by their stored bytes and checked against the allow-list.
 * Anything stored is removed again if the form turns out to be bad.
 */
export async function readMultipart(
  request: FastifyRequest,
  store: FileStore,
  config: Config,
): Promise<{ fields: Record<string, string>; files: Upload[] }> {
  const fields: Record<string, string> = {};
  const files: Upload[] = [];
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        if (typeof part.value === 'string') fields[part.fieldname] = part.value;
        continue;
      }
      const stored = await store.save(part.file);
      const filename = cleanFilename(part.filename);
      const file = { ...stored, filename, contentType: UNKNOWN_BINARY };
      files.push(file);
      if (part.file.truncated) {
        throw new AppError(
          'payload_too_large',
          `Each file may be at most ${config.attachments.maxBytes} bytes.`,
        );
      }
      const type = await attachmentType(
        () => store.open(stored.storageKey),
        filename,
        part.mimetype,
        config.attachments.types,
      );
      if ('refused' in type) {
        throw new AppError('file_type_not_allowed', `${filename}: ${refusalText(type.refused)}.`);
      }
      file.contentType = type.contentType;
    }
  } catch (error) {
    await Promise.all(files.map((file) => store.remove(file.storageKey)));
    throw error;
  }
  return { fields, files };
}

/** RFC 6266: an ASCII fallback and the exact UTF-8 name. */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/[\\"]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/**
 * busboy's refusals of a malformed form (no boundary, a boundary over 256 characters, a body cut
 * short) carry neither an HTTP status nor a system error code, unlike the plugin's limits (413) and
 * the file store's I/O errors (which stay 500s).
 */
function isMalformedForm(error: unknown): error is Error {
  return error instanceof Error && !('statusCode' in error) && !('code' in error);
}

/**
 * A multipart form checked with the same zod schema as its JSON twin: `toInput` turns the text
 * fields into the JSON shape. Stored files are removed again when the form is refused.
 */
export async function readForm<S extends z.ZodType>(
  request: FastifyRequest,
  store: FileStore,
  config: Config,
  schema: S,
  toInput: (fields: Record<string, string>) => unknown,
): Promise<{ input: z.output<S>; files: Upload[] }> {
  const form = await readMultipart(request, store, config).catch((error: unknown) => {
    throw isMalformedForm(error)
      ? validationFailed([{ path: 'body', message: `is not a readable multipart form (${error.message})` }])
      : error;
  });
  try {
    assertStorableText(form.fields, 'body');
    return { input: parseBody(schema, toInput(form.fields)), files: form.files };
  } catch (error) {
    await Promise.all(form.files.map((file) => store.remove(file.storageKey)));
    throw error;
  }
}

/** An attachment, always as a download: never rendered inline, never sniffed, sandboxed if opened. */
export function sendAttachment(
  reply: FastifyReply,
  file: { filename: string; contentType: string; size: number },
  stream: NodeJS.ReadableStream,
): FastifyReply {
  return reply
    .header('content-type', file.contentType)
    .header('content-length', file.size)
    .header('content-disposition', contentDisposition(file.filename))
    .header('content-security-policy', "sandbox; default-src 'none'")
    .header('cache-control', 'private, no-store')
    .send(stream);
}
