import { UnitMonthScoreEntity, UnitScoreRecordEntity } from '@hotline/persistence';
import { Controller, ForbiddenException, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../auth/auth.decorators';
import { type Principal } from '../../auth/principal';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import { ApiPageOf, ApiQueryOf } from '../shared/openapi';
import { confinedDistrict, districtScope, unitScope } from '../shared/view-access';
import {
  type CityRankingQuery,
  cityRankingQuery,
  type PushDownQuery,
  pushDownQuery,
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

const rankedEntry = {
  type: 'object',
  properties: {
    id: { type: 'string', description: 'Unit id, or district id in `districts`' },
    name: { type: 'string' },
    districtId: { type: 'string', nullable: true },
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

  @Get('rankings')
  @ApiOperation({
    summary:
      'Rankings at every level (三率 + composite): level=city ranks all streets/townships, district and city departments/enterprises and the districts; level=district one district’s units',
  })
  @ApiQueryOf(cityRankingQuery)
  @ApiOkResponse({
    schema: {
      type: 'object',
      properties: {
        month: { type: 'string' },
        scope: { type: 'object' },
        groups: {
          type: 'object',
          properties: Object.fromEntries(
            [
              'streets',
              'townships',
              'departments',
              'enterprises',
              'cityDepartments',
              'cityEnterprises',
            ].map((g) => [g, { type: 'array', items: rankedEntry }]),
          ),
        },
        districts: {
          type: 'array',
          items: rankedEntry,
          description: 'Districts by the summed counts of their ranked units (city level only)',
        },
        unranked: { type: 'array', items: { type: 'string' } },
      },
    },
  })
  rankings(
    @Query(new ZodValidationPipe(cityRankingQuery)) q: CityRankingQuery,
    @CurrentPrincipal() principal: Principal,
  ) {
    const own = confinedDistrict(principal);
    if (own && q.level === 'city')
      throw new ForbiddenException(`区级账号只能查看本区（${own}）的排名`);
    const district = districtScope(principal, q.district);
    return this.scores.cityRanking(
      q.month,
      q.level === 'district' ? { level: 'district', districtId: district! } : { level: 'city' },
    );
  }

  @Get('push-downs')
  @ApiOperation({
    summary:
      'Push-downs to streets (自上而下派回街道) on orders received in the month, by district: recorded and flagged without reason',
  })
  @ApiQueryOf(pushDownQuery)
  pushDowns(
    @Query(new ZodValidationPipe(pushDownQuery)) q: PushDownQuery,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.scores.pushDowns(q.month, districtScope(principal, q.district));
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
