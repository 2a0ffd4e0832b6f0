import { applyDecorators, Body, HttpCode, Param, Post, type Type } from '@nestjs/common';
import {
  ApiBody,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiServiceUnavailableResponse,
} from '@nestjs/swagger';
import { type z } from 'zod';
import { CurrentPrincipal, Roles } from '../../auth/auth.decorators';
import { type Role } from '../../auth/jwt';
import { type Principal } from '../../auth/principal';
import { openApiSchema } from '../openapi';
import { ZodValidationPipe } from '../zod-validation.pipe';

/**
 * One action on an order or a whistle (a workflow update `<name>Update`): its route, who may
 * call it, the body it takes and how it is documented. The order and whistle controllers are
 * each built from one table of these, so a route, its validation and its OpenAPI entry cannot
 * drift apart, and both aggregates are exposed the same way.
 */
export interface ActionSpec<Name extends string = string> {
  /** The workflow update is `${name}Update`. */
  readonly name: Name;
  /** The route's last segment: POST /<aggregate>/:id/<path>. */
  readonly path: string;
  /** The controller method (and so the OpenAPI operationId `<Controller>_<method>`). */
  readonly method: string;
  readonly summary: string;
  readonly roles: readonly Role[];
  readonly body: z.ZodType;
  readonly ok?: string;
  readonly forbidden?: string;
  readonly conflict?: string;
  /** false: no 404 documented (the route answers 409 for a closed aggregate instead). */
  readonly notFound?: string | false;
}

/** What a controller built from a table does with a validated action. */
export interface PerformsActions<Name extends string> {
  perform(name: Name, id: string, principal: Principal, body: object): Promise<unknown>;
}

export interface ActionRoutesOptions {
  /** The route parameter naming the aggregate: `orderId`, `whistleId`. */
  param: string;
  example: string;
  /** The aggregate's name in descriptions: order, whistle. */
  noun: string;
}

/**
 * Adds one documented POST route per action to `controller`: `@Post(':id/<path>')`, the roles,
 * a zod-validated body (400 listing every bad field) and its OpenAPI schema, 200 with the new
 * state. Each method calls `perform(name, id, principal, body)`.
 */
export function mountActionRoutes<Name extends string>(
  controller: Type<PerformsActions<Name>>,
  table: readonly ActionSpec<Name>[],
  options: ActionRoutesOptions,
): void {
  const proto = controller.prototype as Record<string, unknown>;
  for (const spec of table) {
    if (spec.method in proto) throw new Error(`${controller.name}.${spec.method} exists already`);
    const handler = function (
      this: PerformsActions<Name>,
      id: string,
      principal: Principal,
      body: object,
    ) {
      return this.perform(spec.name, id, principal, body);
    };
    Object.defineProperty(handler, 'name', { value: spec.method });
    Object.defineProperty(proto, spec.method, {
      value: handler,
      writable: true,
      configurable: true,
      enumerable: false,
    });
    const descriptor = Object.getOwnPropertyDescriptor(proto, spec.method)!;
    Reflect.defineMetadata('design:paramtypes', [String, Object, Object], proto, spec.method);
    Param(options.param)(proto, spec.method, 0);
    CurrentPrincipal()(proto, spec.method, 1);
    Body(new ZodValidationPipe(spec.body))(proto, spec.method, 2);
    applyDecorators(...actionDecorators(spec, options))(proto, spec.method, descriptor);
  }
}

function actionDecorators(spec: ActionSpec, o: ActionRoutesOptions): MethodDecorator[] {
  const noun = o.noun;
  return [
    Post(`:${o.param}/${spec.path}`),
    Roles(...spec.roles),
    HttpCode(200),
    ApiParam({ name: o.param, example: o.example }),
    ApiOperation({ summary: spec.summary }),
    ApiBody({ schema: openApiSchema(spec.body) }),
    ApiOkResponse({ description: spec.ok ?? `The ${noun}’s new state` }),
    ApiForbiddenResponse({ description: spec.forbidden ?? `Not this caller’s ${noun} or role` }),
    ApiConflictResponse({
      description:
        spec.conflict ?? `Not possible in the ${noun}’s current state (the body says which)`,
    }),
    ...(spec.notFound === false
      ? []
      : [ApiNotFoundResponse({ description: spec.notFound ?? `No such ${noun}` })]),
    ApiServiceUnavailableResponse({
      description: 'A part of the stack is down or slow: retry after Retry-After seconds',
    }),
  ];
}

/**
 * Moves a controller method to the end of its routes (Express matches in order): for a catch-all
 * such as POST /whistles/:whistleId/:action, which must come after the table's routes.
 */
export function routeLast(controller: Type, method: string): void {
  const proto = controller.prototype as object;
  const descriptor = Object.getOwnPropertyDescriptor(proto, method);
  if (!descriptor) throw new Error(`${controller.name}.${method} does not exist`);
  delete (proto as Record<string, unknown>)[method];
  Object.defineProperty(proto, method, descriptor);
}
