import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { type Principal } from '../auth/principal';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import {
  type AdmissionApplicationRequest,
  admissionApplicationSchema,
  admissionApplicationsQuery,
  admissionListQuery,
  type AdmissionReviewRequest,
  admissionReviewSchema,
  admissionWithdrawSchema,
} from './admission-requests';
import { AdmissionsService } from './admissions.service';

const body = (schema: z.ZodType) => ({ schema: z.toJSONSchema(schema) as object });

/** 准入: departments apply to hand tasks to streets and communities; the district's office reviews. */
@ApiTags('admissions')
@ApiBearerAuth()
@Controller()
export class AdmissionsController {
  constructor(private readonly admissions: AdmissionsService) {}

  @Post('admissions')
  @Roles('unit')
  @ApiOperation({
    summary: 'A department applies to hand a task to streets or communities (准入申请)',
  })
  @ApiBody(body(admissionApplicationSchema))
  apply(
    @CurrentPrincipal() p: Principal,
    @Body(new ZodValidationPipe(admissionApplicationSchema)) b: AdmissionApplicationRequest,
  ) {
    return this.admissions.apply(p, b);
  }

  @Post('admissions/:applicationId/review')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({
    summary: 'The office admits, refuses (with reasons) or returns (退回补正) an application',
  })
  @ApiBody(body(admissionReviewSchema))
  review(
    @CurrentPrincipal() p: Principal,
    @Param('applicationId') id: string,
    @Body(new ZodValidationPipe(admissionReviewSchema)) b: AdmissionReviewRequest,
  ) {
    return this.admissions.review(p, id, b);
  }

  @Post('admissions/:applicationId/resubmit')
  @HttpCode(200)
  @Roles('unit')
  @ApiOperation({ summary: 'The department resubmits a returned application (补正)' })
  @ApiBody(body(admissionApplicationSchema))
  resubmit(
    @CurrentPrincipal() p: Principal,
    @Param('applicationId') id: string,
    @Body(new ZodValidationPipe(admissionApplicationSchema)) b: AdmissionApplicationRequest,
  ) {
    return this.admissions.resubmit(p, id, b);
  }

  @Post('admissions/:applicationId/withdraw')
  @HttpCode(200)
  @Roles('unit')
  @ApiOperation({ summary: 'The department withdraws its application (撤回)' })
  @ApiBody(body(admissionWithdrawSchema))
  withdraw(
    @CurrentPrincipal() p: Principal,
    @Param('applicationId') id: string,
    @Body(new ZodValidationPipe(admissionWithdrawSchema)) b: { note: string },
  ) {
    return this.admissions.withdraw(p, id, b.note);
  }

  @Get('admissions/:applicationId')
  @Roles('unit', 'supervisor', 'auditor')
  @ApiOperation({ summary: 'An application as its workflow holds it (a department reads its own)' })
  get(@CurrentPrincipal() p: Principal, @Param('applicationId') id: string) {
    return this.admissions.get(p, id);
  }

  @Get('views/admissions')
  @Roles('unit', 'supervisor', 'auditor')
  @ApiOperation({
    summary: 'Applications and their state, newest first (a department sees its own)',
  })
  applications(
    @CurrentPrincipal() p: Principal,
    @Query(new ZodValidationPipe(admissionApplicationsQuery))
    q: z.infer<typeof admissionApplicationsQuery>,
  ) {
    return this.admissions.applications(p, q);
  }

  @Get('views/admission-list')
  @Roles('unit', 'supervisor', 'auditor', 'operator')
  @ApiOperation({
    summary:
      'The admission list (准入事项清单) as it stands: published entries and admitted tasks, versioned',
  })
  currentList(
    @Query(new ZodValidationPipe(admissionListQuery)) q: z.infer<typeof admissionListQuery>,
  ) {
    return this.admissions.currentList(q);
  }
}
