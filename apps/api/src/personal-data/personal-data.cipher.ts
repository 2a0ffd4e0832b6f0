import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * Encrypts the caller's name and phone at rest (AES-256-GCM) and derives a keyed hash of the
 * phone, so the same caller's orders can be found without decrypting anything.
 */
export class PersonalDataCipher {
  private readonly encryptionKey: Buffer;
  private readonly hashKey: Buffer;

  constructor(masterKey: Buffer) {
    if (masterKey.length !== 32) throw new Error('PERSONAL_DATA_KEY must be 32 bytes (base64)');
    this.encryptionKey = createHmac('sha256', masterKey).update('encryption').digest();
    this.hashKey = createHmac('sha256', masterKey).update('caller-key').digest();
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encryptionKey, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [
      'v1',
      iv.toString('base64'),
      cipher.getAuthTag().toString('base64'),
      body.toString('base64'),
    ].join('.');
  }

  decrypt(sealed: string): string {
    const [version, iv, tag, body] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || !body) throw new Error('unknown personal-data format');
    const decipher = createDecipheriv('aes-256-gcm', this.encryptionKey, Buffer.from(iv, 'base64'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString(
      'utf8',
    );
  }

  callerKey(phone: string): string {
    return createHmac('sha256', this.hashKey).update(normalizePhone(phone)).digest('base64url');
  }
}

export function normalizePhone(phone: string): string {
  return phone.replace(/[^0-9]/g, '').replace(/^86(?=1\d{10}$)/, '');
}

/** 13812341234 → 138****1234; short numbers keep only their last 2 digits. */
export function maskPhone(phone: string): string {
  const digits = normalizePhone(phone);
  if (digits.length >= 11) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  return `${'*'.repeat(Math.max(0, digits.length - 2))}${digits.slice(-2)}`;
}
