// The team heatmap without the DOM: its columns (domains only, or every competency under its domain), sorting
// the people, and the colour of a gap. Pure: unit-tested.
import type { HeatmapCell, HeatmapPerson, TeamHeatmap } from './api/types';

export type Column =
  | { kind: 'domain'; key: string; index: number; domainId: string; code: string }
  | { kind: 'competency'; key: string; index: number; domainId: string; code: string };

/** The columns after the person's name: each domain's mean, followed by its competencies unless `domainsOnly`. */
export function columnsOf(h: Pick<TeamHeatmap, 'domains' | 'competencies'>, domainsOnly: boolean): Column[] {
  const out: Column[] = [];
  h.domains.forEach((d, di) => {
    out.push({ kind: 'domain', key: `d:${d.domain_id}`, index: di, domainId: d.domain_id, code: d.code });
    if (domainsOnly) return;
    h.competencies.forEach((c, ci) => {
      if (c.domain_id === d.domain_id)
        out.push({ kind: 'competency', key: `c:${c.competency_id}`, index: ci, domainId: d.domain_id, code: c.code });
    });
  });
  return out;
}

/** A person's value in a column: the competency's gap or the domain's mean gap. */
export function valueAt(p: HeatmapPerson, col: Column): number | null {
  return col.kind === 'domain' ? (p.domain_gaps[col.index] ?? null) : (p.cells[col.index]?.gap ?? null);
}

/** The mean of a person's domain gaps (what "by overall gap" sorts on); null without any. */
export function overallGap(p: HeatmapPerson): number | null {
  const xs = p.domain_gaps.filter((g): g is number => typeof g === 'number');
  return xs.length ? xs.reduce((s, g) => s + g, 0) / xs.length : null;
}

export type SortKey = { by: 'name' } | { by: 'overall' } | { by: 'column'; key: string };

const collator = new Intl.Collator('cs');

/**
 * Sorts people: by name (Czech order, ascending), or by a gap (biggest first, so who needs most is on top);
 * people without a value go last; ties by name.
 */
export function sortPeople(people: readonly HeatmapPerson[], sort: SortKey, columns: readonly Column[]): HeatmapPerson[] {
  const byName = (a: HeatmapPerson, b: HeatmapPerson) => collator.compare(a.name, b.name);
  if (sort.by === 'name') return [...people].sort(byName);
  const col = sort.by === 'column' ? columns.find((c) => c.key === sort.key) : undefined;
  const value = (p: HeatmapPerson) => (sort.by === 'overall' ? overallGap(p) : col ? valueAt(p, col) : null);
  return [...people].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va === null && vb === null) return byName(a, b);
    if (va === null) return 1;
    if (vb === null) return -1;
    return vb - va || byName(a, b);
  });
}

/**
 * The colour class of a gap on a blue–orange diverging scale (ColorBrewer, colour-blind safe): orange is below
 * the expected level (to develop), blue above it, near white on it. A mean is rounded to the nearest step.
 */
export function gapClass(gap: number | null | undefined): string {
  if (gap === null || gap === undefined || Number.isNaN(gap)) return 'gap-none';
  const step = Math.max(-3, Math.min(3, Math.round(gap)));
  return step === 0 ? 'gap-0' : step > 0 ? `gap-p${step}` : `gap-n${-step}`;
}

/** A gap as the cell shows it, so colour is never the only cue: "+2", "0", "−1" (a true minus), "–" for none. */
export function gapText(gap: number | null | undefined, format: (n: number) => string = String): string {
  if (gap === null || gap === undefined || Number.isNaN(gap)) return '–';
  const r = Math.round(gap * 10) / 10;
  if (r === 0) return '0';
  return r > 0 ? `+${format(r)}` : `−${format(-r)}`;
}

/** A competency cell's text: the gap, or "n/a" where it does not apply. */
export function cellText(c: HeatmapCell | undefined, na: string, format?: (n: number) => string): string {
  if (c?.not_applicable) return na;
  return gapText(c?.gap, format);
}
