import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { dumpEmbedded, openDatabase } from '../db/client';
import { createDatabase, databaseUrl, dropDatabase, uniqueName } from './databases';

declare module 'vitest' {
  // biome-ignore lint/style/useConsistentTypeDefinitions: module augmentation needs an interface
  export interface ProvidedContext {
    testDatabase: { kind: 'embedded'; templateFile: string } | { kind: 'postgres'; template: string };
  }
}

/**
 * Migrates one template database per run; every test file then starts from a copy of it (a PGlite
 * dump loaded in memory, or CREATE DATABASE … TEMPLATE on the server), so files run in parallel
 * without sharing data.
 */
export default async function setup(project: TestProject) {
  if (project.name.endsWith('postgres')) {
    const template = uniqueName('atrium_template');
    await createDatabase(template);
    const database = await openDatabase({ kind: 'postgres', url: databaseUrl(template), poolSize: 2 });
    await database.migrate();
    await database.close();
    project.provide('testDatabase', { kind: 'postgres', template });
    return async () => dropDatabase(template);
  }
  const database = await openDatabase({ kind: 'embedded' });
  await database.migrate();
  const dump = await dumpEmbedded(database);
  await database.close();
  const templateFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-test-')), 'template.tar');
  fs.writeFileSync(templateFile, Buffer.from(await dump.arrayBuffer()));
  project.provide('testDatabase', { kind: 'embedded', templateFile });
  return async () => fs.rmSync(path.dirname(templateFile), { recursive: true, force: true });
}
