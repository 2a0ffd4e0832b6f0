import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import { ApiQueryOf } from '../shared/openapi';
import { rankingQuery } from '../scores/scores-query';
import { MonthlyTopicsService } from './monthly-topics.service';

const topicsQuery = rankingQuery.extend({
  street: z.string().trim().min(1).max(64).optional().describe('街道/乡镇: one street’s topics'),
  perCriterion: z.coerce
    .number()
    .int()
    .min(1)
    .max(10)
    .default(3)
    .describe('Candidates per criterion'),
});

@ApiTags('views')
@ApiBearerAuth()
@Controller('views/monthly-topics')
export class MonthlyTopicsController {
  constructor(private readonly topics: MonthlyTopicsService) {}

  @Get()
  @ApiOperation({
    summary:
      'Candidate monthly topics (每月一题): the most frequent and the fastest-growing matter types',
  })
  @ApiQueryOf(topicsQuery)
  @ApiOkResponse({
    schema: {
      type: 'object',
      properties: {
        month: { type: 'string' },
        comparedWith: { type: 'string' },
        orders: { type: 'integer' },
        candidates: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              matterTypeCode: { type: 'string' },
              matterName: { type: 'string', nullable: true },
              orders: { type: 'integer' },
              previousOrders: { type: 'integer' },
              growth: { type: 'number', nullable: true },
              reasons: {
                type: 'array',
                items: { type: 'string', enum: ['most_frequent', 'fastest_growing'] },
              },
              topStreets: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: { streetId: { type: 'string' }, orders: { type: 'integer' } },
                },
              },
            },
          },
        },
      },
    },
  })
  propose(@Query(new ZodValidationPipe(topicsQuery)) q: z.infer<typeof topicsQuery>) {
    return this.topics.propose(q.month, q.street, q.perCriterion);
  }
}
