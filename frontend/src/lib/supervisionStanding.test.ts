import { describe, expect, it } from 'vitest';
import { cs } from './i18n/cs';
import { en } from './i18n/en';
import { formatMessage } from './i18n/format';
import {
  badge,
  formatHours,
  gapWords,
  inputText,
  parseHours,
  parseWeeks,
  policyWords,
  readPolicyForm,
  totalHours,
  type Words,
} from './supervisionStanding';

const say = (w: Words, lang: 'cs' | 'en' = 'cs') => formatMessage((lang === 'cs' ? cs : en)[w.key], lang, w.params);

describe('supervision policy in words', () => {
  it('says each rule in Czech with the right plural, and in English', () => {
    const words = policyWords({ team_interval_weeks: 8, individual_hours: 4 });
    expect(words.map((w) => say(w))).toEqual([
      'Týmová supervize nejméně každých 8 týdnů.',
      'Individuální supervize nejméně 4 hodiny ročně na pracovníka.',
    ]);
    expect(words.map((w) => say(w, 'en'))).toEqual([
      'Team supervision at least every 8 weeks.',
      'Individual supervision at least 4 hours a year per worker.',
    ]);
    expect(policyWords({ team_interval_weeks: 1, individual_hours: 1 }).map((w) => say(w))).toEqual([
      'Týmová supervize nejméně každý týden.',
      'Individuální supervize nejméně 1 hodinu ročně na pracovníka.',
    ]);
    expect(say(policyWords({ team_interval_weeks: 3, individual_hours: null })[0])).toBe('Týmová supervize nejméně každé 3 týdny.');
    expect(say(policyWords({ team_interval_weeks: null, individual_hours: 2.5 })[0])).toBe(
      'Individuální supervize nejméně 2,5 hodiny ročně na pracovníka.',
    );
    expect(say(policyWords({ team_interval_weeks: null, individual_hours: 12 })[0])).toBe(
      'Individuální supervize nejméně 12 hodin ročně na pracovníka.',
    );
  });

  it('says there is no policy when it has no rules or is null', () => {
    expect(policyWords(null)).toEqual([{ key: 'std.rule.none' }]);
    expect(policyWords({ team_interval_weeks: null, individual_hours: null })).toEqual([{ key: 'std.rule.none' }]);
  });

  it('gives the longest gap, with the limit in days under a rule', () => {
    expect(say(gapWords(48, 8))).toBe('48 dní (pravidlo: nejvýše 56 dní)');
    expect(say(gapWords(1, 8))).toBe('1 den (pravidlo: nejvýše 56 dní)');
    expect(say(gapWords(3, null))).toBe('3 dny');
    expect(say(gapWords(0, null), 'en')).toBe('0 days');
  });
});

describe('the policy badge', () => {
  it('has words and an icon for each state, not colour alone', () => {
    expect(badge(true)).toMatchObject({ state: 'within', icon: '✓', key: 'std.badge.within' });
    expect(badge(false)).toMatchObject({ state: 'outside', icon: '✗', key: 'std.badge.outside' });
    expect(badge(null)).toMatchObject({ state: 'none', key: 'std.badge.none' });
    const icons = [true, false, null].map((w) => badge(w).icon);
    expect(new Set(icons).size).toBe(3);
  });
});

describe('hours', () => {
  it('are written to two decimals in the language', () => {
    expect(formatHours('cs', 1.5)).toBe('1,5');
    expect(formatHours('en', 1.5)).toBe('1.5');
    expect(formatHours('cs', 0)).toBe('0');
    expect(formatHours('cs', 4 / 3)).toBe('1,33');
    expect(formatHours('cs', 1234.5)).toBe('1\u00a0234,5');
  });

  it('add up across the kinds without float noise', () => {
    expect(totalHours({ individual: 0.1, group: 0.2, team: 10, case: 0 })).toBe(10.3);
    expect(totalHours({ individual: 0, group: 0, team: 0, case: 0 })).toBe(0);
  });
});

describe('the policy form', () => {
  it('reads weeks: empty is no rule, else whole weeks from 1 to 52', () => {
    expect(parseWeeks('')).toEqual({ value: null });
    expect(parseWeeks('  ')).toEqual({ value: null });
    expect(parseWeeks(' 8 ')).toEqual({ value: 8 });
    expect(parseWeeks('52')).toEqual({ value: 52 });
    for (const bad of ['0', '53', '-1', '2,5', '8 týdnů', 'abc']) expect(parseWeeks(bad), bad).toEqual({ error: 'std.err.weeks' });
  });

  it('reads hours with a decimal comma or point, above 0 up to 200', () => {
    expect(parseHours('')).toEqual({ value: null });
    expect(parseHours('4')).toEqual({ value: 4 });
    expect(parseHours('2,5')).toEqual({ value: 2.5 });
    expect(parseHours('2.25')).toEqual({ value: 2.25 });
    expect(parseHours('200')).toEqual({ value: 200 });
    for (const bad of ['0', '0,0', '200,01', '1,234', '-3', '1e2', 'čtyři']) expect(parseHours(bad), bad).toEqual({ error: 'std.err.hours' });
  });

  it('gives the body, or every field that is wrong by its API name', () => {
    expect(readPolicyForm('8', '4')).toEqual({ body: { team_interval_weeks: 8, individual_hours: 4 } });
    expect(readPolicyForm('', '')).toEqual({ body: { team_interval_weeks: null, individual_hours: null } });
    expect(readPolicyForm('60', '0')).toEqual({
      errors: { team_interval_weeks: 'std.err.weeks', individual_hours: 'std.err.hours' },
    });
    expect(readPolicyForm('8', 'x')).toEqual({ errors: { individual_hours: 'std.err.hours' } });
  });

  it('shows a rule in the input as typed in the language', () => {
    expect(inputText('cs', 2.5)).toBe('2,5');
    expect(inputText('en', 2.5)).toBe('2.5');
    expect(inputText('cs', 8)).toBe('8');
    expect(inputText('cs', null)).toBe('');
  });
});
