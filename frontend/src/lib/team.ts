// The teams a lead leads (from /me) and the names of their people (the assessment API answers ids only).
import { teams } from './api';
import type { Me, Plan } from './api/types';

export interface LedTeam {
  id: string;
  name: string;
}

/** The teams this person leads, by their lead roles; each once. */
export function ledTeams(me: Pick<Me, 'roles'>): LedTeam[] {
  const out = new Map<string, LedTeam>();
  for (const r of me.roles)
    if (r.role === 'lead' && r.team_id && !out.has(r.team_id)) out.set(r.team_id, { id: r.team_id, name: r.team_name ?? r.team_id });
  return [...out.values()];
}

let names: Promise<Map<string, string>> | null = null;

/** Names of the people in the teams the caller may see, by id; read once per session. */
export function peopleNames(): Promise<Map<string, string>> {
  names ??= teams
    .all()
    .then((list) => new Map(list.flatMap((tm) => [...(tm.members ?? []), ...(tm.leads ?? [])].map((m) => [m.id, m.name] as const))))
    .catch((e: unknown) => {
      names = null;
      throw e;
    });
  return names;
}

/**
 * The team's plans waiting for the lead to approve: proposed ones, but not the lead's own, which waits for their
 * own lead even when they are a member of the team they lead.
 */
export function plansAwaiting<P extends Pick<Plan, 'state' | 'person_id'>>(plans: readonly P[], leadId: string | undefined): P[] {
  return plans.filter((p) => p.state === 'proposed' && p.person_id !== leadId);
}
