import type { WhistlePolicy } from '../activities';
import {
  allRatingsIn,
  conclusionOf,
  decide,
  decideBlow,
  departmentsPending,
  evaluationDue,
  evolve,
  fireTimer,
  initialState,
  nextDeadline,
  participationOf,
  pendingTimers,
  validate,
} from './index';
import {
  type Actor,
  type PendingWhistleEvent,
  WhistleActionRefused,
  type WhistleCommand,
  type WhistleState,
  type WhistleWorkflowInput,
} from './model';

/** The whistle's rules without Temporal: Given events, When an action or a deadline, Then events. */

const T0 = Date.parse('2026-11-23T02:00:00Z'); // Monday 10:00 in Beijing
const HOUR = 3_600_000;
const at = (hours: number) => new Date(T0 + hours * HOUR).toISOString();
const policy: WhistlePolicy = {
  districtUnitId: 'ZHZX',
  evaluationWindowHours: 168,
  rating: { min: 1, max: 5 },
};
const input: WhistleWorkflowInput = {
  whistleId: 'WS-1',
  whistleType: 'routine',
  streetId: 'XHJD',
  matterTypeCode: 'CG-001',
  title: '违建',
  description: '楼顶违建',
  place: { address: '星湖东里3号楼' },
  summonedUnitIds: ['GZFJ', 'CGZF'],
  linkedOrderIds: ['HL-1'],
};
const street: Actor = { kind: 'unit', unitId: 'XHJD' };
const dept = (unitId: string): Actor => ({ kind: 'unit', unitId });

/** Applies events in order, each at its own hour. */
function given(events: [number, PendingWhistleEvent][], from = initialState(input, policy)) {
  return events.reduce((s, [hour, e]) => evolve(s, e, T0 + hour * HOUR), from);
}

const blown = (): [number, PendingWhistleEvent] => [
  0,
  decideBlow(input, initialState(input, policy), {
    scope: { ok: true, explanation: '范围内' },
    blownAt: at(0),
    reportBy: at(24),
    reportEscalateAt: at(48),
  })[0]!,
];
const reported = (departmentId: string, hour: number): [number, PendingWhistleEvent] => [
  hour,
  {
    type: 'DepartmentReported',
    payload: {
      departmentId,
      representative: '科长',
      mode: 'on_site',
      reportedAt: at(hour),
      withinLimit: hour <= 24,
      commitBy: at(hour + 24),
      commitEscalateAt: at(hour + 48),
    },
  },
];
const committed = (departmentId: string, hour: number, dueHour: number) =>
  [
    hour,
    {
      type: 'CommitmentMade',
      payload: {
        departmentId,
        measures: '拆除',
        dueBy: at(dueHour),
        withinLimit: true,
        escalateAt: at(dueHour + 24),
      },
    },
  ] as [number, PendingWhistleEvent];
const completed = (departmentId: string, hour: number) =>
  [
    hour,
    {
      type: 'DepartmentCompleted',
      payload: { departmentId, summary: '完成', withinCommitment: true },
    },
  ] as [number, PendingWhistleEvent];

function refusedWith(state: WhistleState, cmd: WhistleCommand, hour: number): string {
  try {
    validate(state, cmd, T0 + hour * HOUR);
  } catch (err) {
    if (err instanceof WhistleActionRefused) return `${err.code}: ${err.message}`;
    throw err;
  }
  return 'accepted';
}

describe('the blow', () => {
  it('is refused with the scope check’s reasons, and never opens', () => {
    const s = initialState(input, policy);
    const [event] = decideBlow(input, s, {
      scope: {
        ok: false,
        refusals: [{ code: 'not_on_whistle_list', unitId: null, explanation: '不在清单内' }],
      },
      blownAt: at(0),
    });
    expect(event!.type).toBe('WhistleRefused');
    const after = evolve(s, event!, T0);
    expect(after.status).toBe('refused');
    expect(conclusionOf(after)).toEqual({
      whistleId: 'WS-1',
      outcome: 'refused',
      summary: '不在清单内',
    });
  });

  it('opens with every department summoned, pending, and the report deadline next', () => {
    const s = given([blown()]);
    expect(s.status).toBe('open');
    expect(departmentsPending(s)).toEqual(['GZFJ', 'CGZF']);
    expect(nextDeadline(s)).toBe(at(24));
  });

  it('is run by the district unit when it is a district whistle', () => {
    expect(initialState({ ...input, level: 'district' }, policy).ownerUnitId).toBe('ZHZX');
  });
});

