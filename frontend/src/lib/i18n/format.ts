// Pure message formatting: interpolation of {name} placeholders and plural forms by Intl.PluralRules.

/** A plural message: forms by CLDR category. Czech uses one/few/many/other, English one/other. */
export interface PluralMessage {
  zero?: string;
  one?: string;
  two?: string;
  few?: string;
  many?: string;
  other: string;
}

export type Message = string | PluralMessage;
export type Params = Record<string, string | number>;

const rulesCache = new Map<string, Intl.PluralRules>();

export function pluralCategory(lang: string, count: number): Intl.LDMLPluralRule {
  let rules = rulesCache.get(lang);
  if (!rules) {
    rules = new Intl.PluralRules(lang);
    rulesCache.set(lang, rules);
  }
  return rules.select(count);
}

export function interpolate(template: string, params: Params | undefined, lang: string): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    if (v === undefined) return whole;
    return typeof v === 'number' ? new Intl.NumberFormat(lang).format(v) : v;
  });
}

/** Formats a message; a plural message needs params.count (a number). */
export function formatMessage(message: Message, lang: string, params?: Params): string {
  if (typeof message === 'string') return interpolate(message, params, lang);
  const count = params?.count;
  const n = typeof count === 'number' ? count : Number(count ?? 0);
  const form = message[pluralCategory(lang, n)] ?? message.other;
  return interpolate(form, params, lang);
}

/** A calendar date (YYYY-MM-DD) or an RFC 3339 time as a long local date; '—' for none. */
export function formatDateIn(lang: string, iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T00:00:00`) : new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'long', year: 'numeric' }).format(d);
}
