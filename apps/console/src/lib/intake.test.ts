import {
  confidenceLabel,
  enterMovesOn,
  lookupPhone,
  newIdempotencyKey,
  orderRequest,
  type IntakeValues,
} from './intake';

const values: IntakeValues = {
  callerName: ' 张女士 ',
  phone: '13812341234',
  category: 'complaint',
  urgency: 'normal',
  content: ' 工地夜间施工噪音很大 ',
  address: '星湖东里3号楼旁',
  streetId: 'XHJD',
  decision: 'suggested',
};

describe('intake form', () => {
  it('looks a caller up only once the number is a plausible phone', () => {
    expect(lookupPhone('1381')).toBeNull();
    expect(lookupPhone('138-1234')).toBe('138-1234');
    expect(lookupPhone(' 13812341234 ')).toBe('13812341234');
    expect(lookupPhone('1381234abc')).toBeNull();
  });

  it('builds the POST /orders body, trimmed, leaving the screening to the filter by default', () => {
    const body = orderRequest(values, 'console-key-1');
    expect(body).toEqual({
      idempotencyKey: 'console-key-1',
      channel: 'phone',
      category: 'complaint',
      urgency: 'normal',
      content: '工地夜间施工噪音很大',
      address: '星湖东里3号楼旁',
      caller: { name: '张女士', phone: '13812341234' },
      streetId: 'XHJD',
    });
    expect('screening' in body).toBe(false);
  });

  it('records the operator’s override of the filter', () => {
    expect(
      orderRequest(
        {
          ...values,
          decision: 'merged',
          mergeInto: 'HL20261123-0000042',
          explanation: '同一工地重复来电',
        },
        'k',
      ).screening,
    ).toEqual({
      outcome: 'merged',
      intoOrderId: 'HL20261123-0000042',
      explanation: '同一工地重复来电',
      decidedBy: 'operator',
    });
    expect(orderRequest({ ...values, decision: 'accept' }, 'k').screening).toEqual({
      outcome: 'accept',
    });
  });

  it('makes a new idempotency key per call', () => {
    const now = new Date('2026-11-23T01:15:00Z');
    expect(newIdempotencyKey(now, () => 0.5)).toMatch(/^console-20261123011500-[0-9a-z]{6,}$/);
    expect(newIdempotencyKey(now, () => 0.1)).not.toBe(newIdempotencyKey(now, () => 0.2));
  });

  it('moves on with Enter, keeps Shift+Enter, submits with Ctrl+Enter or after the last field', () => {
    document.body.innerHTML = `<form><input data-intake-field id="a"><textarea data-intake-field id="b"></textarea><input data-intake-field id="c"></form>`;
    const form = document.querySelector('form')!;
    const submitted = vi.fn((e: Event) => e.preventDefault());
    form.addEventListener('submit', submitted);
    const key = (k: Partial<KeyboardEvent>) => ({
      key: 'Enter',
      shiftKey: false,
      ctrlKey: false,
      metaKey: false,
      isComposing: false,
      ...k,
    });
    const [a, b, c] = ['a', 'b', 'c'].map((id) => document.getElementById(id)!);
    expect(enterMovesOn(key({}), a!, form)).toBe('next');
    expect(document.activeElement).toBe(b);
    expect(enterMovesOn(key({ shiftKey: true }), b!, form)).toBeNull();
    expect(enterMovesOn(key({ isComposing: true }), b!, form)).toBeNull();
    expect(enterMovesOn(key({ key: 'Tab' }), b!, form)).toBeNull();
    expect(enterMovesOn(key({}), c!, form)).toBe('submit');
    expect(enterMovesOn(key({ ctrlKey: true }), a!, form)).toBe('submit');
    expect(submitted).toHaveBeenCalledTimes(2);
  });
});

describe('a matter candidate’s confidence', () => {
  it('reads as a whole percent, and a remote candidate as <1% rather than 0%', () => {
    expect(confidenceLabel(0.873)).toBe('87%');
    expect(confidenceLabel(0.012)).toBe('1%');
    expect(confidenceLabel(0.004)).toBe('<1%');
    expect(confidenceLabel(0)).toBe('<1%');
    expect(confidenceLabel(1)).toBe('100%');
  });
});
