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

export const TechnicianSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: z.enum(TECHNICIAN_ROLES),
  createdAt: z.string(),
});
export type Technician = z.infer<typeof TechnicianSchema>;

export const TechnicianCreateSchema = z.strictObject({
  email: EmailSchema,
  name: z.string().trim().min(1).max(200),
  role: z.enum(TECHNICIAN_ROLES),
  password: PasswordSchema,
});
export type TechnicianCreate = z.infer<typeof TechnicianCreateSchema>;

export const TechnicianUpdateSchema = TechnicianCreateSchema.partial();
export type TechnicianUpdate = z.infer<typeof TechnicianUpdateSchema>;

export const ApiTokenCreateSchema = z.strictObject({ name: z.string().trim().min(1).max(100) });
export const ApiTokenCreatedSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  token: z.string(),
  createdAt: z.string(),
});

export const LanguageSchema = z.enum(LANGUAGES);

/** A contact changing their own portal password: the current one proves it is them. */
export const PasswordChangeSchema = z.strictObject({
  currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH),
  newPassword: PasswordSchema,
});
export type PasswordChange = z.infer<typeof PasswordChangeSchema>;
