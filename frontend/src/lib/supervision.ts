// The supervision pages without the DOM: the planner's "Opakovat" (every N weeks on the first session's weekday, K
// times or until a day) as an RFC 5545 RRULE and back in words, the dates a series will have (a preview only: the
// server expands the rule), Prague day + time as the API's UTC times, and a person's sessions in groups.
// Pure: unit-tested. Prague conversions are provide.ts's, so both agree on the clock changes.
import type { PlanInput, SupervisionKind, SupervisionSession } from './api/supervision';
import { pragueToUtc, utcToPrague } from './provide';

/** The API's limit on the sessions of one series. */
export const MAX_OCCURRENCES = 60;

/** The "Opakovat" part of the planner as typed. */
export interface Repeat {
  /** Every this many weeks (1–52). */
  every: number;
  end: 'count' | 'until';
  /** How many sessions in all, the first included. */
  count: number;
  /** The last day a session may fall on (YYYY-MM-DD). */
  until: string;
}

const BYDAY = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar day as UTC midnight (ms), or null when it is not a real day. */
function dayMs(day: string): number | null {
  const m = DAY.exec(day);
  if (!m) return null;
  const [y, mo, d] = m.slice(1).map(Number);
  const ms = Date.UTC(y, mo - 1, d);
  const check = new Date(ms);
  return check.getUTCMonth() === mo - 1 && check.getUTCDate() === d ? ms : null;
}

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The weekday (0 = Sunday) of a calendar day, or null. */
export function weekdayOf(day: string): number | null {
  const ms = dayMs(day);
  return ms === null ? null : new Date(ms).getUTCDay();
}

/**
 * The RRULE for a series starting on `first` (YYYY-MM-DD): weekly every N weeks on that day's weekday, with COUNT
 * or an UNTIL at the end of the last day in Prague, written in UTC as RFC 5545 asks for a zoned start. Null when the
 * form cannot make one (no first day, N or K out of range, no end day).
 */
export function buildRRule(first: string, r: Repeat): string | null {
  const wd = weekdayOf(first);
  if (wd === null || !Number.isInteger(r.every) || r.every < 1 || r.every > 52) return null;
  const head = `FREQ=WEEKLY;INTERVAL=${r.every};BYDAY=${BYDAY[wd]}`;
  if (r.end === 'count') return Number.isInteger(r.count) && r.count >= 1 ? `${head};COUNT=${r.count}` : null;
  const until = dayMs(r.until) === null ? null : pragueToUtc(`${r.until}T23:59`);
  if (!until) return null;
  return `${head};UNTIL=${until.replace(/[-:]/g, '').replace(/00Z$/, '59Z')}`;
}

/**
 * The days a series will have (YYYY-MM-DD), the first included, at most MAX_OCCURRENCES + 1 (one more than the
 * server takes, so the form can say it is too many). Empty when the form makes no rule.
 */
export function seriesDays(first: string, r: Repeat): string[] {
  const start = dayMs(first);
  if (start === null || buildRRule(first, r) === null) return [];
  const last = r.end === 'until' ? dayMs(r.until) : null;
  const out: string[] = [];
  for (let ms = start; out.length <= MAX_OCCURRENCES; ms += r.every * 7 * 86_400_000) {
    if (r.end === 'count' && out.length >= r.count) break;
    if (last !== null && ms > last) break;
    out.push(dayOf(ms));
  }
  return out;
}

/** A Prague day and wall-clock time ("2027-03-30", "09:00") as the API's UTC RFC 3339 time, or null. */
export function pragueAt(day: string, time: string): string | null {
  return /^\d{2}:\d{2}$/.test(time) ? pragueToUtc(`${day}T${time}`) : null;
}

/** An API time as the Prague day and wall-clock time the form's inputs hold. */
export function pragueParts(iso: string): { day: string; time: string } {
  const local = utcToPrague(iso);
  return { day: local.slice(0, 10), time: local.slice(11, 16) };
}

