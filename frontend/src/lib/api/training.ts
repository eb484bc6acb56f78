// The training API (internal/training): the catalogue, sessions, registrations, certificates, external trainings
// and compliance with the statutory requirements. Types are snake_case as on the wire; the worker's, the lead's and
// the provider's pages all import from here.
import { client, fetchAll, type Versioned } from './index';
import { ifMatch, type Query } from './client';
import type { Page, Plan, PlanAction } from './types';

/** kurz, konference, stáž, specializační vzdělávání, e-learning, školicí akce. */
export type CourseForm = 'course' | 'conference' | 'internship' | 'specialisation' | 'e_learning' | 'training_event';
export const COURSE_FORMS: readonly CourseForm[] = [
  'course',
  'conference',
  'internship',
  'specialisation',
  'e_learning',
  'training_event',
];

/** A form of training (as of a course), or an official's one-off step under zák. 312/2002 Sb.: induction (vstupní
 * vzdělávání, § 19), induction_exam (§ 19a), exam_zoz (zvláštní odborná způsobilost, § 21). */
export type ExternalForm = CourseForm | 'induction' | 'induction_exam' | 'exam_zoz';
export const EXTERNAL_FORMS: readonly ExternalForm[] = [...COURSE_FORMS, 'induction', 'induction_exam', 'exam_zoz'];

/** The one-off steps, for which hours may be left out. */
export function isOneOffForm(form: string): boolean {
  return form === 'induction' || form === 'induction_exam' || form === 'exam_zoz';
}

export interface CourseCompetency {
  competency_id: string;
  target_level: number;
}

export interface Course {
  id: string;
  provider_id: string;
  provider_name: string;
  title: string;
  description: string;
  form: CourseForm;
  /** Teaching hours (hodiny výuky). */
  hours: number;
  accreditation_number: string | null;
  accredited_from: string | null;
  accredited_until: string | null;
  /** In the catalogue; a draft is seen by its provider only. */
  published: boolean;
  version: number;
  created_at: string;
  updated_at: string;
  competencies: CourseCompetency[];
  /** Codes of the positions the course is for. */
  target_positions: string[];
}

/** A change of a course; '' or null for accreditation_number clears the accreditation and its dates. */
export interface CoursePatch {
  title?: string;
  description?: string;
  form?: CourseForm;
  hours?: number;
  accreditation_number?: string | null;
  accredited_from?: string | null;
  accredited_until?: string | null;
  published?: boolean;
  competencies?: CourseCompetency[];
  target_positions?: string[];
}

export interface CourseInput extends CoursePatch {
  /** The provider organisation; may be left out by who works for one. */
  provider_id?: string;
  title: string;
  form: CourseForm;
  hours: number;
}

/** The catalogue search (GET /courses); dates are days in Europe/Prague. */
export interface CourseQuery {
  q?: string;
  competency_id?: string;
  form?: CourseForm;
  accredited?: 'true' | 'false';
  from?: string;
  to?: string;
  place?: string;
  free?: 'true' | 'false';
  /** One provider's courses. */
  provider_id?: string;
  limit?: number;
  cursor?: string | null;
}

/** planned (announced, no registrations yet), open, full (new registrations are waitlisted), cancelled, held. */
export type SessionStatus = 'planned' | 'open' | 'full' | 'cancelled' | 'held';

export interface Session {
  id: string;
  course_id: string;
  course_title: string;
  provider_id: string;
  /** RFC 3339 in UTC; shown in Europe/Prague. */
  starts_at: string;
  ends_at: string;
  place: string;
  online_url: string;
  capacity: number;
  registration_deadline: string;
  /** CZK. */
  price: number;
  status: SessionStatus;
  /** When the provider closed the session; its attendance is then final. */
  closed_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  confirmed: number;
  waitlisted: number;
  seats_free: number;
}

/** A new session: a place or an online link is required (422 on place). */
export interface SessionInput {
  starts_at: string;
  ends_at: string;
  place?: string;
  online_url?: string;
  capacity: number;
  registration_deadline?: string;
  price?: number;
  status?: 'planned' | 'open';
}

export interface SessionPatch {
  starts_at?: string;
  ends_at?: string;
  place?: string;
  online_url?: string;
  capacity?: number;
  registration_deadline?: string;
  price?: number;
  status?: 'planned' | 'open' | 'held';
}

export interface SessionQuery {
  course_id?: string;
  from?: string;
  to?: string;
  limit?: number;
  cursor?: string | null;
}

/** pending waits for a lead's approval (where the organisation asks for it) and holds no seat. */
export type RegistrationStatus = 'pending' | 'confirmed' | 'waitlisted' | 'cancelled';

