import { sampleAdmissionList } from '@hotline/domain';
import { Module } from '@nestjs/common';
import { ADMISSION_LIST } from '../admissions/admissions.service';
import { OffListWorkController } from './off-list-work.controller';
import { ProactiveTasksController } from './proactive-tasks.controller';
import { ProactiveTasksService } from './proactive-tasks.service';

/**
 * Proactive tasks (未诉先办, 每月一题) and the off-list work (清单外事项) they, orders and whistles
 * reveal. Database, Temporal client and reference data come from the InfrastructureModule.
 */
@Module({
  controllers: [ProactiveTasksController, OffListWorkController],
  providers: [{ provide: ADMISSION_LIST, useFactory: sampleAdmissionList }, ProactiveTasksService],
})
export class ProactiveTasksModule {}
