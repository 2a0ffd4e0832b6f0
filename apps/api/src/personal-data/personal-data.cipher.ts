import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';

/**
 * Encrypts the caller's name and phone at rest (AES-256-GCM) and derives a keyed hash of the
 * phone, so the same caller's orders can be found without decrypting anything.
 *
 * Format v2: `v2.<key id>.<iv>.<tag>.<body>`. The key id names the key that sealed the value, so a
 * new PERSONAL_DATA_KEY can be introduced while older keys still open older rows; the associated
 * data binds the value to its record (e.g. `caller_contact:HL20261123-0000042:phone`), so a
 * ciphertext copied into another row or field does not open. v1 values (`v1.<iv>.<tag>.<body>`,
 * no key id, no associated data) are still read.
 */
export const OPEN311_PHONE_PREFIX = 'open311-';

interface DerivedKey {
  id: string;
  encryption: Buffer;
}

export class PersonalDataCipher {
  private readonly current: DerivedKey;
  private readonly byId: ReadonlyMap<string, DerivedKey>;
  private readonly hashKey: Buffer;

  constructor(masterKey: Buffer, previousKeys: readonly Buffer[] = []) {
    const keys = [masterKey, ...previousKeys].map(derive);
    this.current = keys[0]!;
    this.byId = new Map(keys.map((k) => [k.id, k]));
    this.hashKey = createHmac('sha256', masterKey).update('caller-key').digest();
  }

  /** The id of the key new values are sealed with. */
  get keyId(): string {
    return this.current.id;
  }

  encrypt(plain: string, context = ''): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.current.encryption, iv);
    cipher.setAAD(associatedData(this.current.id, context));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [
      'v2',
      this.current.id,
      iv.toString('base64'),
      cipher.getAuthTag().toString('base64'),
      body.toString('base64'),
    ].join('.');
  }

  /** Opens a v2 value (with the same context it was sealed with) or a v1 value. */
  decrypt(sealed: string, context = ''): string {
    const parts = sealed.split('.');
    if (parts[0] === 'v2' && parts.length === 5) {
      const [, keyId, iv, tag, body] = parts as [string, string, string, string, string];
      const key = this.byId.get(keyId);
      if (!key) throw new Error(`personal data sealed with an unknown key (id ${keyId})`);
      return open(key.encryption, iv, tag, body, associatedData(keyId, context));
    }
    if (parts[0] === 'v1' && parts.length === 4) {
      const [, iv, tag, body] = parts as [string, string, string, string];
      let last: unknown;
      for (const key of this.byId.values()) {
        try {
          return open(key.encryption, iv, tag, body);
        } catch (err) {
          last = err;
        }
      }
      throw last instanceof Error ? last : new Error('personal data could not be opened');
    }
    throw new Error('unknown personal-data format');
  }

  /**
   * The keyed hash the caller's history is found by. A phone number an Open311 client typed in is
   * not verified (anyone can type anyone's number): such numbers (`open311-…`) are hashed in a key
   * space of their own, so they never count as the real caller's contacts.
   */
  callerKey(phone: string): string {
    const space = phone.startsWith(OPEN311_PHONE_PREFIX) ? 'open311:' : '';
    return createHmac('sha256', this.hashKey)
      .update(space + normalizePhone(phone))
      .digest('base64url');
  }
}

/** The record a caller_contact value belongs to, as associated data. */
export function callerField(orderId: string, field: 'name' | 'phone' | 'content'): string {
  return `caller_contact:${orderId}:${field}`;
}

function derive(masterKey: Buffer): DerivedKey {
  if (masterKey.length !== 32) throw new Error('PERSONAL_DATA_KEY must be 32 bytes (base64)');
  const encryption = createHmac('sha256', masterKey).update('encryption').digest();
  const id = createHash('sha256')
    .update('key-id')
    .update(encryption)
    .digest('base64url')
    .slice(0, 8);
  return { id, encryption };
}

function associatedData(keyId: string, context: string): Buffer {
  return Buffer.from(`hotline-personal-data|v2|${keyId}|${context}`, 'utf8');
}

function open(key: Buffer, iv: string, tag: string, body: string, aad?: Buffer): string {
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
  if (aad) decipher.setAAD(aad);
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString(
    'utf8',
  );
}

/** The digits of a phone number (without an Open311 marker such as `open311-unverified-`). */
export function normalizePhone(phone: string): string {
  return phone
    .replace(/^open311-[a-z]+-/, '')
    .replace(/[^0-9]/g, '')
    .replace(/^86(?=1\d{10}$)/, '');
}

/** 13812341234 → 138****1234; short numbers keep only their last 2 digits. */
export function maskPhone(phone: string): string {
  const digits = normalizePhone(phone);
  if (digits.length >= 11) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  return `${'*'.repeat(Math.max(0, digits.length - 2))}${digits.slice(-2)}`;
}
