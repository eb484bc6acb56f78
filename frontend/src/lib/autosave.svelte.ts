// Autosave: answers are queued as they change and sent together after a short pause, one batch at a time. A
// batch that fails goes back into the queue (under anything typed since), so nothing typed is lost; the page
// decides what to do about the failure (a conflict: read the record again, then flush).
/* eslint-disable svelte/prefer-svelte-reactivity -- the queue is plain data; only status, savedAt and error are state */

export type SaveStatus = 'idle' | 'pending' | 'saving' | 'saved' | 'error';

export interface Timers {
  set: (fn: () => void, ms: number) => unknown;
  clear: (handle: unknown) => void;
}

const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export class Autosave<V> {
  status = $state<SaveStatus>('idle');
  /** When the last batch was saved. */
  savedAt = $state<Date | null>(null);
  /** The last failure (cleared by the next success). */
  error = $state<unknown>(null);

  readonly #save: (batch: ReadonlyMap<string, V>) => Promise<void>;
  readonly #delay: number;
  readonly #timers: Timers;
  #pending = new Map<string, V>();
  #inflight: Map<string, V> | null = null;
  #timer: unknown = null;
  #running: Promise<void> | null = null;

  constructor(save: (batch: ReadonlyMap<string, V>) => Promise<void>, delay = 800, timers: Timers = realTimers) {
    this.#save = save;
    this.#delay = delay;
    this.#timers = timers;
  }

  /** Queues a changed value; a later value for the same key replaces it. */
  set(key: string, value: V): void {
    this.#pending.set(key, value);
    if (this.status !== 'saving') this.status = 'pending';
    this.#schedule();
  }

  /** Everything typed and not saved yet: the batch in flight, overlaid by what was queued since. */
  get unsaved(): Map<string, V> {
    return new Map([...(this.#inflight ?? []), ...this.#pending]);
  }

  get dirty(): boolean {
    return this.#pending.size > 0 || this.#inflight !== null;
  }

  /** Sends what is queued now and waits until nothing is in flight; true when everything got saved. */
  async flush(): Promise<boolean> {
    this.#cancel();
    while (this.#running) await this.#running;
    if (this.#pending.size) await this.#run();
    while (this.#running) await this.#running;
    return !this.dirty;
  }

  /** Forgets the queue (the record is gone or no longer editable). */
  discard(): void {
    this.#cancel();
    this.#pending.clear();
    this.status = 'idle';
  }

  #cancel(): void {
    if (this.#timer !== null) this.#timers.clear(this.#timer);
    this.#timer = null;
  }

  #schedule(): void {
    this.#cancel();
    this.#timer = this.#timers.set(() => {
      this.#timer = null;
      if (!this.#running) void this.#run();
    }, this.#delay);
  }

  #run(): Promise<void> {
    const batch = this.#pending;
    this.#pending = new Map();
    this.#inflight = batch;
    this.status = 'saving';
    this.#running = (async () => {
      try {
        await this.#save(batch);
        this.#inflight = null;
        this.error = null;
        this.savedAt = new Date();
        this.status = this.#pending.size ? 'pending' : 'saved';
      } catch (e) {
        // Back into the queue, under what was typed meanwhile.
        this.#pending = new Map([...batch, ...this.#pending]);
        this.#inflight = null;
        this.error = e;
        this.status = 'error';
      } finally {
        this.#running = null;
      }
      if (this.status === 'pending') this.#schedule();
    })();
    return this.#running;
  }
}
