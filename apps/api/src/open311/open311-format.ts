import { type XmlValue, toXmlDocument } from './xml-writer';

/** GeoReport v2 names the format by the path's suffix: `services.xml`, `services.json`. */
export const OPEN311_FORMATS = ['xml', 'json'] as const;
export type Open311Format = (typeof OPEN311_FORMATS)[number];

/** The element of each list, by the list's element name (GeoReport v2's XML examples). */
const ITEM_NAMES: Readonly<Record<string, string>> = {
  services: 'service',
  service_requests: 'request',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
  errors: 'error',
};

export interface Rendered {
  contentType: string;
  body: string;
}

export function parseFormat(suffix: string): Open311Format | null {
  const lower = suffix.toLowerCase();
  return (OPEN311_FORMATS as readonly string[]).includes(lower) ? (lower as Open311Format) : null;
}

/** The format a path asks for; XML, the format the spec requires, when it names none we know. */
export function formatOfPath(path: string): Open311Format {
  return /\.json$/i.test(path) ? 'json' : 'xml';
}

/**
 * One document in either format. JSON is the value itself (a list is a bare array, as in the
 * spec); XML wraps it in `root`.
 */
export function render(format: Open311Format, root: string, value: XmlValue): Rendered {
  return format === 'json'
    ? { contentType: 'application/json; charset=utf-8', body: JSON.stringify(value) }
    : { contentType: 'text/xml; charset=utf-8', body: toXmlDocument(root, value, ITEM_NAMES) };
}

/** The spec's error document: `<errors><error><code/><description/></error></errors>`. */
export function renderError(format: Open311Format, code: number, description: string): Rendered {
  return render(format, 'errors', [{ code, description }]);
}

/** An error under /open311 in the spec's format, in the format the path asks for; else null. */
export function open311ErrorFor(path: string, code: number, description: string): Rendered | null {
  if (path !== '/open311' && !path.startsWith('/open311/')) return null;
  return renderError(formatOfPath(path), code, description);
}
