// The reactive language: t() reads locale.lang ($state), so templates re-render when it changes.
import { cs, type MessageKey } from './cs';
import { en } from './en';
import { formatDateIn, formatMessage, type Message, type Params } from './format';

export type Lang = 'cs' | 'en';
export const LANGS: readonly Lang[] = ['cs', 'en'];
const STORAGE_KEY = 'rozvoj.lang';

const catalogues: Record<Lang, Record<MessageKey, Message>> = { cs, en };

function initialLang(): Lang {
  try {
    const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (saved === 'cs' || saved === 'en') return saved;
  } catch {
    // storage may be unavailable
  }
  return 'cs';
}

export const locale = $state<{ lang: Lang }>({ lang: initialLang() });

export function setLang(lang: Lang): void {
  locale.lang = lang;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lang);
  } catch {
    // ignore
  }
  applyLang();
}

/** Sets <html lang> to the current language. */
export function applyLang(): void {
  if (typeof document !== 'undefined') document.documentElement.lang = locale.lang;
}

export function t(key: MessageKey, params?: Params): string {
  const msg = catalogues[locale.lang][key] ?? cs[key];
  if (msg === undefined) return key;
  return formatMessage(msg, locale.lang, params);
}

export function formatDate(iso: string | null | undefined): string {
  return formatDateIn(locale.lang, iso);
}

export function formatNumber(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  return new Intl.NumberFormat(locale.lang, { maximumFractionDigits: 2 }).format(n);
}
