import type { KbArticle, KbArticleSummary, KbCategory } from '@atrium/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContactActor, TechnicianActor } from '../../lib/actor';
import { type Client, client, technicianClient, unique } from '../../test/factories';
import { createTestApp, type TestApp } from '../../test/test-app';
import { createKbService } from './kb.service';

let t: TestApp;
let tech: Client;
beforeAll(async () => {
  t = await createTestApp();
  // Any technician manages the knowledge base: no admin needed.
  tech = (await technicianClient(t, 'technician')).client;
});
afterAll(async () => t.close());

type List<T> = { items: T[]; total: number };

const newArticle = (overrides: Record<string, unknown> = {}) => ({
  title: 'Reset your password',
  body: 'Open the **portal** and choose _Forgot password_.',
  language: 'en',
  shared: true,
  status: 'published',
  ...overrides,
});

async function createCategory(name = unique('Category'), position?: number): Promise<KbCategory> {
  const response = await tech.post('/api/v1/kb/categories', { name: { en: name }, position });
  expect(response.statusCode).toBe(201);
  return response.json();
}

async function createArticle(overrides: Record<string, unknown> = {}): Promise<KbArticle> {
  const response = await tech.post('/api/v1/kb/articles', newArticle(overrides));
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

async function listArticles(query: Record<string, string | number>): Promise<List<KbArticleSummary>> {
  const params = new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]));
  const response = await tech.get(`/api/v1/kb/articles?${params}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

async function auditActions(targetId: string) {
  const rows = await t.database.db.query.auditLog.findMany({
    where: (audit, { eq }) => eq(audit.targetId, targetId),
    orderBy: (audit, { asc }) => asc(audit.at),
  });
  return rows;
}

describe('knowledge-base categories', () => {
  it('creates, renames and lists categories by position then English name, with their article counts', async () => {
    const second = await createCategory(unique('B printers'), 500);
    const first = await createCategory(unique('A network'), 500);
    const top = await createCategory(unique('Z accounts'), 0);
    await createArticle({ categoryId: first.id });
    await createArticle({ categoryId: first.id, status: 'draft' });

    const renamed = await tech.patch(`/api/v1/kb/categories/${second.id}`, {
      name: { en: `${second.name.en} renamed`, fr: 'Imprimantes' },
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ name: { fr: 'Imprimantes' }, position: 500, articleCount: 0 });

    const list = await tech.get('/api/v1/kb/categories');
    expect(list.statusCode).toBe(200);
    const { items, total } = list.json() as List<KbCategory>;
    expect(total).toBe(items.length);
    const ours = items.filter((c) => [first.id, second.id, top.id].includes(c.id));
    expect(ours.map((c) => c.id)).toEqual([top.id, first.id, second.id]);
    expect(ours.map((c) => c.articleCount)).toEqual([0, 2, 0]);
  });

  it('deletes a category and keeps its articles, now without a category', async () => {
    const category = await createCategory();
    const article = await createArticle({ categoryId: category.id });
    expect(article.category).toEqual({ id: category.id, name: category.name });

    expect((await tech.delete(`/api/v1/kb/categories/${category.id}`)).statusCode).toBe(204);
    const after = await tech.get(`/api/v1/kb/articles/${article.id}`);
    expect(after.statusCode).toBe(200);
    expect(after.json().category).toBeNull();
    expect((await tech.delete(`/api/v1/kb/categories/${category.id}`)).statusCode).toBe(404);
  });

  it('answers 404 for a category that does not exist and 400 for a name without English', async () => {
    const missing = await tech.patch(`/api/v1/kb/categories/${crypto.randomUUID()}`, { position: 3 });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('not_found');
    const noEnglish = await tech.post('/api/v1/kb/categories', { name: { fr: 'Réseau' } });
    expect(noEnglish.statusCode).toBe(400);
    expect(noEnglish.json().error.code).toBe('validation_failed');
  });

  it('records who created, changed and deleted a category in the audit log', async () => {
    const { client: editor, technician } = await technicianClient(t, 'technician');
    const { id } = (await editor.post('/api/v1/kb/categories', { name: { en: 'Audited' } })).json();
    await editor.patch(`/api/v1/kb/categories/${id}`, { position: 7 });
    await editor.delete(`/api/v1/kb/categories/${id}`);
    const rows = await auditActions(id);
    expect(rows.map((row) => row.action)).toEqual([
      'kb_category.created',
      'kb_category.updated',
      'kb_category.deleted',
    ]);
    expect(rows.every((row) => row.actorType === 'technician' && row.actorId === technician.id)).toBe(true);
  });
});

describe('knowledge-base articles', () => {
  it('creates an article and reads it back with its Markdown rendered as HTML', async () => {
    const category = await createCategory();
    const created = await tech.post(
      '/api/v1/kb/articles',
      newArticle({ categoryId: category.id, status: 'draft', shared: false }),
    );
    expect(created.statusCode).toBe(201);
    const article = created.json() as KbArticle;
    expect(article).toMatchObject({
      title: 'Reset your password',
      language: 'en',
      status: 'draft',
      shared: false,
      category: { id: category.id, name: category.name },
      translationGroupId: article.id,
      translations: [],
      helpful: 0,
      unhelpful: 0,
      views: 0,
      publishedAt: null,
    });
    expect(article.bodyHtml).toContain('<strong>portal</strong>');
    expect(new Date(article.createdAt).toISOString()).toBe(article.createdAt);

    const read = await tech.get(`/api/v1/kb/articles/${article.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(article);
  });

  it('sets publishedAt when an article is first published and moves updatedAt on every change', async () => {
    const draft = await createArticle({ status: 'draft' });
    const published = (await tech.patch(`/api/v1/kb/articles/${draft.id}`, { status: 'published' })).json();
    expect(published.publishedAt).not.toBeNull();
    expect(published.updatedAt > draft.updatedAt).toBe(true);

    const unpublished = (await tech.patch(`/api/v1/kb/articles/${draft.id}`, { status: 'draft' })).json();
    const republished = await tech.patch(`/api/v1/kb/articles/${draft.id}`, {
      status: 'published',
      title: 'Reset your portal password',
    });
    expect(republished.statusCode).toBe(200);
    expect(republished.json()).toMatchObject({
      title: 'Reset your portal password',
      publishedAt: published.publishedAt,
    });
    expect(republished.json().updatedAt > unpublished.updatedAt).toBe(true);
  });

  it('deletes an article, which then answers 404', async () => {
    const article = await createArticle();
    expect((await tech.delete(`/api/v1/kb/articles/${article.id}`)).statusCode).toBe(204);
    const gone = await tech.get(`/api/v1/kb/articles/${article.id}`);
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error.code).toBe('not_found');
  });

  it('records who created, changed and deleted an article in the audit log', async () => {
    const { client: editor, technician } = await technicianClient(t, 'technician');
    const { id } = (await editor.post('/api/v1/kb/articles', newArticle())).json();
    await editor.patch(`/api/v1/kb/articles/${id}`, { title: 'Renamed' });
    await editor.delete(`/api/v1/kb/articles/${id}`);
    const rows = await auditActions(id);
    expect(rows.map((row) => row.action)).toEqual([
      'kb_article.created',
      'kb_article.updated',
      'kb_article.deleted',
    ]);
    expect(rows.every((row) => row.actorType === 'technician' && row.actorId === technician.id)).toBe(true);
    expect(rows[1]?.details).toEqual({ fields: ['title'] });
  });
});

