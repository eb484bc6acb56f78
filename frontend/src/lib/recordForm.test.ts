import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Versioned } from './api';
import { ApiError } from './api/client';
import { setLang } from './i18n/index.svelte';
import { complete, RecordForm, type RecordApi } from './recordForm.svelte';

const router = vi.hoisted(() => ({ search: '', navigate: vi.fn() }));
vi.mock('./router.svelte', () => ({
  navigate: router.navigate,
  query: () => new URLSearchParams(router.search),
}));

interface Rec {
  id: string;
  name: string;
  version: number;
  active: boolean;
}

const conflict = () => new ApiError(412, { title: 'Precondition Failed' });
const invalid = () =>
  new ApiError(422, { title: 'Validation failed', errors: [{ field: 'name', code: 'required', message: 'required' }] });

/** A fake record API over one stored record. */
function fakeApi(start: Rec) {
  let stored = { ...start };
  let etag = 1;
  const api = {
    get: vi.fn(async (): Promise<Versioned<Rec>> => ({ data: { ...stored }, etag: `"${etag}"` })),
    setActive: vi.fn(async (_id: string, active: boolean) => {
      stored = { ...stored, active, version: stored.version + 1 };
      etag++;
    }),
  } satisfies RecordApi<Rec>;
  return { api, edit: (r: Partial<Rec>) => ((stored = { ...stored, ...r, version: stored.version + 1 }), etag++) };
}

function setup(id: string | null, start: Rec = { id: 'r1', name: 'A', version: 1, active: true }) {
  const { api, edit } = fakeApi(start);
  const filled: Rec[] = [];
  const related = vi.fn(async () => {});
  const form = new RecordForm<Rec>({ id: () => id, api, fill: (r) => filled.push(r), related });
  return { form, api, edit, filled, related };
}

beforeEach(() => {
  setLang('cs');
  router.search = '';
  router.navigate.mockClear();
});

describe('complete', () => {
  it('is true for no missing fields', () => {
    expect(complete({})).toBe(true);
    expect(complete({ name: 'Povinné pole' })).toBe(false);
  });
});

describe('RecordForm', () => {
  it('init reads the record and fills the inputs, then stops loading', async () => {
    const { form, filled } = setup('r1');
    expect(form.loading).toBe(true);
    await form.init(() => form.loadRecord());
    expect(form.record?.name).toBe('A');
    expect(filled.map((r) => r.name)).toEqual(['A']);
    expect(form.loading).toBe(false);
    expect(form.saved).toBe('');
  });

  it('init says the record was created after a create (?ulozeno=1)', async () => {
    router.search = '?ulozeno=1';
    const { form } = setup('r1');
    await form.init(() => form.loadRecord());
    expect(form.saved).toBe('Záznam byl vytvořen.');
  });

  it('init reports a failed read', async () => {
    const { form, api } = setup('r1');
    api.get.mockRejectedValueOnce(new ApiError(404, { title: 'Not Found' }));
    await form.init(() => form.loadRecord());
    expect(form.error?.status).toBe(404);
    expect(form.loading).toBe(false);
  });

  it('loads nothing on the "new" page', async () => {
    const { form, api } = setup(null);
    await form.loadRecord();
    expect(api.get).not.toHaveBeenCalled();
    expect(form.record).toBeNull();
  });

  it('check shows the missing fields and clears the last outcome', () => {
    const { form } = setup('r1');
    form.saved = 'Změny jsou uložené.';
    form.error = conflict();
    expect(form.check({ name: 'Povinné pole' })).toBe(false);
    expect(form.fields).toEqual({ name: 'Povinné pole' });
    expect(form.saved).toBe('');
    expect(form.error).toBeNull();
    expect(form.check({})).toBe(true);
  });

  it('save updates with the ETag and version read, and says so', async () => {
    const { form } = setup('r1');
    await form.loadRecord();
    const update = vi.fn(async (_id: string, _etag: string | null, version: number) => ({
      data: { id: 'r1', name: 'B', version: version + 1, active: true },
      etag: '"2"',
    }));
    await form.save({ create: vi.fn(), href: (id) => `/x/${id}`, update });
    expect(update).toHaveBeenCalledWith('r1', '"1"', 1);
    expect(form.record?.name).toBe('B');
    expect(form.saved).toBe('Změny jsou uložené.');
    expect(form.busy).toBe(false);
    // The next save sends the new ETag.
    await form.save({ create: vi.fn(), href: (id) => `/x/${id}`, update });
    expect(update).toHaveBeenLastCalledWith('r1', '"2"', 2);
  });

  it('save reads the record again when the update answers without a body', async () => {
    const { form, api } = setup('r1');
    await form.loadRecord();
    await form.save({ create: vi.fn(), href: (id) => id, update: async () => ({ data: undefined, etag: null }) });
    expect(api.get).toHaveBeenCalledTimes(2);
    expect(form.saved).toBe('Změny jsou uložené.');
  });

  it('save on the "new" page creates and goes to the new record', async () => {
    const { form } = setup(null);
    const update = vi.fn();
    await form.save({ create: async () => ({ id: 'n1' }), href: (id) => `/x/${id}?ulozeno=1`, update });
    expect(update).not.toHaveBeenCalled();
    expect(router.navigate).toHaveBeenCalledWith('/x/n1?ulozeno=1', { replace: true });
  });

  it('a refused save shows the problem and its field errors, worded in the UI language', async () => {
    const { form } = setup('r1');
    await form.loadRecord();
    await form.save({
      create: vi.fn(),
      href: (id) => id,
      update: () => Promise.reject(invalid()),
    });
    expect(form.error?.status).toBe(422);
    expect(form.fields).toEqual({ name: 'Toto pole je povinné.' });
    expect(form.saved).toBe('');
    expect(form.busy).toBe(false);
  });

  it('reload after a conflict drops the errors and reads the record and the related lists again', async () => {
    const { form, edit, related } = setup('r1');
    await form.loadRecord();
    edit({ name: 'Elsewhere' });
    await form.save({ create: vi.fn(), href: (id) => id, update: () => Promise.reject(conflict()) });
    expect(form.error?.status).toBe(412);
    await form.reload();
    expect(form.error).toBeNull();
    expect(form.fields).toEqual({});
    expect(form.record?.name).toBe('Elsewhere');
    expect(related).toHaveBeenCalledOnce();
  });

  it('toggleActive switches the record and says which way; a failure keeps the field errors', async () => {
    const { form, api } = setup('r1');
    await form.loadRecord();
    await form.toggleActive();
    expect(api.setActive).toHaveBeenCalledWith('r1', false);
    expect(form.record?.active).toBe(false);
    expect(form.saved).toBe('Záznam byl deaktivován.');
    await form.toggleActive();
    expect(form.saved).toBe('Záznam je znovu aktivní.');

    form.fields = { name: 'Povinné pole' };
    api.setActive.mockRejectedValueOnce(conflict());
    await form.toggleActive();
    expect(form.error?.status).toBe(412);
    expect(form.fields).toEqual({ name: 'Povinné pole' });
    expect(form.saved).toBe('');
  });

  it('run shows the outcome of another action (members, leads)', async () => {
    const { form } = setup('r1');
    await form.run(async () => {}, 'Členové týmu jsou uložení.');
    expect(form.saved).toBe('Členové týmu jsou uložení.');
    await form.run(() => Promise.reject(invalid()), 'never');
    expect(form.saved).toBe('');
    expect(form.fields).toEqual({ name: 'Toto pole je povinné.' });
  });
});
