// The worker's and the lead's training pages without the DOM: catalogue filters ↔ the URL, times in Europe/Prague,
// registrations split into upcoming and past, and the progress toward a requirement. Pure: unit-tested.
import type {
  ComplianceState,
  ComplianceUnit,
  CourseForm,
  CourseQuery,
  Registration,
  Session,
  TeamCompliance,
} from './api/training';
import { COURSE_FORMS } from './api/training';

/** What the catalogue's filter bar holds; '' is "no filter". */
export interface CatalogueFilters {
  q: string;
  competency: string;
  from: string;
  to: string;
  place: string;
  form: CourseForm | '';
  accredited: boolean;
  free: boolean;
}

export const NO_FILTERS: CatalogueFilters = {
  q: '',
  competency: '',
  from: '',
  to: '',
  place: '',
  form: '',
  accredited: false,
  free: false,
};

// The catalogue's own query names are Czech, like the rest of the app's URLs (/katalog?forma=course&volna=1).
const PARAM = {
  q: 'q',
  competency: 'kompetence',
  from: 'od',
  to: 'do',
  place: 'misto',
  form: 'forma',
  accredited: 'akreditovane',
  free: 'volna',
} as const satisfies Record<keyof CatalogueFilters, string>;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The filters a URL's query string holds; what is not a valid value is dropped rather than sent to the API. */
export function filtersFromQuery(search: string | URLSearchParams): CatalogueFilters {
  const p = typeof search === 'string' ? new URLSearchParams(search) : search;
  const get = (k: keyof typeof PARAM) => (p.get(PARAM[k]) ?? '').trim();
  const day = (k: 'from' | 'to') => (DAY.test(get(k)) ? get(k) : '');
  const form = get('form');
  const competency = get('competency');
  return {
    q: get('q'),
    competency: UUID.test(competency) ? competency : '',
    from: day('from'),
    to: day('to'),
    place: get('place'),
    form: (COURSE_FORMS as readonly string[]).includes(form) ? (form as CourseForm) : '',
    accredited: get('accredited') === '1',
    free: get('free') === '1',
  };
}

