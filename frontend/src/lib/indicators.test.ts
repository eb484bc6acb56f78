import { describe, expect, it } from 'vitest';
import type { IndicatorValue } from './api/indicators';
import { barScale, byKey, cellKey, columns, dashboardScope, formatValue, officeColumns, periodOptions, quartersOf } from './indicators';

const share = (value: number, n = 7): IndicatorValue => ({ indicator: 'assessment_agreed', unit: 'share', suppressed: false, value, n });
const suppressed: IndicatorValue = { indicator: 'assessment_agreed', unit: 'share', suppressed: true };
const hours = (kind: string, value: number): IndicatorValue => ({ indicator: 'support_hours', kind, unit: 'hours', suppressed: false, value, n: 6 });

describe('indicator cells', () => {
  it('support hours get a column per kind, the others one each, in the API order', () => {
    const cols = columns([share(0.5), hours('mentoring', 2), hours('intervision', 1), share(0.4)]);
    expect(cols.map(cellKey)).toEqual(['assessment_agreed', 'support_hours:mentoring', 'support_hours:intervision']);
    expect(byKey([hours('mentoring', 2)]).get('support_hours:mentoring')?.value).toBe(2);
  });

  it("the organisation table leaves out the providers' fill rate, which no office has", () => {
    const fill: IndicatorValue = { indicator: 'training_fill_rate', unit: 'share', suppressed: false, value: 0.8, n: 40 };
    expect(officeColumns([share(0.5), fill, hours('mentoring', 2)]).map(cellKey)).toEqual(['assessment_agreed', 'support_hours:mentoring']);
    expect(columns([share(0.5), fill]).map(cellKey)).toEqual(['assessment_agreed', 'training_fill_rate']);
  });

  it('a suppressed value has no text (never 0), a share reads as a percentage, hours with a unit', () => {
    expect(formatValue(suppressed, 'cs')).toBeNull();
    expect(formatValue(undefined, 'cs')).toBeNull();
    expect(formatValue(share(0.425), 'cs')).toBe(new Intl.NumberFormat('cs', { style: 'percent', maximumFractionDigits: 0 }).format(0.425));
    expect(formatValue(hours('mentoring', 12.25), 'cs')).toBe('12,3 h');
    expect(formatValue(hours('mentoring', 0), 'en')).toBe('0 h');
    const gap = (value: number): IndicatorValue => ({ indicator: 'gap_mean', kind: 'K1', unit: 'levels', suppressed: false, value, n: 5 });
    expect(formatValue(gap(0.44), 'en')).toBe('+0.4');
    expect(formatValue(gap(-0.2), 'en')).toBe('-0.2');
  });

  it('bars of shares scale to 100 %, of hours to the largest shown value, ignoring suppressed ones', () => {
    expect(barScale([share(0.2), suppressed])).toBe(1);
    expect(barScale([hours('mentoring', 3), hours('mentoring', 8), undefined])).toBe(8);
    expect(barScale([suppressed, undefined])).toBe(1);
  });
});

describe('periods', () => {
  it('the quarters of a period\'s year', () => {
    expect(quartersOf('2026-Q3')).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    expect(quartersOf('2025')).toEqual(['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4']);
  });

  it('five years, newest first, each before its quarters', () => {
    const p = periodOptions(new Date(2026, 10, 23));
    expect(p.slice(0, 6)).toEqual(['2026', '2026-Q4', '2026-Q3', '2026-Q2', '2026-Q1', '2025']);
    expect(p).toHaveLength(25);
    expect(p.at(-1)).toBe('2022-Q1');
  });
});

describe('what a person may open', () => {
  const all = ['CZ010', 'CZ063'];
  it('a methodologist their regions, the global admin all, an organisation\'s admin only that organisation', () => {
    expect(dashboardScope({ roles: [{ role: 'methodologist', region_code: 'CZ063' }, { role: 'worker', organization_id: 'o1' }] }, all)).toEqual({
      regions: ['CZ063'],
      organization: null,
    });
    expect(dashboardScope({ roles: [{ role: 'admin' }] }, all)).toEqual({ regions: all, organization: null });
    expect(dashboardScope({ roles: [{ role: 'admin', organization_id: 'o1' }] }, all)).toEqual({ regions: [], organization: 'o1' });
    expect(dashboardScope({ roles: [{ role: 'worker', organization_id: 'o1' }] }, all)).toEqual({ regions: [], organization: null });
  });
});
