import { describe, expect, it, vi } from 'vitest';
import { ApiError, type Query } from './api/client';
import type { Page } from './api/types';
import { PAGE_SIZE, PagedList } from './pagedList.svelte';

type Row = { id: string };

/** A fake list endpoint that hands out the pages in order and records the queries. */
function endpoint(pages: (Page<Row> | Error)[]) {
  const queries: Query[] = [];
  const list = vi.fn(async (q: Query) => {
    queries.push(q);
    const p = pages.shift();
    if (!p || p instanceof Error) throw p ?? new Error('no more pages');
    return p;
  });
  return { list, queries };
}

const rows = (...ids: string[]) => ids.map((id) => ({ id }));

describe('PagedList', () => {
  it('starts loading, then holds the first page and its cursor', async () => {
    const { list } = endpoint([{ items: rows('a', 'b'), next_cursor: 'c1' }]);
    const l = new PagedList(list);
    expect(l.loading).toBe(true);
    await l.load();
    expect(l.items).toEqual(rows('a', 'b'));
    expect(l.next).toBe('c1');
    expect(l.loading).toBe(false);
    expect(l.error).toBeNull();
  });

  it('sends the filters as they are at each load, with the page size and cursor', async () => {
    const { list, queries } = endpoint([
      { items: rows('a'), next_cursor: 'c1' },
      { items: rows('b'), next_cursor: null },
    ]);
    let q = 'x';
    const l = new PagedList(list, () => ({ q, active: 'true' }));
    await l.load();
    q = 'y';
    await l.load(true);
    expect(queries).toEqual([
      { q: 'x', active: 'true', limit: PAGE_SIZE, cursor: null },
      { q: 'y', active: 'true', limit: PAGE_SIZE, cursor: 'c1' },
    ]);
  });

  it('remembers the filters of the rows shown (a fresh load), not of a later "more"', async () => {
    const { list } = endpoint([
      { items: rows('a'), next_cursor: 'c1' },
      { items: rows('b'), next_cursor: null },
      { items: rows('c'), next_cursor: null },
    ]);
    let q = 'x';
    const l = new PagedList(list, () => ({ q }));
    expect(l.filters).toEqual({});
    await l.load();
    expect(l.filters).toEqual({ q: 'x' });
    q = 'y';
    await l.load(true);
    expect(l.filters).toEqual({ q: 'x' });
    await l.load();
    expect(l.filters).toEqual({ q: 'y' });
  });

  it('"more" appends the next page; a new load starts over', async () => {
    const { list, queries } = endpoint([
      { items: rows('a'), next_cursor: 'c1' },
      { items: rows('b'), next_cursor: null },
      { items: rows('z'), next_cursor: null },
    ]);
    const l = new PagedList(list);
    await l.load();
    await l.load(true);
    expect(l.items).toEqual(rows('a', 'b'));
    expect(l.next).toBeNull();
    await l.load();
    expect(l.items).toEqual(rows('z'));
    expect(queries[2].cursor).toBeNull();
  });

  it('keeps the rows and reports the problem when a load fails', async () => {
    const { list } = endpoint([{ items: rows('a'), next_cursor: 'c1' }, new ApiError(503, { title: 'down' })]);
    const l = new PagedList(list);
    await l.load();
    await l.load(true);
    expect(l.items).toEqual(rows('a'));
    expect(l.next).toBe('c1');
    expect(l.error?.status).toBe(503);
    expect(l.loading).toBe(false);
  });

  it('shows the answer of the latest load when an earlier one answers after it', async () => {
    const answers: ((p: Page<Row> | Error) => void)[] = [];
    const l = new PagedList<Row>(
      () =>
        new Promise((resolve, reject) => {
          answers.push((p) => (p instanceof Error ? reject(p) : resolve(p)));
        }),
    );
    const first = l.load();
    const second = l.load();
    answers[1]({ items: rows('filtered'), next_cursor: null });
    await second;
    expect(l.loading).toBe(false);
    answers[0]({ items: rows('stale'), next_cursor: 'c-stale' });
    await first;
    expect(l.items).toEqual(rows('filtered'));
    expect(l.next).toBeNull();

    // A late failure of a superseded load is not reported either, and does not end the loading of the current one.
    const late = l.load();
    const current = l.load();
    answers[2](new ApiError(503, { title: 'down' }));
    await late;
    expect(l.error).toBeNull();
    expect(l.loading).toBe(true);
    answers[3]({ items: rows('current'), next_cursor: null });
    await current;
    expect(l.items).toEqual(rows('current'));
    expect(l.loading).toBe(false);
  });

  it('wraps an error that is not from the API (network) as status 0', async () => {
    const { list } = endpoint([new TypeError('Failed to fetch')]);
    const l = new PagedList(list);
    await l.load();
    expect(l.error?.status).toBe(0);
  });

  it('start() loads after prepare, and still loads when prepare fails', async () => {
    const { list } = endpoint([
      { items: rows('a'), next_cursor: null },
      { items: rows('b'), next_cursor: null },
    ]);
    const order: string[] = [];
    const l = new PagedList(async (q: Query) => {
      order.push('list');
      return list(q);
    });
    await l.start(async () => void order.push('prepare'));
    expect(order).toEqual(['prepare', 'list']);
    await l.start(() => Promise.reject(new Error('orgs failed')));
    expect(l.items).toEqual(rows('b'));
    expect(l.error).toBeNull();
  });
});
