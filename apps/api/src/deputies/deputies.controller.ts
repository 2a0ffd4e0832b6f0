import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { type Principal } from '../auth/principal';
import { openApiSchema } from '../common/openapi';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import {
  deputyAnswerSchema,
  type DeputyHandOverRequest,
  deputyHandOverSchema,
  type DeputyItemRequest,
  deputyItemSchema,
  deputyItemsQuery,
  deputyRateSchema,
  deputyReportBackSchema,
} from './deputy-requests';
import { DeputiesService } from './deputies.service';

const body = (schema: z.ZodType) => ({ schema: openApiSchema(schema) });

/** 家站点: deputies record residents' opinions and suggestions and follow each one to its outcome. */
@ApiTags('deputies')
@ApiBearerAuth()
@Controller()
export class DeputiesController {
  constructor(private readonly deputies: DeputiesService) {}

  @Post('deputy-items')
  @Roles('deputy')
  @ApiOperation({ summary: 'A deputy records a resident’s opinion or suggestion at their station' })
  @ApiBody(body(deputyItemSchema))
  record(
    @CurrentPrincipal() p: Principal,
    @Body(new ZodValidationPipe(deputyItemSchema)) b: DeputyItemRequest,
  ) {
    return this.deputies.record(p, b);
  }

  @Post('deputy-items/:itemId/hand-over')
  @HttpCode(200)
  @Roles('deputy', 'supervisor')
  @ApiOperation({
    summary:
      'Hand the item over: as a 12345 order (channel deputy) or as a proposal to a unit with a due date (交办)',
  })
  @ApiBody(body(deputyHandOverSchema))
  handOver(
    @CurrentPrincipal() p: Principal,
    @Param('itemId') id: string,
    @Body(new ZodValidationPipe(deputyHandOverSchema)) b: DeputyHandOverRequest,
  ) {
    return this.deputies.handOver(p, id, b);
  }

  @Post('deputy-items/:itemId/answer')
  @HttpCode(200)
  @Roles('unit')
  @ApiOperation({ summary: 'The unit a proposal was handed to answers it (答复)' })
  @ApiBody(body(deputyAnswerSchema))
  answer(
    @CurrentPrincipal() p: Principal,
    @Param('itemId') id: string,
    @Body(new ZodValidationPipe(deputyAnswerSchema)) b: z.infer<typeof deputyAnswerSchema>,
  ) {
    return this.deputies.answer(p, id, b);
  }

  @Post('deputy-items/:itemId/rate')
  @HttpCode(200)
  @Roles('deputy')
  @ApiOperation({ summary: 'The deputy rates the answer (满意 / 基本满意 / 不满意)' })
  @ApiBody(body(deputyRateSchema))
  rate(
    @CurrentPrincipal() p: Principal,
    @Param('itemId') id: string,
    @Body(new ZodValidationPipe(deputyRateSchema)) b: z.infer<typeof deputyRateSchema>,
  ) {
    return this.deputies.rate(p, id, b);
  }

  @Post('deputy-items/:itemId/report-back')
  @HttpCode(200)
  @Roles('deputy', 'supervisor')
  @ApiOperation({ summary: 'The outcome is reported back to the station and the resident (反馈)' })
  @ApiBody(body(deputyReportBackSchema))
  reportBack(
    @CurrentPrincipal() p: Principal,
    @Param('itemId') id: string,
    @Body(new ZodValidationPipe(deputyReportBackSchema)) b: z.infer<typeof deputyReportBackSchema>,
  ) {
    return this.deputies.reportBack(p, id, b);
  }

  @Get('deputy-items/:itemId')
  @Roles('deputy', 'unit', 'supervisor', 'auditor')
  @ApiOperation({
    summary: 'An item as its workflow holds it (a deputy: their station’s; a unit: its own)',
  })
  get(@CurrentPrincipal() p: Principal, @Param('itemId') id: string) {
    return this.deputies.get(p, id);
  }

  @Get('views/deputy-items')
  @Roles('deputy', 'unit', 'supervisor', 'auditor')
  @ApiOperation({ summary: 'Deputies’ items and their state, newest first (scoped by role)' })
  items(
    @CurrentPrincipal() p: Principal,
    @Query(new ZodValidationPipe(deputyItemsQuery)) q: z.infer<typeof deputyItemsQuery>,
  ) {
    return this.deputies.items(p, q);
  }

  @Get('views/deputy-stations')
  @Roles('deputy', 'supervisor', 'auditor', 'unit')
  @ApiOperation({
    summary:
      'The stations (家站点) with their deputies and record: received, handed over, answered (on time), rated, reported back',
  })
  stations(@CurrentPrincipal() p: Principal) {
    return this.deputies.stationRecords(p);
  }
}
