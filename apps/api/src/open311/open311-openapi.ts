import { applyDecorators } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiParam,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { MAX_RESULTS, MAX_WINDOW_DAYS } from './open311-list-query';
import { OPEN311_FORMATS } from './open311-format';

/** OpenAPI for the Open311 routes: the JSON shapes (XML carries the same fields). */
const nullableString = { type: 'string', nullable: true };

export const SERVICE_SCHEMA = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      service_code: { type: 'string', example: 'CG-003' },
      service_name: { type: 'string', example: '施工噪声扰民' },
      description: { type: 'string' },
      metadata: { type: 'boolean' },
      type: { type: 'string', enum: ['realtime'] },
      keywords: { type: 'string' },
      group: { type: 'string', example: '城市管理' },
    },
  },
};

export const DEFINITION_SCHEMA = {
  type: 'object',
  properties: {
    service_code: { type: 'string' },
    attributes: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          variable: { type: 'boolean' },
          code: { type: 'string' },
          datatype: { type: 'string' },
          required: { type: 'boolean' },
          datatype_description: { type: 'string' },
          order: { type: 'integer' },
          description: { type: 'string' },
        },
      },
    },
  },
};

export const REQUEST_SCHEMA = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      service_request_id: { type: 'string', example: 'HL20261123-0000042' },
      status: { type: 'string', enum: ['open', 'closed'] },
      status_notes: { type: 'string', example: '已派单至云川区城市管理综合行政执法局，等待签收' },
      service_name: nullableString,
      service_code: nullableString,
      description: nullableString,
      agency_responsible: nullableString,
      service_notice: nullableString,
      requested_datetime: { type: 'string', format: 'date-time' },
      updated_datetime: { type: 'string', format: 'date-time' },
      expected_datetime: { type: 'string', format: 'date-time', nullable: true },
      address: nullableString,
      address_id: nullableString,
      zipcode: nullableString,
      lat: { type: 'number', nullable: true },
      long: { type: 'number', nullable: true },
      media_url: nullableString,
    },
  },
};

export const TOKEN_SCHEMA = {
  type: 'array',
  items: {
    type: 'object',
    properties: { service_request_id: { type: 'string' }, token: { type: 'string' } },
  },
};

export const POST_RESPONSE_SCHEMA = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      service_request_id: { type: 'string' },
      token: { type: 'string' },
      service_notice: { type: 'string' },
      account_id: nullableString,
    },
  },
};

export const POST_BODY_SCHEMA = {
  type: 'object',
  required: ['api_key', 'service_code'],
  properties: {
    api_key: { type: 'string', example: 'open311-dev-key' },
    jurisdiction_id: { type: 'string', example: 'YC' },
    service_code: { type: 'string', example: 'CG-010' },
    lat: { type: 'number', minimum: -90, maximum: 90 },
    long: { type: 'number', minimum: -180, maximum: 180 },
    address_string: { type: 'string', maxLength: 500 },
    address_id: {
      type: 'string',
      description: 'A grid, community or street id',
      example: 'XHJD-01',
    },
    'attribute[location_detail]': { type: 'string', maxLength: 200 },
    'attribute[observed_at]': { type: 'string', format: 'date-time' },
    email: { type: 'string', description: 'Accepted and never stored' },
    device_id: { type: 'string', maxLength: 200 },
    account_id: { type: 'string' },
    first_name: { type: 'string', maxLength: 50 },
    last_name: { type: 'string', maxLength: 50 },
    phone: { type: 'string', maxLength: 30 },
    description: { type: 'string', maxLength: 4000 },
    media_url: { type: 'string', format: 'uri' },
  },
};

/** Every Open311 route: its tag, both formats, the path's format and the spec's errors. */
export function Open311Route() {
  return applyDecorators(
    ApiTags('open311'),
    ApiProduces('text/xml', 'application/json'),
    ApiParam({
      name: 'format',
      enum: OPEN311_FORMATS,
      description: 'xml (required by the spec) or json',
    }),
    ApiQuery({
      name: 'jurisdiction_id',
      required: false,
      type: String,
      description: 'Our district’s id, if given',
    }),
    ApiBadRequestResponse({ description: '<errors><error><code>400</code><description>…' }),
    ApiNotFoundResponse({ description: 'No such resource, or an unknown format' }),
  );
}

export function ApiListFilters() {
  const q = (name: string, description: string) =>
    ApiQuery({ name, required: false, type: String, description });
  return applyDecorators(
    q('service_request_id', 'Comma list of ids; overrides every other filter'),
    q('service_code', 'Comma list of service codes'),
    q('start_date', `W3C date-time; at most ${MAX_WINDOW_DAYS} days before end_date`),
    q(
      'end_date',
      `W3C date-time; default now (the last ${MAX_WINDOW_DAYS} days, at most ${MAX_RESULTS} requests)`,
    ),
    q('status', 'open, closed, or open,closed'),
  );
}
