import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { type Principal } from '../auth/principal';
import { openApiSchema } from '../common/openapi';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import {
  cancelTaskSchema,
  completeTaskSchema,
  proactiveTasksQuery,
  reportTaskProgressSchema,
  type StartProactiveTaskRequest,
  startProactiveTaskSchema,
  submitPlanSchema,
  verifyTaskSchema,
} from './proactive-task-requests';
import { ProactiveTasksService } from './proactive-tasks.service';

const body = (schema: z.ZodType) => ({ schema: openApiSchema(schema) });

/** 未诉先办 / 每月一题: the centre starts and verifies tasks; the owning unit plans and does them. */
@ApiTags('proactive-tasks')
@ApiBearerAuth()
@Controller()
export class ProactiveTasksController {
  constructor(private readonly tasks: ProactiveTasksService) {}

  @Post('proactive-tasks')
  @Roles('supervisor')
  @ApiOperation({
    summary:
      'The centre turns a hotspot or an accepted monthly topic into a task for a street or department (未诉先办)',
  })
  @ApiBody(body(startProactiveTaskSchema))
  start(
    @CurrentPrincipal() p: Principal,
    @Body(new ZodValidationPipe(startProactiveTaskSchema)) b: StartProactiveTaskRequest,
  ) {
    return this.tasks.start(p, b);
  }

  @Post('proactive-tasks/:taskId/plan')
  @HttpCode(200)
  @Roles('unit')
  @ApiOperation({ summary: 'The owner submits its plan (整改方案) and measures' })
  @ApiBody(body(submitPlanSchema))
  plan(
    @CurrentPrincipal() p: Principal,
    @Param('taskId') id: string,
    @Body(new ZodValidationPipe(submitPlanSchema)) b: z.infer<typeof submitPlanSchema>,
  ) {
    return this.tasks.act(p, id, 'submitPlan', b);
  }

  @Post('proactive-tasks/:taskId/progress')
  @HttpCode(200)
  @Roles('unit')
  @ApiOperation({ summary: 'The owner reports progress (进展), in percent' })
  @ApiBody(body(reportTaskProgressSchema))
  progress(
    @CurrentPrincipal() p: Principal,
    @Param('taskId') id: string,
    @Body(new ZodValidationPipe(reportTaskProgressSchema))
    b: z.infer<typeof reportTaskProgressSchema>,
  ) {
    return this.tasks.act(p, id, 'reportProgress', b);
  }

  @Post('proactive-tasks/:taskId/complete')
  @HttpCode(200)
  @Roles('unit')
  @ApiOperation({
    summary: 'The owner reports the task done; the centre verifies within its limit',
  })
  @ApiBody(body(completeTaskSchema))
  complete(
    @CurrentPrincipal() p: Principal,
    @Param('taskId') id: string,
    @Body(new ZodValidationPipe(completeTaskSchema)) b: z.infer<typeof completeTaskSchema>,
  ) {
    return this.tasks.act(p, id, 'complete', b);
  }

  @Post('proactive-tasks/:taskId/verify')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({
    summary:
      'The centre accepts (核验通过: the effect is measured after the following weeks) or sends back (退回整改)',
  })
  @ApiBody(body(verifyTaskSchema))
  verify(
    @CurrentPrincipal() p: Principal,
    @Param('taskId') id: string,
    @Body(new ZodValidationPipe(verifyTaskSchema)) b: z.infer<typeof verifyTaskSchema>,
  ) {
    return this.tasks.act(p, id, 'verify', b);
  }

  @Post('proactive-tasks/:taskId/cancel')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({ summary: 'The centre cancels an open task (撤销)' })
  @ApiBody(body(cancelTaskSchema))
  cancel(
    @CurrentPrincipal() p: Principal,
    @Param('taskId') id: string,
    @Body(new ZodValidationPipe(cancelTaskSchema)) b: z.infer<typeof cancelTaskSchema>,
  ) {
    return this.tasks.act(p, id, 'cancel', b);
  }

  @Get('proactive-tasks/:taskId')
  @Roles('unit', 'supervisor', 'auditor')
  @ApiOperation({ summary: 'A task as its workflow holds it (a unit reads the tasks it owns)' })
  get(@CurrentPrincipal() p: Principal, @Param('taskId') id: string) {
    return this.tasks.get(p, id);
  }

  @Get('views/proactive-tasks')
  @Roles('unit', 'supervisor', 'auditor')
  @ApiOperation({
    summary:
      'Proactive tasks with deadlines on the record and the measured effect, newest first (a unit: its own)',
  })
  list(
    @CurrentPrincipal() p: Principal,
    @Query(new ZodValidationPipe(proactiveTasksQuery)) q: z.infer<typeof proactiveTasksQuery>,
  ) {
    return this.tasks.list(p, q);
  }
}
