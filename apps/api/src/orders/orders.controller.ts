import { type CreateOrderRequest, createOrderRequestSchema } from '@hotline/contracts';
import { Body, Controller, Get, HttpStatus, Param, Post, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { type Response } from 'express';
import { z } from 'zod';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { OrdersService } from './orders.service';

const orderIdParam = z.string().regex(/^HL\d{8}-\d{7}$/, 'an order number like HL20261123-0000042');

function openApiSchema(schema: z.ZodType) {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'input' }) as Record<
    string,
    unknown
  >;
  return rest;
}

@ApiTags('orders')
@Controller('orders')
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Post()
  @ApiBody({
    schema: openApiSchema(createOrderRequestSchema),
    examples: {
      noise: {
        summary: 'Night-time construction noise',
        value: {
          idempotencyKey: 'call-20261123-0915-000017',
          channel: 'phone',
          category: 'complaint',
          content: '小区旁工地夜间22点后仍在施工，噪音很大',
          address: '示范区青石街道杏林社区8号楼',
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

  @Get(':orderId')
  @ApiParam({ name: 'orderId', example: 'HL20261123-0000042' })
  @ApiOkResponse({ description: 'The order as the read model knows it' })
  @ApiNotFoundResponse({ description: 'No such order' })
  async get(@Param('orderId', new ZodValidationPipe(orderIdParam)) orderId: string) {
    return this.orders.get(orderId);
  }
}
