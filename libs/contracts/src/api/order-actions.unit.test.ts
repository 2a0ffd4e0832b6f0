import { RETURN_REASONS } from '@hotline/domain';
import { ORDER_ACTION_BODIES } from './order-actions';

describe('return reasons: one vocabulary', () => {
  const parse = (reason: string) =>
    ORDER_ACTION_BODIES.return.safeParse({
      reason,
      explanation: '不属于本单位管辖范围，应由区住建委处理',
    });

  it('accepts each reason of the vocabulary as it is', () => {
    for (const reason of RETURN_REASONS) expect(parse(reason)).toMatchObject({ data: { reason } });
  });

  it('accepts the spellings the API published before, and sends the one spelling on', () => {
    expect(parse('jurisdiction')).toMatchObject({ data: { reason: 'wrong_jurisdiction' } });
    expect(parse('ownership_unclear')).toMatchObject({ data: { reason: 'unclear_ownership' } });
    expect(parse('not_my_job').success).toBe(false);
  });
});