export interface Registration {
  id: string;
  session_id: string;
  course_id: string;
  course_title: string;
  starts_at: string;
  person_id: string;
  person_name: string;
  person_email: string;
  status: RegistrationStatus;
  /** Place on the waitlist (1 is next); null unless waitlisted. */
  position: number | null;
  /** The lead who registered the person. */
  nominated_by: string | null;
  created_at: string;
  cancelled_at: string | null;
  cancelled_by: string | null;
  /** Why a lead rejected the registration. */
  cancel_reason: string | null;
}

/** An organisation's training rules (its administrators set them). */
export interface TrainingSettings {
  organization_id: string;
  /** Workers' own registrations wait for a lead of their team. */
  registration_approval: boolean;
  /** Null until first set. */
  updated_at: string | null;
}

export interface RegistrationQuery {
  person_id?: string;
  session_id?: string;
  status?: RegistrationStatus;
  /** Only the people the caller leads, not the caller's own (a lead's approval queue). */
  led?: 'true';
  limit?: number;
  cursor?: string | null;
}

export type AttendanceStatus = 'present' | 'partial' | 'absent' | 'excused';
export const ATTENDANCE_STATUSES: readonly AttendanceStatus[] = ['present', 'partial', 'absent', 'excused'];

export interface AttendanceEntry {
  registration_id: string;
  person_id: string;
  person_name: string;
  person_email: string;
  /** Null until recorded. */
  status: AttendanceStatus | null;
  /** Minutes attended; only for partial. */
  minutes: number | null;
  recorded_at: string | null;
}

export interface Attendance {
  session_id: string;
  /** Set once the session is closed; the attendance is then final. */
  closed_at: string | null;
  items: AttendanceEntry[];
}

export interface AttendanceInput {
  entries: { registration_id: string; status: AttendanceStatus; minutes?: number }[];
  /** Required to change the attendance of a closed session. */
  amendment?: { reason: string };
}

/** What the certificate (osvědčení) says, as it was issued. */
export interface Certificate {
  id: string;
  /** Unique, e.g. RZV-2026-000123. */
  number: string;
  session_id: string;
  person_id: string;
  provider_id: string;
  person_name: string;
  course_title: string;
  form: CourseForm;
  accreditation_number: string;
  hours: number;
  starts_on: string;
  ends_on: string;
  place: string;
  provider_name: string;
  issued_by: string;
  issued_at: string;
}

export interface CertificateQuery {
  person_id?: string;
  session_id?: string;
  limit?: number;
  cursor?: string | null;
}

/** pending until a lead decides; only confirmed hours count. */
export type ExternalTrainingState = 'pending' | 'confirmed' | 'rejected';

export interface ExternalTraining {
  id: string;
  person_id: string;
  title: string;
  provider_name: string;
  form: ExternalForm;
  /** Teaching hours; 0 for a one-off step recorded without them. */
  hours: number;
  date: string;
  end_date: string | null;
  accreditation_number: string | null;
  state: ExternalTrainingState;
  /** Why a lead rejected it. */
  reason: string | null;
  decided_by: string | null;
  decided_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  certificate_name: string;
  certificate_media_type: 'application/pdf' | 'image/png' | 'image/jpeg';
  certificate_size: number;
}

/** A new external training; the certificate is a PDF, PNG or JPEG of at most 10 MB. */
export interface ExternalTrainingInput {
  title: string;
  provider_name: string;
  form: ExternalForm;
  /** Required for training (1–200), optional for a one-off step. */
  hours?: number;
  date: string;
  end_date?: string;
  accreditation_number?: string;
  certificate: File;
}

export interface ExternalTrainingQuery {
  person_id?: string;
  state?: ExternalTrainingState;
  /** Only the people the caller leads, not the caller's own (a lead's approval queue). */
  led?: 'true';
  limit?: number;
  cursor?: string | null;
}

export type ComplianceState = 'met' | 'on_track' | 'at_risk' | 'missed' | 'not_applicable';
export type ComplianceUnit = 'hours' | 'days' | 'count';

/** One record that counts toward a rule (or, with a note, one that does not). */
export interface ComplianceRecord {
  record_id: string;
  source: 'certificate' | 'attendance' | 'external';
  /** The form of training or the one-off step. */
  kind: string;
  title: string;
  date: string;
  /** In the rule's unit; 0 (with a note) when it does not count. */
  amount: number;
  /** Why it counts less or not at all (a cap, no accreditation, a day already counted), else empty. */
  note: string;
}

export interface ComplianceResult {
  rule_id: string;
  title: string;
  /** The legal source, e.g. "§ 111 odst. 1 zák. č. 108/2006 Sb.". */
  source: string;
  source_text: string;
  applies: boolean;
  /** Why the rule applies to this person. */
  why: string;
  required: number;
  counted: number;
  remaining: number;
  unit: ComplianceUnit;
  deadline: string | null;
  state: ComplianceState;
  records: ComplianceRecord[];
}