describe('department actions', () => {
  const open = given([blown(), reported('GZFJ', 1)]);

  it('lets only a summoned department report, and only once', () => {
    const report = (unitId: string) =>
      ({ type: 'report', actor: dept(unitId), representative: '科长', mode: 'remote' }) as const;
    expect(refusedWith(open, report('WJW'), 2)).toMatch(/^forbidden: .*WJW was not summoned/);
    expect(refusedWith(open, report('GZFJ'), 2)).toMatch(/^wrong_state: GZFJ already reported/);
    expect(refusedWith(open, report('CGZF'), 2)).toBe('accepted');
  });

  it('records a report after the deadline as late', () => {
    const [event] = decide(
      open,
      { type: 'report', actor: dept('CGZF'), representative: '队长', mode: 'on_site' },
      { now: T0 + 30 * HOUR, deadline: at(54), escalateAt: at(78) },
    );
    expect(event).toMatchObject({
      type: 'DepartmentReported',
      payload: { departmentId: 'CGZF', withinLimit: false, commitBy: at(54) },
    });
  });

  it('wants a commitment after the report, with a due date in the future', () => {
    const commit = (unitId: string, dueBy: string) =>
      ({ type: 'commit', actor: dept(unitId), measures: '拆除', dueBy }) as const;
    expect(refusedWith(open, commit('CGZF', at(10)), 2)).toMatch(/report first/);
    expect(refusedWith(open, commit('GZFJ', at(1)), 2)).toMatch(
      /^invalid: dueBy must be in the future/,
    );
    expect(refusedWith(open, commit('GZFJ', at(72)), 2)).toBe('accepted');
  });

  it('leaves the street’s actions to the street', () => {
    const close = {
      type: 'close',
      actor: dept('GZFJ'),
      outcome: 'unsolved',
      summary: 'x',
    } as const;
    expect(refusedWith(open, close, 2)).toMatch(/^forbidden: Only XHJD/);
    expect(refusedWith(open, { ...close, actor: street }, 2)).toBe('accepted');
  });
});

