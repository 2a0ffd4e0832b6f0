import { OrderActionRefused, type OrderState, type PendingEvent } from './model';
import { decide, decideWhistleConclusion, evolve, initialState, validate } from './index';

/** The order's side of a whistle (吹哨): escalate, wait, carry on with the outcome. */

const T0 = Date.parse('2026-11-23T02:00:00Z');
const street = { kind: 'unit' as const, unitId: 'XHJD' };
const escalate = {
  type: 'escalateToWhistle' as const,
  actor: street,
  whistleType: 'routine' as const,
  summonedUnitIds: ['GZFJ', 'CGZF'],
  title: '违建',
  description: '需联合执法',
};

function acknowledgedStreetOrder(): OrderState {
  const s = initialState(
    {
      orderId: 'HL-1',
      channel: 'phone',
      category: 'complaint',
      content: '楼顶违建',
      matterTypeCode: 'CG-001',
      urgency: 'normal',
      location: { address: '星湖东里3号楼', streetId: 'XHJD' },
      receivedAt: new Date(T0).toISOString(),
      callerKey: 'k',
    },
    { maxReturns: 2, maxExtensions: 1, maxReworkRounds: 1, maxCallbackAttempts: 3 },
  );
  return {
    ...s,
    status: 'acknowledged',
    leadUnitId: 'XHJD',
    acknowledgedAt: new Date(T0).toISOString(),
  };
}

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (err) {
    if (err instanceof OrderActionRefused) return `${err.code}: ${err.message}`;
    throw err;
  }
  return 'accepted';
};

function waiting(): OrderState {
  const [event] = decide(acknowledgedStreetOrder(), escalate, {
    now: T0,
    whistleScope: { ok: true, explanation: '' },
  });
  return evolve(acknowledgedStreetOrder(), event!, T0);
}

it('names the whistle after the order and waits for it, refusing to resolve meanwhile', () => {
  const s = waiting();
  expect(s.whistle).toEqual({ whistleId: 'HL-1-W1', round: 1, status: 'waiting' });
  const resolve = {
    type: 'resolve' as const,
    actor: street,
    outcome: 'solved' as const,
    summary: '完成',
  };
  expect(refusal(() => validate(s, resolve, T0))).toMatch(
    /^wrong_state: .*waits for whistle HL-1-W1/,
  );
  expect(refusal(() => validate(s, escalate, T0))).toMatch(/^wrong_state/);
});

it('refuses the escalation of a unit that is not a street, as the scope check says', () => {
  expect(
    refusal(() =>
      decide(acknowledgedStreetOrder(), escalate, {
        now: T0,
        whistleScope: {
          ok: false,
          refusals: [
            { code: 'unknown_street', unitId: null, explanation: '“CGZF”不是本区的街道或乡镇' },
          ],
        },
      }),
    ),
  ).toMatch(/^forbidden: The whistle would be refused: “CGZF”不是本区的街道或乡镇/);
});

it('carries on with the outcome of its own whistle only', () => {
  const s = waiting();
  expect(
    decideWhistleConclusion(s, { whistleId: 'HL-1-W1-district', outcome: 'solved', summary: '' }),
  ).toEqual([]);
  const events: PendingEvent[] = decideWhistleConclusion(s, {
    whistleId: 'HL-1-W1',
    outcome: 'unsolved',
    summary: '街道层面无法解决',
  });
  const after = events.reduce((acc, e) => evolve(acc, e, T0), s);
  expect(after.whistle).toMatchObject({ status: 'unsolved', summary: '街道层面无法解决' });
  // Once concluded, a repeat of the signal changes nothing, and the street may blow again.
  expect(
    decideWhistleConclusion(after, { whistleId: 'HL-1-W1', outcome: 'solved', summary: '' }),
  ).toEqual([]);
  expect(
    decide(after, escalate, { now: T0, whistleScope: { ok: true, explanation: '' } })[0],
  ).toMatchObject({
    payload: { whistleId: 'HL-1-W2' },
  });
});
