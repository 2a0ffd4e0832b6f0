import {
  type CreateOrderRequest,
  createOrderRequestSchema,
  escalateOrderToWhistleBodySchema,
  ORDER_ACTION_BODIES,
  type OrderActionName,
} from '@hotline/contracts';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { type Response } from 'express';
import { z } from 'zod';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { type Principal } from '../auth/principal';
import { openApiSchema } from '../common/openapi';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { OrdersService } from './orders.service';

const orderIdParam = z.string().regex(/^HL\d{8}-\d{7}$/, 'an order number like HL20261123-0000042');
const phoneQuery = z.string().regex(/^\+?[0-9 -]{5,24}$/, 'a phone number');

/**
 * One route per action, so each has its own roles, body schema and documentation. Every action
 * is a workflow update: the answer is the order's new state, or a refusal with its reason.
 */
function action(name: OrderActionName, summary: string) {
  return [
    ApiOperation({ summary }),
    ApiBody({ schema: openApiSchema(ORDER_ACTION_BODIES[name]) }),
    ApiOkResponse({ description: 'The order’s new state' }),
    ApiForbiddenResponse({ description: 'Not this caller’s order or role' }),
    ApiConflictResponse({
      description: 'Not possible in the order’s current state (the body says which)',
    }),
    ApiNotFoundResponse({ description: 'No open order with this number' }),
  ];
}
const Apply =
  (decorators: MethodDecorator[]): MethodDecorator =>
  (target, key, descriptor) => {
    for (const d of decorators) d(target, key, descriptor);
  };

