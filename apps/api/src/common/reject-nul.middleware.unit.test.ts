import { BadRequestException } from '@nestjs/common';
import { type Request, type Response } from 'express';
import { containsNul, rejectNul } from './reject-nul.middleware';

function outcome(originalUrl: string, body?: unknown): unknown {
  let passed: unknown = 'not called';
  rejectNul({ originalUrl, body } as Request, {} as Response, (err?: unknown) => (passed = err));
  return passed;
}

describe('rejectNul', () => {
  it('refuses NUL in the address or anywhere in the body, with a 400', () => {
    expect(outcome('/views/orders?street=X%00')).toBeInstanceOf(BadRequestException);
    expect(outcome('/orders', { caller: { name: 'a\u0000b' } })).toBeInstanceOf(
      BadRequestException,
    );
    expect(outcome('/orders', { list: [{ ['k\u0000']: 1 }] })).toBeInstanceOf(BadRequestException);
    expect(outcome('/orders?q=%2500', { content: '噪音 %00' })).toBeUndefined();
  });

  it('looks into nested values', () => {
    expect(containsNul({ a: [1, 'x', { b: ['\u0000'] }] })).toBe(true);
    expect(containsNul({ a: [1, 'x', null] })).toBe(false);
  });
});
