import { BadRequestException } from '@nestjs/common';
import { QueryFailedError, type SelectQueryBuilder } from 'typeorm';
import { keysetPage } from './keyset';
import { decodeCursor, encodeCursor } from './list-query';

type Row = { at: string; id: string };

/** Just enough of a query builder to see what keysetPage asks of it. */
function fakeQuery(run: () => Promise<Row[]>) {
  const qb = {
    andWhere: () => qb,
    orderBy: () => qb,
    addOrderBy: () => qb,
    limit: () => qb,
    getMany: run,
  };
  return qb as unknown as SelectQueryBuilder<Row>;
}

const keys = [
  { sql: 'o.received_at', value: (r: Row) => r.at, kind: 'instant' as const },
  { sql: 'o.order_id', value: (r: Row) => r.id },
];

const cursorOf = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');

async function statusOf(cursor: string, run: () => Promise<Row[]> = async () => []) {
  try {
    await keysetPage(fakeQuery(run), keys, 'DESC', { limit: 10, cursor });
    return 200;
  } catch (err) {
    return err instanceof BadRequestException ? 400 : 500;
  }
}

describe('pagination cursors', () => {
  it('round-trips the cursors a list gives out', async () => {
    const cursor = encodeCursor(['2026-11-23T01:02:03.000Z', 'HL20261123-0000042']);
    expect(decodeCursor(cursor, ['instant', 'text'])).toEqual([
      '2026-11-23T01:02:03.000Z',
      'HL20261123-0000042',
    ]);
    expect(await statusOf(cursor)).toBe(200);
    expect(decodeCursor(encodeCursor(['infinity', 'x']), ['instant', 'text'])).toEqual([
      'infinity',
      'x',
    ]);
  });

  it('answers 400, never 500, for a crafted cursor', async () => {
    for (const values of [
      ['yesterday', 'HL1'], // not an instant: PostgreSQL would fail the comparison
      ['2026-13-45T99:00:00Z', 'HL1'],
      [12345, 'HL1'],
      [null, 'HL1'],
      ['2026-11-23T01:02:03.000Z', 'HL\u0000'],
      ['2026-11-23T01:02:03.000Z', 'x'.repeat(1000)],
      ['2026-11-23T01:02:03.000Z'],
      { a: 1 },
    ]) {
      expect(await statusOf(cursorOf(values as unknown[]))).toBe(400);
    }
    expect(await statusOf('%%%not-base64%%%')).toBe(400);
    expect(decodeCursor.bind(null, encodeCursor(['2026-11-23']), ['day'])).not.toThrow();
    expect(() => decodeCursor(encodeCursor([1.5]), ['int'])).toThrow(BadRequestException);
  });

  it('answers 400 when the database still cannot compare a cursor value (SQLSTATE class 22)', async () => {
    const failing = () => {
      const err = new QueryFailedError(
        'SELECT',
        [],
        new Error('date/time field value out of range'),
      );
      (err as unknown as { driverError: { code: string } }).driverError = { code: '22008' };
      return Promise.reject(err);
    };
    const cursor = encodeCursor(['0001-01-01T00:00:00.000Z', 'HL1']);
    expect(await statusOf(cursor, failing)).toBe(400);
    // Without a cursor the same failure is ours, not the client's.
    await expect(
      keysetPage(fakeQuery(failing), keys, 'DESC', { limit: 10 }),
    ).rejects.toBeInstanceOf(QueryFailedError);
  });
});
