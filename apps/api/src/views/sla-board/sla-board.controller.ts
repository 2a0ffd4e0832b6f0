import { SlaBoardEntity } from '@hotline/persistence';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/auth.decorators';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import { ApiPageOf, ApiQueryOf } from '../shared/openapi';
import { type SlaBoardQuery, slaBoardQuery } from './sla-board-query';
import { SlaBoardService } from './sla-board.service';

@ApiTags('views')
@ApiBearerAuth()
@Controller('views/sla-board')
export class SlaBoardController {
  constructor(private readonly board: SlaBoardService) {}

  @Get()
  @Roles('supervisor', 'operator', 'auditor')
  @ApiOperation({
    summary: 'The SLA board: open orders due soon, overdue, breached (超时) or escalated (督办)',
  })
  @ApiQueryOf(slaBoardQuery)
  @ApiPageOf(SlaBoardEntity, 'A page of open orders, in the order the view implies')
  list(@Query(new ZodValidationPipe(slaBoardQuery)) q: SlaBoardQuery) {
    return this.board.list(q);
  }
}
