import path from 'node:path';
import '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Config } from '../config';
import { AppError, validationFailed } from './app-error';
import type { FileStore } from './file-store';
import { assertStorableText } from './storable-text';

export type Upload = {
  storageKey: string;
  size: number;
  sha256: string;
  filename: string;
  contentType: string;
};

/** `image/png` against patterns like `image/png`, `image/*` or `application/vnd.oasis.opendocument.*`. */
export function isAllowedType(contentType: string, patterns: string[]): boolean {
  const type = contentType.toLowerCase().split(';')[0]?.trim() ?? '';
  return patterns.some((pattern) =>
    pattern.endsWith('*')
      ? type.startsWith(pattern.slice(0, -1)) && type.length > pattern.length - 1
      : type === pattern,
  );
}

/** The uploader's name, reduced to something safe to show and to put in a Content-Disposition header. */
export function cleanFilename(name: string): string {
  const printable = [...path.basename(name.replaceAll('\\', '/'))].filter((char) => {
    const code = char.charCodeAt(0);
    return code > 0x1f && code !== 0x7f && char !== '"';
  });
  const base = printable.join('').trim();
  return (base || 'attachment').slice(0, 200);
}

/**
 * Reads a multipart form: text fields, and files streamed to the store as they arrive (size-limited
 * by the multipart plugin, type-checked against the allow-list). Anything stored is removed again
 * if the form turns out to be bad.
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
      if (!isAllowedType(part.mimetype, config.attachments.types)) {
        part.file.resume();
        throw new AppError('file_type_not_allowed', `Files of type ${part.mimetype} cannot be attached.`);
      }
      const stored = await store.save(part.file);
      files.push({
        ...stored,
        filename: cleanFilename(part.filename),
        contentType: part.mimetype.toLowerCase(),
      });
      if (part.file.truncated) {
        throw new AppError(
          'payload_too_large',
          `Each file may be at most ${config.attachments.maxBytes} bytes.`,
        );
      }
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
    return { input: schema.parse(toInput(form.fields)), files: form.files };
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
