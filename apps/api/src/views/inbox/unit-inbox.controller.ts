import { UnitInboxEntity } from '@hotline/persistence';
import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal } from '../../auth/auth.decorators';
import { type Principal } from '../../auth/principal';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import { ApiPageOf, ApiQueryOf } from '../shared/openapi';
import { unitScope } from '../shared/view-access';
import { type InboxQuery, inboxQuery } from './inbox-query';
import { UnitInboxService } from './unit-inbox.service';

@ApiTags('views')
@ApiBearerAuth()
@Controller('views/units')
export class UnitInboxController {
  constructor(private readonly inbox: UnitInboxService) {}

  @Get(':unitId/inbox')
  @ApiOperation({
    summary:
      'A unit’s inbox: its open orders by deadline, with what is due next (签收, 响应, 办结…)',
  })
  @ApiParam({ name: 'unitId', example: 'CGZF' })
  @ApiQueryOf(inboxQuery)
  @ApiPageOf(UnitInboxEntity, 'A page of the unit’s open orders, soonest limit first')
  @ApiForbiddenResponse({ description: 'A unit asking for another unit’s inbox' })
  list(
    @Param('unitId', new ZodValidationPipe(z.string().trim().min(1).max(64))) unitId: string,
    @Query(new ZodValidationPipe(inboxQuery)) q: InboxQuery,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.inbox.list(unitScope(principal, unitId)!, q);
  }
}
