// The state and steps an admin edit page shares: read the record (with its ETag), save it with If-Match, report
// what happened (saved, field errors, a conflict with a reload), and switch it active or inactive.
import type { Versioned } from './api';
import type { ApiError } from './api/client';
import { formError } from './fieldErrors';
import { t } from './i18n/index.svelte';
import { navigate, query } from './router.svelte';

export interface RecordApi<T> {
  get(id: string): Promise<Versioned<T>>;
  setActive(id: string, active: boolean): Promise<unknown>;
}

export interface RecordFormOptions<T> {
  /** The record's id (the page's prop); null on the "new" page. */
  id: () => string | null;
  api: RecordApi<T>;
  /** Copies a record read or saved into the page's inputs. */
  fill: (record: T) => void;
  /** Reads what the page shows besides the record (pickers), again after "Načíst aktuální verzi". */
  related?: () => Promise<void>;
}

export interface SaveSteps<T> {
  /** Creates the record; the form then goes to `href(created.id)`. */
  create: () => Promise<{ id: string }>;
  href: (id: string) => string;
  /** Saves the changes against the version read (ETag and version for If-Match). */
  update: (id: string, etag: string | null, version: number) => Promise<Versioned<T | undefined>>;
}

/** Whether a field-error map is empty. */
export function complete(missing: Record<string, string>): boolean {
  return Object.keys(missing).length === 0;
}

export class RecordForm<T extends { version: number; active: boolean }> {
  record = $state<T | null>(null);
  loading = $state(true);
  busy = $state(false);
  error = $state<ApiError | null>(null);
  fields = $state<Record<string, string>>({});
  /** The confirmation in the status line ("Změny jsou uložené."). */
  saved = $state('');

  readonly #opts: RecordFormOptions<T>;
  #etag: string | null = null;

  constructor(opts: RecordFormOptions<T>) {
    this.#opts = opts;
  }

  get id(): string | null {
    return this.#opts.id();
  }

  #set(record: T): void {
    this.record = record;
    this.#opts.fill(record);
  }

  /** Reads the record (nothing on the "new" page). */
  async loadRecord(): Promise<void> {
    if (!this.id) return;
    const r = await this.#opts.api.get(this.id);
    this.#etag = r.etag;
    this.#set(r.data);
  }

  /** The page's first load; says "Záznam byl vytvořen." when it comes right after a create (`?ulozeno=1`). */
  async init(load: () => Promise<void>): Promise<void> {
    if (query().get('ulozeno')) this.saved = t('form.created');
    try {
      await load();
    } catch (e) {
      this.error = formError(e).error;
    } finally {
      this.loading = false;
    }
  }

  /** "Načíst aktuální verzi": drops the errors and reads the record (and the related lists) again. */
  reload = async (): Promise<void> => {
    this.error = null;
    this.fields = {};
    this.saved = '';
    try {
      await this.loadRecord();
      await this.#opts.related?.();
    } catch (e) {
      this.error = formError(e).error;
    }
  };

  /** Shows the fields a submit is missing (clearing the last outcome); true when nothing is missing. */
  check(missing: Record<string, string>): boolean {
    this.saved = '';
    this.fields = missing;
    this.error = null;
    return complete(missing);
  }

  /**
   * Runs an action with the form busy. Afterwards the status line says `ok`, or the alert shows the problem; a
   * failed save (`withFields`) also puts its field errors next to the fields.
   */
  async run(action: () => Promise<void>, ok: string, withFields = true): Promise<void> {
    this.busy = true;
    this.error = null;
    this.saved = '';
    try {
      await action();
      this.saved = ok;
    } catch (err) {
      const fe = formError(err);
      this.error = fe.error;
      if (withFields) this.fields = fe.fields;
    } finally {
      this.busy = false;
    }
  }

  /** Creates (and goes to the new record's page) or saves the changes to the record read. */
  async save(steps: SaveSteps<T>): Promise<void> {
    const id = this.id;
    if (!id) {
      await this.run(async () => {
        const created = await steps.create();
        navigate(steps.href(created.id), { replace: true });
      }, '');
      return;
    }
    await this.run(async () => {
      const r = await steps.update(id, this.#etag, this.record?.version ?? 0);
      this.#etag = r.etag;
      if (r.data) this.#set(r.data);
      else await this.loadRecord();
    }, t('form.saved'));
  }

  /** Deactivates an active record or activates an inactive one, then reads it again. */
  toggleActive = async (): Promise<void> => {
    const id = this.id;
    if (!id || !this.record) return;
    const activate = !this.record.active;
    await this.run(
      async () => {
        await this.#opts.api.setActive(id, activate);
        await this.loadRecord();
      },
      activate ? t('form.activated') : t('form.deactivated'),
      false,
    );
  };
}