@ApiTags('orders')
@ApiBearerAuth()
@Controller('orders')
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Post()
  @Roles('operator', 'supervisor')
  @ApiOperation({
    summary: 'Intake (受理): record a call as an order; the filter (过滤网) screens it',
  })
  @ApiBody({
    schema: openApiSchema(createOrderRequestSchema),
    examples: {
      noise: {
        summary: 'Night-time construction noise',
        value: {
          idempotencyKey: 'call-20261123-0915-000017',
          channel: 'phone',
          category: 'complaint',
          content: '星湖东里3号楼旁工地夜间22点后仍在施工，噪音很大',
          address: '星湖街道星湖东里3号楼旁',
          streetId: 'XHJD',
          communityId: 'XHJD-01',
          urgency: 'normal',
          caller: { name: '张女士', phone: '13812341234' },
        },
      },
    },
  })
  @ApiOkResponse({
    description: 'The same idempotency key was seen before: the existing order (created: false)',
  })
  @ApiBadRequestResponse({ description: 'Invalid fields, each listed in `fields`' })
  @ApiConflictResponse({
    description: 'The idempotency key was used before with different content',
  })
  async submit(
    @Body(new ZodValidationPipe(createOrderRequestSchema)) body: CreateOrderRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.orders.submit(body);
    res.status(result.created ? HttpStatus.CREATED : HttpStatus.OK);
    return result;
  }

  @Get('by-caller')
  @Roles('operator', 'supervisor')
  @ApiOperation({
    summary: 'The caller’s orders of the last 90 days, by phone (operators at intake)',
  })
  async byCaller(@Query('phone', new ZodValidationPipe(phoneQuery)) phone: string) {
    return { orders: await this.orders.callerHistory(phone) };
  }

  @Get(':orderId')
  @ApiParam({ name: 'orderId', example: 'HL20261123-0000042' })
  @ApiOperation({
    summary:
      'The order: live state and timeline, read model, and the caller (masked unless it is your business)',
  })
  @ApiNotFoundResponse({ description: 'No such order' })
  async get(
    @Param('orderId', new ZodValidationPipe(orderIdParam)) orderId: string,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.orders.get(orderId, principal);
  }

  // ---------------------------------------------------------------- the handling unit

  @Post(':orderId/acknowledge')
  @Roles('unit')
  @HttpCode(200)
  @Apply(action('acknowledge', 'Acknowledge (签收) an order dispatched to your unit'))
  acknowledge(
    @Param('orderId') id: string,
    @CurrentPrincipal() p: Principal,
    @Body(new ZodValidationPipe(ORDER_ACTION_BODIES.acknowledge)) b: object,
  ) {
    return this.orders.act(id, p, 'acknowledge', b);
  }

  @Post(':orderId/return')
  @Roles('unit')
  @HttpCode(200)
  @Apply(
    action(
      'return',
      'Return (退单) an order that is not your duty, before acknowledging, within the window',
    ),
  )
  returnOrder(
    @Param('orderId') id: string,
    @CurrentPrincipal() p: Principal,
    @Body(new ZodValidationPipe(ORDER_ACTION_BODIES.return)) b: object,
  ) {
    return this.orders.act(id, p, 'return', b);
  }

  @Post(':orderId/respond')
  @Roles('unit')
  @HttpCode(200)
  @Apply(action('respond', 'Record the first contact with the caller (响应)'))
  respond(
    @Param('orderId') id: string,
    @CurrentPrincipal() p: Principal,
    @Body(new ZodValidationPipe(ORDER_ACTION_BODIES.respond)) b: object,
  ) {
    return this.orders.act(id, p, 'respond', b);
  }

  @Post(':orderId/progress')
  @Roles('unit')
  @HttpCode(200)
  @Apply(action('reportProgress', 'Report progress (lead or assisting unit)'))
  progress(
    @Param('orderId') id: string,
    @CurrentPrincipal() p: Principal,
    @Body(new ZodValidationPipe(ORDER_ACTION_BODIES.reportProgress)) b: object,
  ) {
    return this.orders.act(id, p, 'reportProgress', b);
  }

  @Post(':orderId/extension-request')
  @Roles('unit')
  @HttpCode(200)
  @Apply(action('requestExtension', 'Request an extension (延期) before the handling limit'))
  requestExtension(
    @Param('orderId') id: string,
    @CurrentPrincipal() p: Principal,
    @Body(new ZodValidationPipe(ORDER_ACTION_BODIES.requestExtension)) b: object,
  ) {
    return this.orders.act(id, p, 'requestExtension', b);
  }

  @Post(':orderId/resolve')
  @Roles('unit')
  @HttpCode(200)
  @Apply(action('resolve', 'Report the result (办结)'))
  resolve(
    @Param('orderId') id: string,
    @CurrentPrincipal() p: Principal,
    @Body(new ZodValidationPipe(ORDER_ACTION_BODIES.resolve)) b: object,
  ) {
    return this.orders.act(id, p, 'resolve', b);
  }

  @Post(':orderId/escalate-to-whistle')
  @Roles('unit')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'The lead street blows a whistle (吹哨) for this order; the order waits for its outcome',
  })
  @ApiBody({ schema: openApiSchema(escalateOrderToWhistleBodySchema) })
  @ApiOkResponse({ description: 'The order’s new state, with the whistle it waits for' })
  @ApiForbiddenResponse({ description: 'Only the order’s lead unit, a street or township' })
  @ApiConflictResponse({ description: 'Not while the order is in this state' })
  escalateToWhistle(
    @Param('orderId') id: string,
    @CurrentPrincipal() p: Principal,
    @Body(new ZodValidationPipe(escalateOrderToWhistleBodySchema)) b: object,
  ) {
    return this.orders.act(id, p, 'escalateToWhistle', b);
  }

  @Post(':orderId/exclusion-request')
  @Roles('unit')
  @HttpCode(200)
  @Apply(
    action('requestExclusion', 'Ask to take the order out of your scores (剔除), after resolving'),
  )
  requestExclusion(
    @Param('orderId') id: string,
    @CurrentPrincipal() p: Principal,
    @Body(new ZodValidationPipe(ORDER_ACTION_BODIES.requestExclusion)) b: object,
  ) {
    return this.orders.act(id, p, 'requestExclusion', b);
  }

  // ---------------------------------------------------------------- the centre

  @Post(':orderId/dispatch')
  @Roles('supervisor')
  @HttpCode(200)
  @Apply(action('dispatchManually', 'Dispatch manually (人工派单) an order in the manual queue'))
  dispatch(
    @Param('orderId') id: string,
    @CurrentPrincipal() p: Principal,
    @Body(new ZodValidationPipe(ORDER_ACTION_BODIES.dispatchManually)) b: object,
  ) {
    return this.orders.act(id, p, 'dispatchManually', b);
  }

  @Post(':orderId/arbitration')
  @Roles('supervisor')
  @HttpCode(200)
  @Apply(action('decideArbitration', 'Decide a disputed assignment (争议裁定); final'))
  arbitrate(
    @Param('orderId') id: string,
    @CurrentPrincipal() p: Principal,
    @Body(new ZodValidationPipe(ORDER_ACTION_BODIES.decideArbitration)) b: object,
  ) {
    return this.orders.act(id, p, 'decideArbitration', b);
  }

  @Post(':orderId/extension-decision')
  @Roles('supervisor')
  @HttpCode(200)
  @Apply(action('decideExtension', 'Approve or deny a requested extension'))
  decideExtension(
    @Param('orderId') id: string,
    @CurrentPrincipal() p: Principal,
    @Body(new ZodValidationPipe(ORDER_ACTION_BODIES.decideExtension)) b: object,
  ) {
    return this.orders.act(id, p, 'decideExtension', b);
  }

  @Post(':orderId/urge')
  @Roles('supervisor')
  @HttpCode(200)
  @Apply(action('urge', 'Send a reminder notice (催办)'))
  urge(
    @Param('orderId') id: string,
    @CurrentPrincipal() p: Principal,
    @Body(new ZodValidationPipe(ORDER_ACTION_BODIES.urge)) b: object,
  ) {
    return this.orders.act(id, p, 'urge', b);
  }

  @Post(':orderId/supervise')
  @Roles('supervisor')
  @HttpCode(200)
  @Apply(action('supervise', 'Escalate formally (督办), on record'))
  supervise(
    @Param('orderId') id: string,
    @CurrentPrincipal() p: Principal,
    @Body(new ZodValidationPipe(ORDER_ACTION_BODIES.supervise)) b: object,
  ) {
    return this.orders.act(id, p, 'supervise', b);
  }

  @Post(':orderId/exclusion-decision')
  @Roles('supervisor')
  @HttpCode(200)
  @Apply(action('decideExclusion', 'Approve or deny an exclusion request (剔除)'))
  decideExclusion(
    @Param('orderId') id: string,
    @CurrentPrincipal() p: Principal,
    @Body(new ZodValidationPipe(ORDER_ACTION_BODIES.decideExclusion)) b: object,
  ) {
    return this.orders.act(id, p, 'decideExclusion', b);
  }

  @Post(':orderId/terminate')
  @Roles('supervisor')
  @HttpCode(200)
  @Apply(action('terminate', 'Terminate handling (终止办理) after review'))
  terminate(
    @Param('orderId') id: string,
    @CurrentPrincipal() p: Principal,
    @Body(new ZodValidationPipe(ORDER_ACTION_BODIES.terminate)) b: object,
  ) {
    return this.orders.act(id, p, 'terminate', b);
  }

  @Post(':orderId/callback')
  @Roles('operator', 'supervisor')
  @HttpCode(200)
  @Apply(action('recordCallback', 'Record a callback attempt (回访): solved? satisfied?'))
  callback(
    @Param('orderId') id: string,
    @CurrentPrincipal() p: Principal,
    @Body(new ZodValidationPipe(ORDER_ACTION_BODIES.recordCallback)) b: object,
  ) {
    return this.orders.act(id, p, 'recordCallback', b);
  }
}
