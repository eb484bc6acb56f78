// The supervision policy and standing pages' pure logic: the policy in words, the within/outside badge, hours as
// numbers, and reading the policy form's two inputs. Unit-tested.
import type { PolicyInput, SupervisionHours } from './api/supervisionPolicy';
import type { MessageKey } from './i18n/cs';

/** A message to show: its key and parameters. */
export interface Words {
  key: MessageKey;
  params?: Record<string, number>;
}

/** The policy as sentences, one per rule; one sentence saying there is none when it has no rules. */
export function policyWords(policy: PolicyInput | null): Words[] {
  const out: Words[] = [];
  if (policy?.team_interval_weeks != null) out.push({ key: 'std.rule.team', params: { count: policy.team_interval_weeks } });
  if (policy?.individual_hours != null) out.push({ key: 'std.rule.individual', params: { count: policy.individual_hours } });
  return out.length ? out : [{ key: 'std.rule.none' }];
}

export type BadgeState = 'within' | 'outside' | 'none';

export interface Badge {
  state: BadgeState;
  /** Shown before the words, so the state never rests on colour alone. */
  icon: string;
  key: MessageKey;
  /** The training pages' badge colours. */
  className: string;
}

/** The badge of a within_policy answer: null means the policy has no such rule. */
export function badge(within: boolean | null): Badge {
  if (within === true) return { state: 'within', icon: '✓', key: 'std.badge.within', className: 'tr-state-met' };
  if (within === false) return { state: 'outside', icon: '✗', key: 'std.badge.outside', className: 'tr-state-missed' };
  return { state: 'none', icon: '–', key: 'std.badge.none', className: '' };
}

/** The longest gap in words, with the rule's limit in days when there is one. */
export function gapWords(days: number, weeks: number | null): Words {
  return weeks == null ? { key: 'std.gap', params: { count: days } } : { key: 'std.gapOf', params: { count: days, limit: weeks * 7 } };
}

/** Hours to at most two decimals in the language's way ("1,5" in Czech). */
export function formatHours(lang: string, hours: number): string {
  return new Intl.NumberFormat(lang, { maximumFractionDigits: 2 }).format(Math.round(hours * 100) / 100);
}

/** All supervision hours of a person, to two decimals (so that 0.1 + 0.2 stays 0.3). */
export function totalHours(h: SupervisionHours): number {
  return Math.round((h.individual + h.group + h.team + h.case) * 100) / 100;
}

export const MAX_WEEKS = 52;
export const MAX_HOURS = 200;

export type Parsed = { value: number | null; error?: undefined } | { value?: undefined; error: MessageKey };

/** The weeks input: empty = no rule, else whole weeks from 1 to MAX_WEEKS. */
export function parseWeeks(text: string): Parsed {
  const s = text.trim();
  if (!s) return { value: null };
  const n = /^\d+$/.test(s) ? Number(s) : NaN;
  return n >= 1 && n <= MAX_WEEKS ? { value: n } : { error: 'std.err.weeks' };
}

/** The hours input: empty = no rule, else more than 0 up to MAX_HOURS, with a decimal comma or point. */
export function parseHours(text: string): Parsed {
  const s = text.trim().replace(',', '.');
  if (!s) return { value: null };
  const n = /^\d+(\.\d{1,2})?$/.test(s) ? Number(s) : NaN;
  return n > 0 && n <= MAX_HOURS ? { value: n } : { error: 'std.err.hours' };
}

/** A rule's value as the input shows it: empty for no rule, a decimal comma in Czech. */
export function inputText(lang: string, value: number | null): string {
  if (value == null) return '';
  return lang === 'cs' ? String(value).replace('.', ',') : String(value);
}

/** The form's body, or its errors by API field; errors come back as message keys. */
export function readPolicyForm(weeks: string, hours: string): { body: PolicyInput } | { errors: Record<string, MessageKey> } {
  const w = parseWeeks(weeks);
  const h = parseHours(hours);
  const errors: Record<string, MessageKey> = {};
  if (w.error) errors.team_interval_weeks = w.error;
  if (h.error) errors.individual_hours = h.error;
  if (w.error || h.error) return { errors };
  return { body: { team_interval_weeks: w.value ?? null, individual_hours: h.value ?? null } };
}
