// The support log page's pure logic: checking an entry before it is sent, the day limits, and the bars of the
// totals by kind. Unit-tested.
import type { KindTotal, SupportKind } from './api/support';
import type { Plan } from './api/types';
import type { MessageKey } from './i18n/cs';

/** How far back an entry may be logged (internal/support: yearsOfPast). */
export const YEARS_BACK = 5;
export const MAX_MINUTES = 1440;
export const MAX_NOTE = 2000;

/** The oldest day an entry may have: the same day YEARS_BACK years before today (YYYY-MM-DD). */
export function earliestDay(today: string): string {
  const [y, m, d] = today.split('-').map(Number);
  const day = new Date(Date.UTC(y - YEARS_BACK, m - 1, d));
  // 29 February five years back is 1 March, as the server's AddDate makes it.
  return day.toISOString().slice(0, 10);
}

export interface EntryDraft {
  date: string;
  minutes: number | null;
  kind: SupportKind | '';
  note: string;
}

/** What is wrong with a draft, by field, as message keys; empty when it can be sent. */
export function checkEntry(e: EntryDraft, today: string): Record<string, MessageKey> {
  const out: Record<string, MessageKey> = {};
  if (!/^\d{4}-\d{2}-\d{2}$/.test(e.date)) out.date = 'fieldError.required';
  else if (e.date > today) out.date = 'sup.err.future';
  else if (e.date < earliestDay(today)) out.date = 'sup.err.tooOld';
  if (e.minutes == null || !Number.isInteger(e.minutes) || e.minutes < 1 || e.minutes > MAX_MINUTES) out.minutes = 'sup.err.minutes';
  if (!e.kind) out.kind = 'fieldError.required';
  if ([...e.note].length > MAX_NOTE) out.note = 'sup.err.note';
  return out;
}

/** Minutes as whole hours and the minutes left over, for "1 h 30 min". */
export function splitMinutes(minutes: number): { h: number; m: number } {
  return { h: Math.floor(minutes / 60), m: minutes % 60 };
}

export interface Bar extends KindTotal {
  /** The bar's length in percent of the longest kind's; 0 when nothing was logged. */
  share: number;
}

/** The bars of a person's totals: each kind against the largest one. */
export function bars(kinds: readonly KindTotal[]): Bar[] {
  const max = Math.max(0, ...kinds.map((k) => k.minutes));
  return kinds.map((k) => ({ ...k, share: max ? Math.round((k.minutes / max) * 100) : 0 }));
}

export interface ActionChoice {
  id: string;
  title: string;
  due_on: string;
}

/** The actions an entry may serve: those of my plans that are not closed, by due day. */
export function actionChoices(plans: readonly Pick<Plan, 'state' | 'actions'>[]): ActionChoice[] {
  return plans
    .filter((p) => p.state !== 'closed')
    .flatMap((p) => p.actions.map((a) => ({ id: a.id, title: a.title, due_on: a.due_on })))
    .sort((a, b) => a.due_on.localeCompare(b.due_on) || a.title.localeCompare(b.title));
}
