import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiError } from '../lib/api';
import { fieldError, serverFieldErrors, zodFieldErrors } from './form';

// A stand-in for i18next's t: the key and its options, so the mapping is what is tested.
const t = ((key: string, options?: Record<string, unknown>) =>
  options ? `${key} ${JSON.stringify(options)}` : key) as unknown as Parameters<typeof zodFieldErrors>[1];

describe('form errors', () => {
  it('translates zod issues by code, one message per field', () => {
    const schema = z.strictObject({
      name: z.string().trim().min(1),
      email: z.email(),
      code: z.string().min(3).max(5),
      count: z.number().int().max(10),
      tags: z.array(z.string()).max(1),
      kind: z.enum(['a', 'b']),
      label: z.strictObject({ en: z.string().min(1) }),
    });
    const result = schema.safeParse({
      name: ' ',
      email: 'nope',
      code: 'x',
      count: 11,
      tags: ['a', 'b'],
      kind: 'c',
      label: { en: '' },
    });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(zodFieldErrors(result.error, t)).toEqual({
      name: 'validation.required',
      email: 'validation.email',
      code: 'validation.tooShort {"minimum":3}',
      count: 'validation.tooBig {"maximum":10}',
      tags: 'validation.tooMany {"maximum":1}',
      kind: 'validation.choice',
      'label.en': 'validation.required',
    });
    expect(zodFieldErrors(z.object({ a: z.string() }).safeParse({}).error as z.ZodError, t)).toEqual({
      a: 'validation.required',
    });
  });

  it("maps the server's details to fields, with or without the body prefix", () => {
    const error = new ApiError(400, 'validation_failed', 'x', {
      details: [
        { path: 'body.email', message: 'Invalid email address' },
        { path: 'customFields.asset_tag', message: 'is required' },
        { path: 'querystring.page', message: 'too small' },
      ],
    });
    expect(serverFieldErrors(error)).toEqual({
      email: 'Invalid email address',
      'customFields.asset_tag': 'is required',
    });
  });

  it('finds the error of a field or of anything inside it', () => {
    const errors = { 'domains.2': 'must be a domain', name: 'Required' };
    expect(fieldError(errors, 'domains')).toBe('must be a domain');
    expect(fieldError(errors, 'name')).toBe('Required');
    expect(fieldError(errors, 'dom')).toBeUndefined();
  });
});