describe('verification (核查) and the close', () => {
  const done = given([
    blown(),
    reported('GZFJ', 1),
    committed('GZFJ', 2, 48),
    completed('GZFJ', 3),
    reported('CGZF', 1),
  ]);

  it('needs a new due date to send a part back', () => {
    const verify = {
      type: 'verify',
      actor: street,
      departmentId: 'GZFJ',
      passed: false,
      note: '未拆净',
    } as const;
    expect(refusedWith(done, verify, 4)).toMatch(/redoBy/);
    const [event] = decide(
      done,
      { ...verify, redoBy: at(30) },
      { now: T0 + 4 * HOUR, escalateAt: at(54) },
    );
    const after = evolve(done, event!, T0 + 4 * HOUR);
    expect(after.departments[0]).toMatchObject({
      status: 'committed',
      commitment: { dueBy: at(30) },
      deliveryEscalateAt: at(54),
    });
    expect(after.departments[0]!.completion).toBeUndefined();
    // The new due date has its own miss.
    expect(pendingTimers(after).map((t) => t.key)).toContain(`delivery:miss:GZFJ:${at(30)}`);
  });

  it('closes as solved only once every committed part is verified', () => {
    const close = { type: 'close', actor: street, outcome: 'solved', summary: '完成' } as const;
    expect(refusedWith(done, close, 4)).toMatch(/GZFJ \(completed\) not verified yet/);
    const verified = given(
      [
        [
          4,
          {
            type: 'WhistleVerified',
            payload: { departmentId: 'GZFJ', passed: true, note: '属实' },
          },
        ],
      ],
      done,
    );
    expect(refusedWith(verified, close, 5)).toBe('accepted');
  });

  it('records each department’s part at the close; a step not yet due releases a clean department', () => {
    const [event] = decide(
      given(
        [
          [
            4,
            { type: 'WhistleVerified', payload: { departmentId: 'GZFJ', passed: true, note: '' } },
          ],
        ],
        done,
      ),
      { type: 'close', actor: street, outcome: 'solved', summary: '完成' },
      { now: T0 + 5 * HOUR },
    );
    expect(event).toMatchObject({
      type: 'WhistleClosed',
      payload: {
        outcome: 'solved',
        evaluationBy: at(5 + 168),
        participations: [
          {
            departmentId: 'GZFJ',
            report: 'on_time',
            commitment: 'made',
            verified: true,
            counted: true,
          },
          // Reported, its 表态 deadline still ahead: released, not counted.
          { departmentId: 'CGZF', report: 'on_time', commitment: 'missed', counted: false },
        ],
      },
    });
  });

  it('escalates (上报) by closing here and naming the district whistle', () => {
    const events = decide(
      done,
      { type: 'escalate', actor: street, reason: '需区级协调' },
      { now: T0 + 5 * HOUR, scope: { ok: true, explanation: '' } },
    );
    expect(events.map((e) => e.type)).toEqual(['WhistleEscalated', 'WhistleClosed']);
    expect(events[1]!.payload).toMatchObject({
      outcome: 'escalated',
      districtWhistleId: 'WS-1-district',
    });
    const after = events.reduce((s, e) => evolve(s, e, T0 + 5 * HOUR), done);
    expect(conclusionOf(after)).toEqual({
      whistleId: 'WS-1',
      outcome: 'escalated',
      summary: '需区级协调',
      districtWhistleId: 'WS-1-district',
    });
  });
});

describe('deadlines', () => {
  it('records a missed report and urges at the deadline, then escalates one period later', () => {
    let s = given([blown(), reported('GZFJ', 1), committed('GZFJ', 2, 72)]);
    const [miss] = pendingTimers(s);
    expect(miss).toMatchObject({
      departmentId: 'CGZF',
      kind: 'report',
      action: 'miss',
      at: T0 + 24 * HOUR,
    });
    expect(fireTimer(s, miss!).map((e) => e.type)).toEqual([
      'ReportDeadlineMissed',
      'DepartmentUrged',
    ]);
    s = fireTimer(s, miss!).reduce((acc, e) => evolve(acc, e, T0 + 24 * HOUR), {
      ...s,
      firedTimers: [miss!.key],
    });
    const [escalation] = pendingTimers(s);
    expect(escalation).toMatchObject({
      departmentId: 'CGZF',
      action: 'escalate',
      at: T0 + 48 * HOUR,
    });
    expect(fireTimer(s, escalation!)[0]).toMatchObject({
      type: 'DepartmentEscalated',
      payload: { departmentId: 'CGZF', kind: 'report', automatic: true },
    });
    expect(participationOf(s.departments[1]!)).toMatchObject({ report: 'missed', counted: true });
  });

  it('counts a commitment as missed when the department broke its own due date', () => {
    const s = given([
      blown(),
      reported('GZFJ', 1),
      committed('GZFJ', 2, 10),
      [
        10,
        {
          type: 'CommitmentDeadlineMissed',
          payload: { departmentId: 'GZFJ', kind: 'delivery', deadline: at(10), escalateAt: at(34) },
        },
      ],
      completed('GZFJ', 12),
    ]);
    expect(participationOf(s.departments[0]!)).toMatchObject({
      report: 'on_time',
      commitment: 'missed',
      completed: true,
      misses: ['delivery'],
    });
  });

  it('has no timers once the whistle is closed', () => {
    const s = given([
      blown(),
      [
        1,
        decide(
          given([blown()]),
          { type: 'close', actor: street, outcome: 'unsolved', summary: '无法解决' },
          { now: T0 + HOUR },
        )[0]!,
      ],
    ]);
    expect(pendingTimers(s)).toEqual([]);
    expect(departmentsPending(s)).toEqual([]);
    expect(nextDeadline(s)).toBe(s.evaluationBy);
  });
});

