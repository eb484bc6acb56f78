// The route table and the navigation, both driven by capabilities from /api/v1/me. Pure: unit-tested.
import type { Capability } from './api/types';
import type { MessageKey } from './i18n/cs';

export type RouteName =
  | 'signin'
  | 'invitation'
  | 'home'
  | 'profile'
  | 'assessment'
  | 'assessmentView'
  | 'plan'
  | 'planView'
  | 'notifications'
  | 'calendar'
  | 'catalogue'
  | 'catalogueSession'
  | 'training'
  | 'teamCompliance'
  | 'teamSupervision'
  | 'team'
  | 'teamReviews'
  | 'teamReview'
  | 'teamPerson'
  | 'teamPlan'
  | 'courses'
  | 'courseNew'
  | 'course'
  | 'sessionNew'
  | 'providerSession'
  | 'sessionEdit'
  | 'supervision'
  | 'supervisionSession'
  | 'support'
  | 'framework'
  | 'frameworkView'
  | 'frameworkCompetency'
  | 'frameworkCompare'
  | 'frameworkImport'
  | 'frameworkItemEdit'
  | 'frameworkItemNew'
  | 'positionProfiles'
  | 'positionProfile'
  | 'positionProfileEdit'
  | 'indicators'
  | 'orgs'
  | 'orgNew'
  | 'orgEdit'
  | 'teams'
  | 'teamNew'
  | 'teamEdit'
  | 'users'
  | 'userNew'
  | 'userEdit';

export interface RouteDef {
  name: RouteName;
  pattern: string;
  /** The page title's message key. */
  title: MessageKey;
  /** Signed-in users holding any of these may open it; absent = every signed-in user. */
  anyOf?: Capability[];
  /** Reachable without signing in. */
  public?: boolean;
  /** A feature not built yet: shows the "coming soon" page. */
  soon?: boolean;
}

