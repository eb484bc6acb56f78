import { describe, expect, it } from 'vitest';
import type { FrameworkNode, FrameworkTree } from './api/types';
import {
  anchorOf,
  codeTaken,
  competenciesOf,
  focusAfterRemoval,
  levelsWithout,
  publishProblems,
  diffFrameworks,
  domainsOf,
  groupProfile,
  indicatorsBody,
  latestPublished,
  nextVersion,
  profileBody,
  searchTree,
} from './framework';
import { queryWords } from './fold';

function node(id: string, code: string, name_cs: string, extra: Partial<FrameworkNode> = {}): FrameworkNode {
  return {
    id,
    code,
    kind: extra.children ? 'domain' : 'competency',
    name_cs,
    name_en: `${name_cs} (en)`,
    description_cs: '',
    description_en: '',
    ...extra,
  };
}

const ind = (cs: string) => [{ text_cs: cs, text_en: `${cs} (en)` }];

function v1(): Pick<FrameworkTree, 'domains'> {
  return {
    domains: [
      node('d1', 'K1', 'Právní rámec', {
        kind: 'domain',
        children: [
          node('c11', 'K1.1', 'Zákon o SPOD', { indicators: { '1': ind('Vyhledá ustanovení'), '2': ind('Určí postup') } }),
          node('c12', 'K1.2', 'Správní řízení'),
        ],
      }),
      node('d2', 'K2', 'Vyhodnocování ohrožení', {
        kind: 'domain',
        description_cs: 'Bezpečí dítěte',
        children: [
          node('c21', 'K2.1', 'Posouzení rizika', {
            description_cs: 'Posoudí, zda rodiče trpí závislostí.',
            indicators: { '3': ind('Vyhodnotí riziko násilí') },
          }),
          node('c22', 'K2.2', 'Plán bezpečí'),
        ],
      }),
    ],
  };
}

describe('tree', () => {
  it('lists domains with their competencies, nested groups included', () => {
    const t = v1();
    t.domains[0].children![1].children = [node('c121', 'K1.2.1', 'Vnořená')];
    expect(domainsOf(t).map((d) => d.competencies.map((c) => c.code))).toEqual([
      ['K1.1', 'K1.2', 'K1.2.1'],
      ['K2.1', 'K2.2'],
    ]);
    expect(competenciesOf(v1())).toHaveLength(4);
  });

  it('suggests the next version label', () => {
    expect(nextVersion('1.0')).toBe('1.1');
    expect(nextVersion('2')).toBe('3');
    expect(nextVersion('2026.9')).toBe('2026.10');
    expect(nextVersion('beta')).toBe('beta-2');
  });

  it('anchors by code, else by id', () => {
    expect(anchorOf({ code: 'K3.2', id: 'x' })).toBe('K3.2');
    expect(anchorOf({ code: '', id: 'abc' })).toBe('abc');
    expect(anchorOf({ code: 'a b/c', id: 'abc' })).toBe('abc');
  });
});

describe('search', () => {
  const codes = (q: string) =>
    searchTree(v1(), queryWords(q), 'cs').domains.flatMap((d) => d.competencies.map((c) => c.code));

  it('blank query keeps everything', () => {
    const r = searchTree(v1(), [], 'cs');
    expect(r.count).toBe(4);
    expect(r.matchedInside.size).toBe(0);
  });

  it('finds by name, code, description and indicator, without diacritics', () => {
    expect(codes('rizik')).toEqual(['K2.1']);
    expect(codes('zavislost')).toEqual(['K2.1']);
    expect(codes('K1.2')).toEqual(['K1.2']);
    expect(codes('ustanoveni')).toEqual(['K1.1']);
    expect(codes('nic takoveho')).toEqual([]);
  });

  it('a match in the domain keeps the whole domain', () => {
    expect(codes('bezpeci')).toEqual(['K2.1', 'K2.2']);
  });

  it('words may match across the domain and the competency', () => {
    expect(codes('pravni spravni')).toEqual(['K1.2']);
  });

  it('opens competencies matched only inside (description or indicators)', () => {
    const r = searchTree(v1(), queryWords('nasili'), 'cs');
    expect([...r.matchedInside]).toEqual(['c21']);
    expect(searchTree(v1(), queryWords('posouzeni'), 'cs').matchedInside.size).toBe(0);
  });

  it('searches the English texts in English', () => {
    const r = searchTree(v1(), queryWords('(en)'), 'en');
    expect(r.count).toBe(4);
  });
});

describe('comparing versions', () => {
  it('the same version has no differences', () => {
    const d = diffFrameworks(v1(), v1());
    expect(d).toEqual({ added: [], removed: [], changed: [], unchanged: 4 });
  });

  it('matches competencies by id: renamed and recoded is a change, not remove + add', () => {
    const b = v1();
    const k11 = b.domains[0].children![0];
    k11.name_cs = 'Uplatňování zákona o SPOD';
    k11.code = 'K1.01';
    const d = diffFrameworks(v1(), b);
    expect(d.added).toEqual([]);
    expect(d.removed).toEqual([]);
    expect(d.changed.map((c) => [c.id, c.fields])).toEqual([['c11', ['code', 'name']]]);
    expect(d.changed[0].before.name_cs).toBe('Zákon o SPOD');
    expect(d.unchanged).toBe(3);
  });

  it('finds added, removed, changed indicators (with their levels), descriptions and moves', () => {
    const b = v1();
    b.domains[0].children!.splice(1, 1); // K1.2 removed
    const k21 = b.domains[1].children![0];
    k21.indicators = { '3': ind('Vyhodnotí riziko násilí a zanedbávání'), '4': ind('Učí kolegy') };
    k21.description_en = 'changed';
    const k22 = b.domains[1].children!.splice(1, 1)[0];
    b.domains[0].children!.push(k22); // K2.2 moved to K1
    b.domains[1].children!.push(node('c23', 'K2.3', 'Nová kompetence'));
    const d = diffFrameworks(v1(), b);
    expect(d.added.map((x) => [x.competency.code, x.domain.code])).toEqual([['K2.3', 'K2']]);
    expect(d.removed.map((x) => [x.competency.code, x.domain.code])).toEqual([['K1.2', 'K1']]);
    const byId = Object.fromEntries(d.changed.map((c) => [c.id, c]));
    expect(byId.c21.fields).toEqual(['description', 'indicators']);
    expect(byId.c21.levels).toEqual([3, 4]);
    expect(byId.c22.fields).toEqual(['domain']);
    expect(byId.c22.domainBefore.code).toBe('K2');
    expect(byId.c22.domainAfter.code).toBe('K1');
    expect(d.unchanged).toBe(1);
  });

  it('an empty and a missing level of indicators are the same', () => {
    const b = v1();
    b.domains[0].children![0].indicators = { ...b.domains[0].children![0].indicators, '4': [] };
    expect(diffFrameworks(v1(), b).changed).toEqual([]);
  });
});

