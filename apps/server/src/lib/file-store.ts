import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export type StoredFile = { storageKey: string; size: number; sha256: string };

/**
 * Files kept under one directory (DATA_DIR/attachments), named by a random key, never by the
 * uploader's file name. The database row decides who may read them.
 */
export function createFileStore(root: string) {
  const resolve = (storageKey: string) => {
    const file = path.resolve(root, storageKey);
    if (!file.startsWith(`${path.resolve(root)}${path.sep}`))
      throw new Error('storage key outside the store');
    return file;
  };

  return {
    /** Streams to disk, hashing on the way; the file is fsynced before the row that names it is written. */
    async save(source: NodeJS.ReadableStream): Promise<StoredFile> {
      const now = new Date();
      const storageKey = path.join(
        String(now.getUTCFullYear()),
        String(now.getUTCMonth() + 1).padStart(2, '0'),
        randomUUID(),
      );
      const file = resolve(storageKey);
      await fs.promises.mkdir(path.dirname(file), { recursive: true });
      const hash = createHash('sha256');
      let size = 0;
      const measure = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          hash.update(chunk);
          size += chunk.length;
          done(null, chunk);
        },
      });
      const out = fs.createWriteStream(file, { flags: 'wx', mode: 0o600, flush: true });
      try {
        await pipeline(source, measure, out);
      } catch (error) {
        await fs.promises.rm(file, { force: true });
        throw error;
      }
      return { storageKey, size, sha256: hash.digest('hex') };
    },

    open: (storageKey: string) => fs.createReadStream(resolve(storageKey)),

    async remove(storageKey: string): Promise<void> {
      await fs.promises.rm(resolve(storageKey), { force: true });
    },
  };
}

export type FileStore = ReturnType<typeof createFileStore>;
