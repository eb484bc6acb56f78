import { describe, expect, it } from 'vitest';
import { ApiClient } from './api/client';
import { externalTrainingForm, type Registration, type Session, type TeamCompliance } from './api/training';
import {
  activeRegistration,
  certificateProblem,
  complianceYears,
  courseQuery,
  filtersFromQuery,
  filtersToQuery,
  groupRegistrations,
  isBookable,
  nextSessions,
  NO_FILTERS,
  percentDone,
  pragueDay,
  pragueRange,
  sortTeam,
  splitRecords,
  unitKey,
  worstState,
} from './training';

const COMPETENCY = '3f6d2c1e-8a4b-4c7e-9d2f-51a0b7c9e6d4';

describe('catalogue filters and the URL', () => {
  it('round-trips every filter through the query string', () => {
    const f = {
      q: 'práce s rodinou',
      competency: COMPETENCY,
      from: '2026-12-01',
      to: '2027-01-31',
      place: 'Brno',
      form: 'conference' as const,
      accredited: true,
      free: true,
    };
    const qs = filtersToQuery(f);
    expect(qs).toBe(
      `?q=pr%C3%A1ce+s+rodinou&kompetence=${COMPETENCY}&od=2026-12-01&do=2027-01-31&misto=Brno&forma=conference&akreditovane=1&volna=1`,
    );
    expect(filtersFromQuery(qs)).toEqual(f);
  });

  it('no filters make no query, and an empty query no filters', () => {
    expect(filtersToQuery(NO_FILTERS)).toBe('');
    expect(filtersToQuery({ ...NO_FILTERS, q: '   ' })).toBe('');
    expect(filtersFromQuery('')).toEqual(NO_FILTERS);
  });

  it('drops values the API would refuse rather than sending them', () => {
    const f = filtersFromQuery('?forma=lecture&kompetence=K3.2&od=1.12.2026&do=2026-13&akreditovane=yes&volna=0');
    expect(f).toEqual(NO_FILTERS);
  });

  it('asks the API only for what is set, trimmed, booleans as "true"', () => {
    expect(courseQuery(NO_FILTERS)).toEqual({});
    expect(courseQuery({ ...NO_FILTERS, q: ' krize ', place: ' Praha ', accredited: true, free: true, form: 'course' })).toEqual({
      q: 'krize',
      place: 'Praha',
      accredited: 'true',
      free: 'true',
      form: 'course',
    });
    expect(courseQuery({ ...NO_FILTERS, competency: COMPETENCY, from: '2026-12-01', to: '2026-12-31' })).toEqual({
      competency_id: COMPETENCY,
      from: '2026-12-01',
      to: '2026-12-31',
    });
  });
});

const NOW = new Date('2026-11-23T10:00:00Z');

function session(over: Partial<Session>): Session {
  return {
    id: 's',
    course_id: 'c',
    course_title: 'Kurz',
    provider_id: 'p',
    starts_at: '2026-12-01T08:00:00Z',
    ends_at: '2026-12-01T15:00:00Z',
    place: 'Praha',
    online_url: '',
    capacity: 10,
    registration_deadline: '2026-11-30T08:00:00Z',
    price: 0,
    status: 'open',
    closed_at: null,
    version: 1,
    created_at: '2026-11-01T08:00:00Z',
    updated_at: '2026-11-01T08:00:00Z',
    confirmed: 0,
    waitlisted: 0,
    seats_free: 10,
    ...over,
  };
}

describe('sessions that take registrations', () => {
  it('open and full ones before their deadline', () => {
    expect(isBookable(session({}), NOW)).toBe(true);
    expect(isBookable(session({ status: 'full', seats_free: 0 }), NOW)).toBe(true);
    expect(isBookable(session({ status: 'planned' }), NOW)).toBe(false);
    expect(isBookable(session({ status: 'cancelled' }), NOW)).toBe(false);
    expect(isBookable(session({ status: 'held' }), NOW)).toBe(false);
    expect(isBookable(session({ registration_deadline: '2026-11-23T09:59:59Z' }), NOW)).toBe(false);
  });

  it('lists the next ones soonest first, the full ones only without the free-seats filter', () => {
    const list = [
      session({ id: 'late', starts_at: '2027-02-01T08:00:00Z' }),
      session({ id: 'full', starts_at: '2026-12-05T08:00:00Z', status: 'full', seats_free: 0 }),
      session({ id: 'soon', starts_at: '2026-12-01T08:00:00Z' }),
      session({ id: 'gone', status: 'cancelled' }),
    ];
    expect(nextSessions(list, false, NOW).map((s) => s.id)).toEqual(['soon', 'full', 'late']);
    expect(nextSessions(list, true, NOW).map((s) => s.id)).toEqual(['soon', 'late']);
    expect(nextSessions(list, false, NOW, 1).map((s) => s.id)).toEqual(['soon']);
  });
});

