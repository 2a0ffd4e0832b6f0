import { randomBytes } from 'node:crypto';
import { maskPhone, PersonalDataCipher } from './personal-data.cipher';

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
    parts[3] = Buffer.from('李四').toString('base64');
    expect(() => cipher.decrypt(parts.join('.'))).toThrow();
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
