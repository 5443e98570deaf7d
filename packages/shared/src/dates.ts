import { z } from 'zod';

/** The years PostgreSQL's timestamptz and a JavaScript Date both hold, as written in ISO 8601. */
const DATE_TIME_YEARS = { min: 1, max: 9999 } as const;

/**
 * An instant with its offset (`2030-01-31T09:00:00+01:00`). The year is checked on the instant
 * itself: `0001-01-01T00:00:00+01:00` falls in year 0, which PostgreSQL refuses.
 */
export const DateTimeSchema = z.iso.datetime({ offset: true }).refine(
  (value) => {
    const year = new Date(value).getUTCFullYear();
    return year >= DATE_TIME_YEARS.min && year <= DATE_TIME_YEARS.max;
  },
  { message: `must be between the years ${DATE_TIME_YEARS.min} and ${DATE_TIME_YEARS.max}` },
);
