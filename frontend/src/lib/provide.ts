// The training provider's pages without the DOM: times entered and shown in Europe/Prague (the API speaks UTC),
// the course and session forms as API bodies and back, and the attendance list a provider ticks in the room.
// Pure: unit-tested.
import type {
  AttendanceEntry,
  AttendanceInput,
  AttendanceStatus,
  Course,
  CourseCompetency,
  CourseForm,
  CourseInput,
  Registration,
  Session,
  SessionInput,
} from './api/training';
import { optional } from './forms';

/** Sessions happen in Czechia: their times are entered and shown there, whatever the browser's zone. */
export const PRAGUE = 'Europe/Prague';

const pragueParts = new Intl.DateTimeFormat('en-US', {
  timeZone: PRAGUE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** Prague's wall clock at an instant, as if it were UTC (ms): its difference to the instant is the offset. */
function pragueWall(ms: number): number {
  const p: Record<string, number> = {};
  for (const part of pragueParts.formatToParts(new Date(ms))) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/**
 * A Prague wall-clock time from a datetime-local input ("2027-03-01T09:00") as a UTC RFC 3339 time, or null when
 * it is not one. In the autumn hour that happens twice the first (summer time) is meant; a time skipped in the
 * spring is read as an hour later, as a clock moved forward shows it.
 */
export function pragueToUtc(local: string): string | null {
  const m = LOCAL.exec(local.trim());
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number);
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  const check = new Date(wall);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59) return null;
  // Prague's offsets a day either side; the larger first, so the doubled hour gives the earlier instant.
  const day = 86_400_000;
  const before = pragueWall(wall - day) - (wall - day);
  const after = pragueWall(wall + day) - (wall + day);
  const fits = [Math.max(before, after), Math.min(before, after)].find((o) => pragueWall(wall - o) === wall);
  // A skipped time has no fit: the offset before the change reads it as the clock moved forward shows it.
  const ms = wall - (fits ?? before);
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** A UTC time from the API as the Prague wall clock a datetime-local input holds ("2027-03-01T09:00"). */
export function utcToPrague(iso: string | null | undefined): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  return new Date(pragueWall(ms)).toISOString().slice(0, 16);
}

/** A time in Prague in words of the language: "1. 3. 2027 9:00". */
export function formatPragueTime(lang: string, iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang, { timeZone: PRAGUE, dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

/** A session's start and end: the end's day only when it differs ("1. 3. 2027 9:00–16:00"). */
export function formatPragueRange(lang: string, start: string, end: string): string {
  const s = utcToPrague(start);
  const e = utcToPrague(end);
  if (!s || !e) return `${formatPragueTime(lang, start)} – ${formatPragueTime(lang, end)}`;
  if (s.slice(0, 10) !== e.slice(0, 10)) return `${formatPragueTime(lang, start)} – ${formatPragueTime(lang, end)}`;
  const time = new Intl.DateTimeFormat(lang, { timeZone: PRAGUE, timeStyle: 'short' }).format(new Date(end));
  return `${formatPragueTime(lang, start)}–${time}`;
}

// ---- Courses ----

/** The shape of an MPSV accreditation number, as the API checks it: 2010/743-SP or A2024/0123-SP/PC/PP. */
export const ACCREDITATION_SHAPE = /^(?:(?:19|20)\d{2}\/\d{1,4}|A(?:19|20)\d{2}\/\d{4})-(?:SP|PC|PP|VP)(?:\/(?:SP|PC|PP|VP)){0,3}$/;

/** What the course form holds: text as typed, so nothing is lost or reshaped before it is sent. */
export interface CourseDraft {
  title: string;
  description: string;
  form: CourseForm;
  hours: string;
  accreditation_number: string;
  accredited_from: string;
  accredited_until: string;
  published: boolean;
  competencies: CourseCompetency[];
  target_positions: string[];
}

export type CourseLike = Pick<Course, 'title' | 'description' | 'form' | 'hours' | 'accreditation_number' | 'accredited_from' | 'accredited_until' | 'published' | 'competencies' | 'target_positions'>;

export function emptyCourseDraft(): CourseDraft {
  return {
    title: '',
    description: '',
    form: 'course',
    hours: '',
    accreditation_number: '',
    accredited_from: '',
    accredited_until: '',
    published: false,
    competencies: [],
    target_positions: [],
  };
}

export function courseDraftOf(c: CourseLike): CourseDraft {
  return {
    title: c.title,
    description: c.description,
    form: c.form,
    hours: String(c.hours),
    accreditation_number: c.accreditation_number ?? '',
    accredited_from: c.accredited_from ?? '',
    accredited_until: c.accredited_until ?? '',
    published: c.published,
    competencies: c.competencies.map((x) => ({ competency_id: x.competency_id, target_level: x.target_level })),
    target_positions: [...c.target_positions],
  };
}

/** A whole number as typed, or null ("12", " 12 " → 12; "12,5", "", "x" → null). */
export function wholeNumber(v: string): number | null {
  const s = v.trim();
  return /^\d+$/.test(s) ? Number(s) : null;
}

/**
 * The body for creating a course or changing it: every field, so the lists replace the course's. No
 * accreditation number clears the accreditation with its dates (the API forgets validity without a number).
 */
export function courseBody(d: CourseDraft): CourseInput {
  const number = d.accreditation_number.trim();
  return {
    title: d.title.trim(),
    description: d.description.trim(),
    form: d.form,
    hours: wholeNumber(d.hours) ?? 0,
    accreditation_number: number || null,
    accredited_from: number && d.accredited_from ? d.accredited_from : null,
    accredited_until: number && d.accredited_until ? d.accredited_until : null,
    published: d.published,
    competencies: d.competencies.map((x) => ({ competency_id: x.competency_id, target_level: x.target_level })),
    target_positions: [...d.target_positions],
  };
}

/** Message keys of what the course form misses or has wrong, by the API's field path; empty when it can be sent. */
export function courseProblems(d: CourseDraft): Record<string, ProvideKey> {
  const out: Record<string, ProvideKey> = {};
  if (!d.title.trim()) out.title = 'pv.err.required';
  const hours = wholeNumber(d.hours);
  if (hours === null || hours < 1 || hours > 2000) out.hours = 'pv.err.hours';
  const number = d.accreditation_number.trim();
  if (number && !ACCREDITATION_SHAPE.test(number)) out.accreditation_number = 'pv.err.accreditationShape';
  if (number && d.accredited_from && d.accredited_until && d.accredited_until < d.accredited_from)
    out.accredited_until = 'pv.err.accreditationOrder';
  d.competencies.forEach((c, i) => {
    if (!c.competency_id) out[`competencies[${i}].competency_id`] = 'pv.err.required';
  });
  return out;
}

/** Whether a course's accreditation is valid on a day (YYYY-MM-DD); open ends count as valid. */
export function accreditedOn(c: Pick<CourseLike, 'accreditation_number' | 'accredited_from' | 'accredited_until'>, day: string): boolean {
  if (!c.accreditation_number) return false;
  if (c.accredited_from && day < c.accredited_from) return false;
  if (c.accredited_until && day > c.accredited_until) return false;
  return true;
}

/**
 * After someone else saved the record meanwhile (409): what was changed here stays as typed, every field left as
 * it was read takes their new value. Works on the form's drafts (course or session).
 */
export function mergeDraft<D extends object>(draft: D, read: D, fresh: D): D {
  const out = { ...draft };
  for (const key of Object.keys(draft) as (keyof D)[]) {
    if (JSON.stringify(draft[key]) === JSON.stringify(read[key])) out[key] = fresh[key];
  }
  return out;
}

// ---- Sessions ----

/** What the session form holds: Prague wall-clock times as datetime-local inputs give them, numbers as typed. */
export interface SessionDraft {
  starts_at: string;
  ends_at: string;
  registration_deadline: string;
  capacity: string;
  price: string;
  place: string;
  online_url: string;
}

export type SessionLike = Pick<Session, 'starts_at' | 'ends_at' | 'registration_deadline' | 'capacity' | 'price' | 'place' | 'online_url'>;

export function emptySessionDraft(): SessionDraft {
  return { starts_at: '', ends_at: '', registration_deadline: '', capacity: '', price: '0', place: '', online_url: '' };
}

export function sessionDraftOf(s: SessionLike): SessionDraft {
  return {
    starts_at: utcToPrague(s.starts_at),
    ends_at: utcToPrague(s.ends_at),
    registration_deadline: utcToPrague(s.registration_deadline),
    capacity: String(s.capacity),
    price: String(s.price),
    place: s.place,
    online_url: s.online_url,
  };
}

/**
 * The body for adding or changing a session, times in UTC. Without a registration deadline a new session takes
 * registrations until it starts (the API's default); a changed one keeps the deadline it has, unless given. No
 * online link is left out (the API checks a link given as a URL), or cleared when the session had one.
 */
export function sessionBody(d: SessionDraft, original?: Pick<Session, 'online_url'>): SessionInput {
  const body: SessionInput = {
    starts_at: pragueToUtc(d.starts_at) ?? '',
    ends_at: pragueToUtc(d.ends_at) ?? '',
    capacity: wholeNumber(d.capacity) ?? 0,
    price: wholeNumber(d.price) ?? 0,
    place: d.place.trim(),
  };
  const link = optional(d.online_url, original?.online_url);
  if (link !== undefined) body.online_url = link;
  const deadline = pragueToUtc(d.registration_deadline);
  if (deadline) body.registration_deadline = deadline;
  return body;
}

/** Message keys of what the session form misses or has wrong, by the API's field path. */
export function sessionProblems(d: SessionDraft): Record<string, ProvideKey> {
  const out: Record<string, ProvideKey> = {};
  const start = pragueToUtc(d.starts_at);
  const end = pragueToUtc(d.ends_at);
  if (!start) out.starts_at = 'pv.err.dateTime';
  if (!end) out.ends_at = 'pv.err.dateTime';
  else if (start && end <= start) out.ends_at = 'pv.err.endsBeforeStart';
  if (d.registration_deadline.trim()) {
    const deadline = pragueToUtc(d.registration_deadline);
    if (!deadline) out.registration_deadline = 'pv.err.dateTime';
    else if (start && deadline > start) out.registration_deadline = 'pv.err.deadlineAfterStart';
  }
  const capacity = wholeNumber(d.capacity);
  if (capacity === null || capacity < 1) out.capacity = 'pv.err.capacity';
  if (wholeNumber(d.price || '0') === null) out.price = 'pv.err.price';
  if (!d.place.trim() && !d.online_url.trim()) out.place = 'pv.err.placeOrLink';
  return out;
}

// ---- Attendance ----

/** One person's mark as the page holds it: minutes as typed (only for partial). */
export interface Mark {
  status: AttendanceStatus;
  minutes: string;
}

export type AttendanceEntryLike = Pick<AttendanceEntry, 'registration_id' | 'status' | 'minutes'>;

/** The one big tap: anyone not present becomes present, the present become absent. */
export function toggled(status: AttendanceStatus | null): AttendanceStatus {
  return status === 'present' ? 'absent' : 'present';
}

/** The marks the list shows: what the server has, overlaid by what is not saved yet. */
export function marksOf(items: readonly AttendanceEntryLike[], unsaved: ReadonlyMap<string, Mark>): Map<string, Mark | null> {
  const out = new Map<string, Mark | null>();
  for (const e of items) {
    out.set(e.registration_id, unsaved.get(e.registration_id) ?? (e.status ? { status: e.status, minutes: e.minutes ? String(e.minutes) : '' } : null));
  }
  return out;
}

/** "Všichni přítomni": a present mark for everyone not marked present yet (the present stay as they are). */
export function allPresent(marks: ReadonlyMap<string, Mark | null>): Map<string, Mark> {
  const out = new Map<string, Mark>();
  for (const [id, m] of marks) if (m?.status !== 'present') out.set(id, { status: 'present', minutes: '' });
  return out;
}

/** A mark as the API takes it: minutes only with a partial attendance. */
export function entryBody(registrationId: string, m: Mark): AttendanceInput['entries'][number] {
  if (m.status !== 'partial') return { registration_id: registrationId, status: m.status };
  return { registration_id: registrationId, status: 'partial', minutes: wholeNumber(m.minutes) ?? 0 };
}

/** A partial mark needs minutes between 1 and the session's length; the other marks are always complete. */
export function markComplete(m: Mark, sessionMinutes: number): boolean {
  if (m.status !== 'partial') return true;
  const n = wholeNumber(m.minutes);
  return n !== null && n >= 1 && n <= sessionMinutes;
}

/** A session's length in whole minutes. */
export function sessionMinutes(s: { starts_at: string; ends_at: string }): number {
  return Math.max(0, Math.round((Date.parse(s.ends_at) - Date.parse(s.starts_at)) / 60_000));
}

/** Present, partial, absent, excused and unmarked, for the count above the list. */
export function attendanceCounts(marks: ReadonlyMap<string, Mark | null>): Record<AttendanceStatus | 'none', number> {
  const out = { present: 0, partial: 0, absent: 0, excused: 0, none: 0 };
  for (const m of marks.values()) out[m ? m.status : 'none']++;
  return out;
}

// ---- Registrants ----

export type RegistrationLike = Pick<Registration, 'status' | 'position'>;

/** Registrants in three groups: confirmed as they registered, the waitlist by position, then the cancelled. */
export function groupRegistrants<T extends RegistrationLike>(list: readonly T[]): { confirmed: T[]; waitlisted: T[]; cancelled: T[] } {
  return {
    confirmed: list.filter((r) => r.status === 'confirmed'),
    waitlisted: list.filter((r) => r.status === 'waitlisted').sort((a, b) => (a.position ?? 0) - (b.position ?? 0)),
    cancelled: list.filter((r) => r.status === 'cancelled'),
  };
}

// ---- Attendance from a file ----

/** What the API finds wrong with a row of an attendance file; each has words of its own. */
export const IMPORT_PROBLEMS = [
  'unknown_person',
  'ambiguous',
  'not_registered',
  'duplicate',
  'unknown_status',
  'required',
  'range',
  'partial_only',
  'type',
] as const;
export type ImportProblem = (typeof IMPORT_PROBLEMS)[number];

/** The words for a row's problem, or null to show the server's message. */
export function importProblemKey(code: string): `pv.imp.${ImportProblem}` | null {
  return (IMPORT_PROBLEMS as readonly string[]).includes(code) ? (`pv.imp.${code}` as `pv.imp.${ImportProblem}`) : null;
}

/** A previewed file is saved only when it has rows, none of them wrong, and (a closed session) a reason. */
export function importReady(preview: { valid: boolean; rows: readonly unknown[] } | null, closed: boolean, reason: string): boolean {
  return !!preview && preview.valid && preview.rows.length > 0 && (!closed || reason.trim() !== '');
}

// ---- Field errors ----

/** The provider's messages this module names (kept here so the pure logic needs no catalogue). */
export type ProvideKey =
  | 'pv.err.required'
  | 'pv.err.hours'
  | 'pv.err.accreditationShape'
  | 'pv.err.accreditationOrder'
  | 'pv.err.dateTime'
  | 'pv.err.endsBeforeStart'
  | 'pv.err.deadlineAfterStart'
  | 'pv.err.capacity'
  | 'pv.err.price'
  | 'pv.err.placeOrLink'
  | 'pv.err.url';

/**
 * The provider pages' words for the API's training-specific field codes (the shared catalogue words the general
 * ones): null leaves the field error to the shared wording.
 */
export function provideFieldCode(field: string, code: string | undefined): ProvideKey | null {
  if (code === 'shape' && field === 'accreditation_number') return 'pv.err.accreditationShape';
  if (code === 'order' && field === 'accredited_until') return 'pv.err.accreditationOrder';
  if (code === 'order' && field === 'ends_at') return 'pv.err.endsBeforeStart';
  if (code === 'order' && field === 'registration_deadline') return 'pv.err.deadlineAfterStart';
  if (code === 'required' && field === 'place') return 'pv.err.placeOrLink';
  if (code === 'url' && field === 'online_url') return 'pv.err.url';
  return null;
}
