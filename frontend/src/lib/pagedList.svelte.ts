// A list read page by page from a cursor-paged endpoint, with the filters of the page that shows it.
import type { ApiError, Query } from './api/client';
import type { Page } from './api/types';
import { formError } from './fieldErrors';
import { latestLoad } from './latest';

/** Items a page asks the API for. */
export const PAGE_SIZE = 50;

/**
 * The rows shown so far, the cursor of the next page, and how the last load went. `load()` starts over with the
 * current filters; `load(true)` appends the next page ("Načíst další").
 */
export class PagedList<T> {
  items = $state<T[]>([]);
  next = $state<string | null>(null);
  loading = $state(true);
  error = $state<ApiError | null>(null);
  /** The filters of the rows shown (as of the last fresh load), which a download of the list repeats. */
  filters = $state<Query>({});

  readonly #list: (q: Query) => Promise<Page<T>>;
  readonly #filters: () => Query;
  readonly #begin = latestLoad();

  /** `filters` is read on every load, so it sees what the page's filter controls hold then. */
  constructor(list: (q: Query) => Promise<Page<T>>, filters: () => Query = () => ({})) {
    this.#list = list;
    this.#filters = filters;
  }

  async load(more = false): Promise<void> {
    // Only the latest load may change what is shown: a caseworker who changes a filter while the previous answer
    // is on its way must not get that older answer's rows under the new filter.
    const current = this.#begin();
    this.loading = true;
    this.error = null;
    const filters = this.#filters();
    if (!more) this.filters = filters;
    try {
      const page = await this.#list({ ...filters, limit: PAGE_SIZE, cursor: more ? this.next : null });
      if (!current()) return;
      this.items = more ? [...this.items, ...page.items] : page.items;
      this.next = page.next_cursor;
    } catch (e) {
      if (current()) this.error = formError(e).error;
    } finally {
      if (current()) this.loading = false;
    }
  }

  /**
   * The first load, after `prepare` (say, reading the organisations a filter offers). A failing `prepare` does not
   * stop the list; the list's own load then decides what is shown.
   */
  async start(prepare?: () => Promise<void>): Promise<void> {
    if (prepare) {
      try {
        await prepare();
      } catch (e) {
        this.error = formError(e).error;
      }
    }
    await this.load();
  }
}
