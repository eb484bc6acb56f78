// The indicators API (internal/indicator): an organisation's or a region's indicators in a year or a quarter, as JSON
// or (ExportButtons on INDICATORS_PATH) as a CSV/XLSX file. Types are snake_case as on the wire.
import { client } from './index';

export type IndicatorName =
  | 'assessment_agreed'
  | 'plan_approved'
  | 'compliance_111'
  | 'training_hours_mean'
  | 'training_hours_median'
  | 'support_hours'
  | 'training_no_show'
  | 'training_fill_rate'
  | 'gap_mean'
  | 'supervision_coverage';

export type IndicatorScope = 'organization' | 'region';

/** A suppressed value describes fewer than five people: it has no value and no n, and must never read as 0. */
export interface IndicatorValue {
  indicator: IndicatorName;
  /** support_hours: the kind of support; gap_mean: the domain's code. */
  kind?: string;
  /** levels: expected minus agreed level, from −3 to 3. */
  unit: 'share' | 'hours' | 'levels';
  suppressed: boolean;
  value?: number;
  n?: number;
}

export interface Indicators {
  scope: IndicatorScope;
  id: string;
  name: string;
  period: string;
  from: string;
  to: string;
  indicators: IndicatorValue[];
  /** A region only: each of its organisations' cells (offices and NGOs, not providers), suppressed as on their own. */
  organizations?: OrganizationIndicators[];
}

export interface OrganizationIndicators {
  id: string;
  name: string;
  indicators: IndicatorValue[];
}

export const INDICATORS_PATH = '/api/v1/indicators';

export const indicators = {
  get: (scope: IndicatorScope, id: string, period: string, indicator?: IndicatorName) =>
    client.get<Indicators>(INDICATORS_PATH, { scope, id, period, indicator }),
};
