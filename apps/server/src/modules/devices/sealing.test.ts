import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
// What the server seals, the real agent must open: its own function, not a copy.
import { openSealed, publicKeyX } from '../../../../agent/src/keys';
import { sealToDevice } from './sealing';

const deviceKey = () => generateKeyPairSync('ed25519').privateKey;
const ACTION = '0b0e6f86-4a4b-4a57-9c41-7d8f1c9a3e10';
const OTHER_ACTION = '5f7a2c3e-9d1b-4e6f-8a0c-2b4d6e8f0a1c';

describe('secrets sealed to a device key', () => {
  it('opens on the device it was sealed to, for that action', () => {
    const key = deviceKey();
    const sealed = sealToDevice(publicKeyX(key), 'Tr4in-Kettle-Moss', ACTION);
    expect(openSealed(key, sealed, ACTION)).toBe('Tr4in-Kettle-Moss');
  });

  it('does not carry the secret in clear, and differs every time', () => {
    const key = deviceKey();
    const first = sealToDevice(publicKeyX(key), 'Tr4in-Kettle-Moss', ACTION);
    const second = sealToDevice(publicKeyX(key), 'Tr4in-Kettle-Moss', ACTION);
    expect(JSON.stringify(first)).not.toContain('Kettle');
    expect(first.ciphertext).not.toBe(second.ciphertext);
    expect(first.epk).not.toBe(second.epk);
  });

  it('stays closed to another device, another action, or a changed blob', () => {
    const key = deviceKey();
    const sealed = sealToDevice(publicKeyX(key), 'Tr4in-Kettle-Moss', ACTION);
    expect(openSealed(deviceKey(), sealed, ACTION)).toBeNull();
    expect(openSealed(key, sealed, OTHER_ACTION)).toBeNull();
    const flipped = Buffer.from(sealed.ciphertext, 'base64url');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(openSealed(key, { ...sealed, ciphertext: flipped.toString('base64url') }, ACTION)).toBeNull();
  });
});
