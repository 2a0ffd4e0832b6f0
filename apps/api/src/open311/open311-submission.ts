import { type CreateOrderRequest } from '@hotline/contracts';
import { type MatterType, type ReferenceData } from '@hotline/domain';
import { BadRequestException } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { OPEN311_PHONE_PREFIX } from '../personal-data/personal-data.cipher';
import { attributesOf, LOCATION_DETAIL, OBSERVED_AT } from './open311-services';
import { isoWithZone, parseW3cDateTime } from './open311-time';
import { placeIdsOf, placeName } from './open311-place';

/**
 * POST requests (GeoReport v2) → the same intake request an operator records (POST /orders).
 * Pure: the API key is already checked, the client's name is given.
 */
const text = (max: number) => z.string().trim().max(max);
const number = z.union([z.number(), z.string().trim().min(1)]).pipe(z.coerce.number());

const paramsSchema = z.object({
  service_code: text(64).min(1, 'service_code is required'),
  lat: number.pipe(z.number().min(-90).max(90)).optional(),
  long: number.pipe(z.number().min(-180).max(180)).optional(),
  address_string: text(500).optional(),
  address_id: text(64).optional(),
  // email is accepted and ignored: nothing would use it, and it must not travel in events.
  email: text(320).optional(),
  device_id: text(200).optional(),
  account_id: text(200).optional(),
  first_name: text(50).optional(),
  last_name: text(50).optional(),
  phone: text(30).optional(),
  description: text(4000).optional(),
  media_url: z
    .url({ protocol: /^https?$/, message: 'media_url must be an http(s) URL' })
    .max(2000)
    .optional(),
});
type Params = z.infer<typeof paramsSchema>;

export interface Open311Submission {
  request: CreateOrderRequest;
  /** The spec's token: GET tokens/{token} finds the order; also the idempotency key's tail. */
  token: string;
}

export const OPEN311_KEY_PREFIX = 'open311:';
/** Where intake keeps a photo's address in the order's text (a unit opens it from there). */
export const MEDIA_LINE = '附图：';

