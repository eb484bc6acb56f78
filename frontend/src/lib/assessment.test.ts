import { describe, expect, it } from 'vitest';
import type { FrameworkTree, Rating } from './api/types';
import {
  choiceInput,
  choiceOf,
  differs,
  leadValues,
  mergeUnsaved,
  missingFromProblem,
  openOf,
  progressOf,
  selfValues,
  workerEdits,
  type RatingValue,
} from './assessment';

const node = (id: string, kind: 'domain' | 'competency', children: object[] = []): object => ({
  id,
  kind,
  code: id,
  name_cs: id,
  name_en: id,
  description_cs: '',
  description_en: '',
  children,
});
const tree = {
  domains: [node('D1', 'domain', [node('c1', 'competency'), node('c2', 'competency')]), node('D2', 'domain', [node('c3', 'competency')])],
} as unknown as FrameworkTree;

const rating = (over: Partial<Rating>): Rating => ({
  competency_id: 'c1',
  self_level: null,
  self_not_applicable: false,
  evidence: '',
  lead_level: null,
  lead_not_applicable: false,
  lead_comment: '',
  agreed_level: null,
  ...over,
});

describe('choices', () => {
  it('a level, not applicable, or nothing; and back to the API', () => {
    expect(choiceOf(3, false)).toBe('3');
    expect(choiceOf(null, true)).toBe('na');
    expect(choiceOf(null, false)).toBe('');
    expect(choiceInput('c1', '2')).toEqual({ competency_id: 'c1', level: 2, not_applicable: false });
    expect(choiceInput('c1', 'na')).toEqual({ competency_id: 'c1', level: null, not_applicable: true });
    expect(choiceInput('c1', '')).toEqual({ competency_id: 'c1', level: null, not_applicable: false });
  });

  it("reads the worker's and the lead's values", () => {
    const a = { ratings: [rating({ self_level: 2, evidence: 'kurz', lead_level: 3, lead_comment: 'spíš 3' })] };
    expect(selfValues(a)).toEqual({ c1: { choice: '2', text: 'kurz' } });
    expect(leadValues(a)).toEqual({ c1: { choice: '3', text: 'spíš 3' } });
    expect(differs(a.ratings[0])).toBe(true);
    expect(differs(rating({ self_not_applicable: true, lead_not_applicable: true }))).toBe(false);
  });
});

describe('progress', () => {
  it('counts rated competencies overall and per domain and finds the first incomplete domain', () => {
    const values: Record<string, RatingValue> = { c1: { choice: '1', text: '' }, c3: { choice: 'na', text: '' }, c2: { choice: '', text: 'x' } };
    const p = progressOf(tree, values);
    expect(p.rated).toBe(2);
    expect(p.total).toBe(3);
    expect(p.domains).toEqual([
      { domainId: 'D1', rated: 1, total: 2 },
      { domainId: 'D2', rated: 1, total: 1 },
    ]);
    expect(p.firstIncomplete).toBe('D1');
    expect(progressOf(tree, { ...values, c2: { choice: '4', text: '' } }).firstIncomplete).toBeNull();
  });
});

describe('merging unsaved input into what the server answers', () => {
  it('keeps what was typed over the server values, the rest from the server', () => {
    const server = { c1: { choice: '1', text: 'a' }, c2: { choice: '2', text: 'b' } } as Record<string, RatingValue>;
    const merged = mergeUnsaved(server, new Map([['c2', { choice: '3', text: 'nové' } as RatingValue]]));
    expect(merged).toEqual({ c1: { choice: '1', text: 'a' }, c2: { choice: '3', text: 'nové' } });
    expect(server.c2.choice).toBe('2');
  });
});

describe('states', () => {
  it('the worker edits a draft or a returned assessment only', () => {
    expect(workerEdits('draft')).toBe(true);
    expect(workerEdits('returned')).toBe(true);
    expect(workerEdits('submitted')).toBe(false);
    expect(workerEdits('agreed')).toBe(false);
  });

  it('finds the open assessment', () => {
    const a = (id: string, state: string) => ({ id, state }) as never;
    expect(openOf([a('3', 'submitted'), a('2', 'agreed')])).toEqual({ id: '3', state: 'submitted' });
    expect(openOf([a('2', 'agreed')])).toBeNull();
  });

  it('reads the count from a submit refusal', () => {
    expect(missingFromProblem('3 of 45 competencies are not rated yet; give a level')).toBe(3);
    expect(missingFromProblem(undefined)).toBeNull();
  });
});