describe('translations', () => {
  it('links translations both ways, in one group named after the first article', async () => {
    const en = await createArticle({ title: 'Printer jammed' });
    const fr = await createArticle({ title: 'Imprimante bloquée', language: 'fr', translationOf: en.id });
    // Translating a translation joins the same group.
    const de = await createArticle({ title: 'Drucker blockiert', language: 'de', translationOf: fr.id });
    expect([fr.translationGroupId, de.translationGroupId]).toEqual([en.id, en.id]);

    const read = async (id: string) => (await tech.get(`/api/v1/kb/articles/${id}`)).json() as KbArticle;
    expect((await read(en.id)).translations).toEqual([
      { id: fr.id, language: 'fr', title: 'Imprimante bloquée' },
      { id: de.id, language: 'de', title: 'Drucker blockiert' },
    ]);
    expect((await read(fr.id)).translations.map((x) => x.id)).toEqual([en.id, de.id]);
    expect((await read(de.id)).translations.map((x) => x.id)).toEqual([en.id, fr.id]);
  });

  it('refuses a second translation in a language the group already has (409)', async () => {
    const en = await createArticle();
    await createArticle({ language: 'fr', title: 'Réinitialiser', translationOf: en.id });
    const again = await tech.post(
      '/api/v1/kb/articles',
      newArticle({ language: 'fr', title: 'Autre', translationOf: en.id }),
    );
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'conflict' });
    expect(again.json().error.message).toContain('French translation');

    const sameAsOriginal = await tech.post('/api/v1/kb/articles', newArticle({ translationOf: en.id }));
    expect(sameAsOriginal.statusCode).toBe(409);
  });

  it('refuses to change an article to a language its group already has (409), but allows a free one', async () => {
    const en = await createArticle();
    const fr = await createArticle({ language: 'fr', title: 'Réinitialiser', translationOf: en.id });
    const clash = await tech.patch(`/api/v1/kb/articles/${fr.id}`, { language: 'en' });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error.code).toBe('conflict');
    const free = await tech.patch(`/api/v1/kb/articles/${fr.id}`, { language: 'it' });
    expect(free.statusCode).toBe(200);
    expect(free.json().translations).toEqual([{ id: en.id, language: 'en', title: en.title }]);
  });

  it('answers 404 when translating an article that does not exist', async () => {
    const response = await tech.post(
      '/api/v1/kb/articles',
      newArticle({ translationOf: crypto.randomUUID() }),
    );
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('not_found');
  });
});

