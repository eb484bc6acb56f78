// The app's API client and its endpoints.
import { ApiClient, ifMatch, type Query } from './client';
import type {
  Absence,
  AbsenceReason,
  AppNotification,
  Assessment,
  AuthResponse,
  CompetencyProfile,
  NotificationPreferences,
  Plan,
  ProposalInput,
  RatingInput,
  TeamHeatmap,
  FrameworkSummary,
  FrameworkTree,
  ImportPreview,
  FrameworkNode,
  FrameworkPatch,
  ItemInput,
  ItemPatch,
  PositionProfile,
  ProfileLevel,
  Me,
  Organization,
  OrganizationInput,
  Page,
  Position,
  Team,
  User,
  UserInput,
} from './types';

export const client = new ApiClient();

export interface Versioned<T> {
  data: T;
  etag: string | null;
}

async function getVersioned<T>(path: string): Promise<Versioned<T>> {
  const r = await client.request<T>('GET', path);
  return { data: r.data, etag: r.etag };
}

async function patchVersioned<T extends { version: number }>(
  path: string,
  body: unknown,
  etag: string | null,
  version: number,
): Promise<Versioned<T>> {
  const r = await client.request<T>('PATCH', path, { body, headers: { 'If-Match': ifMatch(etag, version) } });
  return { data: r.data, etag: r.etag };
}

/** Fetches every page of a list (for pickers); stops at `max` items. */
export async function fetchAll<T>(path: string, query: Query = {}, max = 2000): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<T> = await client.get<Page<T>>(path, { ...query, limit: 100, cursor });
    out.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor && out.length < max);
  return out;
}

export const auth = {
  async login(email: string, password: string): Promise<AuthResponse> {
    const r = await client.request<AuthResponse>('POST', '/api/v1/auth/login', {
      body: { email, password },
      auth: false,
    });
    client.setToken(r.data.access_token);
    return r.data;
  },
  async logout(): Promise<void> {
    try {
      await client.request<void>('POST', '/api/v1/auth/logout', { auth: false });
    } finally {
      client.setToken(null);
    }
  },
  me: () => client.get<Me>('/api/v1/me'),
};

export const invitations = {
  /** Sets an invited person's password with the token of their e-mailed link. */
  accept: async (token: string, password: string) => {
    await client.request<void>('POST', '/api/v1/auth/invitations/accept', { body: { token, password }, auth: false });
  },
};

export const organizations = {
  list: (q: Query) => client.get<Page<Organization>>('/api/v1/organizations', q),
  all: (q: Query = {}) => fetchAll<Organization>('/api/v1/organizations', q),
  get: (id: string) => getVersioned<Organization>(`/api/v1/organizations/${encodeURIComponent(id)}`),
  create: (body: OrganizationInput) => client.post<Organization>('/api/v1/organizations', body),
  update: (id: string, body: Partial<OrganizationInput>, etag: string | null, version: number) =>
    patchVersioned<Organization>(`/api/v1/organizations/${encodeURIComponent(id)}`, body, etag, version),
  setActive: (id: string, active: boolean) =>
    client.post<Organization | undefined>(
      `/api/v1/organizations/${encodeURIComponent(id)}/${active ? 'activate' : 'deactivate'}`,
    ),
};

export const teams = {
  list: (q: Query) => client.get<Page<Team>>('/api/v1/teams', q),
  all: (q: Query = {}) => fetchAll<Team>('/api/v1/teams', q),
  get: (id: string) => getVersioned<Team>(`/api/v1/teams/${encodeURIComponent(id)}`),
  create: (body: { organization_id: string; name: string }) => client.post<Team>('/api/v1/teams', body),
  update: (id: string, body: { name: string }, etag: string | null, version: number) =>
    patchVersioned<Team>(`/api/v1/teams/${encodeURIComponent(id)}`, body, etag, version),
  setMembers: async (id: string, userIds: string[]) =>
    (await client.request<Team | undefined>('PUT', `/api/v1/teams/${encodeURIComponent(id)}/members`, { body: { user_ids: userIds } })).data,
  setLeads: async (id: string, userIds: string[]) =>
    (await client.request<Team | undefined>('PUT', `/api/v1/teams/${encodeURIComponent(id)}/leads`, { body: { user_ids: userIds } })).data,
  setActive: (id: string, active: boolean) =>
    client.post<Team | undefined>(`/api/v1/teams/${encodeURIComponent(id)}/${active ? 'activate' : 'deactivate'}`),
};

