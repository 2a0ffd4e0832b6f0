import { sampleDeputyStations } from '@hotline/domain';
import { Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module';
import { DeputiesController } from './deputies.controller';
import { DEPUTY_STATIONS, DeputiesService } from './deputies.service';

/**
 * The deputies' channel (家站点): items, hand-overs (an order goes through the hotline's own
 * intake, SubmitOrder), answers, ratings, report-backs and the stations' records. The database,
 * Temporal, the cipher and the reference data come from the global InfrastructureModule.
 */
@Module({
  imports: [OrdersModule],
  controllers: [DeputiesController],
  providers: [{ provide: DEPUTY_STATIONS, useFactory: sampleDeputyStations }, DeputiesService],
})
export class DeputiesModule {}
