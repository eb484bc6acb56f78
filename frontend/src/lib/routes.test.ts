import { describe, expect, it } from 'vitest';
import { canAccess, hrefOf, matchRoute, navFor, navSection, ROUTES } from './routes';

const CAPS = {
  worker: ['self.development', 'catalogue.browse'],
  lead: ['self.development', 'team.lead', 'catalogue.browse'],
  provider: ['training.provide', 'catalogue.browse'],
  supervisor: ['supervision.run', 'catalogue.browse'],
  methodologist: ['framework.manage', 'indicators.region', 'catalogue.browse'],
  admin: ['admin.organizations', 'admin.teams', 'admin.users', 'catalogue.browse'],
};

const names = (caps: string[]) => navFor(caps).flatMap((g) => g.items.map((i) => i.name));

describe('navigation by capabilities', () => {
  it('worker sees own development, no admin, no team', () => {
    const n = names(CAPS.worker);
    expect(n).toEqual(['home', 'assessment', 'plan', 'training', 'supervision', 'support', 'catalogue', 'framework', 'calendar', 'profile']);
    expect(navFor(CAPS.worker).map((g) => g.id)).toEqual(['main']);
  });

  it('lead also sees the team', () => {
    expect(names(CAPS.lead)).toContain('team');
    expect(names(CAPS.lead)).toContain('assessment');
    expect(names(CAPS.lead)).not.toContain('orgs');
  });

  it('provider sees courses but not the assessment', () => {
    const n = names(CAPS.provider);
    expect(n).toContain('courses');
    expect(n).not.toContain('assessment');
    expect(n).not.toContain('plan');
    expect(n).not.toContain('supervision');
  });

  it('supervisor sees supervision', () => {
    expect(names(CAPS.supervisor)).toEqual(['home', 'supervision', 'catalogue', 'framework', 'calendar', 'profile']);
  });

  it('methodologist sees the model and indicators', () => {
    const n = names(CAPS.methodologist);
    expect(n).toContain('framework');
    expect(n).toContain('indicators');
    expect(n).not.toContain('users');
    const page = matchRoute('/ukazatele')?.route;
    expect(page?.name).toBe('indicators');
    expect(page?.soon).toBeFalsy();
    expect(canAccess(page!, CAPS.admin)).toBe(true);
    expect(canAccess(page!, CAPS.worker)).toBe(false);
  });

  it('admin gets the admin group', () => {
    const groups = navFor(CAPS.admin);
    expect(groups.map((g) => g.id)).toEqual(['main', 'admin']);
    expect(groups[1].items.map((i) => i.href)).toEqual(['/sprava/organizace', '/sprava/tymy', '/sprava/uzivatele']);
    expect(names(CAPS.admin)).not.toContain('assessment');
  });

  it('partial admin capabilities show only their items', () => {
    expect(navFor(['admin.users'])[1].items.map((i) => i.name)).toEqual(['users']);
  });

  it('no capabilities: home, the competency model, the calendar and profile', () => {
    expect(names([])).toEqual(['home', 'framework', 'calendar', 'profile']);
  });

  it('unknown capabilities are ignored', () => {
    expect(names(['something.else'])).toEqual(['home', 'framework', 'calendar', 'profile']);
  });

  it('every role reads the model and position profiles; only methodologists keep them', () => {
    for (const caps of Object.values(CAPS)) {
      expect(names(caps)).toContain('framework');
      for (const r of ['framework', 'frameworkView', 'frameworkCompetency', 'frameworkCompare', 'positionProfile'])
        expect(canAccess(ROUTES.find((x) => x.name === r)!, caps)).toBe(true);
    }
    for (const r of ['frameworkImport', 'frameworkItemEdit', 'frameworkItemNew', 'positionProfileEdit']) {
      const route = ROUTES.find((x) => x.name === r)!;
      expect(canAccess(route, CAPS.methodologist)).toBe(true);
      expect(canAccess(route, CAPS.worker)).toBe(false);
      expect(canAccess(route, CAPS.admin)).toBe(false);
    }
  });

  it('matches the model routes; literal pages win over a version id', () => {
    expect(matchRoute('/kompetencni-model/porovnani')?.route.name).toBe('frameworkCompare');
    expect(matchRoute('/kompetencni-model/import')?.route.name).toBe('frameworkImport');
    const m = matchRoute('/kompetencni-model/3f6d2c1e-8a4b-4c7e-9d2f-51a0b7c9e6d4/kompetence/K3.2');
    expect(m?.route.name).toBe('frameworkCompetency');
    expect(m?.params).toEqual({ id: '3f6d2c1e-8a4b-4c7e-9d2f-51a0b7c9e6d4', code: 'K3.2' });
    expect(matchRoute('/profily-pozic/abc/upravit')?.route.name).toBe('positionProfileEdit');
    const n = matchRoute('/kompetencni-model/abc/nova-kompetence/d1');
    expect(n?.route.name).toBe('frameworkItemNew');
    expect(n?.params).toEqual({ id: 'abc', domainId: 'd1' });
    expect(navSection('frameworkCompetency')).toBe('framework');
    expect(navSection('positionProfile')).toBe('framework');
  });
});

