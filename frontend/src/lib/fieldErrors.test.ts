import { describe, expect, it } from 'vitest';
import { KNOWN_CODES, wordFieldError } from './fieldErrors';
import { setLang } from './i18n/index.svelte';

describe('wordFieldError', () => {
  it('has Czech and English wording for every known code', () => {
    for (const lang of ['cs', 'en'] as const) {
      setLang(lang);
      for (const code of KNOWN_CODES) {
        const s = wordFieldError(code, 'server');
        expect(s, `${lang} ${code}`).not.toBe(`fieldError.${code}`);
        expect(s, `${lang} ${code}`).not.toBe('server');
      }
    }
    setLang('cs');
    expect(wordFieldError('ico', 'x')).toMatch(/^IČO není platné/);
  });

  it('falls back to the server message', () => {
    expect(wordFieldError(undefined, 'Server says no.')).toBe('Server says no.');
    expect(wordFieldError('something_new', 'Server says no.')).toBe('Server says no.');
  });
});
