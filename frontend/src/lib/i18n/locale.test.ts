import { beforeEach, describe, expect, it } from 'vitest';
import { locale, setLang, t } from './index.svelte';

describe('language switch', () => {
  beforeEach(() => {
    const store = new Map<string, string>();
    globalThis.localStorage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
      removeItem: (k: string) => void store.delete(k),
      clear: () => store.clear(),
      key: () => null,
      get length() {
        return store.size;
      },
    } as Storage;
  });

  it('starts in Czech and switches to English, persisting the choice', () => {
    setLang('cs');
    expect(t('nav.signout')).toBe('Odhlásit se');
    setLang('en');
    expect(locale.lang).toBe('en');
    expect(t('nav.signout')).toBe('Sign out');
    expect(localStorage.getItem('rozvoj.lang')).toBe('en');
    expect(t('users.count', { count: 5 })).toBe('5 users');
    setLang('cs');
    expect(t('users.count', { count: 5 })).toBe('5 uživatelů');
  });

  it('returns the key for an unknown message', () => {
    expect(t('no.such.key' as never)).toBe('no.such.key');
  });
});