export const ROUTES: readonly RouteDef[] = [
  { name: 'signin', pattern: '/prihlaseni', title: 'signin.title', public: true },
  { name: 'invitation', pattern: '/nastavit-heslo', title: 'invite.title', public: true },
  { name: 'home', pattern: '/', title: 'nav.home' },
  { name: 'profile', pattern: '/profil', title: 'nav.profile' },
  { name: 'notifications', pattern: '/oznameni', title: 'nav.notifications' },
  { name: 'calendar', pattern: '/kalendar', title: 'cal.title' },
  { name: 'assessment', pattern: '/moje-hodnoceni', title: 'nav.assessment', anyOf: ['self.development'] },
  { name: 'assessmentView', pattern: '/moje-hodnoceni/:id', title: 'nav.assessment', anyOf: ['self.development'] },
  { name: 'plan', pattern: '/muj-plan', title: 'nav.plan', anyOf: ['self.development'] },
  { name: 'planView', pattern: '/muj-plan/:id', title: 'nav.plan', anyOf: ['self.development'] },
  { name: 'catalogue', pattern: '/katalog', title: 'nav.catalogue', anyOf: ['catalogue.browse'] },
  { name: 'catalogueSession', pattern: '/katalog/terminy/:id', title: 'tr.session', anyOf: ['catalogue.browse'] },
  { name: 'training', pattern: '/moje-vzdelavani', title: 'tr.nav.mine', anyOf: ['self.development'] },
  { name: 'support', pattern: '/podpora', title: 'sup.title', anyOf: ['self.development'] },
  { name: 'team', pattern: '/muj-tym', title: 'nav.team', anyOf: ['team.lead'] },
  { name: 'teamReviews', pattern: '/tym/hodnoceni', title: 'review.listTitle', anyOf: ['team.lead'] },
  { name: 'teamReview', pattern: '/tym/hodnoceni/:id', title: 'review.title', anyOf: ['team.lead'] },
  { name: 'teamPerson', pattern: '/tym/lide/:id', title: 'nav.team', anyOf: ['team.lead'] },
  { name: 'teamPlan', pattern: '/tym/plany/:id', title: 'plan.reviewTitle', anyOf: ['team.lead'] },
  { name: 'teamCompliance', pattern: '/tym/plneni', title: 'tr.team.title', anyOf: ['team.lead'] },
  { name: 'teamSupervision', pattern: '/tym/supervize', title: 'std.title', anyOf: ['team.lead'] },
  { name: 'courses', pattern: '/moje-kurzy', title: 'nav.courses', anyOf: ['training.provide'] },
  { name: 'courseNew', pattern: '/moje-kurzy/novy', title: 'pv.newCourse', anyOf: ['training.provide'] },
  { name: 'course', pattern: '/moje-kurzy/:id', title: 'pv.courseTitle', anyOf: ['training.provide'] },
  { name: 'sessionNew', pattern: '/moje-kurzy/:id/novy-termin', title: 'pv.newSession', anyOf: ['training.provide'] },
  { name: 'providerSession', pattern: '/moje-kurzy/terminy/:id', title: 'pv.sessionTitle', anyOf: ['training.provide'] },
  { name: 'sessionEdit', pattern: '/moje-kurzy/terminy/:id/upravit', title: 'pv.editSession', anyOf: ['training.provide'] },
  { name: 'supervision', pattern: '/supervize', title: 'nav.supervision', anyOf: ['supervision.run', 'team.lead', 'self.development'] },
  {
    name: 'supervisionSession',
    pattern: '/supervize/:id',
    title: 'spv.sessionTitle',
    anyOf: ['supervision.run', 'team.lead', 'self.development'],
  },
  // The model is read by everyone (workers assess themselves against it); methodologists also keep it.
  { name: 'framework', pattern: '/kompetencni-model', title: 'nav.framework' },
  { name: 'frameworkCompare', pattern: '/kompetencni-model/porovnani', title: 'fw.compare.title' },
  {
    name: 'frameworkImport',
    pattern: '/kompetencni-model/import',
    title: 'fw.import.title',
    anyOf: ['framework.manage'],
  },
  { name: 'frameworkView', pattern: '/kompetencni-model/:id', title: 'nav.framework' },
  { name: 'frameworkCompetency', pattern: '/kompetencni-model/:id/kompetence/:code', title: 'nav.framework' },
  {
    name: 'frameworkItemEdit',
    pattern: '/kompetencni-model/:id/upravit/:itemId',
    title: 'fw.edit.title',
    anyOf: ['framework.manage'],
  },
  {
    name: 'frameworkItemNew',
    pattern: '/kompetencni-model/:id/nova-kompetence/:domainId',
    title: 'fw.add.submit',
    anyOf: ['framework.manage'],
  },
  { name: 'positionProfiles', pattern: '/profily-pozic', title: 'prof.title' },
  { name: 'positionProfile', pattern: '/profily-pozic/:id', title: 'prof.title' },
  {
    name: 'positionProfileEdit',
    pattern: '/profily-pozic/:id/upravit',
    title: 'prof.edit.title',
    anyOf: ['framework.manage'],
  },
  // An organisation's admin sees that organisation's indicators on the same page.
  {
    name: 'indicators',
    pattern: '/ukazatele',
    title: 'nav.indicators',
    anyOf: ['indicators.region', 'admin.organizations'],
  },
  { name: 'orgs', pattern: '/sprava/organizace', title: 'orgs.title', anyOf: ['admin.organizations'] },
  { name: 'orgNew', pattern: '/sprava/organizace/nova', title: 'orgs.new', anyOf: ['admin.organizations'] },
  { name: 'orgEdit', pattern: '/sprava/organizace/:id', title: 'orgs.edit', anyOf: ['admin.organizations'] },
  { name: 'teams', pattern: '/sprava/tymy', title: 'teams.title', anyOf: ['admin.teams'] },
  { name: 'teamNew', pattern: '/sprava/tymy/novy', title: 'teams.new', anyOf: ['admin.teams'] },
  { name: 'teamEdit', pattern: '/sprava/tymy/:id', title: 'teams.edit', anyOf: ['admin.teams'] },
  { name: 'users', pattern: '/sprava/uzivatele', title: 'users.title', anyOf: ['admin.users'] },
  { name: 'userNew', pattern: '/sprava/uzivatele/novy', title: 'users.new', anyOf: ['admin.users'] },
  { name: 'userEdit', pattern: '/sprava/uzivatele/:id', title: 'users.edit', anyOf: ['admin.users'] },
];

