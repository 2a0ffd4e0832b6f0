import {
  DepartmentEvaluationEntity,
  WhistleBoardEntity,
  WhistleDepartmentEntity,
} from '@hotline/persistence';
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
import {
  type EvaluationsQuery,
  evaluationsQuery,
  type WhistlesQuery,
  whistlesQuery,
} from './whistles-query';
import { WhistlesService } from './whistles.service';

@ApiTags('views')
@ApiBearerAuth()
@Controller('views')
export class WhistlesController {
  constructor(private readonly whistles: WhistlesService) {}

  @Get('whistles')
  @ApiOperation({
    summary:
      'The whistle board (街乡吹哨、部门报到): whistles newest first, where each stands; a unit sees its street’s and those it is summoned to',
  })
  @ApiQueryOf(whistlesQuery)
  @ApiPageOf(WhistleBoardEntity, 'A page of whistles')
  list(
    @Query(new ZodValidationPipe(whistlesQuery)) q: WhistlesQuery,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.whistles.list(q, confinedUnit(principal));
  }

  @Get('whistles/:whistleId')
  @ApiOperation({ summary: 'One whistle with each summoned department’s part' })
  @ApiParam({ name: 'whistleId' })
  @ApiOkResponse({
    schema: {
      type: 'object',
      properties: {
        whistle: entitySchema(WhistleBoardEntity),
        departments: { type: 'array', items: entitySchema(WhistleDepartmentEntity) },
      },
    },
  })
  @ApiNotFoundResponse({ description: 'No such whistle' })
  get(
    @Param('whistleId', new ZodValidationPipe(z.string().min(1).max(100))) id: string,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.whistles.get(id, confinedUnit(principal));
  }

  @Get('departments/evaluations')
  @ApiOperation({
    summary:
      'Departments’ whistle evaluations for a month (一哨一考核): timeliness, commitment, result, misses, score',
  })
  @ApiQueryOf(evaluationsQuery)
  @ApiPageOf(DepartmentEvaluationEntity, 'A page of department evaluations')
  evaluations(
    @Query(new ZodValidationPipe(evaluationsQuery)) q: EvaluationsQuery,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.whistles.evaluations(q, confinedUnit(principal));
  }
}
