import { UnitMonthScoreEntity, UnitScoreRecordEntity } from '@hotline/persistence';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../auth/auth.decorators';
import { type Principal } from '../../auth/principal';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import { ApiPageOf, ApiQueryOf } from '../shared/openapi';
import { unitScope } from '../shared/view-access';
import {
  rankingQuery,
  type ScoreRecordsQuery,
  scoreRecordsQuery,
  type ScoresQuery,
  scoresQuery,
} from './scores-query';
import { ScoresService } from './scores.service';

const rankedUnit = {
  type: 'object',
  properties: {
    unitId: { type: 'string' },
    name: { type: 'string' },
    rank: { type: 'integer', description: 'Ties share a rank (1, 1, 3)' },
    composite: { type: 'number' },
    responseRate: { type: 'number', nullable: true },
    resolutionRate: { type: 'number', nullable: true },
    satisfactionRate: { type: 'number', nullable: true },
    counted: { type: 'integer' },
    excluded: { type: 'integer' },
  },
};

@ApiTags('views')
@ApiBearerAuth()
@Controller('views/scores')
export class ScoresController {
  constructor(private readonly scores: ScoresService) {}

  @Get()
  @ApiOperation({
    summary:
      'Monthly unit scores: 响应率, 解决率, 满意率 and the composite, with exclusions (剔除)',
  })
  @ApiQueryOf(scoresQuery)
  @ApiPageOf(UnitMonthScoreEntity, 'A page of unit scores for the month, by unit id')
  list(@Query(new ZodValidationPipe(scoresQuery)) q: ScoresQuery) {
    return this.scores.scores(q);
  }

  @Get('ranking')
  @ApiOperation({
    summary:
      'The month’s ranking in Beijing’s four groups (streets, townships, departments, enterprises)',
  })
  @ApiQueryOf(rankingQuery)
  @ApiOkResponse({
    schema: {
      type: 'object',
      properties: {
        month: { type: 'string' },
        groups: {
          type: 'object',
          properties: Object.fromEntries(
            ['streets', 'townships', 'departments', 'enterprises'].map((g) => [
              g,
              { type: 'array', items: rankedUnit },
            ]),
          ),
        },
        unranked: { type: 'array', items: { type: 'string' }, description: 'No counted orders' },
      },
    },
  })
  ranking(@Query(new ZodValidationPipe(rankingQuery)) q: { month: string }) {
    return this.scores.ranking(q.month);
  }

  @Get('records')
  @ApiOperation({
    summary: 'The closed orders behind the scores, one per unit and order; exclusions visible',
  })
  @ApiQueryOf(scoreRecordsQuery)
  @ApiPageOf(UnitScoreRecordEntity, 'A page of scoring records')
  records(
    @Query(new ZodValidationPipe(scoreRecordsQuery)) q: ScoreRecordsQuery,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.scores.records({ ...q, unit: unitScope(principal, q.unit) });
  }
}
