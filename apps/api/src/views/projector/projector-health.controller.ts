import { ProjectionGapEntity } from '@hotline/persistence';
import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type DataSource } from 'typeorm';
import { z } from 'zod';
import { Roles } from '../../auth/auth.decorators';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import { DATA_SOURCE } from '../../tokens';
import { keysetPage } from '../shared/keyset';
import { pageQuery } from '../shared/list-query';
import { ApiPageOf, ApiQueryOf } from '../shared/openapi';

const gapsQuery = z.object(pageQuery);

/** How far each read model got, and the sequence gaps it saw: for whoever runs the system. */
@ApiTags('views')
@ApiBearerAuth()
@Controller('views/projector')
export class ProjectorHealthController {
  constructor(@Inject(DATA_SOURCE) private readonly db: DataSource) {}

  @Get('gaps')
  @Roles('supervisor', 'auditor')
  @ApiOperation({
    summary:
      'Sequence gaps the projections saw (events lost or dead-lettered), per projection and aggregate',
  })
  @ApiQueryOf(gapsQuery)
  @ApiPageOf(ProjectionGapEntity, 'A page of recorded gaps')
  gaps(@Query(new ZodValidationPipe(gapsQuery)) q: z.infer<typeof gapsQuery>) {
    const qb = this.db.getRepository(ProjectionGapEntity).createQueryBuilder('g');
    return keysetPage(
      qb,
      [
        { sql: 'g.aggregate_id', value: (g) => g.aggregateId },
        { sql: 'g.projection', value: (g) => g.projection },
        { sql: 'g.expected_sequence', value: (g) => g.expectedSequence, kind: 'int' },
      ],
      'ASC',
      q,
    );
  }

  @Get('positions')
  @Roles('supervisor', 'auditor')
  @ApiOperation({
    summary: 'Per projection: aggregates seen and events applied (sum of positions)',
  })
  @ApiOkResponse({
    schema: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          projection: { type: 'string' },
          aggregates: { type: 'integer' },
          events: { type: 'integer' },
        },
      },
    },
  })
  positions(): Promise<{ projection: string; aggregates: number; events: number }[]> {
    return this.db.query(
      `SELECT projection, count(*)::int AS aggregates, sum(last_sequence)::int AS events
         FROM projection_position GROUP BY projection ORDER BY projection`,
    );
  }
}
