// A person's competency profile laid out for the radar, its table, the gap list and the history. Pure: the
// API answers ids and codes; names come from the framework version (lib/framework.ts). Unit-tested.
import type { CompetencyProfile, FrameworkNode, FrameworkTree } from './api/types';
import { competenciesOf, nameOf, type Lang } from './framework';

export interface RadarAxis {
  domainId: string;
  code: string;
  name: string;
  /** Mean agreed level of the domain (null: nothing agreed there). */
  agreed: number | null;
  /** Mean expected level of the person's position (null: the profile expects nothing there). */
  expected: number | null;
  gap: number | null;
  below: number;
}

/** One mean rounded to a tenth, as the chart and the table show it. */
export function tenth(n: number | null | undefined): number | null {
  return n === null || n === undefined || Number.isNaN(n) ? null : Math.round(n * 10) / 10;
}

/** The radar's axes: one per domain, in the framework's order, with the domain's name in the UI language. */
export function radarAxes(profile: Pick<CompetencyProfile, 'domains'>, tree: Pick<FrameworkTree, 'domains'>, lang: Lang): RadarAxis[] {
  const names = new Map((tree.domains ?? []).map((d) => [d.id, d]));
  return profile.domains.map((d) => {
    const node = names.get(d.domain_id);
    return {
      domainId: d.domain_id,
      code: d.code,
      name: node ? nameOf(node, lang) : d.code,
      agreed: tenth(d.agreed_mean),
      expected: tenth(d.expected_mean),
      gap: tenth(d.gap_mean),
      below: d.below,
    };
  });
}

export interface GapRow {
  competency: FrameworkNode | null;
  code: string;
  agreed: number | null;
  expected: number;
  gap: number;
}

/**
 * Competencies under the expected level, the biggest gap first (then by code, so equal gaps keep the model's
 * order); what the development plan should start from.
 */
export function gapList(profile: Pick<CompetencyProfile, 'competencies'>, tree: Pick<FrameworkTree, 'domains'>): GapRow[] {
  const nodes = new Map(competenciesOf(tree).map((x) => [x.competency.id, x.competency]));
  const order = new Map(competenciesOf(tree).map((x, i) => [x.competency.id, i]));
  return profile.competencies
    .filter((c): c is typeof c & { gap: number; expected_level: number } => typeof c.gap === 'number' && c.gap > 0 && c.expected_level !== null)
    .map((c) => ({ competency: nodes.get(c.competency_id) ?? null, code: c.code, agreed: c.agreed_level, expected: c.expected_level, gap: c.gap, id: c.competency_id }))
    .sort((a, b) => b.gap - a.gap || (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0))
    .map(({ id: _id, ...row }) => row);
}

export interface HistoryRow {
  assessmentId: string;
  agreedAt: string;
  /** Mean agreed level per domain, aligned with the radar's axes. */
  means: (number | null)[];
}

/** The agreed assessments over time, newest first, each with its domain means in the axes' order. */
export function historyRows(profile: Pick<CompetencyProfile, 'history'>, axes: readonly RadarAxis[]): HistoryRow[] {
  return [...profile.history]
    .reverse()
    .map((h) => {
      const byDomain = new Map(h.domains.map((d) => [d.domain_id, d.agreed_mean]));
      return { assessmentId: h.assessment_id, agreedAt: h.agreed_at, means: axes.map((a) => tenth(byDomain.get(a.domainId))) };
    });
}

/** The agreed and expected level of each competency by id (the plan's goal picker shows both). */
export function levelsByCompetency(profile: Pick<CompetencyProfile, 'competencies'>): Map<string, { agreed: number | null; expected: number | null }> {
  return new Map(profile.competencies.map((c) => [c.competency_id, { agreed: c.agreed_level, expected: c.expected_level }]));
}
