import { z } from 'zod';

/**
 * Devices and their agent (SPEC §6): the technician API's shapes and the agent's wire protocol. The
 * agent imports only this package, never the server: what both sides must agree on lives here.
 */

export const DEVICE_OSES = ['windows', 'macos', 'linux'] as const;
export type DeviceOs = (typeof DEVICE_OSES)[number];

export const ACTION_TYPES = [
  'reboot',
  'lock',
  'shutdown',
  'logoff',
  'reset_password',
  'install_software',
] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

export const ACTION_STATES = [
  'awaiting_verification',
  'queued',
  'sent',
  'acknowledged',
  'running',
  'succeeded',
  'failed',
  'timed_out',
  'expired',
  'cancelled',
  'outcome_unknown',
] as const;
export type ActionState = (typeof ACTION_STATES)[number];

/** States an action can still leave: one of a type per device at a time. */
export const ACTIONS_IN_FLIGHT: readonly ActionState[] = [
  'awaiting_verification',
  'queued',
  'sent',
  'acknowledged',
  'running',
];

/** States an action can be called back in: it has not gone out to its device. */
export const ACTIONS_CANCELLABLE: readonly ActionState[] = ['awaiting_verification', 'queued'];

/**
 * The one-click actions technicians and contacts may run. Installing software takes an entry of the
 * approved catalog besides; resetting a password needs someone signed in and a confirmed number to
 * text the temporary password to.
 */
export const OFFERED_ACTIONS = [
  'reboot',
  'shutdown',
  'lock',
  'logoff',
] as const satisfies readonly ActionType[];

/** Power actions are the ones whose success shows only as the device coming back. */
export const POWER_ACTIONS: readonly ActionType[] = ['reboot', 'shutdown'];

/**
 * How long a command may wait for its device (SPEC §6): a laptop that comes online days later must
 * not reboot then. Installs may wait for the next working day.
 */
export const ACTION_DELIVERY_SECONDS: Record<ActionType, number> = {
  reboot: 15 * 60,
  shutdown: 15 * 60,
  lock: 15 * 60,
  logoff: 15 * 60,
  reset_password: 15 * 60,
  install_software: 24 * 60 * 60,
};

/** The agent's heartbeat period; a device is offline after three missed beats. */
export const HEARTBEAT_SECONDS = 30;
export const MISSED_HEARTBEATS_OFFLINE = 3;

/** Ed25519 public keys travel as their 32 raw bytes in base64url (a JWK's `x`). */
export const PublicKeySchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'an Ed25519 public key (base64url)');
const SignatureSchema = z.string().regex(/^[A-Za-z0-9_-]{86}$/, 'an Ed25519 signature (base64url)');

const shortText = (max: number) => z.string().max(max);

/** What an agent tells about its machine, at enrollment and on every connection. */
export const DeviceInventorySchema = z.object({
  hostname: shortText(255).min(1),
  os: z.enum(DEVICE_OSES),
  osVersion: shortText(100),
  agentVersion: shortText(50),
});
export type DeviceInventory = z.infer<typeof DeviceInventorySchema>;

// ---- Enrollment -----------------------------------------------------------------------------

export const ENROLLMENT_TOKEN_DEFAULT_HOURS = 24;

export const EnrollmentTokenCreateSchema = z.strictObject({
  customerId: z.uuid(),
  /** Hours until the token stops enrolling (1 hour to 30 days). */
  expiresInHours: z
    .number()
    .int()
    .min(1)
    .max(30 * 24)
    .default(ENROLLMENT_TOKEN_DEFAULT_HOURS),
  /** How many devices it may enroll. */
  maxUses: z.number().int().min(1).max(10_000).default(1),
});
export type EnrollmentTokenCreate = z.input<typeof EnrollmentTokenCreateSchema>;

export const EnrollmentTokenSchema = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  expiresAt: z.string(),
  maxUses: z.number().int(),
  uses: z.number().int(),
  revokedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type EnrollmentToken = z.infer<typeof EnrollmentTokenSchema>;

/** The only time the token itself is shown, with the command that installs an agent with it. */
export const EnrollmentTokenCreatedSchema = EnrollmentTokenSchema.extend({
  token: z.string(),
  installCommands: z.record(z.enum(DEVICE_OSES), z.string()),
});
export type EnrollmentTokenCreated = z.infer<typeof EnrollmentTokenCreatedSchema>;

export const AgentEnrollSchema = DeviceInventorySchema.extend({
  token: z.string().min(1).max(200),
  publicKey: PublicKeySchema,
}).strict();
export type AgentEnroll = z.infer<typeof AgentEnrollSchema>;

export const ServerKeySchema = z.object({ id: z.string(), publicKey: PublicKeySchema });
export type ServerKey = z.infer<typeof ServerKeySchema>;

