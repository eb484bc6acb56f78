// The competency model in the UI: levels, tree walking, search, comparing versions and position profiles. Pure.
import { matchesAll, matchesAny } from './fold';
import type {
  FrameworkNode,
  FrameworkSummary,
  FrameworkTree,
  IndicatorsByLevel,
  ProfileLevel,
} from './api/types';

export type Lang = 'cs' | 'en';
export const LEVELS = [1, 2, 3, 4] as const;
export type Level = (typeof LEVELS)[number];

export function nameOf(n: { name_cs: string; name_en: string }, lang: Lang): string {
  return (lang === 'en' ? n.name_en : n.name_cs) || n.name_cs || n.name_en;
}

export function descriptionOf(n: { description_cs?: string; description_en?: string }, lang: Lang): string {
  return (lang === 'en' ? n.description_en : n.description_cs) || '';
}

export function titleOf(f: { title_cs: string; title_en: string }, lang: Lang): string {
  return (lang === 'en' ? f.title_en : f.title_cs) || f.title_cs || f.title_en;
}

export function textOf(i: { text_cs: string; text_en: string }, lang: Lang): string {
  return (lang === 'en' ? i.text_en : i.text_cs) || i.text_cs || i.text_en;
}

/** The indicators of one level ("1" … "4"); none when the competency has none. */
export function indicatorsAt(ind: IndicatorsByLevel | undefined, level: number): { text_cs: string; text_en: string }[] {
  return ind?.[String(level)] ?? [];
}

/** An anchor for a node: its code when it has one (K3.2), else its id. Safe for id="" and URLs. */
export function anchorOf(n: { code: string; id: string }): string {
  const code = (n.code || '').trim();
  return code && /^[\w.-]+$/.test(code) ? code : n.id;
}

/** A suggested label for the next version: "1.0" → "1.1", "2" → "3", "beta" → "beta-2". */
export function nextVersion(v: string): string {
  const m = /^(.*?)(\d+)$/.exec(v.trim());
  if (m) return m[1] + String(Number(m[2]) + 1);
  return `${v.trim()}-2`;
}

export interface DomainWithCompetencies {
  domain: FrameworkNode;
  competencies: FrameworkNode[];
}

/** Competencies under a node, depth first (a domain may nest groups in imported frameworks). */
function collect(node: FrameworkNode, out: FrameworkNode[]): void {
  for (const c of node.children ?? []) {
    if (c.kind === 'competency') out.push(c);
    collect(c, out);
  }
}

/**
 * The version in force, as the server takes it: the published one published last, never an imported CASE package
 * (null when nothing is published yet).
 */
export function latestPublished<T extends Pick<FrameworkSummary, 'status' | 'published_on' | 'source'>>(list: readonly T[]): T | null {
  let best: T | null = null;
  for (const f of list) {
    if (f.status !== 'published' || !f.published_on || f.source === 'import') continue;
    if (!best || f.published_on > (best.published_on ?? '')) best = f;
  }
  return best;
}

/** Domains with their competencies, in order. */
export function domainsOf(tree: Pick<FrameworkTree, 'domains'>): DomainWithCompetencies[] {
  return (tree.domains ?? []).map((domain) => {
    const competencies: FrameworkNode[] = [];
    collect(domain, competencies);
    return { domain, competencies };
  });
}

/** Every competency of a version with its domain. */
export function competenciesOf(tree: Pick<FrameworkTree, 'domains'>): { competency: FrameworkNode; domain: FrameworkNode }[] {
  return domainsOf(tree).flatMap((d) => d.competencies.map((competency) => ({ competency, domain: d.domain })));
}

/** The texts of a competency that search looks at, in one language. */
export function searchTexts(c: FrameworkNode, lang: Lang): string[] {
  const texts = [c.code, nameOf(c, lang), descriptionOf(c, lang)];
  for (const l of LEVELS) for (const i of indicatorsAt(c.indicators, l)) texts.push(textOf(i, lang));
  return texts;
}

export interface SearchResult {
  domains: DomainWithCompetencies[];
  /** Competencies matched (all of them when the query is blank). */
  count: number;
  /** Ids of competencies where the match is in the indicators or description (shown opened). */
  matchedInside: Set<string>;
}

/**
 * Filters the tree by the query's words (all must occur, diacritics- and case-insensitive) across codes, names,
 * descriptions and indicators. A domain whose own code, name or description matches keeps all its competencies.
 */
