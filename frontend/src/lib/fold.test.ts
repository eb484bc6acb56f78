import { describe, expect, it } from 'vitest';
import { fold, highlight, matchesAll, queryWords } from './fold';

describe('search folding', () => {
  it('ignores case and Czech diacritics', () => {
    expect(fold('Riziko')).toBe('riziko');
    expect(fold('Závislost ŽLUŤOUČKÝ kůň úpěl ďábelské ódy')).toBe('zavislost zlutoucky kun upel dabelske ody');
  });

  it('keeps the length, so matches can be marked in the original', () => {
    const s = 'Příliš žluťoučký kůň';
    expect(fold(s)).toHaveLength(s.length);
  });

  it('splits a query into folded words', () => {
    expect(queryWords('  Rizik  ZÁVISLOST ')).toEqual(['rizik', 'zavislost']);
    expect(queryWords('   ')).toEqual([]);
  });

  it('"rizik" finds "Riziko", "zavislost" finds "závislost", all words must occur', () => {
    expect(matchesAll(queryWords('rizik'), ['Riziko pro dítě'])).toBe(true);
    expect(matchesAll(queryWords('zavislost'), ['Rodiče se závislostí'])).toBe(true);
    expect(matchesAll(queryWords('rizik zavislost'), ['Riziko', 'závislost rodičů'])).toBe(true);
    expect(matchesAll(queryWords('rizik soud'), ['Riziko'])).toBe(false);
    expect(matchesAll([], ['cokoli'])).toBe(true);
  });

  it('marks every occurrence of every word in the original text', () => {
    expect(highlight('Riziko a rizika', ['rizik'])).toEqual([
      { text: 'Rizik', hit: true },
      { text: 'o a ', hit: false },
      { text: 'rizik', hit: true },
      { text: 'a', hit: false },
    ]);
    expect(highlight('Závislost', ['zav'])).toEqual([
      { text: 'Záv', hit: true },
      { text: 'islost', hit: false },
    ]);
    expect(highlight('text', [])).toEqual([{ text: 'text', hit: false }]);
    expect(highlight('', ['x'])).toEqual([]);
  });
});