export interface PersonCompliance {
  person_id: string;
  person_name: string;
  year: number;
  as_of: string;
  results: ComplianceResult[];
}

export interface TeamComplianceResult {
  rule_id: string;
  state: ComplianceState;
  required: number;
  counted: number;
  remaining: number;
  deadline: string | null;
}

export interface TeamCompliance {
  team_id: string;
  team_name: string;
  year: number;
  as_of: string;
  /** The rules that apply to at least one member. */
  rules: { rule_id: string; title: string; unit: ComplianceUnit }[];
  /** Each member with the rules that apply to them. */
  people: { person_id: string; person_name: string; results: TeamComplianceResult[] }[];
}

/** A competency with a gap that a recommended course develops. */
export interface RecommendationCompetency {
  competency_id: string;
  code: string;
  /** The competency's Czech name. */
  name: string;
  expected_level: number;
  agreed_level: number;
  /** expected_level − agreed_level. */
  gap: number;
  /** The level the course aims at. */
  target_level: number;
  /** min(target_level, expected_level) − agreed_level. */
  covered: number;
}

/** An upcoming session with a free seat that develops the person's gaps. */
export interface Recommendation {
  session_id: string;
  course_id: string;
  course_title: string;
  form: CourseForm;
  hours: number;
  provider_id: string;
  provider_name: string;
  accreditation_number: string | null;
  starts_at: string;
  ends_at: string;
  place: string;
  online_url: string;
  registration_deadline: string;
  price: number;
  seats_free: number;
  /** Levels of the gap the course covers. */
  score: number;
  /** The goal of the current plan the action would serve. */
  goal_id: string | null;
  covers: RecommendationCompetency[];
  /** One Czech sentence naming what the session develops. */
  why: string;
}

/** Why the caller cannot accept a recommendation now; null when they can. */
export type AcceptBlocker = 'no_plan' | 'plan_proposed' | 'plan_returned';

export interface Recommendations {
  person_id: string;
  window_start: string;
  window_end: string;
  /** The person's current plan as the caller sees it. */
  plan: { id: string; state: 'draft' | 'proposed' | 'approved' | 'returned'; version: number; period_start: string; period_end: string } | null;
  accept_blocker: AcceptBlocker | null;
  /** Best first, at most 20. */
  items: Recommendation[];
}

export interface RecommendationAccepted {
  plan: Plan;
  action: PlanAction;
  registration: Registration;
}

const byId = (base: string, id: string) => `${base}/${encodeURIComponent(id)}`;
const crs = (id: string) => byId('/api/v1/courses', id);
const ses = (id: string) => byId('/api/v1/sessions', id);
const ext = (id: string) => byId('/api/v1/external-trainings', id);

/** A write answering the record and its ETag (If-Match when a version is given). */
async function send<T>(method: string, path: string, body?: unknown, etag?: string): Promise<Versioned<T>> {
  const r = await client.request<T>(method, path, { body, headers: etag ? { 'If-Match': etag } : undefined });
  return { data: r.data, etag: r.etag };
}

export const courses = {
  list: (q: CourseQuery) => client.get<Page<Course>>('/api/v1/courses', q as Query),
  all: (q: CourseQuery = {}) => fetchAll<Course>('/api/v1/courses', q as Query),
  get: (id: string) => send<Course>('GET', crs(id)),
  create: (body: CourseInput) => send<Course>('POST', '/api/v1/courses', body),
  update: (id: string, body: CoursePatch, etag: string | null, version: number) =>
    send<Course>('PATCH', crs(id), body, ifMatch(etag, version)),
  addSession: (courseId: string, body: SessionInput) => send<Session>('POST', `${crs(courseId)}/sessions`, body),
};

export const sessions = {
  list: (q: SessionQuery) => client.get<Page<Session>>('/api/v1/sessions', q as Query),
  all: (q: SessionQuery = {}) => fetchAll<Session>('/api/v1/sessions', q as Query),
  get: (id: string) => send<Session>('GET', ses(id)),
  update: (id: string, body: SessionPatch, etag: string | null, version: number) =>
    send<Session>('PATCH', ses(id), body, ifMatch(etag, version)),
  cancel: (id: string, etag: string | null, version: number) =>
    send<Session>('POST', `${ses(id)}/cancel`, undefined, ifMatch(etag, version)),
  close: (id: string, etag: string | null, version: number) =>
    send<Session>('POST', `${ses(id)}/close`, undefined, ifMatch(etag, version)),
  attendance: (id: string) => client.get<Attendance>(`${ses(id)}/attendance`),
  recordAttendance: async (id: string, body: AttendanceInput) =>
    (await client.request<Attendance>('PUT', `${ses(id)}/attendance`, { body })).data,
  attendanceSheet: (id: string) => client.blob(`${ses(id)}/attendance-sheet`),
  issueCertificates: (id: string) => client.post<{ items: Certificate[] }>(`${ses(id)}/certificates`),
  /** Registers me, or (a lead) nominates the member personId: confirmed while seats remain, else waitlisted. */
  register: (id: string, personId?: string) =>
    client.post<Registration>(`${ses(id)}/registrations`, personId ? { person_id: personId } : {}),
};

