import { applyDecorators } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiQuery } from '@nestjs/swagger';
import { getMetadataArgsStorage } from 'typeorm';
import { z } from 'zod';
import { openApiSchema } from '../../common/openapi';

/** One @ApiQuery per field of a zod query schema, with its description and type. */
export function ApiQueryOf(schema: z.ZodObject) {
  const json = openApiSchema(schema) as {
    properties?: Record<string, Record<string, unknown>>;
    required?: string[];
  };
  return applyDecorators(
    ...Object.entries(json.properties ?? {}).map(([name, property]) =>
      ApiQuery({
        name,
        required: (json.required ?? []).includes(name) && property.default === undefined,
        schema: property,
        ...(typeof property.description === 'string' ? { description: property.description } : {}),
      }),
    ),
    ApiBadRequestResponse({ description: 'Invalid query fields, each listed in `fields`' }),
  );
}

const TYPES: Record<string, Record<string, unknown>> = {
  text: { type: 'string' },
  integer: { type: 'integer' },
  boolean: { type: 'boolean' },
  'double precision': { type: 'number' },
  timestamptz: { type: 'string', format: 'date-time' },
  date: { type: 'string', format: 'date' },
  jsonb: { type: 'object' },
};

/** The JSON schema of a read-model row, from its TypeORM entity (one source for table and docs). */
export function entitySchema(entity: abstract new () => object): Record<string, unknown> {
  const columns = getMetadataArgsStorage().columns.filter((c) => c.target === entity);
  return {
    type: 'object',
    properties: Object.fromEntries(
      columns.map((c) => {
        const base = TYPES[String(c.options.type)] ?? {};
        const type = c.options.array ? { type: 'array', items: base } : base;
        return [c.propertyName, c.options.nullable ? { ...type, nullable: true } : type];
      }),
    ),
  };
}

/** 200 with a page of rows of this entity. */
export function ApiPageOf(entity: abstract new () => object, description: string) {
  return ApiOkResponse({
    description,
    schema: {
      type: 'object',
      properties: {
        items: { type: 'array', items: entitySchema(entity) },
        nextCursor: {
          type: 'string',
          nullable: true,
          description: 'Pass as `cursor` for the next page',
        },
      },
    },
  });
}