/**
 * The version of the server's key set: it grows with every key the server makes, so an agent takes a
 * newer set and never goes back to an older one.
 */
export const ServerKeysVersionSchema = z.number().int().nonnegative();

/** The agent pins these keys: every command it accepts is signed by one of them. */
export const AgentEnrolledSchema = z.object({
  deviceId: z.uuid(),
  serverKeys: z.array(ServerKeySchema),
  /** Absent from servers and agents' saved enrollments older than key rotation: 0 is below any set. */
  serverKeysVersion: ServerKeysVersionSchema.default(0),
});
export type AgentEnrolled = z.infer<typeof AgentEnrolledSchema>;

export const SIGNING_KEY_ROLES = ['signing', 'next', 'retired'] as const;

/** One of the server's command-signing keys: the one that signs, the next one agents pin, or retired. */
export const SigningKeySchema = z.object({
  id: z.string(),
  publicKey: PublicKeySchema,
  role: z.enum(SIGNING_KEY_ROLES),
  createdAt: z.string(),
  retiredAt: z.string().nullable(),
});
export type SigningKey = z.infer<typeof SigningKeySchema>;

// ---- Devices and actions in the API -------------------------------------------------------

export const DeviceSchema = z.object({
  id: z.uuid(),
  customer: z.object({ id: z.uuid(), name: z.string() }),
  contact: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  hostname: z.string(),
  os: z.enum(DEVICE_OSES),
  osVersion: z.string(),
  agentVersion: z.string(),
  online: z.boolean(),
  lastSeenAt: z.string().nullable(),
  lastBootAt: z.string().nullable(),
  loggedInUser: z.string().nullable(),
  ips: z.array(z.string()),
  enrolledAt: z.string(),
});
export type Device = z.infer<typeof DeviceSchema>;

export const DeviceListQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  customerId: z.uuid().optional(),
  contactId: z.uuid().optional(),
  online: z.enum(['true', 'false']).optional(),
  q: z.string().max(200).optional(),
});
export type DeviceListQuery = z.infer<typeof DeviceListQuerySchema>;

/** `contactId: null` unassigns; the contact must belong to the device's customer. */
export const DeviceUpdateSchema = z.strictObject({ contactId: z.uuid().nullable() });
export type DeviceUpdate = z.infer<typeof DeviceUpdateSchema>;

export const ActionCreateSchema = z.strictObject({
  type: z.enum(ACTION_TYPES),
  softwareId: z.uuid().optional(),
});
export type ActionCreate = z.infer<typeof ActionCreateSchema>;

export const ActionSchema = z.object({
  id: z.uuid(),
  deviceId: z.uuid(),
  type: z.enum(ACTION_TYPES),
  state: z.enum(ACTION_STATES),
  requestedBy: z.object({ type: z.enum(['technician', 'contact']), id: z.uuid() }),
  createdAt: z.string(),
  expiresAt: z.string(),
  updatedAt: z.string(),
  finishedAt: z.string().nullable(),
  exitCode: z.number().int().nullable(),
  /** What the command printed (its tail), or with `--dry-run` the argv it would have run. */
  output: z.string().nullable(),
  error: z.string().nullable(),
  rebootRequired: z.boolean(),
});
export type Action = z.infer<typeof ActionSchema>;

export const ActionListQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  deviceId: z.uuid().optional(),
  state: z.enum(ACTION_STATES).optional(),
});
export type ActionListQuery = z.infer<typeof ActionListQuerySchema>;

// ---- Secrets sealed to a device's key ------------------------------------------------------

/**
 * A secret only the device can read (a temporary password, SPEC §6): X25519 with an ephemeral key
 * against the device's own key (its Ed25519 identity in Montgomery form), HKDF-SHA256, AES-256-GCM
 * with the action's id as associated data, so it opens for that command alone.
 */
export const SEALED_SECRET_ALGORITHM = 'x25519-hkdf-sha256-aes256gcm';
export const SEALED_SECRET_INFO = 'atrium-sealed-secret-v1';

const base64url = (bytes: number) =>
  z.string().regex(new RegExp(`^[A-Za-z0-9_-]{${Math.ceil((bytes * 4) / 3)}}$`));

export const SealedSecretSchema = z.strictObject({
  alg: z.literal(SEALED_SECRET_ALGORITHM),
  /** The ephemeral X25519 public key (32 bytes). */
  epk: base64url(32),
  iv: base64url(12),
  ciphertext: z.string().regex(/^[A-Za-z0-9_-]{1,2048}$/),
  tag: base64url(16),
});
export type SealedSecret = z.infer<typeof SealedSecretSchema>;

