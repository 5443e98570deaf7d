import {
  LANGUAGES,
  type Language,
  MAIL_KINDS,
  MAIL_PLACEHOLDERS,
  type MailKind,
  type MailPreviewRequest,
  type MailTemplate,
  type MailTemplates,
  type MailTemplatesPatch,
  MailTemplatesPatchSchema,
  type MailTemplatesResponse,
  type RenderedMail,
} from '@atrium/shared';
import type { Db } from '../../db/client';
import type { TechnicianActor } from '../../lib/actor';
import { AppError } from '../../lib/app-error';
import { recordAudit } from '../audit/audit.repo';
import { statusName } from '../portal/contact-texts';
import { readSetting, readSettingForUpdate, writeSetting } from '../settings/settings.repo';
import { requireAdmin } from '../technicians/technicians.policy';
import { DEFAULT_MAIL_TEMPLATES } from './default-templates';
import { renderMail, templateProblems } from './render';

const KEY = 'mailTemplates';
type Overrides = Partial<Record<MailKind, Partial<Record<Language, MailTemplate>>>>;

/** Stored edits, dropping anything a later version no longer accepts rather than failing on it. */
function overridesOf(stored: unknown): Overrides {
  const parsed = MailTemplatesPatchSchema.safeParse(stored ?? {});
  if (!parsed.success) return {};
  const overrides: Overrides = {};
  for (const kind of MAIL_KINDS) {
    for (const language of LANGUAGES) {
      const template = parsed.data[kind]?.[language];
      if (template) overrides[kind] = { ...overrides[kind], [language]: template };
    }
  }
  return overrides;
}

/** The template a mail uses: the admin's edit, else the default. */
function pick(overrides: Overrides, kind: MailKind, language: Language): MailTemplate {
  return overrides[kind]?.[language] ?? DEFAULT_MAIL_TEMPLATES[kind][language];
}

/** Believable values for the console's preview. */
const SAMPLE: Record<string, string> = {
  firstName: 'Alex',
  lastName: 'Martin',
  companyName: 'Example IT',
  portalUrl: 'https://help.example.com/portal',
  username: 'alex.martin@example.com',
  password: 'kT7#vQ2m-Lp9x',
  ticketNumber: '1042',
  ticketTitle: 'Printer on the second floor is offline',
  ticketUrl: 'https://help.example.com/portal/tickets/1042',
  author: 'Sam Taylor',
  message: 'I restarted the print spooler. Could you try printing again?\n\n**Thanks!**',
  customer: 'Acme Corp',
  requester: 'Alex Martin',
  requesterEmail: 'alex.martin@example.com',
  name: 'Sam Taylor',
  resetUrl: 'https://help.example.com/portal/reset-password?token=kT7vQ2mLp9x',
  expiresInMinutes: '60',
};

export function createMailTemplatesService(db: Db) {
  function validate(kind: MailKind, template: MailTemplate, path: string) {
    const problems = templateProblems(kind, template, path);
    if (problems.length > 0) {
      throw new AppError(
        'validation_failed',
        `The template is not valid: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
        problems,
      );
    }
  }

  function respond(overrides: Overrides): MailTemplatesResponse {
    const templates = {} as MailTemplates;
    const customized = {} as Record<MailKind, Language[]>;
    const placeholders = {} as MailTemplatesResponse['placeholders'];
    for (const kind of MAIL_KINDS) {
      templates[kind] = Object.fromEntries(
        LANGUAGES.map((language) => [language, pick(overrides, kind, language)]),
      );
      customized[kind] = LANGUAGES.filter((language) => overrides[kind]?.[language]);
      placeholders[kind] = {
        all: [...MAIL_PLACEHOLDERS[kind].all],
        required: [...MAIL_PLACEHOLDERS[kind].required],
      };
    }
    return { templates, customized, placeholders };
  }

  return {
    async get(_actor: TechnicianActor): Promise<MailTemplatesResponse> {
      return respond(overridesOf(await readSetting(db, KEY)));
    },

    async update(actor: TechnicianActor, patch: MailTemplatesPatch): Promise<MailTemplatesResponse> {
      requireAdmin(actor);
      return db.transaction(async (tx) => {
        const overrides = overridesOf(await readSettingForUpdate(tx, KEY));
        for (const kind of MAIL_KINDS) {
          for (const language of LANGUAGES) {
            const change = patch[kind]?.[language];
            if (change === undefined) continue;
            const languages = { ...overrides[kind] };
            if (change === null) delete languages[language];
            else {
              validate(kind, change, `body.${kind}.${language}`);
              languages[language] = change;
            }
            overrides[kind] = languages;
          }
        }
        await writeSetting(tx, KEY, overrides);
        await recordAudit(tx, {
          actor,
          action: 'settings.mailTemplates.updated',
          target: { type: 'settings', id: KEY },
          details: { changed: Object.keys(patch) },
        });
        return respond(overrides);
      });
    },

    preview(_actor: TechnicianActor, request: MailPreviewRequest): RenderedMail {
      const { kind, language, ...template } = request;
      validate(kind, template, 'body');
      // The status as that language's readers see it named.
      return renderMail(template, { ...SAMPLE, status: statusName('Resolved', language) });
    },

    /** The templates as they are now (read in the caller's transaction), ready to render in any language. */
    async load(tx: Db) {
      const overrides = overridesOf(await readSetting(tx, KEY));
      return (kind: MailKind, language: Language, values: Record<string, string>): RenderedMail =>
        renderMail(pick(overrides, kind, language), values);
    },
  };
}

export type MailTemplatesService = ReturnType<typeof createMailTemplatesService>;
