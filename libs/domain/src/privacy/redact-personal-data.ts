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

type Kind = Redaction['found'][number];

/** The digit rules: fixed-length patterns, so each costs time linear in the text. */
const RULES: readonly {
  kind: Kind;
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
];

export function redactPersonalData(text: string): Redaction {
  const found = new Set<Kind>();
  let out = text;
  for (const rule of RULES) {
    out = out.replace(rule.pattern, (m) => {
      found.add(rule.kind);
      return rule.mask(m);
    });
  }
  const emails = findEmails(out);
  if (emails.length > 0) {
    found.add('email');
    let masked = '';
    let at = 0;
    for (const e of emails) {
      const address = out.slice(e.start, e.end);
      masked += `${out.slice(at, e.start)}${address[0]}***@${address.slice(e.at - e.start + 1)}`;
      at = e.end;
    }
    out = masked + out.slice(at);
  }
  return { text: out, found: [...found] };
}

/** Where an e-mail address stands: [start, end), with its '@' at `at`. */
export interface EmailSpan {
  start: number;
  at: number;
  end: number;
}

const isLocal = (c: number) =>
  (c >= 48 && c <= 57) ||
  (c >= 65 && c <= 90) ||
  (c >= 97 && c <= 122) ||
  c === 46 ||
  c === 95 ||
  c === 37 ||
  c === 43 ||
  c === 45; // 0-9 A-Z a-z . _ % + -
const isDomain = (c: number) =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 46 || c === 45; // 0-9 A-Z a-z . -
const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/**
 * E-mail addresses as `[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}` would find them, in one
 * pass: a regular expression of that shape backtracks (a long run of letters without an '@' costs
 * time quadratic in its length). From each '@' the local part is the run of local characters to
 * its left (not before the previous address's end) and the domain the longest run to its right
 * that ends in a dot and two or more letters. Each character is looked at a bounded number of
 * times (`steps`, when given, counts the looks), so the cost is linear in the text.
 */
export function findEmails(text: string, steps?: { count: number }): EmailSpan[] {
  const spans: EmailSpan[] = [];
  let floor = 0; // nothing before this index belongs to a new address
  let runStart = 0; // start of the current run of local characters
  for (let i = 0; i < text.length; i++) {
    if (steps) steps.count++;
    const c = text.charCodeAt(i);
    if (c !== 64 /* @ */) {
      if (!isLocal(c)) runStart = i + 1;
      continue;
    }
    const start = Math.max(runStart, floor);
    runStart = i + 1;
    if (start === i) continue; // no local part
    // The domain: the run of domain characters after '@', up to its last ".letters{2,}" ending.
    let end = -1;
    let j = i + 1;
    while (j < text.length && isDomain(text.charCodeAt(j))) {
      if (steps) steps.count++;
      if (text.charCodeAt(j) === 46 /* . */ && j > i + 1) {
        let k = j + 1;
        while (k < text.length && isLetter(text.charCodeAt(k))) {
          if (steps) steps.count++;
          k++;
        }
        if (k - j - 1 >= 2) end = k;
      }
      j++;
    }
    if (end === -1) continue;
    spans.push({ start, at: i, end });
    floor = end;
    runStart = end;
    i = end - 1;
  }
  return spans;
}

function maskKeepEnds(value: string, head: number, tail: number): string {
  const digits = value.replace(/[^0-9]/g, '');
  const local = digits.startsWith('86') && digits.length === 13 ? digits.slice(2) : digits;
  return `${local.slice(0, head)}${'*'.repeat(Math.max(0, local.length - head - tail))}${local.slice(-tail)}`;
}
