import { describe, expect, it } from 'vitest';
import {
  buildRRule,
  confirmable,
  dayInWords,
  describeRRule,
  draftDays,
  groupSessions,
  MAX_OCCURRENCES,
  planBody,
  planProblems,
  pragueAt,
  pragueParts,
  seriesDays,
  supervisionFieldCode,
  weekdayOf,
  type PlanDraft,
} from './supervision';

describe('the repeat form as an RRULE', () => {
  it('every N weeks on the first day\'s weekday, K times', () => {
    // 2027-03-02 is a Tuesday.
    expect(weekdayOf('2027-03-02')).toBe(2);
    expect(buildRRule('2027-03-02', { every: 6, end: 'count', count: 6, until: '' })).toBe('FREQ=WEEKLY;INTERVAL=6;BYDAY=TU;COUNT=6');
    expect(buildRRule('2027-03-07', { every: 1, end: 'count', count: 3, until: '' })).toBe('FREQ=WEEKLY;INTERVAL=1;BYDAY=SU;COUNT=3');
  });

  it('until a day: the end of that day in Prague, written in UTC', () => {
    // Summer (+02:00) and winter (+01:00) ends.
    expect(buildRRule('2027-03-02', { every: 2, end: 'until', count: 0, until: '2027-06-01' })).toBe(
      'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=20270601T215959Z',
    );
    expect(buildRRule('2027-03-02', { every: 2, end: 'until', count: 0, until: '2027-12-14' })).toBe(
      'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=20271214T225959Z',
    );
  });

  it('makes no rule from an incomplete form', () => {
    expect(buildRRule('', { every: 6, end: 'count', count: 6, until: '' })).toBeNull();
    expect(buildRRule('2027-02-30', { every: 6, end: 'count', count: 6, until: '' })).toBeNull();
    expect(buildRRule('2027-03-02', { every: 0, end: 'count', count: 6, until: '' })).toBeNull();
    expect(buildRRule('2027-03-02', { every: 1.5, end: 'count', count: 6, until: '' })).toBeNull();
    expect(buildRRule('2027-03-02', { every: 6, end: 'count', count: 0, until: '' })).toBeNull();
    expect(buildRRule('2027-03-02', { every: 6, end: 'until', count: 6, until: '' })).toBeNull();
  });
});

describe('the days of a series', () => {
  it('six sessions six weeks apart, across the spring clock change', () => {
    expect(seriesDays('2027-03-02', { every: 6, end: 'count', count: 6, until: '' })).toEqual([
      '2027-03-02',
      '2027-04-13',
      '2027-05-25',
      '2027-07-06',
      '2027-08-17',
      '2027-09-28',
    ]);
  });

  it('until a day, that day included', () => {
    expect(seriesDays('2027-03-02', { every: 2, end: 'until', count: 0, until: '2027-03-30' })).toEqual([
      '2027-03-02',
      '2027-03-16',
      '2027-03-30',
    ]);
    expect(seriesDays('2027-03-02', { every: 2, end: 'until', count: 0, until: '2027-03-01' })).toEqual([]);
  });

  it('stops one past the limit, so the form can say it is too many', () => {
    expect(seriesDays('2027-01-04', { every: 1, end: 'count', count: 100, until: '' })).toHaveLength(MAX_OCCURRENCES + 1);
    expect(seriesDays('2027-01-04', { every: 1, end: 'until', count: 0, until: '2030-01-01' })).toHaveLength(MAX_OCCURRENCES + 1);
  });
});

describe('Prague day and time', () => {
  it('9:00 is 8:00 UTC in winter and 7:00 UTC in summer', () => {
    expect(pragueAt('2027-03-23', '09:00')).toBe('2027-03-23T08:00:00Z');
    expect(pragueAt('2027-03-30', '09:00')).toBe('2027-03-30T07:00:00Z');
    expect(pragueAt('2027-10-26', '09:00')).toBe('2027-10-26T07:00:00Z');
    expect(pragueAt('2027-11-02', '09:00')).toBe('2027-11-02T08:00:00Z');
  });

  it('reads back to the same wall clock on either side of the change', () => {
    expect(pragueParts('2027-03-23T08:00:00Z')).toEqual({ day: '2027-03-23', time: '09:00' });
    expect(pragueParts('2027-03-30T07:00:00Z')).toEqual({ day: '2027-03-30', time: '09:00' });
    expect(pragueParts('2027-03-23T23:30:00Z')).toEqual({ day: '2027-03-24', time: '00:30' });
  });

  it('is null for a time that is not one', () => {
    expect(pragueAt('2027-03-23', '')).toBeNull();
    expect(pragueAt('2027-03-23', '25:00')).toBeNull();
    expect(pragueAt('', '09:00')).toBeNull();
  });
});

