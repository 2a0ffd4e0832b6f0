import { Module } from '@nestjs/common';
import { PowerUsageController } from './enforcement-powers/power-usage.controller';
import { PowerUsageService } from './enforcement-powers/power-usage.service';
import { HotspotsController } from './hotspots/hotspots.controller';
import { HotspotsService } from './hotspots/hotspots.service';
import { UnitInboxController } from './inbox/unit-inbox.controller';
import { UnitInboxService } from './inbox/unit-inbox.service';
import { MonthlyTopicsController } from './monthly-topics/monthly-topics.controller';
import { MonthlyTopicsService } from './monthly-topics/monthly-topics.service';
import { OrderViewsController } from './orders/order-views.controller';
import { OrderViewsService } from './orders/order-views.service';
import { ProjectorHealthController } from './projector/projector-health.controller';
import { ScoresController } from './scores/scores.controller';
import { ScoresService } from './scores/scores.service';
import { SlaBoardController } from './sla-board/sla-board.controller';
import { SlaBoardService } from './sla-board/sla-board.service';
import { WhistlesController } from './whistles/whistles.controller';
import { WhistlesService } from './whistles/whistles.service';

/**
 * The query API over the read models (GET /views/…): paginated, filterable, documented. Reads
 * only PostgreSQL (from the global InfrastructureModule); the global AuthGuard applies to every
 * route here too.
 */
@Module({
  controllers: [
    OrderViewsController,
    UnitInboxController,
    SlaBoardController,
    ScoresController,
    HotspotsController,
    MonthlyTopicsController,
    WhistlesController,
    PowerUsageController,
    ProjectorHealthController,
  ],
  providers: [
    OrderViewsService,
    UnitInboxService,
    SlaBoardService,
    ScoresService,
    HotspotsService,
    MonthlyTopicsService,
    WhistlesService,
    PowerUsageService,
  ],
})
export class ViewsModule {}