export interface Match {
  route: RouteDef;
  params: Record<string, string>;
}

function normalize(path: string): string {
  const p = path.split(/[?#]/)[0] || '/';
  return p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p;
}

/** Matches a path to a route; literal segments win over :params (so /nova is not an :id). */
export function matchRoute(path: string): Match | null {
  const segs = normalize(path).split('/').slice(1);
  let best: Match | null = null;
  let bestScore = -1;
  for (const route of ROUTES) {
    const rsegs = route.pattern.split('/').slice(1);
    if (rsegs.length !== segs.length) continue;
    const params: Record<string, string> = {};
    let score = 0;
    let ok = true;
    for (let i = 0; i < rsegs.length; i++) {
      const r = rsegs[i];
      const s = segs[i];
      if (r.startsWith(':')) {
        if (!s) {
          ok = false;
          break;
        }
        try {
          params[r.slice(1)] = decodeURIComponent(s);
        } catch {
          ok = false;
          break;
        }
      } else if (r === s) {
        score++;
      } else {
        ok = false;
        break;
      }
    }
    if (ok && score > bestScore) {
      best = { route, params };
      bestScore = score;
    }
  }
  return best;
}

export function canAccess(route: RouteDef, capabilities: readonly string[]): boolean {
  if (route.public || !route.anyOf) return true;
  return route.anyOf.some((c) => capabilities.includes(c));
}

export function hrefOf(name: RouteName, params: Record<string, string> = {}): string {
  const route = ROUTES.find((r) => r.name === name);
  if (!route) throw new Error(`unknown route ${name}`);
  return route.pattern.replace(/:(\w+)/g, (_, k: string) => encodeURIComponent(params[k] ?? ''));
}

export interface NavItem {
  name: RouteName;
  href: string;
  label: MessageKey;
}

export interface NavGroup {
  id: 'main' | 'admin';
  label: MessageKey;
  items: NavItem[];
}

const MAIN_NAV: readonly RouteName[] = [
  'home',
  'assessment',
  'plan',
  'training',
  'team',
  'courses',
  'supervision',
  'support',
  'catalogue',
  'framework',
  'indicators',
  'calendar',
  'profile',
];
const ADMIN_NAV: readonly RouteName[] = ['orgs', 'teams', 'users'];

const NAV_LABELS: Partial<Record<RouteName, MessageKey>> = {
  orgs: 'nav.orgs',
  teams: 'nav.teams',
  users: 'nav.users',
};

/** The navigation a user with these capabilities sees; empty groups are left out. */
export function navFor(capabilities: readonly string[]): NavGroup[] {
  const build = (names: readonly RouteName[]): NavItem[] =>
    names
      .map((n) => ROUTES.find((r) => r.name === n))
      .filter((r): r is RouteDef => !!r && canAccess(r, capabilities))
      .map((r) => ({ name: r.name, href: r.pattern, label: NAV_LABELS[r.name] ?? r.title }));
  const groups: NavGroup[] = [
    { id: 'main', label: 'nav.main', items: build(MAIN_NAV) },
    { id: 'admin', label: 'nav.admin', items: build(ADMIN_NAV) },
  ];
  return groups.filter((g) => g.items.length > 0);
}

/** The nav item to mark as current for a route (edit pages belong to their list). */
export function navSection(name: RouteName): RouteName {
  if (name === 'orgNew' || name === 'orgEdit') return 'orgs';
  if (name === 'teamNew' || name === 'teamEdit') return 'teams';
  if (name === 'userNew' || name === 'userEdit') return 'users';
  if (name.startsWith('framework') || name.startsWith('positionProfile')) return 'framework';
  if (name === 'assessmentView') return 'assessment';
  if (name === 'planView') return 'plan';
  if (name === 'teamReviews' || name === 'teamReview' || name === 'teamPerson' || name === 'teamPlan') return 'team';
  if (name === 'teamCompliance' || name === 'teamSupervision') return 'team';
  if (name === 'catalogueSession') return 'catalogue';
  if (name === 'supervisionSession') return 'supervision';
  if (['courseNew', 'course', 'sessionNew', 'providerSession', 'sessionEdit'].includes(name)) return 'courses';
  return name;
}