const WORDS = {
  cs: {
    days: ['v neděli', 'v pondělí', 'v úterý', 've středu', 've čtvrtek', 'v pátek', 'v sobotu'],
    every: (n: number) => (n === 1 ? 'každý týden' : n < 5 ? `každé ${n} týdny` : `každých ${n} týdnů`),
    count: (n: number) => `celkem ${n} setkání`,
    until: (d: string) => `do ${d}`,
  },
  en: {
    days: ['on Sunday', 'on Monday', 'on Tuesday', 'on Wednesday', 'on Thursday', 'on Friday', 'on Saturday'],
    every: (n: number) => (n === 1 ? 'every week' : `every ${n} weeks`),
    count: (n: number) => (n === 1 ? '1 session in all' : `${n} sessions in all`),
    until: (d: string) => `until ${d}`,
  },
};

/**
 * A weekly RRULE in words of the language: "každých 6 týdnů v úterý, celkem 6 setkání". Without BYDAY the weekday
 * is the first session's (`firstStart`, an API time). Null for a rule this planner does not make (not weekly, more
 * than one weekday, no end), which the page then shows as it is.
 */
export function describeRRule(rule: string, lang: string, firstStart?: string): string | null {
  const parts = new Map<string, string>();
  for (const p of rule.replace(/^RRULE:/i, '').split(';')) {
    const [k, v] = p.split('=');
    if (k && v !== undefined) parts.set(k.trim().toUpperCase(), v.trim().toUpperCase());
  }
  if (parts.get('FREQ') !== 'WEEKLY') return null;
  const every = Number(parts.get('INTERVAL') ?? '1');
  const byday = parts.get('BYDAY');
  const wd = byday ? BYDAY.indexOf(byday as (typeof BYDAY)[number]) : firstStart ? weekdayOf(pragueParts(firstStart).day) : null;
  if (!Number.isInteger(every) || every < 1 || wd === null || wd < 0) return null;
  const w = lang === 'en' ? WORDS.en : WORDS.cs;
  let end: string;
  const count = Number(parts.get('COUNT'));
  const until = /^(\d{4})(\d{2})(\d{2})(T(\d{2})(\d{2})(\d{2})(Z?))?$/.exec(parts.get('UNTIL') ?? '');
  if (Number.isInteger(count) && count > 0) end = w.count(count);
  else if (until) {
    const [, y, mo, d, , h, mi, s, z] = until;
    // A UTC end is named by its Prague day; a floating one is already Prague's.
    const day = z ? utcToPrague(`${y}-${mo}-${d}T${h}:${mi}:${s}Z`).slice(0, 10) : `${y}-${mo}-${d}`;
    const date = new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    end = w.until(date.format(new Date(`${day}T00:00:00Z`)));
  } else return null;
  return `${w.every(every)} ${w.days[wd]}, ${end}`;
}