export const users = {
  list: (q: Query) => client.get<Page<User>>('/api/v1/users', q),
  all: (q: Query = {}) => fetchAll<User>('/api/v1/users', q),
  get: (id: string) => getVersioned<User>(`/api/v1/users/${encodeURIComponent(id)}`),
  create: (body: UserInput) => client.post<User>('/api/v1/users', body),
  update: (id: string, body: Partial<UserInput>, etag: string | null, version: number) =>
    patchVersioned<User>(`/api/v1/users/${encodeURIComponent(id)}`, body, etag, version),
  setActive: (id: string, active: boolean) =>
    client.post<User | undefined>(`/api/v1/users/${encodeURIComponent(id)}/${active ? 'activate' : 'deactivate'}`),
  absences: async (id: string) => (await client.get<{ items: Absence[] }>(`/api/v1/users/${encodeURIComponent(id)}/absences`)).items,
  addAbsence: (id: string, body: { starts_on: string; ends_on: string; reason: AbsenceReason }) =>
    client.post<Absence>(`/api/v1/users/${encodeURIComponent(id)}/absences`, body),
  removeAbsence: async (id: string, absenceId: string) => {
    await client.request<void>('DELETE', `/api/v1/users/${encodeURIComponent(id)}/absences/${encodeURIComponent(absenceId)}`);
  },
};

export const positions = {
  list: async () => (await client.get<{ items: Position[] }>('/api/v1/positions')).items,
  profile: (id: string, q: { framework_id?: string; region_code?: string } = {}) =>
    client.get<PositionProfile>(`/api/v1/positions/${encodeURIComponent(id)}/profile`, q),
  /** Replaces a profile's levels (methodologists). */
  putProfile: async (id: string, q: { framework_id: string; region_code?: string }, levels: ProfileLevel[]) =>
    (
      await client.request<PositionProfile>('PUT', `/api/v1/positions/${encodeURIComponent(id)}/profile`, {
        query: q,
        body: { levels },
      })
    ).data,
};

const fw = (id: string) => `/api/v1/frameworks/${encodeURIComponent(id)}`;

export const frameworks = {
  list: async () => (await client.get<{ items: FrameworkSummary[] }>('/api/v1/frameworks')).items,
  get: (id: string) => getVersioned<FrameworkTree>(fw(id)),
  /** A CASE package (JSON or YAML text); with dryRun only checked, nothing is stored. */
  importCase: async (text: string, contentType: string, dryRun: boolean) =>
    (
      await client.request<ImportPreview | FrameworkSummary>('POST', '/api/v1/frameworks/import', {
        query: { dry_run: dryRun ? 'true' : undefined },
        raw: { text, contentType },
      })
    ).data,
  /** Copies a version into a new draft labelled `version` (e.g. "1.1"). */
  createDraft: (id: string, version: string) => client.post<FrameworkSummary>(`${fw(id)}/drafts`, { version }),
  patchItem: async (id: string, itemId: string, body: ItemPatch, etag: string) =>
    client.request<unknown>('PATCH', `${fw(id)}/items/${encodeURIComponent(itemId)}`, {
      body,
      headers: { 'If-Match': etag },
    }),
  /** Changes a draft's head (version label, titles, descriptions); answers the head and its new ETag. */
  updateHead: async (id: string, body: FrameworkPatch, etag: string): Promise<Versioned<FrameworkSummary>> => {
    const r = await client.request<FrameworkSummary>('PATCH', fw(id), { body, headers: { 'If-Match': etag } });
    return { data: r.data, etag: r.etag };
  },
  /** Adds a competency to a domain of a draft; answers the new item and the draft's new ETag. */
  addItem: async (id: string, body: ItemInput, etag: string): Promise<Versioned<FrameworkNode>> => {
    const r = await client.request<FrameworkNode>('POST', `${fw(id)}/items`, { body, headers: { 'If-Match': etag } });
    return { data: r.data, etag: r.etag };
  },
  /** Removes a competency (with its indicators) or an empty domain from a draft. */
  deleteItem: async (id: string, itemId: string, etag: string): Promise<Versioned<FrameworkSummary>> => {
    const r = await client.request<FrameworkSummary>('DELETE', `${fw(id)}/items/${encodeURIComponent(itemId)}`, {
      headers: { 'If-Match': etag },
    });
    return { data: r.data, etag: r.etag };
  },
  publish: async (id: string, etag: string) =>
    (await client.request<FrameworkSummary>('POST', `${fw(id)}/publish`, { headers: { 'If-Match': etag } })).data,
};

const byId = (base: string, id: string) => `${base}/${encodeURIComponent(id)}`;

/** A versioned change (If-Match) answering the record and its new ETag. */
async function change<T>(method: string, path: string, etag: string, body?: unknown): Promise<Versioned<T>> {
  const r = await client.request<T>(method, path, { body, headers: { 'If-Match': etag } });
  return { data: r.data, etag: r.etag };
}

const asm = (id: string) => byId('/api/v1/assessments', id);

