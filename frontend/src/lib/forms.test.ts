import { describe, expect, it } from 'vitest';
import { ApiError } from './api/client';
import { fieldId, numOrNull, orNull, toFormError } from './forms';

describe('form helpers', () => {
  it('turns JSON paths into DOM ids', () => {
    expect(fieldId('ico')).toBe('f-ico');
    expect(fieldId('roles[0].team_id')).toBe('f-roles-0-team_id');
    expect(fieldId('roles[12]')).toBe('f-roles-12');
  });

  it('normalises optional values', () => {
    expect(orNull('')).toBeNull();
    expect(orNull('  ')).toBeNull();
    expect(orNull(' a ')).toBe('a');
    expect(numOrNull('0,5')).toBe(0.5);
    expect(numOrNull('')).toBeNull();
    expect(numOrNull('x')).toBeNull();
    expect(numOrNull(1)).toBe(1);
  });

  it('wraps any error', () => {
    const api = new ApiError(422, { errors: [{ field: 'ico', message: 'bad' }] });
    expect(toFormError(api).fields).toEqual({ ico: 'bad' });
    const other = toFormError(new Error('boom'));
    expect(other.error?.status).toBe(0);
    expect(other.fields).toEqual({});
  });
});
