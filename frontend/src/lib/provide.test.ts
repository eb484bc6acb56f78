import { describe, expect, it } from 'vitest';
import {
  accreditedOn,
  allPresent,
  attendanceCounts,
  courseBody,
  courseDraftOf,
  courseProblems,
  emptyCourseDraft,
  emptySessionDraft,
  entryBody,
  formatPragueRange,
  groupRegistrants,
  mergeDraft,
  importProblemKey,
  importReady,
  markComplete,
  marksOf,
  pragueToUtc,
  provideFieldCode,
  sessionBody,
  sessionDraftOf,
  sessionMinutes,
  sessionProblems,
  toggled,
  utcToPrague,
  wholeNumber,
  type Mark,
} from './provide';

describe('Prague time', () => {
  it('reads a winter time at +01:00 and a summer time at +02:00', () => {
    expect(pragueToUtc('2027-01-15T09:00')).toBe('2027-01-15T08:00:00Z');
    expect(pragueToUtc('2027-07-15T09:00')).toBe('2027-07-15T07:00:00Z');
    expect(utcToPrague('2027-01-15T08:00:00Z')).toBe('2027-01-15T09:00');
    expect(utcToPrague('2027-07-15T07:00:00Z')).toBe('2027-07-15T09:00');
  });

  it('crosses midnight and the year in UTC', () => {
    expect(pragueToUtc('2027-01-01T00:30')).toBe('2026-12-31T23:30:00Z');
    expect(utcToPrague('2026-12-31T23:30:00Z')).toBe('2027-01-01T00:30');
  });

  it('around the spring change (28 March 2027, 02:00 → 03:00)', () => {
    expect(pragueToUtc('2027-03-28T01:59')).toBe('2027-03-28T00:59:00Z');
    expect(pragueToUtc('2027-03-28T03:00')).toBe('2027-03-28T01:00:00Z');
    // 02:30 does not exist that night: read as the clock moved forward shows it, 03:30 summer time.
    expect(pragueToUtc('2027-03-28T02:30')).toBe('2027-03-28T01:30:00Z');
    expect(utcToPrague('2027-03-28T01:30:00Z')).toBe('2027-03-28T03:30');
  });

  it('around the autumn change (31 October 2027, 03:00 → 02:00)', () => {
    // 02:30 happens twice: the first, in summer time, is meant.
    expect(pragueToUtc('2027-10-31T02:30')).toBe('2027-10-31T00:30:00Z');
    expect(utcToPrague('2027-10-31T00:30:00Z')).toBe('2027-10-31T02:30');
    expect(utcToPrague('2027-10-31T01:30:00Z')).toBe('2027-10-31T02:30');
    expect(pragueToUtc('2027-10-31T03:00')).toBe('2027-10-31T02:00:00Z');
  });

  it('every UTC hour and a half of a year comes back the same through the Prague wall clock', () => {
    for (let ms = Date.UTC(2027, 0, 1); ms < Date.UTC(2028, 0, 1); ms += 5_400_000) {
      const iso = new Date(ms).toISOString().replace('.000Z', 'Z');
      const local = utcToPrague(iso);
      // The second pass of the doubled autumn hour maps to its first: the one wall time names both instants.
      if (local.startsWith('2027-10-31T02:')) continue;
      expect(pragueToUtc(local)).toBe(iso);
    }
  });

  it('refuses what is not a time', () => {
    expect(pragueToUtc('')).toBeNull();
    expect(pragueToUtc('2027-02-30T09:00')).toBeNull();
    expect(pragueToUtc('2027-02-01T24:00')).toBeNull();
    expect(pragueToUtc('2027-02-01 09:00')).toBeNull();
    expect(utcToPrague('nonsense')).toBe('');
    expect(utcToPrague(null)).toBe('');
  });

  it('shows a one-day session with the end time only', () => {
    expect(formatPragueRange('cs', '2027-03-01T08:00:00Z', '2027-03-01T15:00:00Z')).toMatch(/9:00.*16:00/);
    expect(formatPragueRange('cs', '2027-03-01T08:00:00Z', '2027-03-02T15:00:00Z')).toMatch(/1\. 3\. 2027.*2\. 3\. 2027/);
  });
});

