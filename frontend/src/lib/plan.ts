// Development plans (IPV) without the DOM: the default period, what the person may change in which state, and
// a due day's check against the period. Pure: unit-tested.
import type { Plan, PlanState } from './api/types';

const pad = (n: number) => String(n).padStart(2, '0');

/** A local calendar day as YYYY-MM-DD. */
export function isoDay(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A plan is usually for a calendar year: this one. */
export function defaultPeriod(today: Date = new Date()): { start: string; end: string } {
  const y = today.getFullYear();
  return { start: `${y}-01-01`, end: `${y}-12-31` };
}

/** The person changes goals and actions while the plan is a draft or returned to them. */
export function personEdits(state: PlanState): boolean {
  return state === 'draft' || state === 'returned';
}

/** Why a due day does not fit the plan (a message key), or null when it does. */
export function dueProblem(due: string, plan: Pick<Plan, 'period_start' | 'period_end'>): 'plan.dueRequired' | 'plan.dueOutside' | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(due)) return 'plan.dueRequired';
  return due < plan.period_start || due > plan.period_end ? 'plan.dueOutside' : null;
}

/** The plan that covers a day and is not closed (the one "Můj plán" opens), newest first as listed. */
export function currentPlan(list: readonly Plan[], day: string = isoDay(new Date())): Plan | null {
  return list.find((p) => p.state !== 'closed' && p.period_start <= day && day <= p.period_end) ?? null;
}

/** Actions done out of all, for the plan's progress line. */
export function actionsDone(plan: Pick<Plan, 'actions'>): { done: number; total: number } {
  return { done: plan.actions.filter((a) => a.done_at).length, total: plan.actions.length };
}
