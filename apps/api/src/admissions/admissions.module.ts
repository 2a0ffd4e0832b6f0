import { sampleAdmissionList } from '@hotline/domain';
import { Module } from '@nestjs/common';
import { AdmissionsController } from './admissions.controller';
import { ADMISSION_LIST, AdmissionsService } from './admissions.service';

/**
 * Duty admission (准入): applications, reviews and the list as it stands. The database, the
 * Temporal client and the reference data come from the global InfrastructureModule.
 */
@Module({
  controllers: [AdmissionsController],
  providers: [{ provide: ADMISSION_LIST, useFactory: sampleAdmissionList }, AdmissionsService],
})
export class AdmissionsModule {}