/** The query string (with its '?', or '' for no filters) that keeps the filters in the URL. */
export function filtersToQuery(f: CatalogueFilters): string {
  const p = new URLSearchParams();
  for (const k of Object.keys(PARAM) as (keyof CatalogueFilters)[]) {
    const v = f[k];
    if (typeof v === 'boolean') {
      if (v) p.set(PARAM[k], '1');
    } else if (v.trim()) {
      p.set(PARAM[k], v.trim());
    }
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** The GET /courses search for the filters. */
export function courseQuery(f: CatalogueFilters): CourseQuery {
  const q: CourseQuery = {};
  if (f.q.trim()) q.q = f.q.trim();
  if (f.competency) q.competency_id = f.competency;
  if (f.form) q.form = f.form;
  if (f.accredited) q.accredited = 'true';
  if (f.from) q.from = f.from;
  if (f.to) q.to = f.to;
  if (f.place.trim()) q.place = f.place.trim();
  if (f.free) q.free = 'true';
  return q;
}

/** Whether a session still takes registrations (a full one waitlists). */
export function isBookable(s: Pick<Session, 'status' | 'registration_deadline'>, now: Date = new Date()): boolean {
  return (s.status === 'open' || s.status === 'full') && Date.parse(s.registration_deadline) > now.getTime();
}

/** The sessions a catalogue entry lists: bookable ones, soonest first, with free seats when the filter asks. */
export function nextSessions(list: readonly Session[], free: boolean, now: Date = new Date(), max = 3): Session[] {
  return list
    .filter((s) => isBookable(s, now) && (!free || s.seats_free > 0))
    .sort((a, b) => Date.parse(a.starts_at) - Date.parse(b.starts_at))
    .slice(0, max);
}

/** The calendar day (YYYY-MM-DD) in Europe/Prague of a moment; "today" for the date filters. */
export function pragueDay(d: Date = new Date()): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Prague', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

const TZ = 'Europe/Prague';

/** A session's time in Europe/Prague: "4. března 2026 9:00–16:00", or both ends in full when it spans days. */
export function pragueRange(lang: string, startIso: string, endIso: string): string {
  const start = new Date(startIso);
  const end = new Date(endIso);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return `${startIso} – ${endIso}`;
  const date = new Intl.DateTimeFormat(lang, { timeZone: TZ, day: 'numeric', month: 'long', year: 'numeric' });
  const time = new Intl.DateTimeFormat(lang, { timeZone: TZ, hour: 'numeric', minute: '2-digit' });
  if (pragueDay(start) === pragueDay(end)) return `${date.format(start)} ${time.format(start)}–${time.format(end)}`;
  return `${date.format(start)} ${time.format(start)} – ${date.format(end)} ${time.format(end)}`;
}

/** A moment in Europe/Prague with its date and time. */
export function pragueDateTime(lang: string, iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang, {
    timeZone: TZ,
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  }).format(d);
}

/** Registrations split at `now`: upcoming soonest first, past (and cancelled past ones) latest first. */
export function groupRegistrations(
  list: readonly Registration[],
  now: Date = new Date(),
): { upcoming: Registration[]; past: Registration[] } {
  const upcoming = list.filter((r) => Date.parse(r.starts_at) >= now.getTime());
  const past = list.filter((r) => Date.parse(r.starts_at) < now.getTime());
  upcoming.sort((a, b) => Date.parse(a.starts_at) - Date.parse(b.starts_at));
  past.sort((a, b) => Date.parse(b.starts_at) - Date.parse(a.starts_at));
  return { upcoming, past };
}

/** The registration of this person that is not cancelled, if any (the one a Cancel button acts on). */
export function activeRegistration(list: readonly Registration[], personId: string): Registration | null {
  return list.find((r) => r.person_id === personId && r.status !== 'cancelled') ?? null;
}

/** Share of a requirement done, 0–100 (whole percent; a requirement of nothing is done). */
export function percentDone(counted: number, required: number): number {
  if (required <= 0) return 100;
  return Math.max(0, Math.min(100, Math.floor((counted / required) * 100)));
}

/** The message key of an amount in a unit ("16 h", "3 dny", "2×"). */
export function unitKey(unit: ComplianceUnit): 'tr.unit.hours' | 'tr.unit.days' | 'tr.unit.count' {
  return unit === 'hours' ? 'tr.unit.hours' : unit === 'days' ? 'tr.unit.days' : 'tr.unit.count';
}

// Worst first: the lead looks for who needs attention.
const SEVERITY: Record<ComplianceState, number> = { missed: 0, at_risk: 1, on_track: 2, met: 3, not_applicable: 4 };

/** The worst state among a person's results; not_applicable when none applies. */
export function worstState(states: readonly ComplianceState[]): ComplianceState {
  return states.reduce<ComplianceState>((w, s) => (SEVERITY[s] < SEVERITY[w] ? s : w), 'not_applicable');
}

export type TeamSort = 'name' | 'state';

/** The team's people sorted by name, or by their worst state (missed first), then by name. */
export function sortTeam(people: TeamCompliance['people'], by: TeamSort, lang: string): TeamCompliance['people'] {
  const byName = (a: { person_name: string }, b: { person_name: string }) => a.person_name.localeCompare(b.person_name, lang);
  const worst = (p: TeamCompliance['people'][number]) => SEVERITY[worstState(p.results.map((r) => r.state))];
  return [...people].sort((a, b) => (by === 'state' ? worst(a) - worst(b) : 0) || byName(a, b));
}

/** Years a person may look back at, newest first: this one and the previous four. */
export function complianceYears(current: number, back = 4): number[] {
  return Array.from({ length: back + 1 }, (_, i) => current - i);
}

/** Certificate files the external training form takes (the server checks the content again). */
export const CERTIFICATE_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export const CERTIFICATE_MAX_BYTES = 10 * 1024 * 1024;

/** Why a chosen certificate file will not do, before it is sent; null when it may go. */
export function certificateProblem(file: Pick<File, 'type' | 'size'> | null): 'tr.ext.fileRequired' | 'tr.ext.fileType' | 'tr.ext.fileSize' | null {
  if (!file) return 'tr.ext.fileRequired';
  // A browser that cannot tell the type leaves it empty: then the server's check of the content decides.
  if (file.type && !(CERTIFICATE_TYPES as readonly string[]).includes(file.type)) return 'tr.ext.fileType';
  if (file.size > CERTIFICATE_MAX_BYTES) return 'tr.ext.fileSize';
  return null;
}

/** A rule's records split into those that count (some amount, maybe with a note such as a cap) and those that do not. */
export function splitRecords<T extends { amount: number }>(records: readonly T[]): { counted: T[]; notCounted: T[] } {
  return { counted: records.filter((r) => r.amount > 0), notCounted: records.filter((r) => r.amount <= 0) };
}
