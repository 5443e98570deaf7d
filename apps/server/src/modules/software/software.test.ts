import type { Software } from '@atrium/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, client, technicianClient, unique } from '../../test/factories';
import { createTestApp, type TestApp } from '../../test/test-app';
import { findSoftware, softwareForOs } from './software.repo';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

/** The catalog is global to the install: each test names its own entries. */
const newName = (label = 'Google Chrome') => `${label} ${unique('sw').slice(-12)}`;
const path = (id: string) => `/api/v1/software/${id}`;

async function addSoftware(admin: Client, body: Record<string, unknown>): Promise<Software> {
  const response = await admin.post('/api/v1/software', { name: newName(), ...body });
  expect(response.statusCode).toBe(201);
  return response.json();
}

async function catalog(as: Client): Promise<Software[]> {
  const response = await as.get('/api/v1/software');
  expect(response.statusCode).toBe(200);
  return response.json().items;
}

describe('the software catalog', () => {
  it('lets an admin add software that every technician then sees, with the systems it installs on', async () => {
    const { client: admin } = await technicianClient(t, 'admin');
    const { client: tech } = await technicianClient(t, 'technician');
    const name = newName();
    const created = await admin.post('/api/v1/software', {
      name: `  ${name}  `,
      chocolatey: 'googlechrome',
      homebrew: 'google-chrome',
      homebrewCask: true,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toEqual({
      id: expect.any(String),
      name,
      chocolatey: 'googlechrome',
      homebrew: 'google-chrome',
      homebrewCask: true,
      approved: true,
      supportedOs: ['windows', 'macos'],
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const list = await tech.get('/api/v1/software');
    expect(list.statusCode).toBe(200);
    expect(list.json().total).toBe(list.json().items.length);
    expect(list.json().items).toContainEqual(created.json());
  });

  it('offers software with only a Chocolatey id to Windows only, and a formula to macOS only', async () => {
    const { client: admin } = await technicianClient(t, 'admin');
    const windows = await addSoftware(admin, { chocolatey: 'notepadplusplus' });
    const mac = await addSoftware(admin, { homebrew: 'wget' });
    expect(windows).toMatchObject({
      chocolatey: 'notepadplusplus',
      homebrew: null,
      supportedOs: ['windows'],
    });
    expect(mac).toMatchObject({
      chocolatey: null,
      homebrew: 'wget',
      homebrewCask: false,
      supportedOs: ['macos'],
    });
  });

  it('accepts the package ids people really use, and SPEC’s "approved": true', async () => {
    const { client: admin } = await technicianClient(t, 'admin');
    for (const ids of [
      { chocolatey: 'vscode.install' },
      { chocolatey: '7zip' },
      { chocolatey: 'Firefox' },
      { chocolatey: 'adobereader', homebrew: 'python@3.12' },
      { homebrew: 'gtk+3' },
      { homebrew: 'homebrew/cask-fonts/font-fira-code', homebrewCask: true },
    ]) {
      const response = await admin.post('/api/v1/software', { name: newName(), approved: true, ...ids });
      expect({ ids, status: response.statusCode }).toEqual({ ids, status: 201 });
      expect(response.json()).toMatchObject(ids);
    }
  });

  it('lists the catalog by name, whatever the case', async () => {
    const { client: admin } = await technicianClient(t, 'admin');
    const prefix = unique('Sort');
    const zoom = await addSoftware(admin, { name: `${prefix} Zoom`, chocolatey: 'zoom' });
    const adobe = await addSoftware(admin, { name: `${prefix} adobe reader`, chocolatey: 'adobereader' });
    const mid = await addSoftware(admin, { name: `${prefix} Mattermost`, homebrew: 'mattermost' });
    const ours = (await catalog(admin)).filter((entry) => entry.name.startsWith(prefix));
    expect(ours.map((entry) => entry.id)).toEqual([adobe.id, mid.id, zoom.id]);
  });

  it('lets an admin rename an entry and change its package ids', async () => {
    const { client: admin } = await technicianClient(t, 'admin');
    const entry = await addSoftware(admin, {
      chocolatey: 'firefox',
      homebrew: 'firefox',
      homebrewCask: true,
    });
    const name = newName('Mozilla Firefox');
    const response = await admin.patch(path(entry.id), { name, chocolatey: null, homebrew: 'firefox@esr' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      ...entry,
      name,
      chocolatey: null,
      homebrew: 'firefox@esr',
      supportedOs: ['macos'],
      updatedAt: expect.any(String),
    });
    expect(Date.parse(response.json().updatedAt)).toBeGreaterThanOrEqual(Date.parse(entry.updatedAt));
    expect(await catalog(admin)).toContainEqual(response.json());
  });

  it('drops the cask flag when the Homebrew id is removed', async () => {
    const { client: admin } = await technicianClient(t, 'admin');
    const entry = await addSoftware(admin, { chocolatey: 'slack', homebrew: 'slack', homebrewCask: true });
    const response = await admin.patch(path(entry.id), { homebrew: null });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ homebrew: null, homebrewCask: false, supportedOs: ['windows'] });
  });

  it('refuses an update that would leave neither a Chocolatey nor a Homebrew id (400), keeping the entry', async () => {
    const { client: admin } = await technicianClient(t, 'admin');
    const entry = await addSoftware(admin, { chocolatey: 'vlc' });
    for (const body of [{ chocolatey: null }, { chocolatey: null, homebrew: null }, { homebrewCask: true }]) {
      const response = await admin.patch(path(entry.id), body);
      expect({ body, status: response.statusCode }).toEqual({ body, status: 400 });
      expect(response.json().error).toMatchObject({ code: 'validation_failed', message: expect.any(String) });
    }
    expect(await catalog(admin)).toContainEqual(entry);
  });

  it('lets an admin delete an entry, which then disappears from the catalog', async () => {
    const { client: admin } = await technicianClient(t, 'admin');
    const entry = await addSoftware(admin, { chocolatey: 'teamviewer' });
    const response = await admin.delete(path(entry.id));
    expect(response.statusCode).toBe(204);
    expect(response.body).toBe('');
    expect((await catalog(admin)).map((item) => item.id)).not.toContain(entry.id);
    expect((await admin.delete(path(entry.id))).statusCode).toBe(404);
  });

  it('answers 404 in the error shape for an id that is not in the catalog, and 400 for one that is no id', async () => {
    const { client: admin } = await technicianClient(t, 'admin');
    const missing = '00000000-0000-4000-8000-000000000000';
    for (const response of [
      await admin.patch(path(missing), { name: 'Anything' }),
      await admin.delete(path(missing)),
    ]) {
      expect(response.statusCode).toBe(404);
      expect(response.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
    }
    expect((await admin.delete(path('not-a-uuid'))).statusCode).toBe(400);
  });
});

describe('package ids in the catalog', () => {
  /** Ids that would break out of `choco install ID` / `brew install ID`, or read as an option. */
  const hostile = [
    'googlechrome; rm -rf /',
    'google chrome',
    '--force',
    '-y',
    '--source=http://evil.example/',
    '$(reboot)',
    '`reboot`',
    'chrome|calc',
    'chrome&&calc',
    'chrome>out.txt',
    "chrome'",
    'chrome"',
    'chrome\nreboot',
    '../../etc/passwd',
    'C:\\Windows\\calc.exe',
    '',
    'x'.repeat(101),
  ];

  it('refuses ids with shell metacharacters, spaces or a leading dash with a 400 naming the field, never a 500', async () => {
    const { client: admin } = await technicianClient(t, 'admin');
    const entry = await addSoftware(admin, { chocolatey: 'git', homebrew: 'git' });
    for (const id of hostile) {
      for (const field of ['chocolatey', 'homebrew']) {
        for (const response of [
          await admin.post('/api/v1/software', { name: newName(), [field]: id }),
          await admin.patch(path(entry.id), { [field]: id }),
        ]) {
          expect({ id, field, status: response.statusCode }).toEqual({ id, field, status: 400 });
          const { error } = response.json();
          expect(error).toMatchObject({ code: 'validation_failed', message: expect.any(String) });
          expect(error.details.map((d: { path: string }) => d.path)).toContain(`body.${field}`);
        }
      }
    }
    expect(await catalog(admin)).toContainEqual(entry);
  });

  it('refuses Homebrew ids in capitals or with a malformed tap', async () => {
    const { client: admin } = await technicianClient(t, 'admin');
    for (const homebrew of [
      'Google-Chrome',
      'owner/name',
      'a/b/c/d',
      '/tap/name',
      'owner//name',
      'owner/tap/',
    ]) {
      const response = await admin.post('/api/v1/software', { name: newName(), homebrew });
      expect({ homebrew, status: response.statusCode }).toEqual({ homebrew, status: 400 });
      expect(response.json().error.details[0]).toMatchObject({
        path: 'body.homebrew',
        message: expect.stringContaining('Homebrew formula or cask'),
      });
    }
  });

  it('refuses an entry without any package id, a cask without a Homebrew id, and malformed bodies (400)', async () => {
    const { client: admin } = await technicianClient(t, 'admin');
    const bad: [Record<string, unknown>, string][] = [
      [{ name: newName() }, 'body.chocolatey'],
      [{ name: newName(), chocolatey: null, homebrew: null }, 'body.chocolatey'],
      [{ name: newName(), chocolatey: 'zoom', homebrewCask: true }, 'body.homebrewCask'],
      [{ chocolatey: 'zoom' }, 'body.name'],
      [{ name: '   ', chocolatey: 'zoom' }, 'body.name'],
      [{ name: 'x'.repeat(121), chocolatey: 'zoom' }, 'body.name'],
      [{ name: newName(), chocolatey: 42 }, 'body.chocolatey'],
      [{ name: newName(), homebrew: 'zoom', homebrewCask: 'yes' }, 'body.homebrewCask'],
      [{ name: newName(), chocolatey: 'zoom', approved: false }, 'body.approved'],
      [{ name: newName(), chocolatey: 'zoom', linux: 'zoom' }, 'body'],
    ];
    for (const [body, field] of bad) {
      const response = await admin.post('/api/v1/software', body);
      expect({ body, status: response.statusCode }).toEqual({ body, status: 400 });
      const { error } = response.json();
      expect(error).toMatchObject({ code: 'validation_failed', message: expect.any(String) });
      expect(error.details.map((d: { path: string }) => d.path)).toContain(field);
    }
    const neither = await admin.post('/api/v1/software', { name: newName() });
    expect(neither.json().error.message).toContain('Chocolatey id (Windows), a Homebrew id (macOS) or both');
  });
});

describe('who may change the catalog', () => {
  it('lets a technician read the catalog but not add, change or delete entries (403)', async () => {
    const { client: admin } = await technicianClient(t, 'admin');
    const { client: tech } = await technicianClient(t, 'technician');
    const entry = await addSoftware(admin, { chocolatey: 'putty' });
    for (const response of [
      await tech.post('/api/v1/software', { name: newName(), chocolatey: 'putty' }),
      await tech.patch(path(entry.id), { name: 'Renamed' }),
      await tech.delete(path(entry.id)),
    ]) {
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('forbidden');
    }
    expect(await catalog(tech)).toContainEqual(entry);
  });

  it('answers 401 to anyone not signed in', async () => {
    for (const response of [
      await client(t).get('/api/v1/software'),
      await client(t).post('/api/v1/software', { name: newName(), chocolatey: 'putty' }),
    ]) {
      expect(response.statusCode).toBe(401);
      expect(response.json().error.code).toBe('unauthenticated');
    }
  });

  it('records who added, changed and deleted software in the audit log, with the package ids', async () => {
    const { client: admin, technician } = await technicianClient(t, 'admin');
    const entry = await addSoftware(admin, { name: 'Zoom', chocolatey: 'zoom' });
    await admin.patch(path(entry.id), { homebrew: 'zoom', homebrewCask: true });
    await admin.delete(path(entry.id));
    const log = (await admin.get(`/api/v1/audit?actorId=${technician.id}&action=software.`)).json();
    expect(log.items.map((e: { action: string; target: { id: string } }) => [e.action, e.target.id])).toEqual(
      [
        ['software.deleted', entry.id],
        ['software.updated', entry.id],
        ['software.created', entry.id],
      ],
    );
    const [deleted, updated, created] = log.items;
    expect(created.details).toEqual({
      name: 'Zoom',
      chocolatey: 'zoom',
      homebrew: null,
      homebrewCask: false,
    });
    expect(updated.details).toEqual({
      name: 'Zoom',
      changes: { homebrew: { from: null, to: 'zoom' }, homebrewCask: { from: false, to: true } },
    });
    expect(deleted.details).toEqual({
      name: 'Zoom',
      chocolatey: 'zoom',
      homebrew: 'zoom',
      homebrewCask: true,
    });
  });

  it('writes no audit row for an update that changes nothing', async () => {
    const { client: admin, technician } = await technicianClient(t, 'admin');
    const entry = await addSoftware(admin, { chocolatey: 'zoom' });
    const same = await admin.patch(path(entry.id), { name: entry.name, chocolatey: 'zoom' });
    expect(same.json()).toEqual(entry);
    const log = (await admin.get(`/api/v1/audit?actorId=${technician.id}&action=software.`)).json();
    expect(log.items.map((e: { action: string }) => e.action)).toEqual(['software.created']);
  });
});

describe('the catalog as the portal and the actions see it', () => {
  it('finds an entry by id, and nothing for an id that is gone', async () => {
    const { client: admin } = await technicianClient(t, 'admin');
    const entry = await addSoftware(admin, { homebrew: 'google-chrome', homebrewCask: true });
    expect(await findSoftware(t.database.db, entry.id)).toMatchObject({
      id: entry.id,
      name: entry.name,
      chocolatey: null,
      homebrew: 'google-chrome',
      homebrewCask: true,
    });
    await admin.delete(path(entry.id));
    expect(await findSoftware(t.database.db, entry.id)).toBeUndefined();
  });

  it('offers Windows the Chocolatey entries, macOS the Homebrew ones, Linux none, each by name', async () => {
    const { client: admin } = await technicianClient(t, 'admin');
    const prefix = unique('Os');
    const both = await addSoftware(admin, { name: `${prefix} b both`, chocolatey: 'git', homebrew: 'git' });
    const windows = await addSoftware(admin, { name: `${prefix} A windows`, chocolatey: 'putty' });
    const mac = await addSoftware(admin, { name: `${prefix} c mac`, homebrew: 'iterm2', homebrewCask: true });
    const ours = async (os: 'windows' | 'macos' | 'linux') =>
      (await softwareForOs(t.database.db, os))
        .filter((entry) => entry.name.startsWith(prefix))
        .map((entry) => entry.id);
    expect(await ours('windows')).toEqual([windows.id, both.id]);
    expect(await ours('macos')).toEqual([both.id, mac.id]);
    expect(await softwareForOs(t.database.db, 'linux')).toEqual([]);
  });
});