describe('searching articles', () => {
  const printerArticles = [
    {
      language: 'en',
      title: 'Office help',
      body: 'The printer on the second floor is offline.',
      q: 'printers',
      hit: 'printer',
    },
    {
      language: 'fr',
      title: 'Aide bureau',
      body: "L'imprimante du bureau est bloquée.",
      q: 'imprimantes',
      hit: 'imprimante',
    },
    { language: 'de', title: 'Bürohilfe', body: 'Der Drucker druckt nicht.', q: 'Druckers', hit: 'Drucker' },
    {
      language: 'es',
      title: 'Ayuda oficina',
      body: 'La impresora de la oficina no funciona.',
      q: 'impresoras',
      hit: 'impresora',
    },
    {
      language: 'it',
      title: 'Aiuto ufficio',
      body: 'La stampante in ufficio è bloccata.',
      q: 'stampanti',
      hit: 'stampante',
    },
  ] as const;

  it('finds an article by another form of a word of its body, in each of the five languages', async () => {
    const category = await createCategory();
    const ids = new Map<string, string>();
    for (const { q: _q, hit: _hit, ...article } of printerArticles) {
      ids.set(article.language, (await createArticle({ ...article, categoryId: category.id })).id);
    }
    for (const { language, q, hit } of printerArticles) {
      const found = await listArticles({ q, language, categoryId: category.id });
      expect(found.total, `${language}: ${q}`).toBe(1);
      const [item] = found.items;
      expect(item?.id).toBe(ids.get(language));
      expect(item?.rank).toBeGreaterThan(0);
      expect(item?.snippet).toContain(`<mark>${hit}</mark>`);
    }
  });

  it('searches all five languages at once when no language is given', async () => {
    const category = await createCategory();
    for (const { q: _q, hit: _hit, ...article } of printerArticles) {
      await createArticle({ ...article, categoryId: category.id });
    }
    expect((await listArticles({ q: 'imprimantes', categoryId: category.id })).items[0]?.language).toBe('fr');
    expect((await listArticles({ q: 'Druckers', categoryId: category.id })).items[0]?.language).toBe('de');
    expect((await listArticles({ q: 'stampanti', categoryId: category.id })).items[0]?.language).toBe('it');
    // A French word searched as English does not find the French article: the stemming is per language.
    expect((await listArticles({ q: 'imprimantes', language: 'en', categoryId: category.id })).total).toBe(0);
  });

  it('ranks a match in the title above a match in the body only', async () => {
    const category = await createCategory();
    const inBody = await createArticle({
      title: 'Office tips',
      body: 'If the scanner is slow, restart it.',
      categoryId: category.id,
    });
    const inTitle = await createArticle({
      title: 'Scanner troubleshooting',
      body: 'Restart the scanner and check the cable.',
      categoryId: category.id,
    });
    const found = await listArticles({ q: 'scanners', categoryId: category.id });
    expect(found.items.map((item) => item.id)).toEqual([inTitle.id, inBody.id]);
    expect(found.items[0]?.rank).toBeGreaterThan(found.items[1]?.rank ?? Number.POSITIVE_INFINITY);
  });

  it('shows a script in a body as escaped text in the snippet, and leaves it out of the rendered HTML', async () => {
    const category = await createCategory();
    const article = await createArticle({
      categoryId: category.id,
      body: 'The router <img src=x onerror=alert(1)> reboots & "recovers". <script>alert("router")</script>',
    });
    const [hit] = (await listArticles({ q: 'router', categoryId: category.id })).items;
    expect(hit?.snippet).toContain('<mark>router</mark>');
    expect(hit?.snippet).toContain('&lt;img src=x onerror=alert');
    expect(hit?.snippet).toContain('&amp;');
    expect(hit?.snippet.replaceAll('<mark>', '').replaceAll('</mark>', '')).not.toMatch(/[<>"]/);

    const [listed] = (await listArticles({ categoryId: category.id })).items;
    expect(listed?.snippet).not.toContain('<script');
    expect(listed?.snippet).not.toContain('<img');
    expect(listed?.rank).toBeNull();

    const read = (await tech.get(`/api/v1/kb/articles/${article.id}`)).json() as KbArticle;
    expect(read.body).toContain('<script>');
    expect(read.bodyHtml).not.toContain('<script');
    expect(read.bodyHtml).not.toContain('onerror');
  });

  it('shows a search snippet as plain text: no Markdown marks around or beside the match', async () => {
    const category = await createCategory();
    await createArticle({
      categoryId: category.id,
      body: '## Reset the **modem**\n\n- Hold the `reset` button of the *modem* for ten seconds, see [the manual](https://example.com/m).',
    });
    const [hit] = (await listArticles({ q: 'modem', categoryId: category.id })).items;
    expect(hit?.snippet).toContain('<mark>modem</mark>');
    expect(hit?.snippet).toContain('the manual');
    expect(hit?.snippet).not.toMatch(/[*`#]|\]\(|https:/);
  });

  it('lists without a query newest change first, with the start of the body as plain text', async () => {
    const category = await createCategory();
    const older = await createArticle({
      categoryId: category.id,
      body: `# Heading\n\nFirst **bold** words & more. ${'word '.repeat(100)}`,
    });
    const newer = await createArticle({ categoryId: category.id, body: 'Short body.' });
    let found = await listArticles({ categoryId: category.id });
    expect(found.items.map((item) => item.id)).toEqual([newer.id, older.id]);
    const snippet = found.items[1]?.snippet ?? '';
    expect(snippet.startsWith('Heading First bold words &amp; more. word')).toBe(true);
    expect(snippet.endsWith('…')).toBe(true);
    expect(snippet.length).toBeLessThanOrEqual(210);

    await tech.patch(`/api/v1/kb/articles/${older.id}`, { title: 'Edited' });
    found = await listArticles({ categoryId: category.id });
    expect(found.items.map((item) => item.id)).toEqual([older.id, newer.id]);
  });

  it('returns an empty list, not an error, for a query with only stop words or punctuation', async () => {
    await createArticle({ title: 'The printer', body: 'The printer is on the first floor.' });
    expect(await listArticles({ q: 'the', language: 'en' })).toEqual({ items: [], total: 0 });
    expect(await listArticles({ q: '!!! ?' })).toEqual({ items: [], total: 0 });
    expect(await listArticles({ q: '"' })).toEqual({ items: [], total: 0 });
  });

  it('filters by language, status, shared and category, and pages with the real total', async () => {
    const category = await createCategory();
    const other = await createCategory();
    const base = { categoryId: category.id, body: 'How to configure the VPN client.' };
    await createArticle({ ...base, language: 'en', status: 'published', shared: true });
    await createArticle({ ...base, language: 'en', status: 'draft', shared: true });
    await createArticle({ ...base, language: 'en', status: 'published', shared: false });
    await createArticle({ ...base, language: 'fr', body: 'Configurer le client VPN.', status: 'published' });
    await createArticle({ ...base, language: 'de', body: 'Den VPN-Client einrichten.', status: 'draft' });
    await createArticle({ ...base, categoryId: other.id });

    const totalOf = async (query: Record<string, string | number>) =>
      (await listArticles({ categoryId: category.id, ...query })).total;
    expect(await totalOf({})).toBe(5);
    expect(await totalOf({ language: 'en' })).toBe(3);
    expect(await totalOf({ status: 'draft' })).toBe(2);
    expect(await totalOf({ shared: 'false' })).toBe(1);
    expect(await totalOf({ shared: 'true', status: 'published', language: 'en' })).toBe(1);
    expect(await totalOf({ q: 'VPN' })).toBe(5);
    expect(await totalOf({ q: 'VPN', language: 'en', status: 'published' })).toBe(2);

    const pages = [1, 2, 3, 4].map((page) => listArticles({ categoryId: category.id, pageSize: 2, page }));
    const [one, two, three, four] = await Promise.all(pages);
    expect([one, two, three, four].map((p) => p?.total)).toEqual([5, 5, 5, 5]);
    expect([one, two, three, four].map((p) => p?.items.length)).toEqual([2, 2, 1, 0]);
    const seen = new Set([one, two, three].flatMap((p) => p?.items.map((item) => item.id) ?? []));
    expect(seen.size).toBe(5);

    const ranked = await listArticles({ categoryId: category.id, q: 'configure', pageSize: 1, page: 2 });
    expect(ranked.items).toHaveLength(1);
    expect(ranked.total).toBeGreaterThanOrEqual(2);
  });
});

describe('bad input and access', () => {
  it('turns away callers who are not signed in (401)', async () => {
    const anonymous = client(t);
    for (const response of [
      await anonymous.get('/api/v1/kb/articles'),
      await anonymous.post('/api/v1/kb/articles', newArticle()),
      await anonymous.get('/api/v1/kb/categories'),
      await anonymous.post('/api/v1/markdown/preview', { markdown: 'hi' }),
    ]) {
      expect(response.statusCode).toBe(401);
      expect(response.json().error.code).toBe('unauthenticated');
    }
  });

  it('explains each invalid article body with a 400 naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [newArticle({ shared: 'yes' }), 'body.shared'],
      [newArticle({ language: 'nl' }), 'body.language'],
      [newArticle({ title: 'x'.repeat(301) }), 'body.title'],
      [newArticle({ title: '   ' }), 'body.title'],
      [newArticle({ status: 'archived' }), 'body.status'],
      [newArticle({ categoryId: crypto.randomUUID() }), 'body.categoryId'],
    ];
    for (const [body, path] of cases) {
      const response = await tech.post('/api/v1/kb/articles', body);
      expect(response.statusCode, path).toBe(400);
      expect(response.json().error.code).toBe('validation_failed');
      expect(typeof response.json().error.message).toBe('string');
      expect(response.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    const unknownKey = await tech.post('/api/v1/kb/articles', newArticle({ author: 'me' }));
    expect(unknownKey.statusCode).toBe(400);
    expect(unknownKey.json().error.code).toBe('validation_failed');
  });

  it('refuses an unknown category or unknown keys when changing an article (400)', async () => {
    const article = await createArticle();
    const category = await tech.patch(`/api/v1/kb/articles/${article.id}`, {
      categoryId: crypto.randomUUID(),
    });
    expect(category.statusCode).toBe(400);
    expect(category.json().error.details).toEqual([
      { path: 'body.categoryId', message: 'there is no knowledge-base category with this id' },
    ]);
    const translationOf = await tech.patch(`/api/v1/kb/articles/${article.id}`, {
      translationOf: article.id,
    });
    expect(translationOf.statusCode).toBe(400);
    const cleared = await tech.patch(`/api/v1/kb/articles/${article.id}`, { categoryId: null });
    expect(cleared.statusCode).toBe(200);
  });

  it('answers 404 for article ids that do not exist and 400 for ids that are not ids', async () => {
    const id = crypto.randomUUID();
    for (const response of [
      await tech.get(`/api/v1/kb/articles/${id}`),
      await tech.patch(`/api/v1/kb/articles/${id}`, { title: 'New' }),
      await tech.delete(`/api/v1/kb/articles/${id}`),
    ]) {
      expect(response.statusCode).toBe(404);
      expect(response.json().error).toMatchObject({ code: 'not_found', message: expect.any(String) });
    }
    const notAnId = await tech.get('/api/v1/kb/articles/42');
    expect(notAnId.statusCode).toBe(400);
    expect(notAnId.json().error.code).toBe('validation_failed');
  });

  it('refuses invalid list parameters with a 400', async () => {
    for (const query of [
      'pageSize=1000',
      'page=0',
      'language=xx',
      'status=archived',
      'shared=maybe',
      'categoryId=1',
    ]) {
      const response = await tech.get(`/api/v1/kb/articles?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.json().error.code).toBe('validation_failed');
    }
  });
});

describe('Markdown preview', () => {
  it('renders Markdown to sanitized HTML for the editor preview', async () => {
    const response = await tech.post('/api/v1/markdown/preview', {
      markdown: '**Bold** <script>alert(1)</script> [link](javascript:alert(1))',
    });
    expect(response.statusCode).toBe(200);
    const { html } = response.json();
    expect(html).toContain('<strong>Bold</strong>');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('javascript:');
  });

  it('refuses a document over 200,000 characters or a body without markdown (400)', async () => {
    const tooLong = await tech.post('/api/v1/markdown/preview', { markdown: 'x'.repeat(200_001) });
    expect(tooLong.statusCode).toBe(400);
    expect((await tech.post('/api/v1/markdown/preview', {})).statusCode).toBe(400);
  });
});

describe('API description', () => {
  it('documents every knowledge-base route in the OpenAPI document', async () => {
    const spec = (await client(t).get('/api/openapi.json')).json() as {
      paths: Record<string, Record<string, { tags?: string[] }>>;
    };
    const routes = [
      ['/api/v1/kb/categories', 'get'],
      ['/api/v1/kb/categories', 'post'],
      ['/api/v1/kb/categories/{id}', 'patch'],
      ['/api/v1/kb/categories/{id}', 'delete'],
      ['/api/v1/kb/articles', 'get'],
      ['/api/v1/kb/articles', 'post'],
      ['/api/v1/kb/articles/{id}', 'get'],
      ['/api/v1/kb/articles/{id}', 'patch'],
      ['/api/v1/kb/articles/{id}', 'delete'],
      ['/api/v1/markdown/preview', 'post'],
    ] as const;
    for (const [path, method] of routes) {
      expect(spec.paths[path]?.[method]?.tags, `${method} ${path}`).toEqual(['knowledge base']);
    }
  });
});

describe('the portal view of the knowledge base', () => {
  // The portal's routes come next; this checks the service they will call.
  it('shows a contact only shared, published articles, whatever the contact asks for', async () => {
    const kb = createKbService(t.database.db);
    const contact: ContactActor = {
      kind: 'contact',
      id: crypto.randomUUID(),
      customerId: crypto.randomUUID(),
      isPrimary: false,
      name: 'Ada Lovelace',
      ip: '127.0.0.1',
    };
    const category = await createCategory();
    const visible = await createArticle({ categoryId: category.id, title: 'Visible' });
    const draft = await createArticle({ categoryId: category.id, status: 'draft' });
    const internal = await createArticle({
      categoryId: category.id,
      shared: false,
      translationOf: visible.id,
      language: 'fr',
    });

    const page = { page: 1, pageSize: 20, categoryId: category.id };
    const listed = await kb.searchArticles(contact, page);
    expect(listed.items.map((item) => item.id)).toEqual([visible.id]);
    expect(listed.total).toBe(1);
    expect((await kb.searchArticles(contact, { ...page, status: 'draft' })).total).toBe(0);
    await expect(kb.getArticle(contact, draft.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(kb.getArticle(contact, internal.id)).rejects.toMatchObject({ code: 'not_found' });
    // The internal French translation is not offered to the contact either.
    expect((await kb.getArticle(contact, visible.id)).translations).toEqual([]);

    // A technician can ask for the same view; without it they see everything.
    const technician: TechnicianActor = {
      kind: 'technician',
      id: crypto.randomUUID(),
      role: 'technician',
      name: 'Preview',
      email: 'preview@msp.example',
      ip: '127.0.0.1',
      via: 'session',
    };
    expect((await kb.searchArticles(technician, page, { portal: true })).total).toBe(1);
    expect((await kb.searchArticles(technician, page)).total).toBe(3);
    expect((await kb.getArticle(technician, visible.id)).translations.map((x) => x.id)).toEqual([
      internal.id,
    ]);
  });
});