export function searchTree(tree: Pick<FrameworkTree, 'domains'>, words: readonly string[], lang: Lang): SearchResult {
  const all = domainsOf(tree);
  const matchedInside = new Set<string>();
  if (!words.length) return { domains: all, count: all.reduce((n, d) => n + d.competencies.length, 0), matchedInside };
  const domains: DomainWithCompetencies[] = [];
  let count = 0;
  for (const d of all) {
    const domainTexts = [d.domain.code, nameOf(d.domain, lang), descriptionOf(d.domain, lang)];
    const domainHit = matchesAll(words, domainTexts);
    const competencies = d.competencies.filter((c) => {
      const ok = domainHit || matchesAll(words, [...domainTexts, ...searchTexts(c, lang)]);
      if (ok && !domainHit) {
        const inHead = matchesAll(words, [...domainTexts, c.code, nameOf(c, lang)]);
        if (!inHead) matchedInside.add(c.id);
      }
      return ok;
    });
    if (competencies.length) {
      domains.push({ domain: d.domain, competencies });
      count += competencies.length;
    }
  }
  return { domains, count, matchedInside };
}

/** True when one of the words is in this indicator (to mark it). */
export function indicatorMatches(words: readonly string[], text: string): boolean {
  return matchesAny(words, text);
}

// ---- Comparing two versions ----

export type ChangedField = 'code' | 'name' | 'description' | 'indicators' | 'domain';

export interface CompetencyChange {
  id: string;
  before: FrameworkNode;
  after: FrameworkNode;
  domainBefore: FrameworkNode;
  domainAfter: FrameworkNode;
  fields: ChangedField[];
  /** Levels ("1" … "4") whose indicators differ. */
  levels: number[];
}

export interface FrameworkDiff {
  added: { competency: FrameworkNode; domain: FrameworkNode }[];
  removed: { competency: FrameworkNode; domain: FrameworkNode }[];
  changed: CompetencyChange[];
  unchanged: number;
}

function indicatorKey(ind: IndicatorsByLevel | undefined, level: number): string {
  return JSON.stringify(indicatorsAt(ind, level).map((i) => [i.text_cs ?? '', i.text_en ?? '']));
}

/**
 * What changed from version `a` to version `b`. Competencies are matched by id (same id = same competency, as
 * PRODUCT.md says a new version keeps its competencies' identifiers); a changed code or name is a change, not
 * a removal and an addition.
 */
export function diffFrameworks(a: Pick<FrameworkTree, 'domains'>, b: Pick<FrameworkTree, 'domains'>): FrameworkDiff {
  const before = new Map(competenciesOf(a).map((x) => [x.competency.id, x]));
  const after = new Map(competenciesOf(b).map((x) => [x.competency.id, x]));
  const diff: FrameworkDiff = { added: [], removed: [], changed: [], unchanged: 0 };
  for (const [id, x] of after) if (!before.has(id)) diff.added.push(x);
  for (const [id, x] of before) if (!after.has(id)) diff.removed.push(x);
  for (const [id, old] of before) {
    const now = after.get(id);
    if (!now) continue;
    const o = old.competency;
    const n = now.competency;
    const fields: ChangedField[] = [];
    if (o.code !== n.code) fields.push('code');
    if (o.name_cs !== n.name_cs || o.name_en !== n.name_en) fields.push('name');
    if ((o.description_cs ?? '') !== (n.description_cs ?? '') || (o.description_en ?? '') !== (n.description_en ?? ''))
      fields.push('description');
    const levels = LEVELS.filter((l) => indicatorKey(o.indicators, l) !== indicatorKey(n.indicators, l));
    if (levels.length) fields.push('indicators');
    if (old.domain.id !== now.domain.id) fields.push('domain');
    if (fields.length)
      diff.changed.push({
        id,
        before: o,
        after: n,
        domainBefore: old.domain,
        domainAfter: now.domain,
        fields,
        levels: [...levels],
      });
    else diff.unchanged++;
  }
  return diff;
}

// ---- Position profiles ----

export interface ProfileRow {
  competency: FrameworkNode;
  /** 1–4; null = not applicable; undefined = the profile says nothing about it. */
  level: number | null | undefined;
}

export interface ProfileDomain {
  domain: FrameworkNode;
  rows: ProfileRow[];
  /** The mean expected level of the applicable competencies (null when none applies). */
  average: number | null;
}

/** A profile's levels laid out on the framework's domains and competencies. */
export function groupProfile(tree: Pick<FrameworkTree, 'domains'>, levels: readonly ProfileLevel[]): ProfileDomain[] {
  const byId = new Map(levels.map((l) => [l.competency_id, l.level]));
  return domainsOf(tree).map(({ domain, competencies }) => {
    const rows = competencies.map((competency) => ({
      competency,
      level: byId.has(competency.id) ? byId.get(competency.id) : undefined,
    }));
    const applicable = rows.map((r) => r.level).filter((l): l is number => typeof l === 'number');
    const average = applicable.length ? applicable.reduce((s, l) => s + l, 0) / applicable.length : null;
    return { domain, rows, average };
  });
}