describe('the two-way evaluation', () => {
  const closedAfterAll = () => {
    const s = given([
      blown(),
      reported('GZFJ', 1),
      committed('GZFJ', 2, 48),
      completed('GZFJ', 3),
      [4, { type: 'WhistleVerified', payload: { departmentId: 'GZFJ', passed: true, note: '' } }],
      [
        25,
        {
          type: 'ReportDeadlineMissed',
          payload: { departmentId: 'CGZF', deadline: at(24), escalateAt: at(48) },
        },
      ],
    ]);
    const [close] = decide(
      s,
      { type: 'close', actor: street, outcome: 'solved', summary: '完成' },
      { now: T0 + 26 * HOUR },
    );
    return evolve(s, close!, T0 + 26 * HOUR);
  };
  const rated = (departmentId: string): [number, PendingWhistleEvent] => [
    27,
    {
      type: 'WhistleEvaluated',
      payload: { departmentId, timeliness: 4, commitment: 4, result: 4, comment: '' },
    },
  ];

  it('completes when the street rated every counted department and every reporting one rated the whistle', () => {
    let s = given([rated('GZFJ')], closedAfterAll());
    expect(allRatingsIn(s)).toBe(false); // CGZF, a no-show, still counts and needs the street's mark
    s = given([rated('CGZF')], s);
    expect(allRatingsIn(s)).toBe(false); // GZFJ reported and has not rated the whistle
    s = given(
      [
        [
          28,
          {
            type: 'WhistlePrecisionRated',
            payload: { departmentId: 'GZFJ', needed: true, wellScoped: true, comment: '' },
          },
        ],
      ],
      s,
    );
    expect(allRatingsIn(s)).toBe(true);
  });

  it('completes anyway when its window ends', () => {
    const s = closedAfterAll();
    expect(evaluationDue(s, Date.parse(s.evaluationBy!) - 1)).toBe(false);
    expect(evaluationDue(s, Date.parse(s.evaluationBy!))).toBe(true);
  });

  it('refuses ratings off the scale and ratings before the close', () => {
    const rate = {
      type: 'rateDepartment',
      actor: street,
      departmentId: 'GZFJ',
      timeliness: 0,
      commitment: 5,
      result: 5,
    } as const;
    expect(refusedWith(closedAfterAll(), rate, 30)).toMatch(
      /^invalid: timeliness must be a whole mark from 1 to 5/,
    );
    expect(refusedWith(given([blown()]), { ...rate, timeliness: 5 }, 1)).toMatch(
      /once the whistle is closed/,
    );
  });
});

describe('progress notes are bounded (history size)', () => {
  const note = (departmentId: string, hour: number): [number, PendingWhistleEvent] => [
    hour,
    { type: 'DepartmentProgressReported', payload: { departmentId, note: '进展' } },
  ];
  const progress: WhistleCommand = { type: 'reportProgress', actor: dept('GZFJ'), note: '再报' };

  it('refuses a note past the whistle’s cap (all departments together), limit_reached', () => {
    const capped = initialState(input, { ...policy, maxProgressNotes: 2 });
    const s = given(
      [blown(), reported('GZFJ', 1), reported('CGZF', 1), note('GZFJ', 2), note('CGZF', 3)],
      capped,
    );
    expect(() => validate(s, progress, T0 + 4 * HOUR)).toThrow(WhistleActionRefused);
    expect(() => validate(s, progress, T0 + 4 * HOUR)).toThrow(/已达上限（2条）/);
    try {
      validate(s, progress, T0 + 4 * HOUR);
    } catch (err) {
      expect((err as WhistleActionRefused).code).toBe('limit_reached');
    }
  });

  it('has no cap for a whistle blown before the cap existed', () => {
    const s = given([blown(), reported('GZFJ', 1), note('GZFJ', 2), note('GZFJ', 3)]);
    expect(() => validate(s, progress, T0 + 4 * HOUR)).not.toThrow();
  });
});