describe('times in Europe/Prague', () => {
  it('shows a one-day session as a date and two times in Prague, in winter and in summer', () => {
    expect(pragueRange('cs', '2026-12-01T08:00:00Z', '2026-12-01T15:30:00Z')).toBe('1. prosince 2026 9:00–16:30');
    expect(pragueRange('cs', '2026-07-01T07:00:00Z', '2026-07-01T14:00:00Z')).toBe('1. července 2026 9:00–16:00');
  });

  it('shows both ends of a session over several days', () => {
    expect(pragueRange('cs', '2026-12-01T08:00:00Z', '2026-12-02T15:00:00Z')).toBe('1. prosince 2026 9:00 – 2. prosince 2026 16:00');
  });

  it('takes the day in Prague, not in UTC', () => {
    expect(pragueDay(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(pragueDay(new Date('2026-12-31T22:30:00Z'))).toBe('2026-12-31');
  });
});

function reg(id: string, starts_at: string, over: Partial<Registration> = {}): Registration {
  return {
    id,
    session_id: `s-${id}`,
    course_id: 'c',
    course_title: 'Kurz',
    starts_at,
    person_id: 'me',
    person_name: 'Jana',
    person_email: 'j@x.cz',
    status: 'confirmed',
    position: null,
    nominated_by: null,
    created_at: '2026-11-01T08:00:00Z',
    cancelled_at: null,
    cancelled_by: null,
    cancel_reason: null,
    ...over,
  };
}

describe('my registrations', () => {
  it('splits upcoming (soonest first) from past (latest first) at now', () => {
    const list = [
      reg('past-old', '2026-01-10T08:00:00Z'),
      reg('next-far', '2027-03-01T08:00:00Z'),
      reg('past-new', '2026-11-20T08:00:00Z', { status: 'cancelled' }),
      reg('next', '2026-11-23T10:00:00Z', { status: 'waitlisted', position: 2 }),
    ];
    const g = groupRegistrations(list, NOW);
    expect(g.upcoming.map((r) => r.id)).toEqual(['next', 'next-far']);
    expect(g.past.map((r) => r.id)).toEqual(['past-new', 'past-old']);
    expect(list.map((r) => r.id)).toEqual(['past-old', 'next-far', 'past-new', 'next']);
  });

  it('finds the registration a Cancel button acts on: mine, not cancelled', () => {
    const list = [
      reg('old', '2026-12-01T08:00:00Z', { status: 'cancelled' }),
      reg('member', '2026-12-01T08:00:00Z', { person_id: 'other' }),
      reg('now', '2026-12-01T08:00:00Z', { status: 'waitlisted', position: 1 }),
    ];
    expect(activeRegistration(list, 'me')?.id).toBe('now');
    expect(activeRegistration(list.slice(0, 2), 'me')).toBeNull();
  });
});

describe('progress toward a requirement', () => {
  it('is a whole percent between 0 and 100', () => {
    expect(percentDone(16, 24)).toBe(66);
    expect(percentDone(0, 24)).toBe(0);
    expect(percentDone(30, 24)).toBe(100);
    expect(percentDone(24, 24)).toBe(100);
    expect(percentDone(5, 0)).toBe(100);
  });

  it('names the unit', () => {
    expect(unitKey('hours')).toBe('tr.unit.hours');
    expect(unitKey('days')).toBe('tr.unit.days');
    expect(unitKey('count')).toBe('tr.unit.count');
  });

  it('splits the records that count from those that do not', () => {
    const records = [
      { record_id: 'a', amount: 8, note: 'započteno nejvýše 8 hodin' },
      { record_id: 'b', amount: 0, note: 'supervize se nezapočítává' },
      { record_id: 'c', amount: 4, note: '' },
    ];
    const s = splitRecords(records);
    expect(s.counted.map((r) => r.record_id)).toEqual(['a', 'c']);
    expect(s.notCounted.map((r) => r.record_id)).toEqual(['b']);
  });

  it('offers this year and four before it', () => {
    expect(complianceYears(2026)).toEqual([2026, 2025, 2024, 2023, 2022]);
  });
});

describe('team compliance', () => {
  const result = (state: TeamCompliance['people'][number]['results'][number]['state']) => ({
    rule_id: state,
    state,
    required: 24,
    counted: 0,
    remaining: 24,
    deadline: null,
  });
  const people: TeamCompliance['people'] = [
    { person_id: '1', person_name: 'Žaneta Malá', results: [result('met')] },
    { person_id: '2', person_name: 'Adam Novák', results: [result('met'), result('at_risk')] },
    { person_id: '3', person_name: 'Česta Bílá', results: [result('missed'), result('met')] },
    { person_id: '4', person_name: 'Bohdan Nový', results: [] },
    { person_id: '5', person_name: 'Cyril Dvořák', results: [result('on_track')] },
  ];

  it('the worst state of a person is the one that needs attention first', () => {
    expect(worstState(['met', 'at_risk', 'on_track'])).toBe('at_risk');
    expect(worstState(['met', 'missed'])).toBe('missed');
    expect(worstState([])).toBe('not_applicable');
  });

  it('sorts by state, missed first, then by name in Czech order', () => {
    expect(sortTeam(people, 'state', 'cs').map((p) => p.person_id)).toEqual(['3', '2', '5', '1', '4']);
  });

  it('sorts by name in Czech order (Č after C, Ž last)', () => {
    expect(sortTeam(people, 'name', 'cs').map((p) => p.person_name)).toEqual([
      'Adam Novák',
      'Bohdan Nový',
      'Cyril Dvořák',
      'Česta Bílá',
      'Žaneta Malá',
    ]);
  });
});

describe('the certificate file', () => {
  it('takes a PDF, PNG or JPEG up to 10 MB; an unknown type goes to the server to decide', () => {
    expect(certificateProblem(null)).toBe('tr.ext.fileRequired');
    expect(certificateProblem({ type: 'application/pdf', size: 1000 })).toBeNull();
    expect(certificateProblem({ type: 'image/jpeg', size: 10 * 1024 * 1024 })).toBeNull();
    expect(certificateProblem({ type: 'image/png', size: 10 * 1024 * 1024 + 1 })).toBe('tr.ext.fileSize');
    expect(certificateProblem({ type: 'application/msword', size: 1000 })).toBe('tr.ext.fileType');
    expect(certificateProblem({ type: '', size: 1000 })).toBeNull();
  });
});

describe('the external training upload', () => {
  it('sends the fields and the file as multipart, leaving the optional ones out when empty', async () => {
    const certificate = new File([new Uint8Array([0x25, 0x50, 0x44, 0x46])], 'osvedceni.pdf', { type: 'application/pdf' });
    const form = externalTrainingForm({
      title: 'Krizová intervence',
      provider_name: 'Institut',
      form: 'course',
      hours: 8,
      date: '2026-10-02',
      certificate,
    });
    expect([...form.keys()]).toEqual(['title', 'provider_name', 'form', 'hours', 'date', 'certificate']);
    expect(form.get('hours')).toBe('8');
    expect((form.get('certificate') as File).name).toBe('osvedceni.pdf');

    let sent: RequestInit | undefined;
    const client = new ApiClient({
      fetch: (async (_url: string, init: RequestInit) => {
        sent = init;
        return new Response('{}', { status: 201, headers: { 'Content-Type': 'application/json' } });
      }) as unknown as typeof fetch,
    });
    await client.request('POST', '/api/v1/external-trainings', { form });
    expect(sent?.body).toBe(form);
    // The browser writes the multipart Content-Type with its boundary; a fixed one would break the body.
    expect((sent?.headers as Record<string, string>)['Content-Type']).toBeUndefined();
  });
});
