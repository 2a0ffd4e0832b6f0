/**
 * A small XML writer for the Open311 documents: the same plain value that is sent as JSON is
 * written as XML, arrays as repeated child elements named by their parent (services → service).
 * Text is escaped, and characters XML 1.0 cannot carry at all (NUL, most control characters,
 * lone surrogates) are dropped: a citizen's text must never make the document ill-formed.
 */
export type XmlValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | readonly XmlValue[]
  | { readonly [name: string]: XmlValue };

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

// Tab, LF and CR are allowed; other C0 controls, U+FFFE/U+FFFF and unpaired surrogates are not.
const NOT_XML_CHAR =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeXmlText(text: string): string {
  return text
    .replace(NOT_XML_CHAR, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/**
 * `<?xml …?>` and the root element. `itemNames` names the elements of an array by the name of
 * the element that holds it; an array without an entry there is a programming error.
 */
export function toXmlDocument(
  rootName: string,
  value: XmlValue,
  itemNames: Readonly<Record<string, string>>,
): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${element(rootName, value, itemNames)}\n`;
}

function element(name: string, value: XmlValue, itemNames: Readonly<Record<string, string>>) {
  if (!NAME.test(name)) throw new Error(`not an XML element name: ${name}`);
  return `<${name}>${content(name, value, itemNames)}</${name}>`;
}

function content(
  name: string,
  value: XmlValue,
  itemNames: Readonly<Record<string, string>>,
): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return escapeXmlText(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isArray(value)) {
    const item = itemNames[name];
    if (!item) throw new Error(`no element name for the items of <${name}>`);
    return value.map((v) => element(item, v, itemNames)).join('');
  }
  return Object.entries(value)
    .map(([key, v]) => element(key, v, itemNames))
    .join('');
}

function isArray(value: XmlValue): value is readonly XmlValue[] {
  return Array.isArray(value);
}
