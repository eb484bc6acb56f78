import { describe, expect, it } from 'vitest';
import { ApiError } from './api/client';
import { fieldId, numOrNull, optional, orNull, toFormError } from './forms';

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

describe('optional fields in request bodies', () => {
  it('sends a value, clears a removed one, leaves out an empty one', () => {
    expect(optional(' CZ063 ')).toBe('CZ063');
    expect(optional('', 'CZ063')).toBe('');
    expect(optional('', null)).toBeUndefined();
    expect(optional(undefined)).toBeUndefined();
  });
});

describe('field errors in the UI language', () => {
  it('words known codes and keeps the server message otherwise', () => {
    const api = new ApiError(422, {
      errors: [
        { field: 'ico', code: 'ico', message: 'Not a valid IČO.' },
        { field: 'name', code: 'weird', message: 'Server says no.' },
      ],
    });
    const word = (code: string | undefined, msg: string) => (code === 'ico' ? 'IČO není platné' : msg);
    expect(toFormError(api, word).fields).toEqual({ ico: 'IČO není platné', name: 'Server says no.' });
  });
});