describe('training routes', () => {
  it('the catalogue and its sessions are for everyone who browses it; my training for workers; team compliance for leads', () => {
    const route = (path: string) => matchRoute(path)!.route;
    expect(route('/katalog').soon).toBeFalsy();
    const s = matchRoute('/katalog/terminy/abc');
    expect(s?.route.name).toBe('catalogueSession');
    expect(s?.params).toEqual({ id: 'abc' });
    expect(canAccess(s!.route, CAPS.provider)).toBe(true);
    expect(canAccess(route('/moje-vzdelavani'), CAPS.worker)).toBe(true);
    expect(canAccess(route('/moje-vzdelavani'), CAPS.provider)).toBe(false);
    expect(canAccess(route('/tym/plneni'), CAPS.lead)).toBe(true);
    expect(canAccess(route('/tym/plneni'), CAPS.worker)).toBe(false);
    expect(navSection('catalogueSession')).toBe('catalogue');
    expect(navSection('teamCompliance')).toBe('team');
    expect(names(CAPS.provider)).not.toContain('training');
  });
});

describe('support log route', () => {
  it('/podpora is for workers (a lead is one too), not for a provider or a supervisor', () => {
    const route = matchRoute('/podpora')!.route;
    expect(route.name).toBe('support');
    expect(canAccess(route, CAPS.worker)).toBe(true);
    expect(canAccess(route, CAPS.lead)).toBe(true);
    expect(canAccess(route, CAPS.provider)).toBe(false);
    expect(names(CAPS.supervisor)).not.toContain('support');
  });
});

describe('supervision routes', () => {
  it('/supervize and a session page for workers, leads and supervisors, not for a provider', () => {
    const list = matchRoute('/supervize')!.route;
    expect(list.name).toBe('supervision');
    expect(list.soon).toBeFalsy();
    const one = matchRoute('/supervize/s1');
    expect(one).toMatchObject({ route: { name: 'supervisionSession' }, params: { id: 's1' } });
    for (const caps of [CAPS.worker, CAPS.lead, CAPS.supervisor]) {
      expect(canAccess(list, caps)).toBe(true);
      expect(canAccess(one!.route, caps)).toBe(true);
    }
    expect(canAccess(one!.route, CAPS.provider)).toBe(false);
    expect(navSection('supervisionSession')).toBe('supervision');
    expect(hrefOf('supervisionSession', { id: 's1' })).toBe('/supervize/s1');
  });
});

