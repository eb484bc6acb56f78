import { describe, expect, it } from 'vitest';
import { setLang } from './i18n/index.svelte';
import { orgOptions, statusOptions } from './listFilters';

describe('list filter choices', () => {
  it('offers active and inactive by the `active` query value, in the UI language', () => {
    setLang('cs');
    expect(statusOptions()).toEqual([
      { value: 'true', label: 'Aktivní' },
      { value: 'false', label: 'Neaktivní' },
    ]);
  });

  it('offers organisations by id and name', () => {
    expect(orgOptions([{ id: 'o1', name: 'Úřad' }])).toEqual([{ value: 'o1', label: 'Úřad' }]);
  });
});
