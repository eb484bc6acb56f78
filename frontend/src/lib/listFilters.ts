// Choices shared by the list filters.
import { t } from './i18n/index.svelte';

export interface FilterOption {
  value: string;
  label: string;
}

/** Organisations as filter choices, by id. */
export function orgOptions(orgs: readonly { id: string; name: string }[]): FilterOption[] {
  return orgs.map((o) => ({ value: o.id, label: o.name }));
}

/** The status filter's choices besides "Vše": the `active` query value and its label. */
export function statusOptions(): FilterOption[] {
  return [
    { value: 'true', label: t('common.activePl') },
    { value: 'false', label: t('common.inactivePl') },
  ];
}
