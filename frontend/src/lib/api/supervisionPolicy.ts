// An organisation's supervision policy and a team's standing against it in a year (internal/supervision,
// standing.go). Supervision hours never count toward the statutory training hours.
import { client, type Versioned } from './index';
import { ifMatch } from './client';

export interface SupervisionPolicy {
  organization_id: string;
  /** Team supervision at most this many weeks apart; null = no such rule. */
  team_interval_weeks: number | null;
  /** Hours of individual supervision per worker a year; null = no such rule. */
  individual_hours: number | null;
  /** 1 (with no rules) for an organisation that has never set one. */
  version: number;
  updated_by: string;
  updated_at: string;
}

export interface PolicyInput {
  team_interval_weeks: number | null;
  individual_hours: number | null;
}

/** Attended hours of held sessions, by kind of supervision. */
export interface SupervisionHours {
  individual: number;
  group: number;
  team: number;
  case: number;
}

/** The kinds in the order the standing's tables show them. */
export const HOUR_KINDS: readonly (keyof SupervisionHours)[] = ['individual', 'group', 'team', 'case'];

export interface PersonStanding {
  person_id: string;
  person_name: string;
  hours: SupervisionHours;
  /** Individual hours reach the policy; null without that rule. */
  within_policy: boolean | null;
}

export interface TeamStanding {
  team_id: string;
  team_name: string;
  year: number;
  /** null when the organisation has no rules. */
  policy: SupervisionPolicy | null;
  last_held: string | null;
  next_planned: string | null;
  /** The longest stretch in the year up to today without team supervision. */
  longest_gap_days: number;
  /** null without a team interval rule. */
  within_policy: boolean | null;
  people: PersonStanding[];
}

const policyPath = (orgId: string) => `/api/v1/organizations/${encodeURIComponent(orgId)}/supervision-policy`;

export const supervisionPolicy = {
  get: async (orgId: string): Promise<Versioned<SupervisionPolicy>> => {
    const r = await client.request<SupervisionPolicy>('GET', policyPath(orgId));
    return { data: r.data, etag: r.etag };
  },
  /** null removes a rule; a stale version is 409. */
  set: async (orgId: string, body: PolicyInput, etag: string | null, version: number): Promise<Versioned<SupervisionPolicy>> => {
    const r = await client.request<SupervisionPolicy>('PUT', policyPath(orgId), {
      body,
      headers: { 'If-Match': ifMatch(etag, version) },
    });
    return { data: r.data, etag: r.etag };
  },
  /** A team's standing in a year (the team's leads and its organisation's admins). */
  team: (teamId: string, year: number) =>
    client.get<TeamStanding>(`/api/v1/teams/${encodeURIComponent(teamId)}/supervision`, { year: String(year) }),
};
