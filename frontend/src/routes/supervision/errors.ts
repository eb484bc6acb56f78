// The API's problems as the supervision forms show them: the shared wording, with supervision's own field codes
// (a member outside the team, a rule without end, a session not started yet) in the page's words.
import { ApiError } from '../../lib/api/client';
import { formError } from '../../lib/fieldErrors';
import type { FormError } from '../../lib/forms';
import { t } from '../../lib/i18n/index.svelte';
import { supervisionFieldCode } from '../../lib/supervision';

export function spvFormError(e: unknown): FormError {
  const out = formError(e);
  if (e instanceof ApiError) {
    for (const fe of [...(e.problem.errors ?? [])].reverse()) {
      const key = fe && typeof fe.field === 'string' ? supervisionFieldCode(fe.field, fe.code) : null;
      if (key) out.fields[fe.field] = t(key);
    }
  }
  return out;
}
