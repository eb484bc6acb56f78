// Helpers of the CASE import page. Pure.
import type { FrameworkSummary, ImportPreview, Problem } from './api/types';

/** The Content-Type to send a file with, by its name (or the browser's type); null when it is neither. */
export function importContentType(name: string, mime = ''): 'application/json' | 'application/yaml' | null {
  const n = name.toLowerCase();
  if (n.endsWith('.json')) return 'application/json';
  if (n.endsWith('.yaml') || n.endsWith('.yml')) return 'application/yaml';
  if (/json/.test(mime)) return 'application/json';
  if (/yaml/.test(mime)) return 'application/yaml';
  return null;
}

export interface ImportProblem {
  field: string;
  code: string;
  message: string;
}

/** Every problem of a dry run (`problems`) or a 422 problem (`errors`), in the order given. */
export function importProblems(src: ImportPreview | Problem): ImportProblem[] {
  const list = ('problems' in src && src.problems) || ('errors' in src && src.errors) || [];
  if (!Array.isArray(list)) return [];
  return list
    .filter((p) => p && typeof p === 'object')
    .map((p) => ({ field: p.field ?? '', code: p.code ?? '', message: p.message || p.code || '' }));
}

export interface ImportSummary {
  itemsByType: [string, number][];
  associations: number;
  rubrics: number;
  indicators: number | null;
  problems: ImportProblem[];
  valid: boolean;
  framework: FrameworkSummary | null;
}

/** Reads an import answer: nested `counts` and `framework` (the server) or flat (the first contract). */
export function importSummary(res: ImportPreview | FrameworkSummary | null | undefined): ImportSummary {
  const r = (res ?? {}) as ImportPreview & Partial<FrameworkSummary>;
  const c = r.counts ?? {};
  const problems = importProblems(r);
  const framework = r.framework ?? (typeof r.id === 'string' && typeof r.version === 'string' ? (r as FrameworkSummary) : null);
  return {
    itemsByType: Object.entries(c.items_by_type ?? r.items_by_type ?? {}),
    associations: c.associations ?? r.associations ?? 0,
    rubrics: c.rubrics ?? r.rubrics ?? 0,
    indicators: c.indicators ?? null,
    problems,
    valid: r.valid ?? problems.length === 0,
    framework,
  };
}
