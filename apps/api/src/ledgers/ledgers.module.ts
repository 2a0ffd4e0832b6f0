import { Module } from '@nestjs/common';
import { LedgerGenerator } from './ledger-generator';
import { LedgerJobsService } from './ledger-jobs.service';
import { LedgersController } from './ledgers.controller';

/**
 * Electronic ledgers (电子台账): requests, background generation, downloads. The database and
 * reference data come from the global InfrastructureModule.
 */
@Module({
  controllers: [LedgersController],
  providers: [LedgerJobsService, LedgerGenerator],
  exports: [LedgerGenerator],
})
export class LedgersModule {}
