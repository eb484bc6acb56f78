// Field errors in the UI language: the API sends a `code` (the failed check) with an English message.
import type { MessageKey } from './i18n/cs';
import { t } from './i18n/index.svelte';
import { toFormError, type FormError } from './forms';

export const KNOWN_CODES: ReadonlySet<string> = new Set([
  'required',
  'email',
  'ico',
  'uuid',
  'region',
  'oneof',
  'datetime',
  'min',
  'max',
  'gt',
  'lte',
  'unique',
  'exists',
  'organization',
  'kind',
  'employer',
  'grant',
  'order',
]);

export function wordFieldError(code: string | undefined, serverMessage: string): string {
  if (code && KNOWN_CODES.has(code)) return t(`fieldError.${code}` as MessageKey);
  return serverMessage;
}

/** toFormError with the field errors worded in the UI language. */
export function formError(e: unknown): FormError {
  return toFormError(e, wordFieldError);
}
