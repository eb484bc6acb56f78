// Pure logic of the regional dashboard: periods, the columns of the organisation table, values as text.
import type { IndicatorValue } from './api/indicators';
import type { Me } from './api/types';

/** One column per indicator, and per kind for support hours. */
export function cellKey(v: Pick<IndicatorValue, 'indicator' | 'kind'>): string {
  return v.kind ? `${v.indicator}:${v.kind}` : v.indicator;
}

/** The distinct cells in the order the API gives them. */
export function columns(values: readonly IndicatorValue[]): IndicatorValue[] {
  const seen = new Map<string, IndicatorValue>();
  for (const v of values) if (!seen.has(cellKey(v))) seen.set(cellKey(v), v);
  return [...seen.values()];
}

/** The columns of the organisation table: the offices and NGOs of a region run no courses, so a provider's fill
 * rate is a cell of the region's summary only. */
export function officeColumns(values: readonly IndicatorValue[]): IndicatorValue[] {
  return columns(values).filter((v) => v.indicator !== 'training_fill_rate');
}

export function byKey(values: readonly IndicatorValue[]): Map<string, IndicatorValue> {
  return new Map(values.map((v) => [cellKey(v), v]));
}

/** The four quarters of the year of a period (2026 or 2026-Q3). */
export function quartersOf(period: string): string[] {
  const year = period.slice(0, 4);
  return [1, 2, 3, 4].map((q) => `${year}-Q${q}`);
}

/** The selectable periods: the last five years, each with its quarters, newest first. */
export function periodOptions(today: Date = new Date()): string[] {
  const year = today.getFullYear();
  const out: string[] = [];
  for (let y = year; y > year - 5; y--) out.push(String(y), ...quartersOf(String(y)).reverse());
  return out;
}

/** A share as a percentage, hours with up to one decimal, a gap in levels signed; null when suppressed (the caller
 * says why in words). */
export function formatValue(v: IndicatorValue | undefined, lang: string): string | null {
  if (!v || v.suppressed || v.value === undefined) return null;
  if (v.unit === 'share') return new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 }).format(v.value);
  if (v.unit === 'levels') return new Intl.NumberFormat(lang, { maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(v.value);
  return `${new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(v.value)} h`;
}

/** What a person may open on the dashboard: a methodologist their regions, the global admin (an admin role without
 * an organisation) every region, an organisation's admin only that organisation (the API answers 404 beyond). */
export function dashboardScope(me: Pick<Me, 'roles'>, all: readonly string[]): { regions: string[]; organization: string | null } {
  if (me.roles.some((r) => r.role === 'admin' && !r.organization_id)) return { regions: [...all], organization: null };
  const regions = [...new Set(me.roles.filter((r) => r.role === 'methodologist' && r.region_code).map((r) => r.region_code!))];
  const organization = me.roles.find((r) => r.role === 'admin' && r.organization_id)?.organization_id ?? null;
  return { regions, organization: regions.length ? null : organization };
}

/** Bar heights relative to the largest shown value (shares against 1), suppressed and negative bars 0 (their label
 * carries the value). */
export function barScale(values: readonly (IndicatorValue | undefined)[]): number {
  const shown = values.filter((v) => v && !v.suppressed && v.value !== undefined) as IndicatorValue[];
  if (shown.some((v) => v.unit === 'share')) return 1;
  return Math.max(0, ...shown.map((v) => v.value!)) || 1;
}
