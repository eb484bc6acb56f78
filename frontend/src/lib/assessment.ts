// Self-assessment logic without the DOM: the form's values, what the API takes, progress, merging what the
// server answers with what the person typed but is not saved yet. Pure: unit-tested.
import type { Assessment, AssessmentState, ChoiceInput, FrameworkTree, Rating } from './api/types';
import { domainsOf } from './framework';

/** One answer as the form holds it: '' none yet, '1'…'4' a level, 'na' not applicable. */
export type Choice = '' | '1' | '2' | '3' | '4' | 'na';

export interface RatingValue {
  choice: Choice;
  /** The worker's evidence, or the lead's comment on a proposal. */
  text: string;
}

export const EMPTY: RatingValue = { choice: '', text: '' };

export function choiceOf(level: number | null, notApplicable: boolean): Choice {
  if (notApplicable) return 'na';
  return level && level >= 1 && level <= 4 ? (String(level) as Choice) : '';
}

/** A form choice as the API's {level, not_applicable}. */
export function choiceInput(competencyId: string, choice: Choice): ChoiceInput {
  return {
    competency_id: competencyId,
    level: choice === '' || choice === 'na' ? null : Number(choice),
    not_applicable: choice === 'na',
  };
}

export function isRated(v: RatingValue | undefined): boolean {
  return !!v && v.choice !== '';
}

/** The worker's own answers by competency. */
export function selfValues(a: Pick<Assessment, 'ratings'>): Record<string, RatingValue> {
  const out: Record<string, RatingValue> = {};
  for (const r of a.ratings) out[r.competency_id] = { choice: choiceOf(r.self_level, r.self_not_applicable), text: r.evidence };
  return out;
}

/** The lead's proposals by competency ('' where the lead proposed nothing yet). */
export function leadValues(a: Pick<Assessment, 'ratings'>): Record<string, RatingValue> {
  const out: Record<string, RatingValue> = {};
  for (const r of a.ratings) out[r.competency_id] = { choice: choiceOf(r.lead_level, r.lead_not_applicable), text: r.lead_comment };
  return out;
}

/** What the server holds, with the answers not saved yet laid over it: nothing typed is lost on a reload. */
export function mergeUnsaved<V>(server: Record<string, V>, unsaved: ReadonlyMap<string, V>): Record<string, V> {
  const out = { ...server };
  for (const [k, v] of unsaved) out[k] = v;
  return out;
}

export interface DomainProgress {
  domainId: string;
  rated: number;
  total: number;
}

export interface Progress {
  rated: number;
  total: number;
  domains: DomainProgress[];
  /** The first domain with an unrated competency (where "Odeslat" sends the person), or null. */
  firstIncomplete: string | null;
}

/** How many competencies of the framework have an answer, overall and per domain. */
export function progressOf(tree: Pick<FrameworkTree, 'domains'>, values: Record<string, RatingValue>): Progress {
  const domains = domainsOf(tree).map(({ domain, competencies }) => ({
    domainId: domain.id,
    rated: competencies.filter((c) => isRated(values[c.id])).length,
    total: competencies.length,
  }));
  const rated = domains.reduce((s, d) => s + d.rated, 0);
  const total = domains.reduce((s, d) => s + d.total, 0);
  return { rated, total, domains, firstIncomplete: domains.find((d) => d.rated < d.total)?.domainId ?? null };
}

/** Whether the worker edits the assessment in this state. */
export function workerEdits(state: AssessmentState): boolean {
  return state === 'draft' || state === 'returned';
}

/** The assessment still open (not agreed) among a person's, newest first as the list answers. */
export function openOf(list: readonly Assessment[]): Assessment | null {
  return list.find((a) => a.state !== 'agreed') ?? null;
}

/** Whether the lead's proposal differs from the worker's own rating (shown side by side, marked). */
export function differs(r: Rating): boolean {
  return choiceOf(r.self_level, r.self_not_applicable) !== choiceOf(r.lead_level, r.lead_not_applicable);
}

/** The count of unrated competencies a submit refusal names ("3 of 45 competencies are not rated yet"). */
export function missingFromProblem(detail: string | undefined): number | null {
  const m = /(\d+) of \d+/.exec(detail ?? '');
  return m ? Number(m[1]) : null;
}
