import { describe, expect, it } from 'vitest';
import { cs } from './cs';
import { en } from './en';
import type { Message } from './format';

const placeholders = (m: Message): string[] => {
  const texts = typeof m === 'string' ? [m] : Object.values(m).filter((v): v is string => typeof v === 'string');
  return [...new Set(texts.flatMap((s) => [...s.matchAll(/\{(\w+)\}/g)].map((x) => x[1])))].sort();
};

describe('message catalogues', () => {
  it('English has exactly the Czech keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(cs).sort());
  });

  it('every message is non-empty', () => {
    for (const cat of [cs, en]) {
      for (const [k, v] of Object.entries(cat)) {
        if (typeof v === 'string') expect(v.trim(), k).not.toBe('');
        else expect(v.other.trim(), k).not.toBe('');
      }
    }
  });

  it('Czech plural messages have all four forms, English one and other', () => {
    for (const [k, v] of Object.entries(cs) as [string, Message][]) {
      if (typeof v === 'string') continue;
      expect(Object.keys(v).sort(), k).toEqual(['few', 'many', 'one', 'other']);
      const e = (en as Record<string, Message>)[k];
      expect(typeof e, k).toBe('object');
      expect(Object.keys(e).sort(), k).toEqual(['one', 'other']);
    }
  });

  it('both languages use the same placeholders', () => {
    for (const k of Object.keys(cs) as (keyof typeof cs)[]) {
      expect(placeholders(en[k]), k).toEqual(placeholders(cs[k]));
    }
  });

  it('names every role and organisation kind', () => {
    for (const r of ['worker', 'lead', 'provider', 'supervisor', 'methodologist', 'admin']) {
      expect(Object.keys(cs)).toContain(`role.${r}`);
    }
    for (const k of ['ministry', 'region', 'municipality', 'provider', 'ngo']) {
      expect(Object.keys(cs)).toContain(`orgKind.${k}`);
    }
  });
});