export const assessments = {
  list: (q: Query) => client.get<Page<Assessment>>('/api/v1/assessments', q),
  all: (q: Query = {}) => fetchAll<Assessment>('/api/v1/assessments', q),
  get: (id: string) => getVersioned<Assessment>(asm(id)),
  /** Starts my assessment; 409 when one is open already. */
  start: async (): Promise<Versioned<Assessment>> => {
    const r = await client.request<Assessment>('POST', '/api/v1/assessments');
    return { data: r.data, etag: r.etag };
  },
  rate: (id: string, ratings: RatingInput[], etag: string) =>
    change<Assessment>('PUT', `${asm(id)}/ratings`, etag, { ratings }),
  propose: (id: string, proposals: ProposalInput[], etag: string) =>
    change<Assessment>('PUT', `${asm(id)}/proposals`, etag, { proposals }),
  submit: (id: string, etag: string) => change<Assessment>('POST', `${asm(id)}/submit`, etag),
  review: (id: string, comment: string, etag: string) => change<Assessment>('POST', `${asm(id)}/review`, etag, { comment }),
  return: (id: string, comment: string, etag: string) => change<Assessment>('POST', `${asm(id)}/return`, etag, { comment }),
  agree: (id: string, etag: string) => change<Assessment>('POST', `${asm(id)}/agree`, etag),
  pdf: (id: string) => client.blob(`${asm(id)}/pdf`),
};

export const people = {
  competencyProfile: (id: string) =>
    client.get<CompetencyProfile>(`${byId('/api/v1/people', id)}/competency-profile`),
};

export const heatmaps = {
  team: (teamId: string) => client.get<TeamHeatmap>(`${byId('/api/v1/teams', teamId)}/heatmap`),
};

const pl = (id: string) => byId('/api/v1/plans', id);

export interface GoalInput {
  competency_id: string;
  target_level: number;
  reason: string;
}

export interface ActionInput {
  kind: string;
  title: string;
  due_on: string;
  goal_id?: string | null;
}

export const plans = {
  list: (q: Query) => client.get<Page<Plan>>('/api/v1/plans', q),
  all: (q: Query = {}) => fetchAll<Plan>('/api/v1/plans', q),
  get: (id: string) => getVersioned<Plan>(pl(id)),
  create: async (body: { person_id?: string; period_start: string; period_end: string; note?: string }) => {
    const r = await client.request<Plan>('POST', '/api/v1/plans', { body });
    return { data: r.data, etag: r.etag } as Versioned<Plan>;
  },
  update: (id: string, body: { period_start?: string; period_end?: string; note?: string }, etag: string) =>
    change<Plan>('PATCH', pl(id), etag, body),
  addGoal: (id: string, body: GoalInput, etag: string) => change<Plan>('POST', `${pl(id)}/goals`, etag, body),
  updateGoal: (id: string, goalId: string, body: Partial<GoalInput>, etag: string) =>
    change<Plan>('PATCH', `${pl(id)}/goals/${encodeURIComponent(goalId)}`, etag, body),
  deleteGoal: (id: string, goalId: string, etag: string) =>
    change<Plan>('DELETE', `${pl(id)}/goals/${encodeURIComponent(goalId)}`, etag),
  addAction: (id: string, body: ActionInput, etag: string) => change<Plan>('POST', `${pl(id)}/actions`, etag, body),
  updateAction: (id: string, actionId: string, body: Partial<ActionInput>, etag: string) =>
    change<Plan>('PATCH', `${pl(id)}/actions/${encodeURIComponent(actionId)}`, etag, body),
  deleteAction: (id: string, actionId: string, etag: string) =>
    change<Plan>('DELETE', `${pl(id)}/actions/${encodeURIComponent(actionId)}`, etag),
  done: (id: string, actionId: string, evidence: string, etag: string) =>
    change<Plan>('POST', `${pl(id)}/actions/${encodeURIComponent(actionId)}/done`, etag, { evidence }),
  propose: (id: string, etag: string) => change<Plan>('POST', `${pl(id)}/propose`, etag),
  approve: (id: string, comment: string, etag: string) => change<Plan>('POST', `${pl(id)}/approve`, etag, { comment }),
  return: (id: string, comment: string, etag: string) => change<Plan>('POST', `${pl(id)}/return`, etag, { comment }),
  close: (id: string, evaluation: string, etag: string) => change<Plan>('POST', `${pl(id)}/close`, etag, { evaluation }),
  pdf: (id: string) => client.blob(`${pl(id)}/pdf`),
};

export const notifications = {
  list: (q: Query) => client.get<Page<AppNotification>>('/api/v1/notifications', q),
  unreadCount: async () => (await client.get<{ count: number }>('/api/v1/notifications/unread-count')).count,
  read: (id: string) => client.post<unknown>(`${byId('/api/v1/notifications', id)}/read`),
  readAll: () => client.post<unknown>('/api/v1/notifications/read-all'),
  preferences: () => client.get<NotificationPreferences>('/api/v1/me/notification-preferences'),
  setPreferences: async (email: Record<string, boolean>) =>
    (
      await client.request<NotificationPreferences>('PUT', '/api/v1/me/notification-preferences', {
        body: { email },
      })
    ).data,
};