describe('an RRULE in words', () => {
  it('Czech, with the plural of weeks', () => {
    expect(describeRRule('FREQ=WEEKLY;INTERVAL=6;BYDAY=TU;COUNT=6', 'cs')).toBe('každých 6 týdnů v úterý, celkem 6 setkání');
    expect(describeRRule('FREQ=WEEKLY;INTERVAL=2;BYDAY=WE;COUNT=3', 'cs')).toBe('každé 2 týdny ve středu, celkem 3 setkání');
    expect(describeRRule('RRULE:FREQ=WEEKLY;BYDAY=FR;COUNT=10', 'cs')).toBe('každý týden v pátek, celkem 10 setkání');
  });

  it('an UTC end by its Prague day, a floating one as it is', () => {
    expect(describeRRule('FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=20270601T215959Z', 'cs')).toBe('každé 2 týdny v úterý, do 1. června 2027');
    expect(describeRRule('FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=20270601', 'cs')).toBe('každé 2 týdny v úterý, do 1. června 2027');
  });

  it('the weekday of the first session when the rule has none (Prague day, not UTC)', () => {
    // 23:30 UTC on Monday is already Tuesday in Prague.
    expect(describeRRule('FREQ=WEEKLY;INTERVAL=6;COUNT=10', 'cs', '2027-03-01T23:30:00Z')).toBe('každých 6 týdnů v úterý, celkem 10 setkání');
  });

  it('English', () => {
    expect(describeRRule('FREQ=WEEKLY;INTERVAL=6;BYDAY=TU;COUNT=6', 'en')).toBe('every 6 weeks on Tuesday, 6 sessions in all');
  });

  it('none for rules the planner does not make', () => {
    expect(describeRRule('FREQ=MONTHLY;COUNT=3', 'cs')).toBeNull();
    expect(describeRRule('FREQ=WEEKLY;BYDAY=TU', 'cs')).toBeNull();
    expect(describeRRule('FREQ=WEEKLY;BYDAY=TU,TH;COUNT=4', 'cs')).toBeNull();
    expect(describeRRule('FREQ=WEEKLY;COUNT=4', 'cs')).toBeNull();
  });

  it('a day with its weekday', () => {
    expect(dayInWords('cs', '2027-03-30')).toBe('úterý 30. března 2027');
  });
});

const session = (id: string, starts: string, ends: string, status: 'planned' | 'held' | 'cancelled', supervisor = 'eva') => ({
  id,
  starts_at: starts,
  ends_at: ends,
  status,
  supervisor_id: supervisor,
});

