// Diacritics- and case-insensitive text search ("rizik" finds "Riziko", "zavislost" finds "závislost"). Pure.

/** Folds one character: strips combining marks, lower-cases; keeps the length (one char in, one char out). */
function foldChar(c: string): string {
  const f = c.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  if (f.length === 1) return f;
  const l = c.toLowerCase();
  return l.length === 1 ? l : c;
}

/** Folds a string char by char, so index i of the result is index i of the input (for highlighting). */
export function fold(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += foldChar(s[i]);
  return out;
}

/** The words of a query, folded; empty when the query is blank. */
export function queryWords(q: string): string[] {
  return fold(q)
    .split(/[\s,;]+/)
    .map((w) => w.trim())
    .filter(Boolean);
}

/** True when every word occurs in one of the texts. */
export function matchesAll(words: readonly string[], texts: readonly string[]): boolean {
  if (!words.length) return true;
  const hay = texts.map(fold).join('\n');
  return words.every((w) => hay.includes(w));
}

/** True when any word occurs in the text. */
export function matchesAny(words: readonly string[], text: string): boolean {
  if (!words.length) return false;
  const f = fold(text);
  return words.some((w) => f.includes(w));
}

export interface Segment {
  text: string;
  hit: boolean;
}

/** Splits a text into runs that match one of the words and runs that do not, for <mark>ing the matches. */
export function highlight(text: string, words: readonly string[]): Segment[] {
  if (!words.length || !text) return text ? [{ text, hit: false }] : [];
  const f = fold(text);
  const hit = new Array<boolean>(text.length).fill(false);
  for (const w of words) {
    let from = 0;
    for (;;) {
      const i = f.indexOf(w, from);
      if (i < 0) break;
      for (let k = i; k < i + w.length; k++) hit[k] = true;
      from = i + 1;
    }
  }
  const out: Segment[] = [];
  for (let i = 0; i < text.length; i++) {
    const last = out[out.length - 1];
    if (last && last.hit === hit[i]) last.text += text[i];
    else out.push({ text: text[i], hit: hit[i] });
  }
  return out;
}
