import { z } from 'zod';
import { LANGUAGES } from './i18n';

export const TECHNICIAN_ROLES = ['admin', 'technician'] as const;
export type TechnicianRole = (typeof TECHNICIAN_ROLES)[number];

/** Passwords a person chooses; generated ones are longer. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

export const PasswordSchema = z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH);
export const EmailSchema = z
  .email()
  .max(254)
  .transform((email) => email.toLowerCase());

export const TechnicianLoginSchema = z.strictObject({
  email: z.string().min(1).max(254),
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
});
export type TechnicianLogin = z.infer<typeof TechnicianLoginSchema>;

export const ContactLoginSchema = z.strictObject({
  username: z.string().min(1).max(254),
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
});
export type ContactLogin = z.infer<typeof ContactLoginSchema>;

export const LanguageSchema = z.enum(LANGUAGES);

export const TechnicianSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: z.enum(TECHNICIAN_ROLES),
  language: LanguageSchema,
  createdAt: z.string(),
});
export type Technician = z.infer<typeof TechnicianSchema>;

export const TechnicianCreateSchema = z.strictObject({
  email: EmailSchema,
  name: z.string().trim().min(1).max(200),
  role: z.enum(TECHNICIAN_ROLES),
  /** English when not given, as for an install's first admin. */
  language: LanguageSchema.optional(),
  password: PasswordSchema,
});
export type TechnicianCreate = z.infer<typeof TechnicianCreateSchema>;

export const TechnicianUpdateSchema = TechnicianCreateSchema.partial();
export type TechnicianUpdate = z.infer<typeof TechnicianUpdateSchema>;

/** What technicians change about themselves without an admin: their display name and language. */
export const TechnicianPreferencesSchema = z
  .strictObject({ name: TechnicianCreateSchema.shape.name, language: LanguageSchema })
  .partial()
  .refine((preferences) => Object.keys(preferences).length > 0, 'must change at least one preference');
export type TechnicianPreferences = z.infer<typeof TechnicianPreferencesSchema>;

/** `expiresAt`: when the token stops working (omitted or null: until revoked). */
export const ApiTokenCreateSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  expiresAt: z.iso.datetime({ offset: true }).nullish(),
});
export type ApiTokenCreate = z.infer<typeof ApiTokenCreateSchema>;

/** A token as lists show it: never its secret. */
export const ApiTokenSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
export type ApiToken = z.infer<typeof ApiTokenSchema>;

/** The answer to creating a token: the only time its secret is shown. */
export const ApiTokenCreatedSchema = ApiTokenSchema.extend({ token: z.string() });

/** Someone changing their own password (contact or technician): the current one proves it is them. */
export const PasswordChangeSchema = z.strictObject({
  currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH),
  newPassword: PasswordSchema,
});
export type PasswordChange = z.infer<typeof PasswordChangeSchema>;

/** A contact signed in with a generated password chooses their own (the session proved the old one). */
export const PasswordChoiceSchema = z.strictObject({ password: PasswordSchema });
export type PasswordChoice = z.infer<typeof PasswordChoiceSchema>;

/** "Forgot password?": the portal takes the username or the email address, the console the email. */
export const ContactForgotPasswordSchema = z.union([
  z.strictObject({ username: z.string().trim().min(1).max(254) }),
  z.strictObject({ email: z.string().trim().min(1).max(254) }),
]);
export type ContactForgotPassword = z.infer<typeof ContactForgotPasswordSchema>;
export const TechnicianForgotPasswordSchema = z.strictObject({ email: z.string().trim().min(1).max(254) });
export type TechnicianForgotPassword = z.infer<typeof TechnicianForgotPasswordSchema>;

/** The same answer whether or not the account exists: whoever asks learns nothing. */
export const ForgotPasswordAcceptedSchema = z.object({ status: z.literal('accepted') });
export type ForgotPasswordAccepted = z.infer<typeof ForgotPasswordAcceptedSchema>;

/** The token from the link `…/reset-password?token=…`, and the password chosen. */
export const PasswordResetSchema = z.strictObject({
  token: z.string().min(1).max(200),
  password: PasswordSchema,
});
export type PasswordReset = z.infer<typeof PasswordResetSchema>;

/** How long a "Forgot password?" link works. */
export const PASSWORD_RESET_LINK_MINUTES = 60;
