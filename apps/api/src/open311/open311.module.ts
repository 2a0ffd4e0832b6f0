import { type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module';
import { formBody } from './form-body.middleware';
import { Open311Controller } from './open311.controller';
import { Open311RequestsService } from './open311-requests.service';

/** A form of at most 64 KiB: a description is at most 4,000 characters. */
const FORM_LIMIT_BYTES = 64 * 1024;

/**
 * Open311 GeoReport v2 under /open311/v2. Intake goes through the orders' SubmitOrder, so an
 * Open311 request is screened and started exactly as an operator's call is. Infrastructure comes
 * from the global InfrastructureModule; the GeoReport error format is its own (open311-errors.ts).
 */
@Module({
  imports: [OrdersModule],
  controllers: [Open311Controller],
  providers: [Open311RequestsService],
})
export class Open311Module implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(formBody(FORM_LIMIT_BYTES)).forRoutes(Open311Controller);
  }
}