describe('course form', () => {
  const course = {
    title: 'Práce s rodinou',
    description: 'Popis',
    form: 'course' as const,
    hours: 8,
    accreditation_number: 'A2024/0123-SP/PC/PP',
    accredited_from: '2024-01-01',
    accredited_until: '2027-12-31',
    published: true,
    competencies: [{ competency_id: 'c1', target_level: 3 }],
    target_positions: ['ospod-social-worker'],
  };

  it('maps a course to the form and back to the same body', () => {
    const d = courseDraftOf(course);
    expect(d.hours).toBe('8');
    expect(courseBody(d)).toEqual(course);
  });

  it('trims text and sends no accreditation dates without a number', () => {
    const d = { ...courseDraftOf(course), title: '  Kurz ', accreditation_number: ' ' };
    const b = courseBody(d);
    expect(b.title).toBe('Kurz');
    expect(b.accreditation_number).toBeNull();
    expect(b.accredited_from).toBeNull();
    expect(b.accredited_until).toBeNull();
  });

  it('names what is missing or misshapen', () => {
    expect(courseProblems(emptyCourseDraft())).toEqual({ title: 'pv.err.required', hours: 'pv.err.hours' });
    const d = { ...courseDraftOf(course), hours: '8,5', accreditation_number: '743/2010' };
    expect(courseProblems(d)).toEqual({ hours: 'pv.err.hours', accreditation_number: 'pv.err.accreditationShape' });
    expect(courseProblems({ ...courseDraftOf(course), accredited_until: '2023-12-31' })).toEqual({ accredited_until: 'pv.err.accreditationOrder' });
    expect(courseProblems({ ...courseDraftOf(course), competencies: [{ competency_id: '', target_level: 2 }] })).toEqual({
      'competencies[0].competency_id': 'pv.err.required',
    });
    expect(courseProblems(courseDraftOf(course))).toEqual({});
  });

  it("after a conflict keeps what was changed here and takes the other person's changes elsewhere", () => {
    const read = courseDraftOf(course);
    const fresh = { ...read, hours: '12', competencies: [{ competency_id: 'c2', target_level: 1 }] };
    const mine = { ...read, title: 'Nový název', competencies: [...read.competencies] };
    expect(mergeDraft(mine, read, fresh)).toEqual({ ...fresh, title: 'Nový název' });
    // Both changed the same field: what was typed here wins, to be checked and saved again.
    expect(mergeDraft({ ...read, hours: '10' }, read, fresh).hours).toBe('10');
  });

  it('accepts both shapes of an accreditation number', () => {
    for (const n of ['2010/743-SP', 'A2024/0123-SP/PC/PP', '2019/1-VP']) {
      expect(courseProblems({ ...courseDraftOf(course), accreditation_number: n })).toEqual({});
    }
    for (const n of ['A2024/123-SP', '2010/743', '2010/743-XX', 'A2024/0123-SP/PC/PP/VP/SP']) {
      expect(courseProblems({ ...courseDraftOf(course), accreditation_number: n }).accreditation_number).toBe('pv.err.accreditationShape');
    }
  });

  it('knows when an accreditation is valid', () => {
    expect(accreditedOn(course, '2026-06-01')).toBe(true);
    expect(accreditedOn(course, '2028-01-01')).toBe(false);
    expect(accreditedOn({ ...course, accreditation_number: null }, '2026-06-01')).toBe(false);
    expect(accreditedOn({ ...course, accredited_from: null, accredited_until: null }, '1999-01-01')).toBe(true);
  });

  it('parses whole numbers only', () => {
    expect(wholeNumber(' 12 ')).toBe(12);
    expect(wholeNumber('12,5')).toBeNull();
    expect(wholeNumber('-1')).toBeNull();
    expect(wholeNumber('')).toBeNull();
  });
});

describe('session form', () => {
  const session = {
    starts_at: '2027-03-01T08:00:00Z',
    ends_at: '2027-03-01T15:00:00Z',
    registration_deadline: '2027-02-22T23:00:00Z',
    capacity: 20,
    price: 1500,
    place: 'Jihlava',
    online_url: '',
  };

  it('maps a session to Prague wall-clock inputs and back', () => {
    const d = sessionDraftOf(session);
    expect(d.starts_at).toBe('2027-03-01T09:00');
    expect(d.registration_deadline).toBe('2027-02-23T00:00');
    expect(sessionBody(d)).toEqual({ ...session, online_url: undefined });
  });

  it('leaves out an empty link, and clears one the session had', () => {
    const d = sessionDraftOf(session);
    expect(sessionBody(d)).not.toHaveProperty('online_url');
    expect(sessionBody({ ...d, online_url: ' https://meet.example/x ' }).online_url).toBe('https://meet.example/x');
    expect(sessionBody(d, { online_url: 'https://meet.example/x' }).online_url).toBe('');
  });

  it('leaves the deadline to the API when none is given', () => {
    const d = { ...sessionDraftOf(session), registration_deadline: '' };
    expect(sessionBody(d)).not.toHaveProperty('registration_deadline');
  });

  it('names what is missing or out of order', () => {
    expect(sessionProblems(emptySessionDraft())).toEqual({
      starts_at: 'pv.err.dateTime',
      ends_at: 'pv.err.dateTime',
      capacity: 'pv.err.capacity',
      place: 'pv.err.placeOrLink',
    });
    const d = { ...sessionDraftOf(session), ends_at: '2027-03-01T08:00', registration_deadline: '2027-03-02T08:00', price: 'zdarma' };
    expect(sessionProblems(d)).toEqual({
      ends_at: 'pv.err.endsBeforeStart',
      registration_deadline: 'pv.err.deadlineAfterStart',
      price: 'pv.err.price',
    });
    expect(sessionProblems({ ...sessionDraftOf(session), place: '', online_url: 'https://meet.example/x' })).toEqual({});
  });

  it('words the API field codes of the training forms', () => {
    expect(provideFieldCode('accreditation_number', 'shape')).toBe('pv.err.accreditationShape');
    expect(provideFieldCode('ends_at', 'order')).toBe('pv.err.endsBeforeStart');
    expect(provideFieldCode('online_url', 'url')).toBe('pv.err.url');
    expect(provideFieldCode('title', 'required')).toBeNull();
  });
});