describe('my sessions in groups', () => {
  const now = new Date('2027-03-10T12:00:00Z');
  const list = [
    session('past-held', '2027-02-01T08:00:00Z', '2027-02-01T10:00:00Z', 'held'),
    session('older-held', '2027-01-01T08:00:00Z', '2027-01-01T10:00:00Z', 'held'),
    session('waiting', '2027-03-03T08:00:00Z', '2027-03-03T10:00:00Z', 'planned'),
    session('waiting-other', '2027-03-04T08:00:00Z', '2027-03-04T10:00:00Z', 'planned', 'irena'),
    session('later', '2027-05-01T07:00:00Z', '2027-05-01T09:00:00Z', 'planned'),
    session('soon', '2027-03-20T08:00:00Z', '2027-03-20T10:00:00Z', 'cancelled'),
    session('running', '2027-03-10T11:00:00Z', '2027-03-10T13:00:00Z', 'planned'),
  ];

  it("the supervisor's ended planned sessions to confirm; upcoming soonest first; past latest first", () => {
    const g = groupSessions(list, 'eva', now);
    expect(g.toConfirm.map((s) => s.id)).toEqual(['waiting']);
    expect(g.upcoming.map((s) => s.id)).toEqual(['running', 'soon', 'later']);
    expect(g.past.map((s) => s.id)).toEqual(['waiting-other', 'past-held', 'older-held']);
  });

  it('nothing to confirm for someone who is not the supervisor', () => {
    expect(groupSessions(list, 'jana', now).toConfirm).toEqual([]);
  });

  it('a session is confirmed by its supervisor once it has started and is not cancelled', () => {
    expect(confirmable(list[6], 'eva', now)).toBe(true);
    expect(confirmable(list[0], 'eva', now)).toBe(true);
    expect(confirmable(list[4], 'eva', now)).toBe(false);
    expect(confirmable(list[6], 'jana', now)).toBe(false);
    expect(confirmable(session('x', '2027-03-01T08:00:00Z', '2027-03-01T10:00:00Z', 'cancelled'), 'eva', now)).toBe(false);
  });
});

describe('the planner', () => {
  const draft = (over: Partial<PlanDraft> = {}): PlanDraft => ({
    team_id: 't1',
    kind: 'team',
    supervisor_id: 's1',
    participant_ids: ['a', 'b'],
    day: '2027-03-02',
    start: '09:00',
    end: '11:00',
    place: ' Zasedačka ',
    repeat: true,
    every: 6,
    endBy: 'count',
    count: 6,
    until: '',
    ...over,
  });

  it('a complete series has no problems and makes the request', () => {
    expect(planProblems(draft())).toEqual({});
    expect(planBody(draft())).toEqual({
      team_id: 't1',
      kind: 'team',
      supervisor_id: 's1',
      participant_ids: ['a', 'b'],
      starts_at: '2027-03-02T08:00:00Z',
      ends_at: '2027-03-02T10:00:00Z',
      place: 'Zasedačka',
      rrule: 'FREQ=WEEKLY;INTERVAL=6;BYDAY=TU;COUNT=6',
    });
    expect(draftDays(draft())).toHaveLength(6);
  });

  it('one session sends no rule and previews nothing', () => {
    expect(planBody(draft({ repeat: false })).rrule).toBeUndefined();
    expect(draftDays(draft({ repeat: false }))).toEqual([]);
  });

  it('names each missing or wrong field by its API path', () => {
    expect(planProblems(draft({ team_id: '', supervisor_id: '', kind: '', day: '', participant_ids: [] }))).toEqual({
      team_id: 'spv.err.required',
      supervisor_id: 'spv.err.required',
      kind: 'spv.err.required',
      starts_at: 'spv.err.dateTime',
      ends_at: 'spv.err.dateTime',
      participant_ids: 'spv.err.participants',
      rrule: 'spv.err.repeat',
    });
    expect(planProblems(draft({ end: '08:00' })).ends_at).toBe('spv.err.endsBeforeStart');
    expect(planProblems(draft({ kind: 'individual' })).participant_ids).toBe('spv.err.individual');
    expect(planProblems(draft({ count: 61 })).rrule).toBe('spv.err.tooMany');
    expect(planProblems(draft({ endBy: 'until', until: '2027-03-01' })).rrule).toBe('spv.err.repeat');
  });
});

describe("the API's field codes in the page's words", () => {
  it('names the supervision codes, leaves the shared ones', () => {
    expect(supervisionFieldCode('rrule', 'unbounded')).toBe('spv.err.repeat');
    expect(supervisionFieldCode('rrule', 'too_many')).toBe('spv.err.tooMany');
    expect(supervisionFieldCode('participant_ids[0]', 'member')).toBe('spv.err.member');
    expect(supervisionFieldCode('session', 'not_started')).toBe('spv.err.notStarted');
    expect(supervisionFieldCode('ends_at', 'order')).toBe('spv.err.endsBeforeStart');
    expect(supervisionFieldCode('team_id', 'required')).toBeNull();
    expect(supervisionFieldCode('x', undefined)).toBeNull();
  });
});
