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

/** Words a field error in the UI language by its code; falls back to the server's message. */
export type FieldErrorWording = (code: string | undefined, serverMessage: string) => string;

export function toFormError(e: unknown, word?: FieldErrorWording): FormError {
  if (e instanceof ApiError) {
    const fields: Record<string, string> = {};
    for (const fe of e.problem.errors ?? []) {
      if (fe && typeof fe.field === 'string' && !(fe.field in fields))
        fields[fe.field] = word ? word(fe.code, fe.message) : fe.message;
    }
    return { error: e, fields };
  }
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

/**
 * An optional string for a create or PATCH body: the value when given; '' when the person cleared a value the
 * record had (clearing it); undefined (left out) when it was empty and stays empty.
 */
export function optional(value: string | null | undefined, original?: string | null): string | undefined {
  const v = (value ?? '').trim();
  if (v !== '') return v;
  return original ? '' : undefined;
}
