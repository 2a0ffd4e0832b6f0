import { type EventEnvelope } from '@hotline/contracts';
import { monthOf, scoreRecordOf } from './score-record';

const closed = (
  payload: Record<string, unknown>,
  occurredAt = '2026-11-30T17:00:00.000Z',
): EventEnvelope => ({
  eventId: 'e',
  aggregateType: 'order',
  aggregateId: 'HL20261130-0000001',
  sequence: 7,
  type: 'OrderClosed',
  schemaVersion: 1,
  occurredAt,
  payload: { reworkRounds: 0, returnCount: 0, excluded: false, breaches: [], ...payload },
});

describe('scoreRecordOf', () => {
  it('scores a completed order for its lead unit, in the Beijing month it closed', () => {
    const record = scoreRecordOf(
      closed({
        closure: 'completed',
        leadUnitId: 'CGZF',
        respondedWithinLimit: true,
        callback: { answered: true, solved: false, satisfaction: 'basically_satisfied' },
      }),
    )!;
    expect(record).toMatchObject({
      unitId: 'CGZF',
      respondedWithinLimit: true,
      callback: { solved: false, satisfaction: 'basically_satisfied' },
      excluded: false,
      filtered: false,
    });
    expect(monthOf(record)).toBe('2026-12'); // 17:00 UTC on 30 November is 01:00 on 1 December in Beijing
  });

  it('counts an unanswered callback as no answer, and a termination as out of the denominators', () => {
    expect(
      scoreRecordOf(
        closed({ closure: 'completed', leadUnitId: 'CGZF', callback: { answered: false } }),
      )?.callback,
    ).toBe('no_answer');
    expect(scoreRecordOf(closed({ closure: 'terminated', leadUnitId: 'CGZF' }))).toMatchObject({
      filtered: true,
      respondedWithinLimit: false,
    });
  });

  it('scores nothing for orders that never reached a unit, or other events', () => {
    for (const closure of ['rejected', 'merged', 'answered_directly'])
      expect(scoreRecordOf(closed({ closure }))).toBeNull();
    expect(
      scoreRecordOf({
        ...closed({ closure: 'completed', leadUnitId: 'CGZF' }),
        type: 'OrderResolved',
      }),
    ).toBeNull();
  });
});
