import { describe, expect, it } from 'vitest';
import { actionChoices, bars, checkEntry, earliestDay, splitMinutes } from './support';

describe('support log', () => {
  const today = '2026-11-23';
  const good = { date: '2026-11-20', minutes: 90, kind: 'mentoring' as const, note: '' };

  it('takes a day from five years back up to today', () => {
    expect(earliestDay(today)).toBe('2021-11-23');
    expect(earliestDay('2028-02-29')).toBe('2023-03-01');
    expect(checkEntry({ ...good, date: today }, today)).toEqual({});
    expect(checkEntry({ ...good, date: '2021-11-23' }, today)).toEqual({});
    expect(checkEntry({ ...good, date: '2021-11-22' }, today)).toEqual({ date: 'sup.err.tooOld' });
    expect(checkEntry({ ...good, date: '2026-11-24' }, today)).toEqual({ date: 'sup.err.future' });
    expect(checkEntry({ ...good, date: '' }, today)).toEqual({ date: 'fieldError.required' });
  });

  it('names every field that is wrong', () => {
    expect(checkEntry({ date: '', minutes: null, kind: '', note: 'á'.repeat(2001) }, today)).toEqual({
      date: 'fieldError.required',
      minutes: 'sup.err.minutes',
      kind: 'fieldError.required',
      note: 'sup.err.note',
    });
    for (const minutes of [0, -1, 1441, 1.5]) expect(checkEntry({ ...good, minutes }, today)).toEqual({ minutes: 'sup.err.minutes' });
    expect(checkEntry({ ...good, minutes: 1440, note: 'á'.repeat(2000) }, today)).toEqual({});
  });

  it('splits minutes into hours and minutes', () => {
    expect(splitMinutes(0)).toEqual({ h: 0, m: 0 });
    expect(splitMinutes(90)).toEqual({ h: 1, m: 30 });
    expect(splitMinutes(120)).toEqual({ h: 2, m: 0 });
  });

  it('draws each kind against the largest', () => {
    const b = bars([
      { kind: 'mentoring', minutes: 120, hours: 2 },
      { kind: 'intervision', minutes: 30, hours: 0.5 },
      { kind: 'shadowing', minutes: 0, hours: 0 },
    ]);
    expect(b.map((x) => x.share)).toEqual([100, 25, 0]);
    expect(bars([{ kind: 'mentoring', minutes: 0, hours: 0 }])[0].share).toBe(0);
  });

  it('offers the actions of my plans that are not closed, by due day', () => {
    const action = (id: string, title: string, due_on: string) =>
      ({ id, title, due_on, goal_id: null, kind: 'mentoring', done_at: null, evidence: '', overdue: false }) as const;
    const plans = [
      { state: 'approved' as const, actions: [action('b', 'Stínování u kolegyně', '2026-12-01'), action('a', 'Mentoring', '2026-10-01')] },
      { state: 'closed' as const, actions: [action('c', 'Loňská stáž', '2025-05-01')] },
      { state: 'draft' as const, actions: [action('d', 'Intervize', '2026-10-01')] },
    ];
    expect(actionChoices(plans).map((a) => a.id)).toEqual(['d', 'a', 'b']);
    expect(actionChoices([])).toEqual([]);
  });
});
