import { describe, expect, it } from 'vitest';
import { cs } from './cs';
import { en } from './en';
import { formatDateIn, formatMessage, interpolate, pluralCategory, type PluralMessage } from './format';

describe('Czech plural rules', () => {
  it.each([
    [1, 'one'],
    [2, 'few'],
    [3, 'few'],
    [4, 'few'],
    [5, 'other'],
    [0, 'other'],
    [11, 'other'],
    [21, 'other'],
    [22, 'other'],
    [1.5, 'many'],
  ])('%s is %s', (n, cat) => {
    expect(pluralCategory('cs', n)).toBe(cat);
  });

  it('formats users.count correctly', () => {
    expect(formatMessage(cs['users.count'], 'cs', { count: 1 })).toBe('1 uživatel');
    expect(formatMessage(cs['users.count'], 'cs', { count: 2 })).toBe('2 uživatelé');
    expect(formatMessage(cs['users.count'], 'cs', { count: 4 })).toBe('4 uživatelé');
    expect(formatMessage(cs['users.count'], 'cs', { count: 5 })).toBe('5 uživatelů');
    expect(formatMessage(cs['users.count'], 'cs', { count: 0 })).toBe('0 uživatelů');
    expect(formatMessage(cs['users.count'], 'cs', { count: 1.5 })).toBe('1,5 uživatele');
  });

  it('formats teams and seconds', () => {
    expect(formatMessage(cs['teams.count'], 'cs', { count: 3 })).toBe('3 týmy');
    expect(formatMessage(cs['teams.count'], 'cs', { count: 12 })).toBe('12 týmů');
    expect(formatMessage(cs['signin.tooMany'], 'cs', { count: 1 })).toContain('1 sekundu');
    expect(formatMessage(cs['signin.tooMany'], 'cs', { count: 30 })).toContain('30 sekund.');
    expect(formatMessage(cs['signin.tooMany'], 'cs', { count: 2 })).toContain('2 sekundy');
  });

  it('groups thousands the Czech way', () => {
    expect(formatMessage(cs['users.count'], 'cs', { count: 10000 })).toBe('10\u00a0000 uživatelů');
  });
});

describe('English plural rules', () => {
  it('uses one/other', () => {
    expect(formatMessage(en['users.count'], 'en', { count: 1 })).toBe('1 user');
    expect(formatMessage(en['users.count'], 'en', { count: 2 })).toBe('2 users');
    expect(formatMessage(en['users.count'], 'en', { count: 1000 })).toBe('1,000 users');
  });
});

describe('interpolation', () => {
  it('replaces known placeholders and keeps unknown ones', () => {
    expect(interpolate('Dobrý den, {name}', { name: 'Jana' }, 'cs')).toBe('Dobrý den, Jana');
    expect(interpolate('{a} a {b}', { a: 'x' }, 'cs')).toBe('x a {b}');
    expect(interpolate('bez', undefined, 'cs')).toBe('bez');
  });

  it('falls back to other when a form is missing', () => {
    const m: PluralMessage = { other: '{count} x' };
    expect(formatMessage(m, 'cs', { count: 1 })).toBe('1 x');
  });
});

describe('dates', () => {
  it('formats a calendar date in Czech and English', () => {
    expect(formatDateIn('cs', '2024-03-01')).toBe('1. března 2024');
    expect(formatDateIn('en', '2024-03-01')).toBe('March 1, 2024');
    expect(formatDateIn('cs', null)).toBe('—');
    expect(formatDateIn('cs', 'nonsense')).toBe('nonsense');
  });
});