describe('attendance', () => {
  const items = [
    { registration_id: 'a', status: null, minutes: null },
    { registration_id: 'b', status: 'present' as const, minutes: null },
    { registration_id: 'c', status: 'partial' as const, minutes: 90 },
  ];

  it('one tap makes the unmarked, absent, excused and partial present, and the present absent', () => {
    expect(toggled(null)).toBe('present');
    expect(toggled('absent')).toBe('present');
    expect(toggled('excused')).toBe('present');
    expect(toggled('partial')).toBe('present');
    expect(toggled('present')).toBe('absent');
  });

  it('shows unsaved marks over what the server has', () => {
    const unsaved = new Map<string, Mark>([['b', { status: 'absent', minutes: '' }]]);
    const marks = marksOf(items, unsaved);
    expect(marks.get('a')).toBeNull();
    expect(marks.get('b')).toEqual({ status: 'absent', minutes: '' });
    expect(marks.get('c')).toEqual({ status: 'partial', minutes: '90' });
    expect(attendanceCounts(marks)).toEqual({ present: 0, partial: 1, absent: 1, excused: 0, none: 1 });
  });

  it('"všichni přítomni" marks only those not present yet', () => {
    const marks = marksOf(items, new Map());
    expect([...allPresent(marks).keys()]).toEqual(['a', 'c']);
    expect(allPresent(marks).get('c')).toEqual({ status: 'present', minutes: '' });
  });

  it('sends minutes only with a partial attendance, within the session', () => {
    expect(entryBody('a', { status: 'present', minutes: '30' })).toEqual({ registration_id: 'a', status: 'present' });
    expect(entryBody('a', { status: 'partial', minutes: '30' })).toEqual({ registration_id: 'a', status: 'partial', minutes: 30 });
    const length = sessionMinutes({ starts_at: '2027-03-01T08:00:00Z', ends_at: '2027-03-01T10:00:00Z' });
    expect(length).toBe(120);
    expect(markComplete({ status: 'partial', minutes: '120' }, length)).toBe(true);
    expect(markComplete({ status: 'partial', minutes: '121' }, length)).toBe(false);
    expect(markComplete({ status: 'partial', minutes: '' }, length)).toBe(false);
    expect(markComplete({ status: 'excused', minutes: '' }, length)).toBe(true);
  });
});

describe('registrants', () => {
  it('groups confirmed, the waitlist by position, and the cancelled', () => {
    const list = [
      { id: '1', status: 'waitlisted' as const, position: 2 },
      { id: '2', status: 'confirmed' as const, position: null },
      { id: '3', status: 'cancelled' as const, position: null },
      { id: '4', status: 'waitlisted' as const, position: 1 },
    ];
    const g = groupRegistrants(list);
    expect(g.confirmed.map((r) => r.id)).toEqual(['2']);
    expect(g.waitlisted.map((r) => r.id)).toEqual(['4', '1']);
    expect(g.cancelled.map((r) => r.id)).toEqual(['3']);
  });
});

describe('attendance from a file', () => {
  it('words the known row problems and leaves the rest to the server', () => {
    expect(importProblemKey('unknown_person')).toBe('pv.imp.unknown_person');
    expect(importProblemKey('partial_only')).toBe('pv.imp.partial_only');
    expect(importProblemKey('something_new')).toBeNull();
  });

  it('a preview is saved only without problems, with rows, and with a reason once closed', () => {
    const ok = { valid: true, rows: [{}] };
    expect(importReady(null, false, '')).toBe(false);
    expect(importReady(ok, false, '')).toBe(true);
    expect(importReady({ valid: false, rows: [{}] }, false, '')).toBe(false);
    expect(importReady({ valid: true, rows: [] }, false, '')).toBe(false);
    expect(importReady(ok, true, ' ')).toBe(false);
    expect(importReady(ok, true, 'Opravený seznam od lektorky')).toBe(true);
  });
});
