import { describe, expect, it } from 'vitest';
import type { CompetencyProfile, FrameworkTree } from './api/types';
import { gapList, historyRows, radarAxes, tenth } from './profile';

const node = (id: string, kind: string, children: object[] = []) => ({ id, kind, code: id.toUpperCase(), name_cs: `${id} cz`, name_en: `${id} en`, children });
const tree = { domains: [node('d1', 'domain', [node('a', 'competency'), node('b', 'competency')]), node('d2', 'domain', [node('c', 'competency')])] } as unknown as FrameworkTree;

const profile = {
  competencies: [
    { competency_id: 'a', domain_id: 'd1', code: 'A', agreed_level: 1, not_applicable: false, expected_level: 3, gap: 2 },
    { competency_id: 'b', domain_id: 'd1', code: 'B', agreed_level: 3, not_applicable: false, expected_level: 2, gap: -1 },
    { competency_id: 'c', domain_id: 'd2', code: 'C', agreed_level: 1, not_applicable: false, expected_level: 3, gap: 2 },
  ],
  domains: [
    { domain_id: 'd1', code: 'D1', agreed_mean: 2, expected_mean: 2.5, gap_mean: 0.5, below: 1 },
    { domain_id: 'd2', code: 'D2', agreed_mean: 1, expected_mean: 3, gap_mean: 2, below: 1 },
  ],
  history: [
    { assessment_id: 'old', agreed_at: '2025-05-01T10:00:00Z', domains: [{ domain_id: 'd1', agreed_mean: 1.666 }] },
    { assessment_id: 'new', agreed_at: '2026-05-01T10:00:00Z', domains: [{ domain_id: 'd2', agreed_mean: 1 }, { domain_id: 'd1', agreed_mean: 2 }] },
  ],
} as unknown as CompetencyProfile;

describe('radar data', () => {
  it('one axis per domain with names in the language and means to a tenth', () => {
    const axes = radarAxes(profile, tree, 'cs');
    expect(axes.map((a) => [a.code, a.name, a.agreed, a.expected, a.gap, a.below])).toEqual([
      ['D1', 'd1 cz', 2, 2.5, 0.5, 1],
      ['D2', 'd2 cz', 1, 3, 2, 1],
    ]);
    expect(radarAxes(profile, tree, 'en')[0].name).toBe('d1 en');
    expect(tenth(1.666)).toBe(1.7);
    expect(tenth(null)).toBeNull();
  });

  it('history newest first, means aligned with the axes, missing domains empty', () => {
    const rows = historyRows(profile, radarAxes(profile, tree, 'cs'));
    expect(rows.map((r) => [r.assessmentId, r.means])).toEqual([
      ['new', [2, 1]],
      ['old', [1.7, null]],
    ]);
  });
});

describe('gap list', () => {
  it('only competencies below expectation, biggest gap first, ties in the model order', () => {
    const rows = gapList(profile, tree);
    expect(rows.map((r) => [r.code, r.gap, r.agreed, r.expected, r.competency?.id])).toEqual([
      ['A', 2, 1, 3, 'a'],
      ['C', 2, 1, 3, 'c'],
    ]);
  });
});