export const registrations = {
  list: (q: RegistrationQuery) => client.get<Page<Registration>>('/api/v1/registrations', q as Query),
  all: (q: RegistrationQuery = {}) => fetchAll<Registration>('/api/v1/registrations', q as Query),
  /** Cancels; a freed seat goes to the first on the waitlist. */
  cancel: async (id: string) =>
    (await client.request<Registration>('DELETE', byId('/api/v1/registrations', id))).data,
  /** A lead places a pending registration: confirmed while seats remain, else waitlisted. */
  approve: (id: string) => client.post<Registration>(`${byId('/api/v1/registrations', id)}/approve`),
  reject: (id: string, reason: string) =>
    client.post<Registration>(`${byId('/api/v1/registrations', id)}/reject`, { reason }),
};

export const trainingSettings = {
  get: (orgId: string) => client.get<TrainingSettings>(`${byId('/api/v1/organizations', orgId)}/training-settings`),
  set: async (orgId: string, registrationApproval: boolean) =>
    (
      await client.request<TrainingSettings>('PUT', `${byId('/api/v1/organizations', orgId)}/training-settings`, {
        body: { registration_approval: registrationApproval },
      })
    ).data,
};

export const certificates = {
  list: (q: CertificateQuery) => client.get<Page<Certificate>>('/api/v1/certificates', q as Query),
  all: (q: CertificateQuery = {}) => fetchAll<Certificate>('/api/v1/certificates', q as Query),
  pdf: (id: string) => client.blob(`${byId('/api/v1/certificates', id)}/pdf`),
};

/** The multipart body of a new external training (the optional fields only when filled in). */
export function externalTrainingForm(input: ExternalTrainingInput): FormData {
  const f = new FormData();
  f.set('title', input.title);
  f.set('provider_name', input.provider_name);
  f.set('form', input.form);
  if (input.hours != null) f.set('hours', String(input.hours));
  f.set('date', input.date);
  if (input.end_date) f.set('end_date', input.end_date);
  if (input.accreditation_number) f.set('accreditation_number', input.accreditation_number);
  f.set('certificate', input.certificate, input.certificate.name);
  return f;
}

export const externalTrainings = {
  list: (q: ExternalTrainingQuery) => client.get<Page<ExternalTraining>>('/api/v1/external-trainings', q as Query),
  all: (q: ExternalTrainingQuery = {}) => fetchAll<ExternalTraining>('/api/v1/external-trainings', q as Query),
  get: (id: string) => send<ExternalTraining>('GET', ext(id)),
  create: async (input: ExternalTrainingInput): Promise<Versioned<ExternalTraining>> => {
    const r = await client.request<ExternalTraining>('POST', '/api/v1/external-trainings', {
      form: externalTrainingForm(input),
    });
    return { data: r.data, etag: r.etag };
  },
  /** Takes back a pending one (the person). */
  remove: async (id: string) => {
    await client.request<void>('DELETE', ext(id));
  },
  confirm: (id: string, etag: string | null, version: number) =>
    send<ExternalTraining>('POST', `${ext(id)}/confirm`, undefined, ifMatch(etag, version)),
  reject: (id: string, reason: string, etag: string | null, version: number) =>
    send<ExternalTraining>('POST', `${ext(id)}/reject`, { reason }, ifMatch(etag, version)),
  certificate: (id: string) => client.blob(`${ext(id)}/certificate`),
};

/** A team's compliance table; with `format` (ExportButtons) a file with a row per member and rule. */
const teamCompliancePath = (teamId: string) => `${byId('/api/v1/teams', teamId)}/compliance`;

export const compliance = {
  /** The rules that apply to a person in a year (the current one when left out). */
  person: (personId: string, year?: number) =>
    client.get<PersonCompliance>(`${byId('/api/v1/people', personId)}/compliance`, { year }),
  team: (teamId: string, year?: number) => client.get<TeamCompliance>(teamCompliancePath(teamId), { year }),
  teamPath: teamCompliancePath,
};

export const recommendations = {
  /** Upcoming sessions with free seats that develop the person's gaps, best first. */
  list: (personId: string) => client.get<Recommendations>(`${byId('/api/v1/people', personId)}/recommendations`),
  /** Adds the session to the person's plan as an action and registers them, together. */
  accept: (personId: string, sessionId: string) =>
    client.post<RecommendationAccepted>(`${byId('/api/v1/people', personId)}/recommendations/accept`, { session_id: sessionId }),
};
