import { Controller, ForbiddenException, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../auth/auth.decorators';
import { type Principal } from '../../auth/principal';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import { ApiQueryOf } from '../shared/openapi';
import { confinedUnit, districtScope } from '../shared/view-access';
import { type PowerUsageQuery, powerUsageQuery } from './power-usage-query';
import { PowerUsageService } from './power-usage.service';

const rate = (description: string) => ({ type: 'number', nullable: true, description });
const usageFields = {
  dispatched: { type: 'integer', description: 'Orders dispatched under the power in the month' },
  closed: { type: 'integer', description: 'Orders closed in the month' },
  excluded: { type: 'integer', description: '剔除 (approved exclusions)' },
  filtered: { type: 'integer', description: '终止办理 (out of the denominators)' },
  counted: { type: 'integer', description: 'Closed orders in the denominators' },
  closedOnTime: { type: 'integer', description: '按期办结: counted, resolved within the limit' },
  respondedInTime: { type: 'integer' },
  callbacksAnswered: { type: 'integer' },
  noAnswer: { type: 'integer' },
  solved: { type: 'integer' },
  satisfied: { type: 'integer' },
  basicallySatisfied: { type: 'integer' },
  dissatisfied: { type: 'integer' },
  onTimeRate: rate('按期办结率: closedOnTime / counted'),
  responseRate: rate('响应率, as the monthly scores'),
  resolutionRate: rate('解决率, as the monthly scores'),
  satisfactionRate: rate('满意率, as the monthly scores'),
};

@ApiTags('views')
@ApiBearerAuth()
@Controller('views/enforcement-powers')
export class PowerUsageController {
  constructor(private readonly usage: PowerUsageService) {}

  @Get('usage')
  @ApiOperation({
    summary:
      'How each devolved enforcement power (执法职权清单) is used in a month, per street: orders dispatched to the street’s team, closed, on time, satisfaction. City staff see all, district staff their district, a street its own',
  })
  @ApiQueryOf(powerUsageQuery)
  @ApiOkResponse({
    schema: {
      type: 'object',
      properties: {
        month: { type: 'string' },
        items: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              powerId: { type: 'string' },
              powerName: { type: 'string' },
              streetId: { type: 'string' },
              streetName: { type: 'string', nullable: true },
              districtId: { type: 'string', nullable: true },
              ...usageFields,
            },
          },
        },
        powers: {
          type: 'array',
          description: 'Each power’s totals over the streets listed',
          items: {
            type: 'object',
            properties: {
              powerId: { type: 'string' },
              powerName: { type: 'string' },
              streets: { type: 'integer' },
              ...usageFields,
            },
          },
        },
      },
    },
  })
  list(
    @Query(new ZodValidationPipe(powerUsageQuery)) q: PowerUsageQuery,
    @CurrentPrincipal() principal: Principal,
  ) {
    const unit = confinedUnit(principal);
    if (unit && q.street && q.street !== unit)
      throw new ForbiddenException(`承办单位只能查看本单位（${unit}）的执法职权使用情况`);
    return this.usage.usage({
      ...q,
      district: unit ? q.district : districtScope(principal, q.district),
      ...(unit ? { street: unit } : {}),
    });
  }
}
