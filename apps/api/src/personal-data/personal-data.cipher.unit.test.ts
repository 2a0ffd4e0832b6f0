import { createCipheriv, createHmac, randomBytes } from 'node:crypto';
import { callerField, maskPhone, PersonalDataCipher } from './personal-data.cipher';

/** A value as the v1 cipher (before key ids) sealed it: `v1.<iv>.<tag>.<body>`, no associated data. */
function sealV1(masterKey: Buffer, plain: string): string {
  const key = createHmac('sha256', masterKey).update('encryption').digest();
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
  return [
    'v1',
    iv.toString('base64'),
    c.getAuthTag().toString('base64'),
    body.toString('base64'),
  ].join('.');
}

describe('PersonalDataCipher', () => {
  const cipher = new PersonalDataCipher(randomBytes(32));

  it('round-trips and never stores the plain text', () => {
    const sealed = cipher.encrypt('13812341234');
    expect(sealed).not.toContain('13812341234');
    expect(cipher.decrypt(sealed)).toBe('13812341234');
  });

  it('refuses a tampered ciphertext', () => {
    const sealed = cipher.encrypt('张三');
    const parts = sealed.split('.');
    parts[4] = Buffer.from('李四').toString('base64');
    expect(() => cipher.decrypt(parts.join('.'))).toThrow();
  });

  it('seals as v2 with the key id, bound to its record: another row or field does not open', () => {
    const sealed = cipher.encrypt('13812341234', callerField('HL20261123-0000042', 'phone'));
    expect(sealed.split('.').slice(0, 2)).toEqual(['v2', cipher.keyId]);
    expect(cipher.decrypt(sealed, callerField('HL20261123-0000042', 'phone'))).toBe('13812341234');
    expect(() => cipher.decrypt(sealed, callerField('HL20261123-0000043', 'phone'))).toThrow();
    expect(() => cipher.decrypt(sealed, callerField('HL20261123-0000042', 'name'))).toThrow();
    expect(() => cipher.decrypt(sealed)).toThrow();
  });

  it('still reads v1 values, and reads older keys’ values after a rotation', () => {
    const oldKey = randomBytes(32);
    const before = new PersonalDataCipher(oldKey);
    const v1 = sealV1(oldKey, '李四');
    expect(before.decrypt(v1)).toBe('李四');
    const v2 = before.encrypt('王五', callerField('HL20261123-0000001', 'name'));

    const rotated = new PersonalDataCipher(randomBytes(32), [oldKey]);
    expect(rotated.keyId).not.toBe(before.keyId);
    expect(rotated.decrypt(v1)).toBe('李四');
    expect(rotated.decrypt(v2, callerField('HL20261123-0000001', 'name'))).toBe('王五');
    expect(rotated.encrypt('x').split('.')[1]).toBe(rotated.keyId);
    // Without the old key, its values say which key they need.
    expect(() => new PersonalDataCipher(randomBytes(32)).decrypt(v2)).toThrow(
      `personal data sealed with an unknown key (id ${before.keyId})`,
    );
  });

  it('gives one caller key per phone, whatever the formatting', () => {
    expect(cipher.callerKey('+86 138-1234-1234')).toBe(cipher.callerKey('13812341234'));
    expect(cipher.callerKey('13812341234')).not.toBe(cipher.callerKey('13812341235'));
  });

  it('masks phones as 138****1234', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone('+86 138 1234 1234')).toBe('138****1234');
    expect(maskPhone('12345')).toBe('***45');
  });
});
