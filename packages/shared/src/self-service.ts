import { z } from 'zod';
import { PhoneSchema } from './desk';
import { ACTION_STATES, ACTION_TYPES, DEVICE_OSES } from './devices';

/** SPEC §5: codes are six digits, live five minutes, and allow five attempts. */
export const CODE_DIGITS = 6;
export const CODE_TTL_SECONDS = 5 * 60;
export const CODE_ATTEMPTS = 5;

export const PhoneEnrolSchema = z.strictObject({ phone: PhoneSchema });
export type PhoneEnrol = z.infer<typeof PhoneEnrolSchema>;

export const CodeSchema = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(new RegExp(`^\\d{${CODE_DIGITS}}$`), `the ${CODE_DIGITS}-digit code from the text message`),
});
export type CodeInput = z.infer<typeof CodeSchema>;

/** Where the contact's 2FA stands: a number waiting for its code is not theirs yet. */
export const TwoFactorStatusSchema = z.object({
  phone: z.string().nullable(),
  phoneVerified: z.boolean(),
  /** A number a code was sent to, not confirmed yet. */
  pendingPhone: z.string().nullable(),
  codeExpiresAt: z.string().nullable(),
});
export type TwoFactorStatus = z.infer<typeof TwoFactorStatusSchema>;

/** An action as its contact sees it: what, its state, and when; never the command's output. */
export const PortalActionSchema = z.object({
  id: z.uuid(),
  deviceId: z.uuid(),
  type: z.enum(ACTION_TYPES),
  state: z.enum(ACTION_STATES),
  createdAt: z.string(),
  updatedAt: z.string(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
});
export type PortalAction = z.infer<typeof PortalActionSchema>;

/** A catalog entry as a contact picks it. */
export const PortalSoftwareSchema = z.object({ id: z.uuid(), name: z.string() });
export type PortalSoftware = z.infer<typeof PortalSoftwareSchema>;

export const PortalDeviceSchema = z.object({
  id: z.uuid(),
  hostname: z.string(),
  os: z.enum(DEVICE_OSES),
  osVersion: z.string(),
  online: z.boolean(),
  lastSeenAt: z.string().nullable(),
  /** The actions this contact may run on it now (portal settings, what is offered, its OS). */
  actions: z.array(z.enum(ACTION_TYPES)),
  /**
   * The local account a password reset would reset (the one signed in when the agent last said),
   * when `actions` has `reset_password`.
   */
  passwordResetAccount: z.string().nullable(),
  /** The approved software they may install on it (none when installs are off, or on Linux). */
  software: z.array(PortalSoftwareSchema),
  /** The latest actions on it, newest first. */
  recentActions: z.array(PortalActionSchema),
});
export type PortalDevice = z.infer<typeof PortalDeviceSchema>;

/** A new action waits for the code texted to the contact's confirmed number. */
export const PortalActionRequestedSchema = z.object({
  action: PortalActionSchema,
  codeSentTo: z.string(),
  codeExpiresAt: z.string(),
});
export type PortalActionRequested = z.infer<typeof PortalActionRequestedSchema>;
