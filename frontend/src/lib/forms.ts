// Helpers for forms that show the API's field errors next to the fields.
import { ApiError } from './api/client';

/** A DOM id for a JSON field path: `roles[0].team_id` -> `f-roles-0-team_id`. */
export function fieldId(path: string): string {
  return 'f-' + path.replace(/[^A-Za-z0-9_]+/g, '-').replace(/-+$/, '');
}

export interface FormError {
  error: ApiError | null;
  fields: Record<string, string>;
}

export function toFormError(e: unknown): FormError {
  if (e instanceof ApiError) return { error: e, fields: e.fieldErrors };
  const err = new ApiError(0, { title: 'error', detail: e instanceof Error ? e.message : String(e) });
  return { error: err, fields: {} };
}

/** '' -> null, for optional API fields. */
export function orNull(v: string | null | undefined): string | null {
  return v === undefined || v === null || v.trim() === '' ? null : v.trim();
}

export function numOrNull(v: string | number | null | undefined): number | null {
  if (v === undefined || v === null || v === '') return null;
  const n = typeof v === 'number' ? v : Number(String(v).replace(',', '.'));
  return Number.isFinite(n) ? n : null;
}
