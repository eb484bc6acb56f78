// What the provider's pages share beyond the pure logic: the API's field errors in their words.
import type { FormError } from '../../lib/forms';
import { toFormError } from '../../lib/forms';
import { wordFieldError } from '../../lib/fieldErrors';
import { t } from '../../lib/i18n/index.svelte';
import { provideFieldCode } from '../../lib/provide';

/** An API failure with its field errors worded: the training codes (shape, order…) here, the rest as elsewhere. */
export function provideFormError(e: unknown): FormError {
  const out = toFormError(e, wordFieldError);
  for (const fe of out.error?.problem.errors ?? []) {
    const key = fe && typeof fe.field === 'string' ? provideFieldCode(fe.field, fe.code) : null;
    if (key && out.fields[fe.field] !== undefined) out.fields[fe.field] = t(key);
  }
  return out;
}

/** Whether an error is a stale version (409 without field errors), when the page reads the record again. */
export function staleVersion(e: FormError): boolean {
  return e.error?.status === 409 && !e.error.problem.errors?.length;
}
