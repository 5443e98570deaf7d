import { describe, expect, it } from 'vitest';
import { AppError } from '../../lib/app-error';
import type { CustomFieldRow } from './custom-fields.repo';
import { validateCustomFieldValues } from './custom-fields.values';

const field = (
  overrides: Partial<CustomFieldRow> & Pick<CustomFieldRow, 'key' | 'type'>,
): CustomFieldRow => ({
  id: crypto.randomUUID(),
  label: { en: overrides.key },
  options: [],
  required: false,
  portalVisibility: 'edit',
  position: 0,
  createdAt: new Date(),
  ...overrides,
});

const definitions: CustomFieldRow[] = [
  field({ key: 'asset_tag', type: 'text' }),
  field({ key: 'hours', type: 'number' }),
  field({ key: 'renewal', type: 'date' }),
  field({
    key: 'site',
    type: 'select',
    options: [
      { value: 'paris', label: { en: 'Paris' } },
      { value: 'lyon', label: { en: 'Lyon' } },
    ],
  }),
  field({ key: 'onsite', type: 'checkbox' }),
];

const create = { mode: 'create' } as const;
const update = { mode: 'update' } as const;

/** The error's details, or a failure when the values were accepted. */
function problemsOf(run: () => unknown): { path: string; message: string }[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    const appError = error as AppError;
    expect(appError.code).toBe('validation_failed');
    expect(appError.status).toBe(400);
    return appError.details as { path: string; message: string }[];
  }
  throw new Error('the values were accepted');
}

const pathsOf = (run: () => unknown) => problemsOf(run).map((problem) => problem.path);

