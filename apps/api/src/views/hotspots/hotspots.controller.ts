import { HotspotEntity, OrderViewEntity } from '@hotline/persistence';
import { Controller, Get, Param, Query } from '@nestjs/common';
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
import { confinedUnit } from '../shared/view-access';
import { ApiPageOf, ApiQueryOf, entitySchema } from '../shared/openapi';
import { type HotspotsQuery, hotspotsQuery } from './hotspots-query';
import { HotspotsService } from './hotspots.service';

@ApiTags('views')
@ApiBearerAuth()
@Controller('views/hotspots')
export class HotspotsController {
  constructor(private readonly hotspots: HotspotsService) {}

  @Get()
  @ApiOperation({
    summary:
      'Hotspots (未诉先办): ≥ 5 orders of one matter in one community within 7 days (policy defaults), newest window first; a unit sees its street’s and those with its orders',
  })
  @ApiQueryOf(hotspotsQuery)
  @ApiPageOf(HotspotEntity, 'A page of hotspot windows')
  list(
    @Query(new ZodValidationPipe(hotspotsQuery)) q: HotspotsQuery,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.hotspots.list(q, confinedUnit(principal));
  }

  @Get(':hotspotId')
  @ApiOperation({
    summary: 'One hotspot window with the orders behind it (a unit: only its own orders)',
  })
  @ApiParam({ name: 'hotspotId', example: 'CG-003|XHJD-01|2026-11-23' })
  @ApiOkResponse({
    schema: {
      type: 'object',
      properties: {
        hotspot: entitySchema(HotspotEntity),
        orders: { type: 'array', items: entitySchema(OrderViewEntity) },
      },
    },
  })
  @ApiNotFoundResponse({ description: 'No such hotspot' })
  get(
    @Param('hotspotId', new ZodValidationPipe(z.string().min(1).max(200))) id: string,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.hotspots.get(id, confinedUnit(principal));
  }
}