/** A day in words with its weekday, in the language: "úterý 30. března 2027". */
export function dayInWords(lang: string, day: string): string {
  const ms = dayMs(day);
  if (ms === null) return day;
  return new Intl.DateTimeFormat(lang, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(ms);
}

export type SessionLike = Pick<SupervisionSession, 'id' | 'starts_at' | 'ends_at' | 'status' | 'supervisor_id'>;

/**
 * My sessions in the page's groups: to confirm (I am the supervisor, it has ended and is still planned), upcoming
 * (not ended yet, soonest first) and past (ended, latest first). A session to confirm is in that group only.
 */
export function groupSessions<T extends SessionLike>(list: readonly T[], me: string, now: Date = new Date()): { toConfirm: T[]; upcoming: T[]; past: T[] } {
  const at = now.getTime();
  const ended = (s: T) => Date.parse(s.ends_at) <= at;
  const byStart = (a: T, b: T) => Date.parse(a.starts_at) - Date.parse(b.starts_at) || a.id.localeCompare(b.id);
  const toConfirm = list.filter((s) => s.supervisor_id === me && s.status === 'planned' && ended(s)).sort(byStart);
  const rest = list.filter((s) => !toConfirm.includes(s));
  return {
    toConfirm,
    upcoming: rest.filter((s) => !ended(s)).sort(byStart),
    past: rest.filter(ended).sort((a, b) => byStart(b, a)),
  };
}

/** Whether the supervisor may confirm a session now: it is not cancelled and has started (the API says 409 before). */
export function confirmable(s: SessionLike, me: string, now: Date = new Date()): boolean {
  return s.supervisor_id === me && s.status !== 'cancelled' && Date.parse(s.starts_at) <= now.getTime();
}

/** What the planner form holds, as typed. */
export interface PlanDraft {
  team_id: string;
  kind: SupervisionKind | '';
  supervisor_id: string;
  participant_ids: string[];
  day: string;
  start: string;
  end: string;
  place: string;
  repeat: boolean;
  every: number;
  endBy: 'count' | 'until';
  count: number;
  until: string;
}

/** The planner's messages this module names. */
export type PlanKey =
  | 'spv.err.required'
  | 'spv.err.dateTime'
  | 'spv.err.endsBeforeStart'
  | 'spv.err.participants'
  | 'spv.err.individual'
  | 'spv.err.repeat'
  | 'spv.err.tooMany'
  | 'spv.err.empty'
  | 'spv.err.member'
  | 'spv.err.supervisor'
  | 'spv.err.tooLong'
  | 'spv.err.notStarted'
  | 'spv.err.notParticipant';

const repeatOf = (d: PlanDraft): Repeat => ({ every: d.every, end: d.endBy, count: d.count, until: d.until });

/** Message keys of what the planner misses or has wrong, by the API's field path; empty when it can be sent. */
export function planProblems(d: PlanDraft): Record<string, PlanKey> {
  const out: Record<string, PlanKey> = {};
  if (!d.team_id) out.team_id = 'spv.err.required';
  if (!d.kind) out.kind = 'spv.err.required';
  if (!d.supervisor_id) out.supervisor_id = 'spv.err.required';
  const start = pragueAt(d.day, d.start);
  const end = pragueAt(d.day, d.end);
  if (!start) out.starts_at = 'spv.err.dateTime';
  if (!end) out.ends_at = 'spv.err.dateTime';
  else if (start && end <= start) out.ends_at = 'spv.err.endsBeforeStart';
  if (d.kind === 'individual' && d.participant_ids.length !== 1) out.participant_ids = 'spv.err.individual';
  else if (d.participant_ids.length === 0) out.participant_ids = 'spv.err.participants';
  if (d.repeat) {
    const days = seriesDays(d.day, repeatOf(d));
    if (!buildRRule(d.day, repeatOf(d)) || days.length === 0) out.rrule = 'spv.err.repeat';
    else if (days.length > MAX_OCCURRENCES) out.rrule = 'spv.err.tooMany';
  }
  return out;
}

/** The plan request for a checked draft; participants are always named, so the server's errors point at them. */
export function planBody(d: PlanDraft): PlanInput {
  const rrule = d.repeat ? buildRRule(d.day, repeatOf(d)) : null;
  return {
    team_id: d.team_id,
    kind: d.kind as SupervisionKind,
    supervisor_id: d.supervisor_id,
    participant_ids: [...d.participant_ids],
    starts_at: pragueAt(d.day, d.start) ?? '',
    ends_at: pragueAt(d.day, d.end) ?? '',
    place: d.place.trim(),
    ...(rrule ? { rrule } : {}),
  };
}

/** The day series of a draft, for the preview (empty when it does not repeat or cannot). */
export function draftDays(d: PlanDraft): string[] {
  return d.repeat ? seriesDays(d.day, repeatOf(d)) : [];
}

/** The supervision pages' words for the API's supervision-specific field codes; null leaves the shared wording. */
export function supervisionFieldCode(field: string, code: string | undefined): PlanKey | null {
  switch (code) {
    case 'rrule':
    case 'unbounded':
      return 'spv.err.repeat';
    case 'too_many':
      return 'spv.err.tooMany';
    case 'empty':
      return 'spv.err.empty';
    case 'member':
      return 'spv.err.member';
    case 'individual':
      return 'spv.err.individual';
    case 'supervisor':
      return 'spv.err.supervisor';
    case 'not_started':
      return 'spv.err.notStarted';
    case 'participant':
      return 'spv.err.notParticipant';
    case 'order':
      return field === 'ends_at' ? 'spv.err.endsBeforeStart' : null;
    case 'max':
      return field === 'ends_at' ? 'spv.err.tooLong' : null;
    default:
      return null;
  }
}
