import { LANGUAGES, type Language } from '@atrium/shared';
import { and, asc, count, desc, eq, ne, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { kbArticles, kbCategories } from '../../db/schema';

export type KbCategoryRow = typeof kbCategories.$inferSelect;
export type KbCategoryWithCount = Pick<KbCategoryRow, 'id' | 'name' | 'position'> & { articleCount: number };
export type KbArticleRow = typeof kbArticles.$inferSelect;
type KbArticleValues = Omit<typeof kbArticles.$inferInsert, 'search'>;
export type KbCategoryRef = Pick<KbCategoryRow, 'id' | 'name'>;
export type KbArticleWithCategory = { article: KbArticleRow; category: KbCategoryRef | null };
export type KbTranslationRow = Pick<KbArticleRow, 'id' | 'language' | 'title'>;

/** Which articles a caller may see: all of them, or only what the portal shows (shared and published). */
export type KbScope = 'all' | 'portal';

export type KbArticleFilters = {
  language?: Language;
  categoryId?: string;
  status?: KbArticleRow['status'];
  shared?: boolean;
};

export type KbArticleSearch = KbArticleFilters & {
  /** Full-text query (websearch syntax); absent or blank lists without ranking. */
  q?: string;
  sort?: 'recent' | 'popular';
  limit: number;
  offset: number;
};

export type KbArticleHit = {
  id: string;
  title: string;
  language: Language;
  shared: boolean;
  status: KbArticleRow['status'];
  updatedAt: Date;
  category: KbCategoryRef | null;
  /** With a query: the ts_headline of the body, matches between HEADLINE_START and HEADLINE_STOP. */
  excerpt: string;
  rank: number | null;
};

/** The same mapping as the generated `search` column in schema.ts. */
const TEXT_SEARCH_CONFIG: Record<Language, string> = {
  en: 'english',
  fr: 'french',
  de: 'german',
  es: 'spanish',
  it: 'italian',
};

/**
 * Control characters that never survive into the headline from the body (they are stripped from it
 * first), so the presenter can escape everything and then turn exactly these into <mark> tags.
 */
export const HEADLINE_START = '\u0002';
export const HEADLINE_STOP = '\u0003';
const HEADLINE_OPTIONS = `StartSel=${HEADLINE_START}, StopSel=${HEADLINE_STOP}, MaxFragments=2, MaxWords=30, MinWords=10, FragmentDelimiter=" … "`;
/** Enough Markdown for a ~200-character plain-text preview, without reading whole bodies. */
const PREVIEW_SOURCE_CHARS = 2000;

/** The article's own text-search configuration, as a regconfig. */
const articleConfig = sql`(case ${kbArticles.language} ${sql.join(
  LANGUAGES.map((language) => sql`when ${language} then ${TEXT_SEARCH_CONFIG[language]}::regconfig`),
  sql` `,
)} end)`;

/**
 * One constant tsquery, so the GIN index on `search` serves every case: stemmed with the given
 * language's configuration, or the distinct queries of the five configurations ORed together (most
 * words stem alike in several languages, and every repeated branch would be ranked again per row).
 * Null when the words are all stop words: it then matches nothing.
 */
function textQuery(q: string, language: Language | undefined): SQL {
  if (language) return sql`websearch_to_tsquery(${TEXT_SEARCH_CONFIG[language]}::regconfig, ${q})`;
  const queries = LANGUAGES.map((l) => sql`websearch_to_tsquery(${TEXT_SEARCH_CONFIG[l]}::regconfig, ${q})`);
  return sql`(select string_agg(distinct '(' || query::text || ')', ' | ')::tsquery from unnest(array[${sql.join(queries, sql`, `)}]) as query where numnode(query) > 0)`;
}

function scopeCondition(scope: KbScope): SQL | undefined {
  return scope === 'portal'
    ? and(eq(kbArticles.shared, true), eq(kbArticles.status, 'published'))
    : undefined;
}

// Categories

/**
 * Categories (one, when `id` is given) with the number of their articles the scope can see, ordered
 * by position then English name.
 */
export async function listKbCategories(
  db: Db,
  { scope = 'all', id }: { scope?: KbScope; id?: string } = {},
): Promise<KbCategoryWithCount[]> {
  return db
    .select({
      id: kbCategories.id,
      name: kbCategories.name,
      position: kbCategories.position,
      articleCount: count(kbArticles.id),
    })
    .from(kbCategories)
    .leftJoin(kbArticles, and(eq(kbArticles.categoryId, kbCategories.id), scopeCondition(scope)))
    .where(id ? eq(kbCategories.id, id) : undefined)
    .groupBy(kbCategories.id)
    .orderBy(asc(kbCategories.position), sql`${kbCategories.name}->>'en'`, asc(kbCategories.id));
}

/** Holds the category until the transaction ends, so an article never points at a category deleted meanwhile. */
export async function lockKbCategory(db: Db, id: string): Promise<boolean> {
  const [row] = await db
    .select({ id: kbCategories.id })
    .from(kbCategories)
    .where(eq(kbCategories.id, id))
    .for('key share')
    .limit(1);
  return row !== undefined;
}

export async function insertKbCategory(
  db: Db,
  values: typeof kbCategories.$inferInsert,
): Promise<KbCategoryRow> {
  const [row] = await db.insert(kbCategories).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function updateKbCategory(
  db: Db,
  id: string,
  values: Partial<typeof kbCategories.$inferInsert>,
): Promise<KbCategoryRow | undefined> {
  const [row] = await db.update(kbCategories).set(values).where(eq(kbCategories.id, id)).returning();
  return row;
}

export async function deleteKbCategory(db: Db, id: string): Promise<KbCategoryRow | undefined> {
  const [row] = await db.delete(kbCategories).where(eq(kbCategories.id, id)).returning();
  return row;
}

// Articles

export async function findKbArticle(
  db: Db,
  id: string,
  scope: KbScope = 'all',
): Promise<KbArticleWithCategory | undefined> {
  const [row] = await db
    .select({
      article: kbArticles,
      category: { id: kbCategories.id, name: kbCategories.name },
    })
    .from(kbArticles)
    .leftJoin(kbCategories, eq(kbCategories.id, kbArticles.categoryId))
    .where(and(eq(kbArticles.id, id), scopeCondition(scope)))
    .limit(1);
  return row;
}

/** The other articles of a translation group. */
export async function listKbTranslations(
  db: Db,
  article: Pick<KbArticleRow, 'id' | 'translationGroupId'>,
  scope: KbScope = 'all',
): Promise<KbTranslationRow[]> {
  return db
    .select({ id: kbArticles.id, language: kbArticles.language, title: kbArticles.title })
    .from(kbArticles)
    .where(
      and(
        eq(kbArticles.translationGroupId, article.translationGroupId),
        ne(kbArticles.id, article.id),
        scopeCondition(scope),
      ),
    );
}

/**
 * Locks a translation group's articles until the transaction ends, so two writers cannot both add
 * the same language to it. Read the group's languages with a separate statement afterwards: it then
 * sees what a writer that held the lock before committed.
 */
export async function lockKbTranslationGroup(db: Db, groupId: string): Promise<void> {
  await db
    .select({ id: kbArticles.id })
    .from(kbArticles)
    .where(eq(kbArticles.translationGroupId, groupId))
    .for('update');
}

/** The article of a group in a language, other than `exceptId`, if there is one. */
export async function findKbArticleInGroup(
  db: Db,
  groupId: string,
  language: Language,
  exceptId?: string,
): Promise<KbTranslationRow | undefined> {
  const [row] = await db
    .select({ id: kbArticles.id, language: kbArticles.language, title: kbArticles.title })
    .from(kbArticles)
    .where(
      and(
        eq(kbArticles.translationGroupId, groupId),
        eq(kbArticles.language, language),
        exceptId ? ne(kbArticles.id, exceptId) : undefined,
      ),
    )
    .limit(1);
  return row;
}

/** `publishedAt` records the first publication: set when an article is first saved as published. */
export async function insertKbArticle(
  db: Db,
  values: Omit<KbArticleValues, 'publishedAt' | 'createdAt' | 'updatedAt'>,
): Promise<KbArticleRow> {
  const publishedAt = values.status === 'published' ? sql`now()` : null;
  const [row] = await db
    .insert(kbArticles)
    .values({ ...values, publishedAt })
    .returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function updateKbArticle(
  db: Db,
  id: string,
  values: Partial<Omit<KbArticleValues, 'id' | 'publishedAt' | 'createdAt' | 'updatedAt'>>,
): Promise<KbArticleRow | undefined> {
  const publishedAt =
    values.status === 'published' ? { publishedAt: sql`coalesce(${kbArticles.publishedAt}, now())` } : {};
  const [row] = await db
    .update(kbArticles)
    .set({ ...values, ...publishedAt, updatedAt: sql`now()` })
    .where(eq(kbArticles.id, id))
    .returning();
  return row;
}

export async function deleteKbArticle(db: Db, id: string): Promise<KbArticleRow | undefined> {
  const [row] = await db.delete(kbArticles).where(eq(kbArticles.id, id)).returning();
  return row;
}

/**
 * Lists articles, newest change first; with `q`, only the matches, best first, each with a
 * headline of its body built in its own language's configuration. Returns the page and the number
 * of all matches.
 */
export async function searchKbArticles(
  db: Db,
  search: KbArticleSearch,
  scope: KbScope = 'all',
): Promise<{ hits: KbArticleHit[]; total: number }> {
  const q = search.q?.trim();
  const query = q ? textQuery(q, search.language) : undefined;
  const where = and(
    scopeCondition(scope),
    search.language ? eq(kbArticles.language, search.language) : undefined,
    search.categoryId ? eq(kbArticles.categoryId, search.categoryId) : undefined,
    search.status ? eq(kbArticles.status, search.status) : undefined,
    search.shared === undefined ? undefined : eq(kbArticles.shared, search.shared),
    // An empty tsquery (only stop words or punctuation) matches nothing: an empty list, not an error.
    query ? sql`${kbArticles.search} @@ ${query}` : undefined,
  );

  const [counted] = await db.select({ n: count() }).from(kbArticles).where(where);
  const total = counted?.n ?? 0;
  if (total === 0 || search.offset >= total) return { hits: [], total };

  // ts_rank, not ts_rank_cd: the same weights (a title match first) at a fraction of the cost per match.
  const rank = query ? sql<number>`ts_rank(${kbArticles.search}, ${query})`.mapWith(Number) : undefined;
  // ts_headline is costly; PostgreSQL evaluates it after the sort and limit, for this page only.
  const excerpt = query
    ? sql<string>`ts_headline(${articleConfig}, translate(${kbArticles.body}, ${HEADLINE_START + HEADLINE_STOP}, ''), ${query}, ${HEADLINE_OPTIONS})`
    : sql<string>`left(${kbArticles.body}, ${PREVIEW_SOURCE_CHARS})`;

  const rows = await db
    .select({
      id: kbArticles.id,
      title: kbArticles.title,
      language: kbArticles.language,
      shared: kbArticles.shared,
      status: kbArticles.status,
      updatedAt: kbArticles.updatedAt,
      category: { id: kbCategories.id, name: kbCategories.name },
      excerpt,
      rank: rank ?? sql<null>`null`,
    })
    .from(kbArticles)
    .leftJoin(kbCategories, eq(kbCategories.id, kbArticles.categoryId))
    .where(where)
    .orderBy(
      ...(rank
        ? [desc(rank)]
        : search.sort === 'popular'
          ? [desc(sql`${kbArticles.views} + 5 * ${kbArticles.helpful}`)]
          : []),
      desc(kbArticles.updatedAt),
      desc(kbArticles.id),
    )
    .limit(search.limit)
    .offset(search.offset);
  return { hits: rows, total };
}

/** Portal readers' counters: a view, or an answer to "was this helpful?". */
export async function incrementKbCounter(
  db: Db,
  id: string,
  counter: 'views' | 'helpful' | 'unhelpful',
): Promise<void> {
  const column = kbArticles[counter];
  await db
    .update(kbArticles)
    .set({ [counter]: sql`${column} + 1` })
    .where(eq(kbArticles.id, id));
}
