import { Controller, Get, HttpException, Param } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { ApiMetricsModule } from './api-metrics.module';

@Controller('things')
class ThingsController {
  @Get(':id')
  one(@Param('id') id: string) {
    if (id === 'missing') throw new HttpException('no such thing', 404);
    return { id };
  }
}

describe('API metrics: request rate and latency by route pattern', () => {
  it('counts every answered request by method, route pattern (not the raw path) and status', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [ApiMetricsModule],
      controllers: [ThingsController],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    try {
      const server = app.getHttpServer();
      await request(server).get('/things/1').expect(200);
      await request(server).get('/things/2').expect(200);
      await request(server).get('/things/missing').expect(404);
      await request(server).get('/nowhere').expect(404);

      const text = await app.get(ApiMetricsModule).registry.metrics();
      expect(text).toContain(
        'hotline_api_requests_total{method="GET",route="/things/:id",status="200"} 2',
      );
      expect(text).toContain(
        'hotline_api_requests_total{method="GET",route="/things/:id",status="404"} 1',
      );
      expect(text).toContain(
        'hotline_api_requests_total{method="GET",route="unmatched",status="404"} 1',
      );
      expect(text).not.toContain('/things/1');
      expect(text).toMatch(
        /hotline_api_request_duration_seconds_count\{method="GET",route="\/things\/:id",status_class="2xx"\} 2/,
      );
    } finally {
      await app.close();
    }
  });
});