describe('validateCustomFieldValues', () => {
  it('accepts one valid value of every type and returns them as given', () => {
    const values = { asset_tag: 'A-1', hours: 2.5, renewal: '2024-02-29', site: 'lyon', onsite: false };
    expect(validateCustomFieldValues(definitions, values, create)).toEqual(values);
  });

  it('accepts no values at all when nothing is required', () => {
    expect(validateCustomFieldValues(definitions, {}, create)).toEqual({});
    expect(validateCustomFieldValues(definitions, {}, update)).toEqual({});
  });

  it('refuses keys that are not custom fields, even ones named like object properties', () => {
    expect(pathsOf(() => validateCustomFieldValues(definitions, { colour: 'red' }, update))).toEqual([
      'customFields.colour',
    ]);
    expect(
      pathsOf(() => validateCustomFieldValues(definitions, { constructor: 'x', toString: 'y' }, update)),
    ).toEqual(['customFields.constructor', 'customFields.toString']);
    expect(pathsOf(() => validateCustomFieldValues([], { asset_tag: 'A-1' }, create))).toEqual([
      'customFields.asset_tag',
    ]);
  });

  describe('text', () => {
    it('trims text and keeps 5000 characters', () => {
      const long = 'x'.repeat(5000);
      expect(validateCustomFieldValues(definitions, { asset_tag: `  ${long}\n` }, update)).toEqual({
        asset_tag: long,
      });
    });

    it('refuses text longer than 5000 characters', () => {
      const problems = problemsOf(() =>
        validateCustomFieldValues(definitions, { asset_tag: 'x'.repeat(5001) }, update),
      );
      expect(problems).toEqual([
        { path: 'customFields.asset_tag', message: 'must be at most 5000 characters' },
      ]);
    });

    it('treats blank text as no value', () => {
      expect(validateCustomFieldValues(definitions, { asset_tag: '   ' }, update)).toEqual({
        asset_tag: null,
      });
    });

    it('refuses numbers, booleans, lists and objects', () => {
      for (const value of [42, true, ['A-1'], { tag: 'A-1' }]) {
        expect(pathsOf(() => validateCustomFieldValues(definitions, { asset_tag: value }, update))).toEqual([
          'customFields.asset_tag',
        ]);
      }
    });
  });

  describe('number', () => {
    it('accepts integers, decimals, negatives and zero', () => {
      for (const hours of [0, -3, 7, 1.25, 1e6]) {
        expect(validateCustomFieldValues(definitions, { hours }, update)).toEqual({ hours });
      }
    });

    it('refuses numeric strings, NaN and infinities', () => {
      for (const hours of [
        '3',
        '',
        'three',
        Number.NaN,
        Number.POSITIVE_INFINITY,
        Number.NEGATIVE_INFINITY,
      ]) {
        expect(pathsOf(() => validateCustomFieldValues(definitions, { hours }, update))).toEqual([
          'customFields.hours',
        ]);
      }
    });

    it('says what it got instead of a number', () => {
      expect(problemsOf(() => validateCustomFieldValues(definitions, { hours: '3' }, update))).toEqual([
        { path: 'customFields.hours', message: 'must be a number, not a string' },
      ]);
    });
  });

  describe('date', () => {
    it('accepts real calendar dates, leap days included', () => {
      for (const renewal of ['2024-01-31', '2024-02-29', '2000-02-29', '1999-12-31']) {
        expect(validateCustomFieldValues(definitions, { renewal }, update)).toEqual({ renewal });
      }
    });

    it('refuses dates that do not exist', () => {
      for (const renewal of [
        '2023-02-29',
        '1900-02-29',
        '2024-02-30',
        '2024-04-31',
        '2024-13-01',
        '2024-00-10',
        '2024-01-00',
      ]) {
        expect(problemsOf(() => validateCustomFieldValues(definitions, { renewal }, update))).toEqual([
          { path: 'customFields.renewal', message: `${renewal} is not a calendar date` },
        ]);
      }
    });

    it('refuses other spellings and timestamps', () => {
      for (const renewal of ['2024-1-5', '05/01/2024', '2024-01-05T10:00:00Z', '20240105', 20240105, true]) {
        expect(pathsOf(() => validateCustomFieldValues(definitions, { renewal }, update))).toEqual([
          'customFields.renewal',
        ]);
      }
    });

    it('treats an empty date as no value', () => {
      expect(validateCustomFieldValues(definitions, { renewal: '' }, update)).toEqual({ renewal: null });
    });
  });

  describe('select', () => {
    it('accepts one of the option values', () => {
      expect(validateCustomFieldValues(definitions, { site: 'paris' }, update)).toEqual({ site: 'paris' });
    });

    it('refuses a label, another case or a value that is not an option, and lists the options', () => {
      for (const site of ['Paris', 'PARIS', 'berlin']) {
        expect(problemsOf(() => validateCustomFieldValues(definitions, { site }, update))).toEqual([
          { path: 'customFields.site', message: 'must be one of: paris, lyon' },
        ]);
      }
      expect(pathsOf(() => validateCustomFieldValues(definitions, { site: ['paris'] }, update))).toEqual([
        'customFields.site',
      ]);
    });

    it('treats an empty choice as no value', () => {
      expect(validateCustomFieldValues(definitions, { site: '' }, update)).toEqual({ site: null });
    });
  });

  describe('checkbox', () => {
    it('accepts true and false', () => {
      expect(validateCustomFieldValues(definitions, { onsite: true }, update)).toEqual({ onsite: true });
      expect(validateCustomFieldValues(definitions, { onsite: false }, update)).toEqual({ onsite: false });
    });

    it('refuses strings and numbers that look like booleans', () => {
      for (const onsite of ['true', 'on', 1, 0, '']) {
        expect(pathsOf(() => validateCustomFieldValues(definitions, { onsite }, update))).toEqual([
          'customFields.onsite',
        ]);
      }
    });
  });

  it('clears any optional field with null', () => {
    const cleared = { asset_tag: null, hours: null, renewal: null, site: null, onsite: null };
    expect(validateCustomFieldValues(definitions, cleared, create)).toEqual(cleared);
    expect(validateCustomFieldValues(definitions, cleared, update)).toEqual(cleared);
  });

  describe('required fields', () => {
    const strict = [
      field({ key: 'contract', type: 'text', required: true }),
      field({ key: 'agreed', type: 'checkbox', required: true }),
      field({ key: 'note', type: 'text' }),
    ];

    it('must be given on create', () => {
      expect(problemsOf(() => validateCustomFieldValues(strict, { note: 'hi' }, create))).toEqual([
        { path: 'customFields.contract', message: 'is required' },
        { path: 'customFields.agreed', message: 'is required' },
      ]);
    });

    it('cannot be null or blank on create', () => {
      expect(
        pathsOf(() => validateCustomFieldValues(strict, { contract: '  ', agreed: null }, create)),
      ).toEqual(['customFields.contract', 'customFields.agreed']);
    });

    it('count a false checkbox as an answer', () => {
      expect(validateCustomFieldValues(strict, { contract: 'C-9', agreed: false }, create)).toEqual({
        contract: 'C-9',
        agreed: false,
      });
    });

    it('may be left out of an update, but not cleared by it', () => {
      expect(validateCustomFieldValues(strict, { note: 'later' }, update)).toEqual({ note: 'later' });
      expect(
        problemsOf(() => validateCustomFieldValues(strict, { contract: null, agreed: null }, update)),
      ).toEqual([
        { path: 'customFields.contract', message: 'is required and cannot be cleared' },
        { path: 'customFields.agreed', message: 'is required and cannot be cleared' },
      ]);
      expect(pathsOf(() => validateCustomFieldValues(strict, { contract: '' }, update))).toEqual([
        'customFields.contract',
      ]);
    });
  });

  it('reports every problem at once, in one error with a readable message', () => {
    let caught: unknown;
    try {
      validateCustomFieldValues(
        [...definitions, field({ key: 'contract', type: 'text', required: true })],
        { hours: '3', site: 'berlin', colour: 'red', onsite: 'yes' },
        create,
      );
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    const error = caught as AppError;
    expect(error.details).toEqual([
      { path: 'customFields.hours', message: 'must be a number, not a string' },
      { path: 'customFields.site', message: 'must be one of: paris, lyon' },
      { path: 'customFields.colour', message: 'is not a custom field' },
      { path: 'customFields.onsite', message: 'must be true or false, not a string' },
      { path: 'customFields.contract', message: 'is required' },
    ]);
    expect(error.message).toContain('customFields.hours: must be a number');
    expect(error.message).toContain('customFields.contract: is required');
  });

  it('does not change the values it was given', () => {
    const values = { asset_tag: '  padded  ' };
    validateCustomFieldValues(definitions, values, update);
    expect(values).toEqual({ asset_tag: '  padded  ' });
  });
});
