import { classifyFailure } from './failures';

describe('classifyFailure: what the projector retries for ever, and what it may dead-letter', () => {
  const pgError = (code: string, message = 'pg error') =>
    Object.assign(new Error(message), { code });

  it.each([
    ['08006', 'connection failure'],
    ['40P01', 'deadlock between two partitions'],
    ['40001', 'serialization failure'],
    ['53300', 'too many connections'],
    ['57P01', 'administrator shutdown'],
  ])('retries SQLSTATE %s (%s) until it passes', (code) => {
    expect(classifyFailure(pgError(code))).toBe('transient');
  });

  it('retries a refused or dropped connection', () => {
    expect(classifyFailure(pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:55432'))).toBe(
      'transient',
    );
    expect(classifyFailure(new Error('Connection terminated unexpectedly'))).toBe('transient');
    expect(classifyFailure(new Error('timeout exceeded when trying to connect'))).toBe('transient');
  });

  it.each([
    ['22P05', 'unsupported Unicode escape sequence'],
    ['22003', 'integer out of range'],
    ['23505', 'duplicate key value violates unique constraint'],
  ])('treats SQLSTATE %s (%s) as the event’s own', (code, message) => {
    expect(classifyFailure(pgError(code, message))).toBe('event');
  });

  it('treats a projection’s own error as the event’s', () => {
    expect(
      classifyFailure(new TypeError("Cannot read properties of undefined (reading 'x')")),
    ).toBe('event');
    expect(classifyFailure(new RangeError('Order 1 counted twice for CGZF'))).toBe('event');
  });
});
