import { Module } from '@nestjs/common';
import { OrderReader } from './order-reader';
import { OrderStarter } from './order-starter';
import { OrdersController } from './orders.controller';
import { ActOnOrder } from './use-cases/act-on-order/act-on-order.use-case';
import { CallerHistory } from './use-cases/caller-history/caller-history.use-case';
import { GetOrder } from './use-cases/get-order/get-order.use-case';
import { SubmitOrder } from './use-cases/submit-order/submit-order.use-case';

/**
 * Orders (工单): intake, reads and actions, one use case per file. Infrastructure (database,
 * Temporal, reference data, cipher) comes from the global InfrastructureModule. Open311 takes
 * orders in through the same SubmitOrder.
 */
@Module({
  controllers: [OrdersController],
  providers: [OrderReader, OrderStarter, SubmitOrder, GetOrder, CallerHistory, ActOnOrder],
  exports: [SubmitOrder, OrderReader, OrderStarter],
})
export class OrdersModule {}
