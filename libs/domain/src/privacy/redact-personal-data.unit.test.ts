import fc from 'fast-check';
import { findEmails, redactPersonalData } from './redact-personal-data';

/** The e-mail pattern as a regular expression, the behaviour findEmails must keep. */
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

describe('redactPersonalData', () => {
  it.each([
    ['请尽快处理，我的电话13812345678', '请尽快处理，我的电话138****5678', ['mobile']],
    ['联系 +86 138-1234-5678 张女士', '联系 138****5678 张女士', ['mobile']],
    ['身份证号110101199003074514，要办低保', '身份证号110***********4514，要办低保', ['id_card']],
    ['座机010-62345678找王先生', '座机010******78找王先生', ['landline']],
    ['回复到邮箱zhang.san@example.com', '回复到邮箱z***@example.com', ['email']],
  ])('masks %s', (input, expected, kinds) => {
    expect(redactPersonalData(input)).toEqual({ text: expected, found: kinds });
  });

  it('leaves ordinary numbers alone: house numbers, times, amounts, order numbers', () => {
    const text = '星湖东里3号楼2单元502室，晚上22点以后施工，欠薪12000元，工单HL20261123-0000042';
    expect(redactPersonalData(text)).toEqual({ text, found: [] });
  });

  it('never lets a mobile number through, wherever it stands in the text', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.constantFrom('3', '5', '8', '9'),
        fc.stringMatching(/^[0-9]{9}$/),
        fc.string(),
        (before, second, rest, after) => {
          const phone = `1${second}${rest}`;
          const input = `${before.replace(/[0-9]/g, '')}${phone}${after.replace(/[0-9]/g, '')}`;
          expect(redactPersonalData(input).text).not.toContain(phone);
        },
      ),
    );
  });

  it('finds e-mail addresses exactly as the pattern does, on any text', () => {
    const alphabet = fc.constantFrom(
      'a',
      'b',
      'Z',
      '0',
      '9',
      '.',
      '-',
      '_',
      '+',
      '%',
      '@',
      ' ',
      '号',
      'c',
      'o',
      'm',
    );
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }), (chars) => {
        const text = chars.join('');
        const expected = [...text.matchAll(EMAIL)].map((m) => [m.index, m.index + m[0].length]);
        expect(findEmails(text).map((e) => [e.start, e.end])).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('costs a bounded number of steps per character on adversarial input (linear, no backtracking)', () => {
    const n = 200_000;
    const inputs = [
      'a'.repeat(n), // a long local part that never meets an '@' (quadratic for the regex)
      `${'a'.repeat(n)}@`,
      'a@'.repeat(n / 2),
      `a@${'b.'.repeat(n / 2)}`, // a long domain with a dot every other character
      `a@${'b.c'.repeat(n / 3)}1`,
      `${'a.'.repeat(n / 4)}@${'x-'.repeat(n / 4)}`,
    ];
    for (const text of inputs) {
      const steps = { count: 0 };
      findEmails(text, steps);
      expect(steps.count).toBeLessThanOrEqual(3 * text.length);
    }
    expect(redactPersonalData(`联系我 ${'a'.repeat(n)}@example.com`).text).toBe(
      '联系我 a***@example.com',
    );
  });
});