describe('provider routes', () => {
  it("the provider's courses, a new course, a course, its new session, a session and its edit page", () => {
    const at = (path: string) => matchRoute(path);
    expect(at('/moje-kurzy')?.route.soon).toBeFalsy();
    expect(at('/moje-kurzy/novy')?.route.name).toBe('courseNew');
    expect(at('/moje-kurzy/c1')).toMatchObject({ route: { name: 'course' }, params: { id: 'c1' } });
    expect(at('/moje-kurzy/c1/novy-termin')).toMatchObject({ route: { name: 'sessionNew' }, params: { id: 'c1' } });
    expect(at('/moje-kurzy/terminy/s1')).toMatchObject({ route: { name: 'providerSession' }, params: { id: 's1' } });
    expect(at('/moje-kurzy/terminy/s1/upravit')).toMatchObject({ route: { name: 'sessionEdit' }, params: { id: 's1' } });
    for (const name of ['courseNew', 'course', 'sessionNew', 'providerSession', 'sessionEdit'] as const) {
      const route = ROUTES.find((r) => r.name === name)!;
      expect(canAccess(route, CAPS.provider)).toBe(true);
      expect(canAccess(route, CAPS.worker)).toBe(false);
      expect(navSection(name)).toBe('courses');
    }
  });
});

describe('team supervision standing route', () => {
  it('/tym/supervize is for leads only, under the team in the navigation', () => {
    const route = matchRoute('/tym/supervize')!.route;
    expect(route.name).toBe('teamSupervision');
    expect(canAccess(route, CAPS.lead)).toBe(true);
    for (const caps of [CAPS.worker, CAPS.supervisor, CAPS.admin]) expect(canAccess(route, caps)).toBe(false);
    expect(navSection('teamSupervision')).toBe('team');
    expect(names(CAPS.lead)).not.toContain('teamSupervision');
  });
});

describe('calendar route', () => {
  it('every signed-in user keeps their calendar feeds at /kalendar', () => {
    const m = matchRoute('/kalendar');
    expect(m?.route.name).toBe('calendar');
    for (const caps of [...Object.values(CAPS), []]) {
      expect(canAccess(m!.route, caps)).toBe(true);
      expect(names(caps)).toContain('calendar');
    }
  });
});

describe('route matching', () => {
  it('matches literal paths', () => {
    expect(matchRoute('/')?.route.name).toBe('home');
    expect(matchRoute('/prihlaseni')?.route.name).toBe('signin');
    expect(matchRoute('/profil/')?.route.name).toBe('profile');
    expect(matchRoute('/profil?x=1')?.route.name).toBe('profile');
  });

  it('prefers literal segments over parameters', () => {
    expect(matchRoute('/sprava/organizace/nova')?.route.name).toBe('orgNew');
    expect(matchRoute('/sprava/uzivatele/novy')?.route.name).toBe('userNew');
    expect(matchRoute('/sprava/tymy/novy')?.route.name).toBe('teamNew');
  });

  it('extracts parameters', () => {
    const m = matchRoute('/sprava/organizace/0190a3b4-1111-7000-8000-000000000001');
    expect(m?.route.name).toBe('orgEdit');
    expect(m?.params.id).toBe('0190a3b4-1111-7000-8000-000000000001');
  });

  it('returns null for unknown paths', () => {
    expect(matchRoute('/nic')).toBeNull();
    expect(matchRoute('/sprava/organizace/a/b')).toBeNull();
    expect(matchRoute('/sprava/organizace/%E0%A4%A')).toBeNull();
  });

  it('checks access', () => {
    const orgs = ROUTES.find((r) => r.name === 'orgs')!;
    expect(canAccess(orgs, CAPS.admin)).toBe(true);
    expect(canAccess(orgs, CAPS.worker)).toBe(false);
    expect(canAccess(ROUTES.find((r) => r.name === 'profile')!, [])).toBe(true);
  });

  it('builds hrefs and sections', () => {
    expect(hrefOf('userEdit', { id: 'a b' })).toBe('/sprava/uzivatele/a%20b');
    expect(navSection('orgEdit')).toBe('orgs');
    expect(navSection('teamNew')).toBe('teams');
    expect(navSection('home')).toBe('home');
  });

  it('every route has a unique pattern', () => {
    expect(new Set(ROUTES.map((r) => r.pattern)).size).toBe(ROUTES.length);
  });
});
