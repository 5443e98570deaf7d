import { z } from 'zod';
import type { DeviceOs } from './devices';

/**
 * The approved software catalog (SPEC §2, §3.5): what contacts may install on their own devices,
 * Windows through Chocolatey and macOS through Homebrew. Linux devices get no catalog installs.
 */

export const SOFTWARE_OSES = ['windows', 'macos'] as const satisfies readonly DeviceOs[];
export type SoftwareOs = (typeof SOFTWARE_OSES)[number];

export const SOFTWARE_NAME_MAX = 120;

/*
 * Package ids end up in an argv (`choco install ID`, `brew install ID`). Starting with a letter or
 * digit keeps them from reading as an option (`--source=…`), and the short alphabets leave out
 * spaces, quotes and every shell metacharacter, in case anything downstream ever builds a string.
 */
const CHOCOLATEY_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
/** A formula or cask, optionally from a tap: `wget`, `google-chrome`, `python@3.12`, `owner/tap/name`. */
const HOMEBREW_ID = /^(?:[a-z0-9][a-z0-9_-]{0,38}\/[a-z0-9][a-z0-9_-]{0,99}\/)?[a-z0-9][a-z0-9@._+-]{0,99}$/;

export const ChocolateyIdSchema = z
  .string()
  .trim()
  .regex(
    CHOCOLATEY_ID,
    'must be a Chocolatey package id such as googlechrome: up to 100 letters, digits, dots, dashes and underscores, starting with a letter or digit',
  );

export const HomebrewIdSchema = z
  .string()
  .trim()
  .regex(
    HOMEBREW_ID,
    'must be a Homebrew formula or cask such as google-chrome, optionally as owner/tap/name: lower-case letters, digits and . _ - + @, starting with a letter or digit',
  );

type SoftwarePackages = { chocolatey: string | null; homebrew: string | null; homebrewCask: boolean };

/** Whether contacts can install this entry on a device running `os` (never on Linux). */
export function softwareSupports(
  entry: Pick<SoftwarePackages, 'chocolatey' | 'homebrew'>,
  os: DeviceOs,
): boolean {
  if (os === 'windows') return entry.chocolatey !== null;
  if (os === 'macos') return entry.homebrew !== null;
  return false;
}

export type SoftwareProblem = { path: 'chocolatey' | 'homebrewCask'; message: string };

/**
 * What makes a whole entry unusable, whichever way it was reached: on creation, after an update
 * merged into the stored entry, and in the console's form before it is sent.
 */
export function softwarePackageProblems(entry: SoftwarePackages): SoftwareProblem[] {
  const problems: SoftwareProblem[] = [];
  if (entry.chocolatey === null && entry.homebrew === null) {
    problems.push({
      path: 'chocolatey',
      message: 'give a Chocolatey id (Windows), a Homebrew id (macOS) or both',
    });
  }
  if (entry.homebrewCask && entry.homebrew === null) {
    problems.push({ path: 'homebrewCask', message: 'a Homebrew cask needs a Homebrew id' });
  }
  return problems;
}

const SoftwareFieldsSchema = z.strictObject({
  name: z.string().trim().min(1).max(SOFTWARE_NAME_MAX),
  /** Null (or absent): not offered on Windows. */
  chocolatey: ChocolateyIdSchema.nullable().optional(),
  /** Null (or absent): not offered on macOS. */
  homebrew: HomebrewIdSchema.nullable().optional(),
  /** `brew install --cask` (apps such as google-chrome) rather than a formula. */
  homebrewCask: z.boolean().optional(),
  /**
   * SPEC §9 shows `"approved": true` in the body. Every entry of the catalog is approved (withdrawing
   * one is deleting it), so the flag is accepted for those clients but only as true.
   */
  approved: z
    .literal(true, 'the catalog holds approved software only: delete an entry to withdraw it')
    .optional(),
});

export const SoftwareCreateSchema = SoftwareFieldsSchema.superRefine((input, context) => {
  const problems = softwarePackageProblems({
    chocolatey: input.chocolatey ?? null,
    homebrew: input.homebrew ?? null,
    homebrewCask: input.homebrewCask ?? false,
  });
  for (const problem of problems)
    context.addIssue({ code: 'custom', path: [problem.path], message: problem.message });
});
export type SoftwareCreate = z.infer<typeof SoftwareCreateSchema>;

/** `null` removes an id; the entry must still name one afterwards (checked against the stored entry). */
export const SoftwareUpdateSchema = SoftwareFieldsSchema.partial();
export type SoftwareUpdate = z.infer<typeof SoftwareUpdateSchema>;

export const SoftwareSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  chocolatey: z.string().nullable(),
  homebrew: z.string().nullable(),
  homebrewCask: z.boolean(),
  approved: z.literal(true),
  /** Derived from the ids that are set, in `SOFTWARE_OSES` order. */
  supportedOs: z.array(z.enum(SOFTWARE_OSES)),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Software = z.infer<typeof SoftwareSchema>;
