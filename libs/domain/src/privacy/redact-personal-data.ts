/**
 * Callers often say their phone or ID number in the complaint itself ("请打我电话13812345678").
 * The text travels in events, read models and workflow history, where personal data must never
 * be (docs/domain.md, "Personal data"), so intake masks such numbers; the original stays
 * encrypted beside the caller's name and phone.
 */

export interface Redaction {
  readonly text: string;
  /** What kinds of personal data were masked, for the operator's screen. */
  readonly found: readonly ('mobile' | 'landline' | 'id_card' | 'email')[];
}

const RULES: readonly {
  kind: Redaction['found'][number];
  pattern: RegExp;
  mask: (m: string) => string;
}[] = [
  // Resident ID card: 17 digits and a digit or X (18 in all), not inside a longer number.
  {
    kind: 'id_card',
    pattern: /(?<![0-9])[1-9][0-9]{16}[0-9Xx](?![0-9])/g,
    mask: (m) => `${m.slice(0, 3)}***********${m.slice(-4)}`,
  },
  // Mainland mobile numbers, with optional +86 and spaces or dashes between groups.
  {
    kind: 'mobile',
    pattern: /(?<![0-9])(?:\+?86[ -]?)?1[3-9][0-9](?:[ -]?[0-9]{4}){2}(?![0-9])/g,
    mask: (m) => maskKeepEnds(m, 3, 4),
  },
  // Landlines with an area code: 010-12345678, 0755 1234567.
  {
    kind: 'landline',
    pattern: /(?<![0-9])0[1-9][0-9]{1,2}[ -]?[0-9]{7,8}(?![0-9])/g,
    mask: (m) => maskKeepEnds(m, 3, 2),
  },
  {
    kind: 'email',
    pattern: /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g,
    mask: (m) => `${m[0]}***@${m.split('@')[1]}`,
  },
];

export function redactPersonalData(text: string): Redaction {
  const found = new Set<Redaction['found'][number]>();
  let out = text;
  for (const rule of RULES) {
    out = out.replace(rule.pattern, (m) => {
      found.add(rule.kind);
      return rule.mask(m);
    });
  }
  return { text: out, found: [...found] };
}

function maskKeepEnds(value: string, head: number, tail: number): string {
  const digits = value.replace(/[^0-9]/g, '');
  const local = digits.startsWith('86') && digits.length === 13 ? digits.slice(2) : digits;
  return `${local.slice(0, head)}${'*'.repeat(Math.max(0, local.length - head - tail))}${local.slice(-tail)}`;
}
