import { describe, expect, it } from 'vitest';
import type { Plan } from './api/types';
import { actionsDone, currentPlan, defaultPeriod, dueProblem, isoDay, personEdits } from './plan';

const plan = (over: Partial<Plan>) => ({ id: 'p', state: 'draft', period_start: '2026-01-01', period_end: '2026-12-31', actions: [], ...over }) as Plan;

describe('plans', () => {
  it('defaults to this calendar year', () => {
    expect(defaultPeriod(new Date(2026, 10, 23))).toEqual({ start: '2026-01-01', end: '2026-12-31' });
    expect(isoDay(new Date(2026, 0, 5))).toBe('2026-01-05');
  });

  it('the person edits a draft or a returned plan', () => {
    expect(personEdits('draft')).toBe(true);
    expect(personEdits('returned')).toBe(true);
    expect(personEdits('proposed')).toBe(false);
    expect(personEdits('approved')).toBe(false);
  });

  it('a due day must be within the period', () => {
    const p = plan({});
    expect(dueProblem('2026-06-30', p)).toBeNull();
    expect(dueProblem('2026-01-01', p)).toBeNull();
    expect(dueProblem('2027-01-01', p)).toBe('plan.dueOutside');
    expect(dueProblem('', p)).toBe('plan.dueRequired');
  });

  it('finds the plan covering today that is not closed', () => {
    const list = [plan({ id: 'closed', state: 'closed' }), plan({ id: 'old', period_start: '2025-01-01', period_end: '2025-12-31' }), plan({ id: 'now' })];
    expect(currentPlan(list, '2026-05-01')?.id).toBe('now');
    expect(currentPlan(list, '2024-05-01')).toBeNull();
  });

  it('counts done actions', () => {
    const p = plan({ actions: [{ done_at: '2026-02-01T10:00:00Z' }, { done_at: null }] as Plan['actions'] });
    expect(actionsDone(p)).toEqual({ done: 1, total: 2 });
  });
});
