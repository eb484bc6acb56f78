import { describe, expect, it } from 'vitest';
import type { HeatmapPerson, TeamHeatmap } from './api/types';
import { cellText, columnsOf, gapClass, gapText, overallGap, sortPeople, valueAt } from './heatmap';

const h: Pick<TeamHeatmap, 'domains' | 'competencies'> = {
  domains: [
    { domain_id: 'D1', code: 'K1' },
    { domain_id: 'D2', code: 'K2' },
  ],
  competencies: [
    { competency_id: 'a', domain_id: 'D1', code: 'K1.1' },
    { competency_id: 'b', domain_id: 'D1', code: 'K1.2' },
    { competency_id: 'c', domain_id: 'D2', code: 'K2.1' },
  ],
};

const person = (name: string, gaps: (number | null)[], domainGaps: (number | null)[]): HeatmapPerson => ({
  person_id: name,
  name,
  position_code: null,
  assessment_id: null,
  agreed_at: null,
  next_due: '2027-01-01',
  overdue: false,
  cells: gaps.map((gap) => ({ agreed: null, expected: null, gap, not_applicable: false })),
  domain_gaps: domainGaps,
});

describe('heatmap columns', () => {
  it('domains only, or each domain followed by its competencies', () => {
    expect(columnsOf(h, true).map((c) => c.code)).toEqual(['K1', 'K2']);
    const all = columnsOf(h, false);
    expect(all.map((c) => c.code)).toEqual(['K1', 'K1.1', 'K1.2', 'K2', 'K2.1']);
    expect(all.map((c) => c.index)).toEqual([0, 0, 1, 1, 2]);
  });

  it('reads a cell or a domain mean', () => {
    const p = person('Eva', [1, null, -1], [0.5, -1]);
    const [k1, k11, k12, k2, k21] = columnsOf(h, false);
    expect([valueAt(p, k1), valueAt(p, k11), valueAt(p, k12), valueAt(p, k2), valueAt(p, k21)]).toEqual([0.5, 1, null, -1, -1]);
    expect(overallGap(p)).toBe(-0.25);
    expect(overallGap(person('X', [], [null, null]))).toBeNull();
  });
});

describe('sorting people', () => {
  const people = [person('Šárka', [2, 0, 0], [1, 0]), person('Adam', [0, 0, 1], [0, 1]), person('Čeněk', [null, null, null], [null, null]), person('Zdeněk', [3, 1, 0], [2, 0])];
  const cols = columnsOf(h, false);

  it('by name in Czech order (Č after C, Š after S)', () => {
    expect(sortPeople(people, { by: 'name' }, cols).map((p) => p.name)).toEqual(['Adam', 'Čeněk', 'Šárka', 'Zdeněk']);
  });

  it('by overall gap, biggest first, people without data last', () => {
    expect(sortPeople(people, { by: 'overall' }, cols).map((p) => p.name)).toEqual(['Zdeněk', 'Adam', 'Šárka', 'Čeněk']);
  });

  it('by a column; ties by name', () => {
    expect(sortPeople(people, { by: 'column', key: 'c:c' }, cols).map((p) => p.name)).toEqual(['Adam', 'Šárka', 'Zdeněk', 'Čeněk']);
    expect(sortPeople(people, { by: 'column', key: 'd:D1' }, cols).map((p) => p.name)).toEqual(['Zdeněk', 'Šárka', 'Adam', 'Čeněk']);
  });
});

describe('colour scale and cell text', () => {
  it('maps gaps to a diverging scale, rounding means and clamping to ±3', () => {
    expect(gapClass(0)).toBe('gap-0');
    expect(gapClass(0.4)).toBe('gap-0');
    expect(gapClass(0.6)).toBe('gap-p1');
    expect(gapClass(2)).toBe('gap-p2');
    expect(gapClass(5)).toBe('gap-p3');
    expect(gapClass(-1)).toBe('gap-n1');
    expect(gapClass(-3.4)).toBe('gap-n3');
    expect(gapClass(null)).toBe('gap-none');
  });

  it('always writes the number, with a sign and a true minus', () => {
    expect(gapText(2)).toBe('+2');
    expect(gapText(-1)).toBe('−1');
    expect(gapText(0)).toBe('0');
    expect(gapText(0.25, (n) => n.toFixed(1).replace('.', ','))).toBe('+0,3');
    expect(gapText(null)).toBe('–');
    expect(cellText({ agreed: null, expected: 2, gap: null, not_applicable: true }, 'n/a')).toBe('n/a');
    expect(cellText(undefined, 'n/a')).toBe('–');
  });
});
