import {
  type KbArticle,
  type KbArticleSummary,
  type KbCategory,
  LANGUAGES,
  type LocalizedText,
} from '@atrium/shared';
import { escapeHtml, markdownToText, renderMarkdown, stripMarkdown } from '../../lib/markdown';
import {
  HEADLINE_START,
  HEADLINE_STOP,
  type KbArticleHit,
  type KbArticleWithCategory,
  type KbCategoryRef,
  type KbCategoryWithCount,
  type KbTranslationRow,
} from './kb.repo';

/** Length of the preview shown in lists when there is no search. */
const PREVIEW_CHARS = 200;

/** markdownToText escapes &, < and > (sanitize-html's output); back to plain text before we cut it. */
function unescapeText(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

const collapseWhitespace = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The first ~200 characters of a Markdown body as plain text, cut at a word, HTML-escaped. */
export function previewSnippet(markdown: string): string {
  const text = collapseWhitespace(unescapeText(markdownToText(markdown)));
  if (text.length <= PREVIEW_CHARS) return escapeHtml(text);
  const cut = text.slice(0, PREVIEW_CHARS);
  const atWord = cut.lastIndexOf(' ');
  return `${escapeHtml((atWord > PREVIEW_CHARS / 2 ? cut.slice(0, atWord) : cut).trimEnd())}…`;
}

/**
 * A ts_headline of raw Markdown, which may hold anything a technician typed (`<script>` included):
 * read as plain text (a mark the cut left without its pair goes too), all of it is escaped, and
 * only then do the sentinels around the matches become <mark> tags.
 */
export function highlightSnippet(headline: string): string {
  const text = stripMarkdown(headline).replace(/\*\*|__|~~/g, '');
  return escapeHtml(collapseWhitespace(text))
    .replaceAll(HEADLINE_START, '<mark>')
    .replaceAll(HEADLINE_STOP, '</mark>');
}

/** Category names are only ever written through LocalizedTextSchema, so the stored JSON has its shape. */
const localized = (name: Record<string, string>) => name as LocalizedText;

export function presentKbCategory(row: KbCategoryWithCount): KbCategory {
  return { id: row.id, name: localized(row.name), position: row.position, articleCount: row.articleCount };
}

function presentCategoryRef(category: KbCategoryRef | null): KbArticle['category'] {
  return category ? { id: category.id, name: localized(category.name) } : null;
}

export function presentKbArticle(
  { article, category }: KbArticleWithCategory,
  translations: KbTranslationRow[],
): KbArticle {
  return {
    id: article.id,
    title: article.title,
    body: article.body,
    bodyHtml: renderMarkdown(article.body),
    language: article.language,
    category: presentCategoryRef(category),
    shared: article.shared,
    status: article.status,
    translationGroupId: article.translationGroupId,
    translations: translations
      .map((t) => ({ id: t.id, language: t.language, title: t.title }))
      .sort((a, b) => LANGUAGES.indexOf(a.language) - LANGUAGES.indexOf(b.language)),
    helpful: article.helpful,
    unhelpful: article.unhelpful,
    views: article.views,
    createdAt: article.createdAt.toISOString(),
    updatedAt: article.updatedAt.toISOString(),
    publishedAt: article.publishedAt?.toISOString() ?? null,
  };
}

export function presentKbArticleSummary(hit: KbArticleHit): KbArticleSummary {
  return {
    id: hit.id,
    title: hit.title,
    language: hit.language,
    category: presentCategoryRef(hit.category),
    shared: hit.shared,
    status: hit.status,
    snippet: hit.rank === null ? previewSnippet(hit.excerpt) : highlightSnippet(hit.excerpt),
    rank: hit.rank,
    updatedAt: hit.updatedAt.toISOString(),
  };
}
