import type { KeyObject } from 'node:crypto';
import { keySetSigningBytes, type ServerKey, type ServerMessage } from '@atrium/shared';
import { importPublicKeyX, verifyBytes } from './keys';
import { describeError, type Logger } from './log';
import { createSerialQueue } from './serial-queue';

export type KeySetMessage = Extract<ServerMessage, { type: 'keys' }>;

/** The keys by id; null when there are none or one is not an Ed25519 public key. */
export function importServerKeys(keys: ServerKey[]): Map<string, KeyObject> | null {
  const imported = new Map<string, KeyObject>();
  for (const key of keys) {
    const publicKey = importPublicKeyX(key.publicKey);
    if (!publicKey) return null;
    imported.set(key.id, publicKey);
  }
  return imported.size > 0 ? imported : null;
}

export type PinnedKeysOptions = {
  deviceId: string;
  keys: ServerKey[];
  version: number;
  /** Writes the new pins to the state dir, whole or not at all, before they are used. */
  save: (keys: ServerKey[], version: number) => Promise<void>;
  log: Logger;
};

/**
 * The server keys this agent trusts. They change only to a newer set signed by one of them, so the
 * server can rotate its keys without an agent ever trusting a key it was not vouched for, or going
 * back to an older set.
 */
export function createPinnedKeys(options: PinnedKeysOptions) {
  const { deviceId, log } = options;
  let pinned = importServerKeys(options.keys) ?? new Map<string, KeyObject>();
  let version = options.version;
  // A rotation's set may arrive while the welcome's is being saved: one at a time, each against the last.
  const updates = createSerialQueue();

  const refusal = (message: KeySetMessage): string | null => {
    const key = pinned.get(message.keyId);
    if (!key) return 'signed by a key this agent does not pin';
    const bytes = keySetSigningBytes(deviceId, message.keys, message.version);
    if (!verifyBytes(key, bytes, message.signature)) return 'bad signature, or meant for another device';
    if (message.version < version) return `version ${message.version} is older than the pinned ${version}`;
    return null;
  };

  const update = async (message: KeySetMessage): Promise<void> => {
    const problem = refusal(message);
    if (problem) return log.warn(`server key set ignored: ${problem}`);
    // The same set again: the server sends it after every welcome.
    if (message.version === version) return;
    const imported = importServerKeys(message.keys);
    if (!imported) return log.warn('server key set ignored: a key is not an Ed25519 public key');
    try {
      await options.save(message.keys, message.version);
    } catch (error) {
      // The old pins stay; the server sends the set again after the next welcome.
      return log.error(`could not save the server's new keys: ${describeError(error)}`);
    }
    pinned = imported;
    version = message.version;
    log.info(`pinned the server's keys of version ${version}: ${[...imported.keys()].join(', ')}`);
  };

  return {
    /** Why a signature by `keyId` over `bytes` is not the server's; null when it is. */
    problemWith(keyId: string, bytes: Uint8Array, signature: string): string | null {
      const key = pinned.get(keyId);
      if (!key) return 'unknown server key';
      return verifyBytes(key, bytes, signature) ? null : 'bad signature';
    },

    /** Takes a key set the server sent, if it is signed by a pinned key and newer; otherwise says why not. */
    update: (message: KeySetMessage): Promise<void> => updates(() => update(message)),

    /** Resolves once every key set received so far is pinned or ignored. */
    settled: (): Promise<void> => updates(async () => {}),
  };
}

export type PinnedKeys = ReturnType<typeof createPinnedKeys>;
