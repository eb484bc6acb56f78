// Czech messages of the supervision policy (the organisation's edit page) and the team's standing against it
// (/tym/supervize); spread into cs.ts.
import type { Message } from './format';

export const standingCs = {
  'std.title': 'Supervize a podpora v týmu',
  'std.link': 'Supervize a podpora v týmu podle pravidel organizace',
  'std.intro': 'Jak tým plní pravidla supervize vaší organizace a kolik hodin supervize a profesní podpory měl v roce každý člen.',
  'std.notCounted':
    'Hodiny supervize a profesní podpory se nezapočítávají do povinného vzdělávání (§ 111 zákona č. 108/2006 Sb.) ani do jiných zákonných požadavků na vzdělávání.',
  'std.year': 'Rok',
  'std.rules': 'Pravidla organizace',
  'std.rule.team': {
    one: 'Týmová supervize nejméně každý týden.',
    few: 'Týmová supervize nejméně každé {count} týdny.',
    many: 'Týmová supervize nejméně každých {count} týdne.',
    other: 'Týmová supervize nejméně každých {count} týdnů.',
  },
  'std.rule.individual': {
    one: 'Individuální supervize nejméně {count} hodinu ročně na pracovníka.',
    few: 'Individuální supervize nejméně {count} hodiny ročně na pracovníka.',
    many: 'Individuální supervize nejméně {count} hodiny ročně na pracovníka.',
    other: 'Individuální supervize nejméně {count} hodin ročně na pracovníka.',
  },
  'std.rule.none': 'Organizace nemá stanovená pravidla supervize.',
  'std.teamSupervision': 'Týmová supervize',
  'std.lastHeld': 'Poslední proběhlá',
  'std.nextPlanned': 'Příští naplánovaná',
  'std.noSession': 'žádná',
  'std.longestGap': 'Nejdelší období bez ní',
  'std.gap': { one: '{count} den', few: '{count} dny', many: '{count} dne', other: '{count} dní' },
  'std.gapOf': {
    one: '{count} den (pravidlo: nejvýše {limit} dní)',
    few: '{count} dny (pravidlo: nejvýše {limit} dní)',
    many: '{count} dne (pravidlo: nejvýše {limit} dní)',
    other: '{count} dní (pravidlo: nejvýše {limit} dní)',
  },
  'std.gapHint': 'Od poslední týmové supervize před začátkem roku, nejdéle do dneška.',
  'std.teamState': 'Stav podle pravidla',
  'std.badge.within': 'v souladu s pravidlem',
  'std.badge.outside': 'mimo pravidlo',
  'std.badge.none': 'bez pravidla',
  'std.hours': 'Hodiny supervize v roce {year}',
  'std.hoursCaption': 'Hodiny supervize podle člověka a druhu a stav individuální supervize podle pravidla',
  'std.kind.individual': 'Individuální',
  'std.kind.group': 'Skupinová',
  'std.kind.team': 'Týmová',
  'std.kind.case': 'Případová',
  'std.individualState': 'Individuální supervize podle pravidla',
  'std.noPeople': 'Tým nemá žádné členy.',
  'std.support': 'Hodiny profesní podpory v roce {year}',
  // The policy form on the organisation's edit page.
  'std.policy.title': 'Pravidla supervize',
  'std.policy.intro':
    'Platí pro všechny týmy organizace; vedoucí týmů uvidí, kdo je v souladu. Prázdné pole znamená, že pravidlo neplatí.',
  'std.policy.current': 'Nyní platí',
  'std.policy.updated': 'Naposledy změněno {date}.',
  'std.policy.weeks': 'Týmová supervize nejméně každých … týdnů',
  'std.policy.weeksHint': 'Celý počet týdnů od 1 do 52.',
  'std.policy.hours': 'Individuální supervize … hodin ročně na pracovníka',
  'std.policy.hoursHint': 'Hodiny za kalendářní rok, například 4 nebo 2,5 (nejvýše 200).',
  'std.policy.save': 'Uložit pravidla',
  'std.policy.saved': 'Pravidla supervize jsou uložená.',
  'std.policy.conflict':
    'Pravidla mezitím změnil někdo jiný; nahoře vidíte, co platí teď. Vaše hodnoty zůstaly ve formuláři – pokud mají platit, uložte je znovu.',
  'std.err.weeks': 'Zadejte celý počet týdnů od 1 do 52, nebo pole nechte prázdné.',
  'std.err.hours': 'Zadejte počet hodin větší než 0 a nejvýše 200 (nejvýše dvě desetinná místa), nebo pole nechte prázdné.',
} satisfies Record<string, Message>;
