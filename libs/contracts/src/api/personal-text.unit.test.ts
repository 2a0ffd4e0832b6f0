import { ORDER_ACTION_BODIES } from './order-actions';
import {
  blowWhistleRequestSchema,
  escalateOrderToWhistleBodySchema,
  WHISTLE_ACTION_BODIES,
} from './whistle-actions';

const SAID = '已联系业主，电话13812345678，身份证110101199003074514，邮箱zhang.san@example.com';
const MASKED = '已联系业主，电话138****5678，身份证110***********4514，邮箱z***@example.com';
const T = '2026-12-01T10:00:00+08:00';

/** Every free-text field of every order and whistle action, with a body that is otherwise valid. */
const CASES: [string, { parse(v: unknown): unknown }, Record<string, unknown>, string][] = [
  ['return.explanation', ORDER_ACTION_BODIES.return, { reason: 'jurisdiction' }, 'explanation'],
  ['respond.note', ORDER_ACTION_BODIES.respond, {}, 'note'],
  ['reportProgress.note', ORDER_ACTION_BODIES.reportProgress, {}, 'note'],
  [
    'requestExtension.reason',
    ORDER_ACTION_BODIES.requestExtension,
    { requestedHandleBy: T },
    'reason',
  ],
  ['resolve.summary', ORDER_ACTION_BODIES.resolve, { outcome: 'solved' }, 'summary'],
  [
    'requestExclusion.explanation',
    ORDER_ACTION_BODIES.requestExclusion,
    { reason: 'abusive' },
    'explanation',
  ],
  ['dispatchManually.note', ORDER_ACTION_BODIES.dispatchManually, { leadUnitId: 'CGZF' }, 'note'],
  ['decideArbitration.note', ORDER_ACTION_BODIES.decideArbitration, { leadUnitId: 'CGZF' }, 'note'],
  ['decideExtension.note', ORDER_ACTION_BODIES.decideExtension, { approve: true }, 'note'],
  ['urge.note', ORDER_ACTION_BODIES.urge, {}, 'note'],
  ['supervise.note', ORDER_ACTION_BODIES.supervise, {}, 'note'],
  ['decideExclusion.note', ORDER_ACTION_BODIES.decideExclusion, { approve: false }, 'note'],
  ['recordCallback.note', ORDER_ACTION_BODIES.recordCallback, { reached: false }, 'note'],
  ['terminate.reason', ORDER_ACTION_BODIES.terminate, {}, 'reason'],
  [
    'whistle report.representative',
    WHISTLE_ACTION_BODIES.report,
    { mode: 'on_site' },
    'representative',
  ],
  ['whistle commit.measures', WHISTLE_ACTION_BODIES.commit, { dueBy: T }, 'measures'],
  ['whistle reportProgress.note', WHISTLE_ACTION_BODIES.reportProgress, {}, 'note'],
  ['whistle complete.summary', WHISTLE_ACTION_BODIES.complete, {}, 'summary'],
  [
    'whistle ratePrecision.comment',
    WHISTLE_ACTION_BODIES.ratePrecision,
    { needed: true, wellScoped: true },
    'comment',
  ],
  [
    'whistle verify.note',
    WHISTLE_ACTION_BODIES.verify,
    { departmentId: 'CGZF', passed: true },
    'note',
  ],
  ['whistle close.summary', WHISTLE_ACTION_BODIES.close, { outcome: 'solved' }, 'summary'],
  ['whistle escalate.reason', WHISTLE_ACTION_BODIES.escalate, {}, 'reason'],
  [
    'whistle rateDepartment.comment',
    WHISTLE_ACTION_BODIES.rateDepartment,
    { departmentId: 'CGZF', timeliness: 5, commitment: 5, result: 5 },
    'comment',
  ],
  [
    'whistle recordPublicRating.comment',
    WHISTLE_ACTION_BODIES.recordPublicRating,
    { rater: 'resident', satisfaction: 'satisfied' },
    'comment',
  ],
  [
    'blow whistle description',
    blowWhistleRequestSchema,
    {
      whistleType: 'routine',
      matterTypeCode: 'CG-003',
      title: '占道经营',
      place: { address: '星湖东里' },
      summonedUnitIds: ['CGZF'],
    },
    'description',
  ],
  [
    'blow whistle title',
    blowWhistleRequestSchema,
    {
      whistleType: 'routine',
      matterTypeCode: 'CG-003',
      description: '占道经营',
      place: { address: '星湖东里' },
      summonedUnitIds: ['CGZF'],
    },
    'title',
  ],
  [
    'escalate to whistle description',
    escalateOrderToWhistleBodySchema,
    { whistleType: 'routine', summonedUnitIds: ['CGZF'], title: '占道经营' },
    'description',
  ],
];

describe('personal data in action texts', () => {
  it.each(CASES)('masks phone, ID and e-mail numbers in %s', (_name, schema, rest, field) => {
    const text = field === 'title' ? '联系13812345678' : SAID;
    const parsed = schema.parse({ ...rest, [field]: text }) as Record<string, unknown>;
    expect(parsed[field]).toBe(field === 'title' ? '联系138****5678' : MASKED);
  });

  it('covers every free-text field of the action bodies', () => {
    const covered = new Set(CASES.map(([name]) => name.replace(/^whistle /, 'w:')));
    const free = (bodies: Record<string, unknown>, prefix: string) =>
      Object.entries(bodies).flatMap(([action, schema]) => {
        const shape =
          (schema as { shape?: Record<string, { def?: unknown }> }).shape ??
          (schema as { def: { in?: { shape: Record<string, unknown> } } }).def.in?.shape ??
          {};
        return Object.entries(shape)
          .filter(([, s]) =>
            // A transform (the return reason's legacy spellings) has no JSON Schema: left as {}.
            JSON.stringify(
              (s as { toJSONSchema?: (p: { unrepresentable: 'any' }) => unknown }).toJSONSchema?.({
                unrepresentable: 'any',
              }) ?? {},
            ).includes('"maxLength":2000'),
          )
          .map(([f]) => `${prefix}${action}.${f}`);
      });
    const expected = [...free(ORDER_ACTION_BODIES, ''), ...free(WHISTLE_ACTION_BODIES, 'w:')];
    expect(expected.length).toBeGreaterThan(15);
    expect(expected.filter((f) => !covered.has(f))).toEqual([]);
  });
});
