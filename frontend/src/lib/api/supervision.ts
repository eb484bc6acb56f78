// The supervision API (internal/supervision): sessions planned by a team's lead with an external supervisor, one or a
// series by RRULE, confirmed by the supervisor with who attended, and each participant's private note on a session,
// which nobody else can read (404 to everyone else).
import { client, fetchAll, type Versioned } from './index';
import { ifMatch, type Query } from './client';

/** individuální, skupinová, týmová, případová supervize. */
export type SupervisionKind = 'individual' | 'group' | 'team' | 'case';
export const SUPERVISION_KINDS: readonly SupervisionKind[] = ['team', 'individual', 'group', 'case'];

export type SupervisionStatus = 'planned' | 'held' | 'cancelled';

/** one: this session; series: it and the later planned sessions of its series. */
export type SupervisionScope = 'one' | 'series';

export interface SupervisionParticipant {
  person_id: string;
  name: string;
  /** As the supervisor confirmed; null until then. */
  attended: boolean | null;
}

export interface SupervisionSession {
  id: string;
  series_id: string | null;
  team_id: string;
  team_name: string;
  kind: SupervisionKind;
  supervisor_id: string;
  supervisor_name: string;
  starts_at: string;
  ends_at: string;
  place: string;
  status: SupervisionStatus;
  /** Changed on its own: a change of its series leaves it. */
  detached: boolean;
  rrule: string | null;
  confirmed_by: string | null;
  confirmed_at: string | null;
  created_by: string;
  version: number;
  created_at: string;
  updated_at: string;
  participants: SupervisionParticipant[];
  /** Whether I keep a private note on it. */
  has_note: boolean;
}

export interface PlanInput {
  team_id: string;
  kind: SupervisionKind;
  supervisor_id: string;
  participant_ids?: string[];
  starts_at: string;
  ends_at: string;
  place?: string;
  rrule?: string;
}

export interface ChangeInput {
  scope: SupervisionScope;
  starts_at?: string;
  ends_at?: string;
  place?: string;
}

export interface SessionQuery {
  from?: string;
  to?: string;
  team_id?: string;
  status?: SupervisionStatus;
  unconfirmed?: boolean;
}

export interface SupervisionNote {
  session_id: string;
  text: string;
  updated_at: string;
}

const session = (id: string) => `/api/v1/supervision/sessions/${encodeURIComponent(id)}`;

async function send<T>(method: string, path: string, body: unknown, etag?: string): Promise<Versioned<T>> {
  const r = await client.request<T>(method, path, { body, headers: etag ? { 'If-Match': etag } : undefined });
  return { data: r.data, etag: r.etag };
}

export const supervision = {
  /** The supervisors a lead may name (leads only). */
  supervisors: async () => (await client.get<{ items: { id: string; name: string }[] }>('/api/v1/supervision/supervisors')).items,
  /**
   * Names an external supervisor by e-mail (leads): an existing supervisor as they are, or a new account invited by
   * e-mail to set its password (created).
   */
  invite: (body: { email: string; name: string }) =>
    client.post<{ id: string; name: string; created: boolean }>('/api/v1/supervision/supervisors', body),
  /** The sessions I lead, run or take part in, by start. */
  all: (q: SessionQuery = {}) => fetchAll<SupervisionSession>('/api/v1/supervision/sessions', q as Query),
  plan: (body: PlanInput) =>
    client.post<{ series_id: string | null; items: SupervisionSession[] }>('/api/v1/supervision/sessions', body),
  get: async (id: string): Promise<Versioned<SupervisionSession>> => {
    const r = await client.request<SupervisionSession>('GET', session(id));
    return { data: r.data, etag: r.etag };
  },
  change: (id: string, body: ChangeInput, etag: string | null, version: number) =>
    send<SupervisionSession>('PATCH', session(id), body, ifMatch(etag, version)),
  cancel: (id: string, scope: SupervisionScope, etag: string | null, version: number) =>
    send<SupervisionSession>('POST', `${session(id)}/cancel`, { scope }, ifMatch(etag, version)),
  confirm: (id: string, attended: string[], etag: string | null, version: number) =>
    send<SupervisionSession>('POST', `${session(id)}/confirm`, { attended }, ifMatch(etag, version)),
  note: (id: string) => client.get<SupervisionNote>(`${session(id)}/note`),
  writeNote: async (id: string, text: string) =>
    (await client.request<SupervisionNote>('PUT', `${session(id)}/note`, { body: { text } })).data,
  deleteNote: async (id: string) => {
    await client.request<void>('DELETE', `${session(id)}/note`);
  },
};
