// The support log API (internal/support): my entries of mentoring, intervision and the like, and the hours by
// person and kind in a year. A note is mine alone; the summary never carries one.
import { client, fetchAll, type Versioned } from './index';
import { ifMatch, type Query } from './client';

/** mentoring, intervize, konzultace případu, účast na případové konferenci, metodické vedení, stínování. */
export type SupportKind =
  | 'mentoring'
  | 'intervision'
  | 'case_consultation'
  | 'case_conference'
  | 'methodological_guidance'
  | 'shadowing';
export const SUPPORT_KINDS: readonly SupportKind[] = [
  'mentoring',
  'intervision',
  'case_consultation',
  'case_conference',
  'methodological_guidance',
  'shadowing',
];

export interface SupportEntry {
  id: string;
  person_id: string;
  /** The day, YYYY-MM-DD. */
  date: string;
  minutes: number;
  kind: SupportKind;
  /** Private to the worker. */
  note: string;
  plan_action_id: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface SupportInput {
  date: string;
  minutes: number;
  kind: SupportKind;
  note?: string;
  plan_action_id?: string;
}

export interface SupportQuery {
  from?: string;
  to?: string;
  kind?: SupportKind;
}

export interface KindTotal {
  kind: SupportKind;
  minutes: number;
  hours: number;
}

export interface PersonTotals {
  person_id: string;
  person_name: string;
  /** Every kind, in the order of SUPPORT_KINDS. */
  kinds: KindTotal[];
  total_minutes: number;
  total_hours: number;
}

export interface SupportSummary {
  year: number;
  people: PersonTotals[];
}

const entry = (id: string) => `/api/v1/support-log/${encodeURIComponent(id)}`;

async function send<T>(method: string, path: string, body?: unknown, etag?: string): Promise<Versioned<T>> {
  const r = await client.request<T>(method, path, { body, headers: etag ? { 'If-Match': etag } : undefined });
  return { data: r.data, etag: r.etag };
}

export const supportLog = {
  /** My entries, newest day first. */
  all: (q: SupportQuery = {}) => fetchAll<SupportEntry>('/api/v1/support-log', q as Query),
  create: (body: SupportInput) => send<SupportEntry>('POST', '/api/v1/support-log', body),
  /** An empty plan_action_id unlinks the action. */
  update: (id: string, body: Partial<SupportInput>, etag: string | null, version: number) =>
    send<SupportEntry>('PATCH', entry(id), body, ifMatch(etag, version)),
  remove: async (id: string) => {
    await client.request<void>('DELETE', entry(id));
  },
  /** Mine without filters; a team's members' for its lead. */
  summary: (q: { team_id?: string; person_id?: string; year?: number } = {}) =>
    client.get<SupportSummary>('/api/v1/support-log/summary', q as Query),
};