describe('position profiles', () => {
  it('groups levels by domain; null is not applicable, absent is not set', () => {
    const g = groupProfile(v1(), [
      { competency_id: 'c11', level: 2 },
      { competency_id: 'c12', level: 3 },
      { competency_id: 'c21', level: null },
      { competency_id: 'unknown', level: 4 },
    ]);
    expect(g.map((d) => d.domain.code)).toEqual(['K1', 'K2']);
    expect(g[0].rows.map((r) => [r.competency.code, r.level])).toEqual([
      ['K1.1', 2],
      ['K1.2', 3],
    ]);
    expect(g[0].average).toBe(2.5);
    expect(g[1].rows.map((r) => r.level)).toEqual([null, undefined]);
    expect(g[1].average).toBeNull();
  });

  it('builds the PUT body: levels, not applicable, unset left out', () => {
    expect(profileBody({ a: '2', b: 'na', c: '', d: '7' })).toEqual({
      levels: [
        { competency_id: 'a', level: 2 },
        { competency_id: 'b', level: null },
      ],
    });
  });

  it('builds indicators from lines, pairing Czech and English by order', () => {
    const body = indicatorsBody({ 1: 'Jedna\n\n Dvě ', 2: '' }, { 1: 'One', 3: 'Three' });
    expect(body).toEqual({
      '1': [
        { text_cs: 'Jedna', text_en: 'One' },
        { text_cs: 'Dvě', text_en: '' },
      ],
      '2': [],
      '3': [{ text_cs: '', text_en: 'Three' }],
      '4': [],
    });
  });
});

describe('editing a draft', () => {
  it('reads a publishing refusal by competency and level, in the tree order', () => {
    const p = publishProblems(v1(), [
      { field: 'items/c12/indicators/3', code: 'required', message: 'K1.2 Správní řízení has no indicators for level 3.' },
      { field: 'items/c11/indicators/4', code: 'required', message: 'x' },
      { field: 'items/c12/indicators/1', code: 'required', message: 'x' },
      { field: 'items/gone/indicators/2', code: 'required', message: 'x' },
      { field: 'items', code: 'required', message: 'The framework has no competency.' },
      { field: 'version', code: 'unique', message: 'taken' },
    ]);
    expect(p.items.map((i) => [i.itemId, i.competency?.code ?? null, i.levels])).toEqual([
      ['c11', 'K1.1', [4]],
      ['c12', 'K1.2', [1, 3]],
      ['gone', null, [2]],
    ]);
    expect(p.empty).toBe(true);
    expect(p.other).toEqual([{ field: 'version', code: 'unique', message: 'taken' }]);
    expect(publishProblems(v1(), [])).toEqual({ items: [], empty: false, other: [] });
  });

  it('finds the levels without indicators', () => {
    expect(levelsWithout({ 1: 'a', 2: ' \n ', 3: '' }, { 3: 'c', 4: '' })).toEqual([2, 4]);
    expect(levelsWithout({ 1: 'a', 2: 'b', 3: 'c', 4: 'd' }, {})).toEqual([]);
  });

  it('knows the codes taken in the version, domains included', () => {
    expect(codeTaken(v1(), 'K1.2')).toBe(true);
    expect(codeTaken(v1(), ' K1 ')).toBe(true);
    expect(codeTaken(v1(), 'K1.2', 'c12')).toBe(false);
    expect(codeTaken(v1(), 'K1.9')).toBe(false);
    expect(codeTaken(v1(), '  ')).toBe(false);
  });

  it('moves focus to the next competency after a removal, else the previous one', () => {
    const s = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    expect(focusAfterRemoval(s, 'b')).toBe('c');
    expect(focusAfterRemoval(s, 'c')).toBe('b');
    expect(focusAfterRemoval([{ id: 'a' }], 'a')).toBe(null);
    expect(focusAfterRemoval(s, 'x')).toBe(null);
  });
});

describe('latestPublished', () => {
  const v = (id: string, status: 'draft' | 'published' | 'retired', published_on: string | null, source = 'shipped') => ({
    id,
    status,
    published_on,
    source,
  });
  it('is the published version published last, never a draft, a retired one or an imported package', () => {
    expect(
      latestPublished([
        v('a', 'published', '2025-01-10'),
        v('b', 'published', '2026-03-01'),
        v('c', 'draft', null),
        v('d', 'retired', '2026-06-01'),
        v('e', 'published', '2026-09-01', 'import'),
      ])?.id,
    ).toBe('b');
  });
  it('is null when nothing is published', () => {
    expect(latestPublished([v('c', 'draft', null)])).toBeNull();
  });
});