/** What a `reset_password` command carries: whose password, and the new one sealed to the device. */
export const ResetPasswordParamsSchema = z.strictObject({
  user: z.string().min(1).max(100),
  password: SealedSecretSchema,
});
export type ResetPasswordParams = z.infer<typeof ResetPasswordParamsSchema>;

// ---- The agent's connection (/agent/ws): JSON text frames -----------------------------------

/** What the server signs and the agent checks, field for field. */
export const AgentCommandSchema = z.object({
  id: z.uuid(),
  deviceId: z.uuid(),
  type: z.enum(ACTION_TYPES),
  params: z.record(z.string(), z.unknown()),
  expiresAt: z.string(),
});
export type AgentCommand = z.infer<typeof AgentCommandSchema>;

export const ServerMessageSchema = z.discriminatedUnion('type', [
  /** First frame: the agent proves its key by signing this nonce. */
  z.object({ type: z.literal('challenge'), nonce: z.string() }),
  z.object({ type: z.literal('welcome'), serverTime: z.string(), heartbeatSeconds: z.number() }),
  z.object({
    type: z.literal('command'),
    command: AgentCommandSchema,
    keyId: z.string(),
    signature: SignatureSchema,
  }),
  /** The server has stored this result: the agent may forget it. */
  z.object({ type: z.literal('result_stored'), id: z.uuid() }),
  /**
   * The keys to pin from now on (after every welcome, and when the server rotates its keys), signed
   * over `keySetSigningBytes` by a key the agent pins already.
   */
  z.object({
    type: z.literal('keys'),
    keys: z.array(ServerKeySchema).min(1).max(16),
    version: ServerKeysVersionSchema,
    keyId: z.string(),
    signature: SignatureSchema,
  }),
]);
export type ServerMessage = z.infer<typeof ServerMessageSchema>;

export const RESULT_STATUSES = ['succeeded', 'failed', 'outcome_unknown', 'restarting'] as const;
export type ResultStatus = (typeof RESULT_STATUSES)[number];

export const AgentResultSchema = z.object({
  type: z.literal('result'),
  id: z.uuid(),
  /** `restarting`: a reboot or shutdown was issued; the new boot id will tell. */
  status: z.enum(RESULT_STATUSES),
  exitCode: z.number().int().nullable(),
  output: z.string().max(64 * 1024),
  rebootRequired: z.boolean(),
  finishedAt: z.string(),
});
export type AgentResult = z.infer<typeof AgentResultSchema>;

export const AgentMessageSchema = z.discriminatedUnion('type', [
  DeviceInventorySchema.extend({
    type: z.literal('hello'),
    deviceId: z.uuid(),
    /** Signature of `helloSigningBytes(nonce, deviceId)` with the device key. */
    signature: SignatureSchema,
    bootId: z.string().min(1).max(100),
    bootTime: z.string().nullable(),
    loggedInUser: z.string().max(255).nullable(),
    ips: z.array(z.string().max(64)).max(64),
  }),
  z.object({ type: z.literal('heartbeat') }),
  z.object({
    type: z.literal('ack'),
    id: z.uuid(),
    accepted: z.boolean(),
    reason: z.string().max(500).optional(),
  }),
  z.object({ type: z.literal('running'), id: z.uuid() }),
  AgentResultSchema,
]);
export type AgentMessage = z.infer<typeof AgentMessageSchema>;

/** Close codes of /agent/ws the agent acts on. */
export const AGENT_CLOSE = {
  /** Wrong signature, unknown or removed device: reconnecting will not help until re-enrolled. */
  refused: 4401,
  /** The protocol was not followed (bad frame, no hello in time). */
  protocol: 4400,
  /** The same device connected again elsewhere; this connection is superseded. */
  replaced: 4409,
} as const;

const encoder = new TextEncoder();

/** JSON with object keys sorted at every level: one byte string per value, whoever serializes it. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The bytes the server signs for a command (domain-separated from every other signature). */
export function commandSigningBytes(command: AgentCommand): Uint8Array {
  const { id, deviceId, type, params, expiresAt } = command;
  return encoder.encode(canonicalJson(['atrium-command-v1', id, deviceId, type, params, expiresAt]));
}

/**
 * The bytes the server signs for a key set. The device id is in them, as in a command's: nothing the
 * server signs for one agent is taken by another, whatever connection it is replayed on.
 */
export function keySetSigningBytes(deviceId: string, keys: ServerKey[], version: number): Uint8Array {
  const pairs = keys.map((key) => [key.id, key.publicKey]);
  return encoder.encode(canonicalJson(['atrium-keys-v1', deviceId, version, pairs]));
}

/** The bytes an agent signs to answer a connection's challenge. */
export function helloSigningBytes(nonce: string, deviceId: string): Uint8Array {
  return encoder.encode(canonicalJson(['atrium-hello-v1', nonce, deviceId]));
}
