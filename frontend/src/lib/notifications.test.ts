import { describe, expect, it } from 'vitest';
import { cs } from './i18n/cs';
import { en } from './i18n/en';
import { formatMessage, type Params } from './i18n/format';
import type { MessageKey } from './i18n/cs';
import { NOTIFICATION_KINDS, notificationHref, notificationText } from './notifications';

const tr = (cat: Record<string, unknown>, lang: string) => (key: MessageKey, params?: Params) =>
  formatMessage(cat[key] as string, lang, params);
const date = (iso: string) => `«${iso}»`;

describe('notification texts', () => {
  it('words every kind in Czech and English, with the actor', () => {
    for (const kind of NOTIFICATION_KINDS) {
      const n = { kind, params: { due: '2027-01-31', person_name: 'Jana Nováková', period_start: '2026-01-01', period_end: '2026-12-31', course: 'Kurz', date: '2026-12-03', time: '09:00', position: '2' }, actor_name: 'Petra Svobodová' };
      for (const [cat, lang] of [[cs, 'cs'], [en, 'en']] as const) {
        const text = notificationText(n, tr(cat, lang), date);
        expect(text, `${kind} ${lang}`).not.toMatch(/\{\w+\}/);
        expect(text.length).toBeGreaterThan(10);
      }
    }
  });

  it('fills the params', () => {
    const t = tr(cs, 'cs');
    expect(notificationText({ kind: 'assessment.submitted', params: {}, actor_name: 'Jana' }, t, date)).toBe('Jana odevzdal(a) sebehodnocení k posouzení.');
    expect(notificationText({ kind: 'assessment.due', params: { due: '2027-01-31' }, actor_name: null }, t, date)).toBe('Vaše další sebehodnocení má být hotové do «2027-01-31».');
    expect(notificationText({ kind: 'plan.approved', params: { period_start: '2026-01-01', period_end: '2026-12-31' }, actor_name: 'Petra' }, t, date)).toBe(
      'Petra schválil(a) váš plán vzdělávání («2026-01-01» – «2026-12-31»).',
    );
    expect(notificationText({ kind: 'assessment.reviewed', params: {}, actor_name: null }, t, date)).toMatch(/^Někdo /);
    expect(notificationText({ kind: 'registration.waitlisted', params: { course: 'Rozhovor s dítětem', date: '2026-12-03', time: '09:00', position: '3' }, actor_name: null }, t, date)).toBe(
      'Kurz Rozhovor s dítětem («2026-12-03» 09:00) je plný; jste 3. v pořadí náhradníků.',
    );
    expect(notificationText({ kind: 'external_training.rejected', params: { title: 'Supervize', hours: '8', reason: 'Jiné jméno.' }, actor_name: 'Petra' }, t, date)).toBe(
      'Petra zamítl(a) vaše vzdělávání Supervize: Jiné jméno.',
    );
    expect(notificationText({ kind: 'nothing.known', params: {}, actor_name: null }, t, date)).toBe('Nové oznámení');
  });

  it('links inside the app only', () => {
    expect(notificationHref({ link: '/tym/hodnoceni/1' })).toBe('/tym/hodnoceni/1');
    expect(notificationHref({ link: 'https://evil.example/' })).toBe('/oznameni');
    expect(notificationHref({ link: '//evil.example/' })).toBe('/oznameni');
    expect(notificationHref({ link: '' })).toBe('/oznameni');
  });

  it('every kind has an e-mail preference label', () => {
    for (const kind of NOTIFICATION_KINDS) expect(Object.keys(cs)).toContain(`notif.pref.${kind}`);
  });
});
