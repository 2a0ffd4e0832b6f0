import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../auth/auth.decorators';
import { DependencyIndicators } from './dependency.indicators';

/**
 * Liveness (/health: the process answers) and readiness (/health/ready: PostgreSQL, Temporal,
 * a worker and Kafka answer), in terminus' format: `{ status, info, error, details }`.
 */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly checks: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly dependencies: DependencyIndicators,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOkResponse({ description: 'The API process is up' })
  health() {
    return this.checks.check([]);
  }

  @Get('ready')
  @HealthCheck()
  @ApiOkResponse({ description: 'PostgreSQL, Temporal, a worker and Kafka all answer' })
  @ApiServiceUnavailableResponse({ description: 'One of them does not: `error` says which' })
  ready() {
    return this.checks.check([
      () => this.db.pingCheck('database', { timeout: 3_000 }),
      () => this.dependencies.temporal(),
      () => this.dependencies.worker(),
      () => this.dependencies.kafka(),
    ]);
  }
}