/** The body of PUT /positions/{id}/profile from the edited values ('' = not set, 'na' = not applicable). */
export function profileBody(values: Record<string, string>): { levels: ProfileLevel[] } {
  const levels: ProfileLevel[] = [];
  for (const [competency_id, v] of Object.entries(values)) {
    if (v === 'na') levels.push({ competency_id, level: null });
    else if (/^[1-4]$/.test(v)) levels.push({ competency_id, level: Number(v) });
  }
  return { levels };
}

/** Edited indicator texts (one per line) into the PATCH body's indicators. */
export function indicatorsBody(
  cs: Record<number, string>,
  en: Record<number, string>,
): Record<string, { text_cs: string; text_en: string }[]> {
  const out: Record<string, { text_cs: string; text_en: string }[]> = {};
  for (const l of LEVELS) {
    const a = (cs[l] ?? '').split('\n').map((s) => s.trim()).filter(Boolean);
    const b = (en[l] ?? '').split('\n').map((s) => s.trim()).filter(Boolean);
    const n = Math.max(a.length, b.length);
    out[String(l)] = Array.from({ length: n }, (_, i) => ({ text_cs: a[i] ?? '', text_en: b[i] ?? '' }));
  }
  return out;
}

// ---- Editing a draft ----

/** A field error as the API sends it (problem+json `errors`). */
export interface ApiFieldError {
  field: string;
  code?: string;
  message: string;
}

export interface PublishProblem {
  /** The competency missing indicators (null when the tree no longer has it). */
  competency: FrameworkNode | null;
  itemId: string;
  /** The levels (1–4) without indicators, ascending. */
  levels: number[];
}

export interface PublishProblems {
  /** Competencies without indicators on some levels, in the tree's order. */
  items: PublishProblem[];
  /** The draft has no competency at all. */
  empty: boolean;
  /** Anything else the refusal lists (shown with the server's message). */
  other: ApiFieldError[];
}

const INDICATOR_FIELD = /^items\/([^/]+)\/indicators\/(\d+)$/;

/**
 * Reads a publishing refusal's field errors (`items/<id>/indicators/<level>`, `items`) into what the UI words in
 * its own language: the competency (looked up in the tree) and its levels without indicators.
 */
export function publishProblems(tree: Pick<FrameworkTree, 'domains'>, errors: readonly ApiFieldError[]): PublishProblems {
  const order = competenciesOf(tree).map((x) => x.competency);
  const byId = new Map(order.map((c) => [c.id, c]));
  const levels = new Map<string, Set<number>>();
  const out: PublishProblems = { items: [], empty: false, other: [] };
  for (const e of errors) {
    const m = INDICATOR_FIELD.exec(e.field ?? '');
    if (m) {
      const set = levels.get(m[1]) ?? new Set<number>();
      set.add(Number(m[2]));
      levels.set(m[1], set);
    } else if (e.field === 'items' && e.code === 'required') out.empty = true;
    else out.other.push(e);
  }
  const rank = (id: string) => {
    const i = order.findIndex((c) => c.id === id);
    return i < 0 ? order.length : i;
  };
  out.items = [...levels.entries()]
    .sort((a, b) => rank(a[0]) - rank(b[0]))
    .map(([itemId, set]) => ({ itemId, competency: byId.get(itemId) ?? null, levels: [...set].sort((a, b) => a - b) }));
  return out;
}

/** The levels (1–4) an edited competency has no indicator text for, in either language. */
export function levelsWithout(cs: Record<number, string>, en: Record<number, string>): number[] {
  const body = indicatorsBody(cs, en);
  return LEVELS.filter((l) => body[String(l)].length === 0);
}

/** Whether a code is already used by another item of the tree (codes are unique within a version). */
export function codeTaken(tree: Pick<FrameworkTree, 'domains'>, code: string, exceptId?: string): boolean {
  const want = code.trim();
  if (!want) return false;
  const walk = (nodes: readonly FrameworkNode[] | undefined): boolean =>
    (nodes ?? []).some((n) => (n.id !== exceptId && (n.code ?? '').trim() === want) || walk(n.children));
  return walk(tree.domains);
}

/**
 * Where focus goes after a competency is removed: the competency that took its place in the domain, else the one
 * before it, else null (the domain's heading).
 */
export function focusAfterRemoval(siblings: readonly { id: string }[], removedId: string): string | null {
  const i = siblings.findIndex((s) => s.id === removedId);
  if (i < 0) return null;
  return siblings[i + 1]?.id ?? siblings[i - 1]?.id ?? null;
}