export function buildSubmission(
  raw: Record<string, unknown>,
  client: string,
  ref: ReferenceData,
): Open311Submission {
  const parsed = paramsSchema.safeParse(withoutEmptyValues(raw));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`);
    throw new BadRequestException(issues.join('; '));
  }
  const p = parsed.data;
  const matter = ref.index.matterTypes.get(p.service_code);
  if (!matter) throw new BadRequestException(`service_code ${p.service_code} is not a service`);
  const token = tokenFor(raw, client, p.device_id);
  const place = placeOf(p, ref);
  return {
    token,
    request: {
      idempotencyKey: `${OPEN311_KEY_PREFIX}${token}`,
      channel: 'open311',
      // A service request asks for something to be done: 求助, in the hotline's categories.
      category: 'help',
      content: contentOf(p, matter, attributeValues(raw)),
      address: addressOf(p, place.name),
      ...place.ids,
      matterTypeCode: matter.code,
      urgency: matter.defaultUrgency,
      caller: {
        name: callerName(p.first_name, p.last_name),
        phone: p.phone ? checkedPhone(p.phone) : placeholderPhone(client, p.device_id, token),
      },
    },
  };
}

/** Form clients send empty fields for what they leave blank: those are absent, not invalid. */
function withoutEmptyValues(raw: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== '' && v !== null));
}

/**
 * With a device_id, the same submission from the same device is the same request (a client's
 * retry after a lost answer), so the token is derived from what was sent; without one, every
 * POST is a new request.
 */
function tokenFor(raw: Record<string, unknown>, client: string, deviceId?: string): string {
  if (!deviceId) return randomUUID().replace(/-/g, '');
  const { api_key: _key, ...rest } = raw;
  const canonical = JSON.stringify([client, Object.entries(rest).sort(([a], [b]) => cmp(a, b))]);
  return createHash('sha256').update(canonical).digest('base64url').slice(0, 32);
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** `attribute[code]=value` form fields, or an `attribute` object in a JSON body. */
function attributeValues(raw: Record<string, unknown>): Map<string, unknown> {
  const values = new Map<string, unknown>();
  const nested = raw.attribute;
  if (nested && typeof nested === 'object' && !Array.isArray(nested)) {
    for (const [code, v] of Object.entries(nested)) values.set(code, v);
  }
  for (const [key, v] of Object.entries(raw)) {
    const m = /^attribute\[([^\]]+)\]$/.exec(key);
    if (m) values.set(m[1]!, v);
  }
  return values;
}

/** The citizen's words, then the answers to the service's questions, then the photo's address. */
function contentOf(p: Params, matter: MatterType, attributes: Map<string, unknown>): string {
  const lines = [p.description || matter.name];
  for (const attribute of attributesOf(matter)) {
    const value = attributes.get(attribute.code);
    const given = typeof value === 'string' ? value.trim() : value;
    if (given === undefined || given === null || given === '') {
      if (attribute.required)
        throw new BadRequestException(`attribute[${attribute.code}] is required for this service`);
      continue;
    }
    if (typeof given !== 'string')
      throw new BadRequestException(`attribute[${attribute.code}] must be text`);
    if (attribute.code === LOCATION_DETAIL.code) {
      if (given.length > 200)
        throw new BadRequestException(`attribute[${attribute.code}]: at most 200 characters`);
      lines.push(`具体位置：${given}`);
    } else if (attribute.code === OBSERVED_AT.code) {
      const at = parseW3cDateTime(given);
      if (!at)
        throw new BadRequestException(
          `attribute[${attribute.code}] must be an ISO 8601 date-time, e.g. 2026-11-23T21:30:00+08:00`,
        );
      lines.push(`发现时间：${isoWithZone(at)}`);
    }
  }
  if (p.media_url) lines.push(`${MEDIA_LINE}${p.media_url}`);
  return lines.join('\n');
}

function placeOf(p: Params, ref: ReferenceData) {
  if (!p.address_id) return { ids: {}, name: '' };
  const ids = placeIdsOf(p.address_id, ref);
  if (!ids)
    throw new BadRequestException(
      `address_id ${p.address_id} is not a grid, community or street id of ${ref.district.name}`,
    );
  return { ids, name: placeName(ids, ref) };
}

/** The address text units read; coordinates, when sent, are kept in it ("…（坐标 lat, long）"). */
function addressOf(p: Params, placeText: string): string {
  if ((p.lat === undefined) !== (p.long === undefined))
    throw new BadRequestException('lat and long must be given together');
  const text = p.address_string || placeText;
  const coordinates =
    p.lat !== undefined && p.long !== undefined ? coordinatesText(p.lat, p.long) : '';
  if (!text && !coordinates)
    throw new BadRequestException(
      'A location is required: lat and long, address_string or address_id',
    );
  return text && coordinates ? `${text}（${coordinates}）` : text || coordinates;
}

export const coordinatesText = (lat: number, long: number) =>
  `坐标 ${lat.toFixed(6)}, ${long.toFixed(6)}`;

const HAN = /\p{Script=Han}/u;

/** 张 + 三 → 张三 (family name first in Chinese); Ann + Lee → Ann Lee. */
function callerName(first?: string, last?: string): string {
  if (first && last) return HAN.test(first + last) ? `${last}${first}` : `${first} ${last}`;
  return first || last || 'Open311 市民（未留姓名）';
}

/**
 * A phone number typed into an Open311 client is not verified: anyone may type anyone's number.
 * It is kept marked as such (`open311-unverified-…`), which also keeps it out of the key space
 * of real calls (PersonalDataCipher.callerKey): rejected Open311 requests "from" a number never
 * count against the person who really has it when they call.
 */
function checkedPhone(phone: string): string {
  const compact = phone.replace(/[\s().]/g, '');
  if (!/^\+?[0-9-]{5,20}$/.test(compact))
    throw new BadRequestException('phone must be a phone number of 5–20 digits');
  return `${OPEN311_PHONE_PREFIX}unverified-${compact}`;
}

/**
 * Open311 does not require a phone. The placeholder says so in words, and its digits (what the
 * caller key is computed from) are per device, or per request without one: anonymous submitters
 * are never one "caller" whose history the filter would hold against each other.
 */
function placeholderPhone(client: string, deviceId: string | undefined, token: string): string {
  const seed = deviceId ? `device:${client}:${deviceId}` : `request:${token}`;
  const hex = createHash('sha256').update(seed).digest('hex').slice(0, 15);
  const digits = (BigInt(`0x${hex}`) % 10n ** 15n).toString().padStart(15, '0');
  return `${OPEN311_PHONE_PREFIX}${deviceId ? 'device' : 'anonymous'}-${digits}`;
}
