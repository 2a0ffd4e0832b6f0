import { OrderTimelineEntity, OrderViewEntity } from '@hotline/persistence';
import { Controller, ForbiddenException, Get, Param, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal } from '../../auth/auth.decorators';
import { type Principal } from '../../auth/principal';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import { type ListQuery, listQuery } from '../shared/list-query';
import { ApiPageOf, ApiQueryOf, entitySchema } from '../shared/openapi';
import { confinedDistrict, districtScope, unitScope } from '../shared/view-access';
import { OrderViewsService } from './order-views.service';

const orderId = z.string().trim().min(1).max(64);

@ApiTags('views')
@ApiBearerAuth()
@Controller('views/orders')
export class OrderViewsController {
  constructor(private readonly views: OrderViewsService) {}

  @Get()
  @ApiOperation({
    summary:
      'Orders (工单) as the read model shows them, newest first; a unit sees its own, a district centre its district',
  })
  @ApiQueryOf(listQuery)
  @ApiPageOf(OrderViewEntity, 'A page of orders')
  list(
    @Query(new ZodValidationPipe(listQuery)) q: ListQuery,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.views.list({
      ...q,
      unit: unitScope(principal, q.unit),
      district: districtScope(principal, q.district),
    });
  }

  @Get(':orderId')
  @ApiOperation({ summary: 'One order from the read model, with its timeline' })
  @ApiParam({ name: 'orderId', example: 'HL20261123-0000042' })
  @ApiOkResponse({
    schema: {
      type: 'object',
      properties: {
        order: entitySchema(OrderViewEntity),
        timeline: { type: 'array', items: entitySchema(OrderTimelineEntity) },
      },
    },
  })
  @ApiNotFoundResponse({ description: 'No such order in the read model (yet)' })
  async get(
    @Param('orderId', new ZodValidationPipe(orderId)) id: string,
    @CurrentPrincipal() principal: Principal,
  ) {
    const detail = await this.views.get(id);
    const unit = principal.role === 'unit' ? principal.unitId : undefined;
    if (unit && detail.order.leadUnitId !== unit && !detail.order.assistingUnitIds.includes(unit)) {
      throw new ForbiddenException(`工单 ${id} 不属于单位 ${unit}`);
    }
    const district = confinedDistrict(principal);
    if (district && !this.views.inDistrict(detail.order, district)) {
      throw new ForbiddenException(`工单 ${id} 不属于本区（${district}），区级账号无权查看`);
    }
    return detail;
  }

  @Get(':orderId/timeline')
  @ApiOperation({ summary: 'The order’s events in sequence, one readable line each' })
  @ApiParam({ name: 'orderId', example: 'HL20261123-0000042' })
  @ApiOkResponse({ schema: { type: 'array', items: entitySchema(OrderTimelineEntity) } })
  async timeline(
    @Param('orderId', new ZodValidationPipe(orderId)) id: string,
    @CurrentPrincipal() principal: Principal,
  ) {
    return (await this.get(id, principal)).timeline;
  }
}
