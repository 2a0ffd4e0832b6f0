import { type CreateOrderRequest, createOrderRequestSchema } from '@hotline/contracts';
import { type ReferenceData } from '@hotline/domain';
import {
  BadRequestException,
  Body,
  Controller,
  ForbiddenException,
  Get,
  HttpStatus,
  Inject,
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
import { mountActionRoutes, type PerformsActions } from '../common/actions/action-table';
import { openApiSchema } from '../common/openapi';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { ORDER_ACTIONS, type OrderAction } from './order-actions.table';
import { ActOnOrder } from './use-cases/act-on-order/act-on-order.use-case';
import { CallerHistory } from './use-cases/caller-history/caller-history.use-case';
import { GetOrder } from './use-cases/get-order/get-order.use-case';
import { SubmitOrder } from './use-cases/submit-order/submit-order.use-case';
import { CITY_REFERENCE_DATA } from '../tokens';

const orderIdParam = z.string().regex(/^HL\d{8}-\d{7}$/, 'an order number like HL20261123-0000042');
const phoneQuery = z.string().regex(/^\+?[0-9 -]{5,24}$/, 'a phone number');

/**
 * Orders (工单): intake, reads, and one route per action — the actions are mounted from
 * ORDER_ACTIONS below the class (each with its roles, body schema and documentation).
 */
@ApiTags('orders')
@ApiBearerAuth()
@Controller('orders')
export class OrdersController implements PerformsActions<OrderAction> {
  constructor(
    private readonly submitOrder: SubmitOrder,
    private readonly getOrder: GetOrder,
    private readonly callerHistory: CallerHistory,
    private readonly actOnOrder: ActOnOrder,
    @Inject(CITY_REFERENCE_DATA) private readonly ref: ReferenceData,
  ) {}

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
    @CurrentPrincipal() principal: Principal,
  ) {
    const result = await this.submitOrder.execute(this.withTakingCentre(body, principal));
    res.status(result.created ? HttpStatus.CREATED : HttpStatus.OK);
    return result;
  }

  /**
   * 受理中心 (three levels): the request says who takes the call; district centre staff take
   * calls for their district (by default, and never as the city or another district); city
   * centre staff take as the city by default; tokens without a level keep the district
   * deployment's behaviour (no `takenBy`).
   */
  private withTakingCentre(body: CreateOrderRequest, principal: Principal): CreateOrderRequest {
    const own = principal.level === 'district' ? principal.districtId : undefined;
    const takenBy =
      body.takenBy ??
      (own
        ? { level: 'district' as const, districtId: own }
        : principal.level === 'city'
          ? { level: 'city' as const }
          : undefined);
    if (!takenBy) return body;
    if (takenBy.level === 'district' && !this.ref.index.districts.has(takenBy.districtId))
      throw new BadRequestException({
        message: `没有区“${takenBy.districtId}”`,
        fields: { 'takenBy.districtId': `未知的区：${takenBy.districtId}` },
      });
    if (takenBy.level === 'city' && !this.ref.city)
      throw new BadRequestException('本系统没有市级热线中心，不能市级受理');
    if (own && (takenBy.level !== 'district' || takenBy.districtId !== own))
      throw new ForbiddenException(`区级账号只能以本区（${own}）热线中心受理`);
    return { ...body, takenBy };
  }

  @Get('by-caller')
  @Roles('operator', 'supervisor')
  @ApiOperation({
    summary: 'The caller’s orders of the last 90 days, by phone (operators at intake)',
  })
  async byCaller(@Query('phone', new ZodValidationPipe(phoneQuery)) phone: string) {
    return { orders: await this.callerHistory.execute(phone) };
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
    return this.getOrder.execute(orderId, principal);
  }

  /** Every route of ORDER_ACTIONS ends here: one workflow update, answered with the new state. */
  perform(action: OrderAction, orderId: string, principal: Principal, body: object) {
    return this.actOnOrder.execute(orderId, principal, action, body);
  }
}

mountActionRoutes(OrdersController, ORDER_ACTIONS, {
  param: 'orderId',
  example: 'HL20261123-0000042',
  noun: 'order',
});
