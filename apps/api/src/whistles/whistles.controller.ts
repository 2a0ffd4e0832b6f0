import {
  type BlowWhistleRequest,
  blowWhistleRequestSchema,
  WHISTLE_ACTION_BODIES,
  type WhistleActionName,
} from '@hotline/contracts';
import {
  BadRequestException,
  Body,
  Controller,
  ForbiddenException,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Res,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { type Response } from 'express';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { type Principal } from '../auth/principal';
import { ROLE_NAMES } from '../auth/jwt';
import { mountActionRoutes, type PerformsActions, routeLast } from '../common/actions/action-table';
import { openApiSchema } from '../common/openapi';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { ActOnWhistle } from './use-cases/act-on-whistle/act-on-whistle.use-case';
import { BlowWhistle } from './use-cases/blow-whistle/blow-whistle.use-case';
import { GetWhistle } from './use-cases/get-whistle/get-whistle.use-case';
import { WHISTLE_ACTIONS } from './whistle-actions.table';

/**
 * Whistles (街乡吹哨、部门报到): blow, read, and one route per action — mounted from
 * WHISTLE_ACTIONS below the class, exactly as the order actions are.
 */
@ApiTags('whistles')
@ApiBearerAuth()
@Controller('whistles')
export class WhistlesController implements PerformsActions<WhistleActionName> {
  constructor(
    private readonly blowWhistle: BlowWhistle,
    private readonly getWhistle: GetWhistle,
    private readonly actOnWhistle: ActOnWhistle,
  ) {}

  @Post()
  @Roles('unit')
  @ApiOperation({ summary: 'A street blows a whistle (吹哨) for a matter on the whistle list' })
  @ApiBody({ schema: openApiSchema(blowWhistleRequestSchema) })
  @ApiCreatedResponse({
    description: 'The whistle id; the summoned departments must report by the type’s limit',
  })
  @ApiOkResponse({
    description: 'The same idempotency key was seen before: the existing whistle (created: false)',
  })
  @ApiForbiddenResponse({ description: 'Only a street or township blows a whistle' })
  @ApiConflictResponse({
    description: 'The idempotency key was used before with different content',
  })
  async blow(
    @CurrentPrincipal() p: Principal,
    @Body(new ZodValidationPipe(blowWhistleRequestSchema)) body: BlowWhistleRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.blowWhistle.execute(p, body);
    res.status(result.created ? HttpStatus.CREATED : HttpStatus.OK);
    return result;
  }

  @Get(':whistleId')
  @ApiParam({ name: 'whistleId', example: 'WS20261123-XHJD-1A2B3C' })
  @ApiOperation({
    summary: 'The whistle: each department’s report, commitment, delivery, misses and ratings',
  })
  @ApiNotFoundResponse({ description: 'No such whistle' })
  get(@Param('whistleId') id: string, @CurrentPrincipal() p: Principal) {
    return this.getWhistle.execute(id, p);
  }

  /**
   * Any action by its path: the table's routes answer first; this one remains for the paths it
   * always documented, and answers an unknown action with a 400 listing the known ones.
   */
  @Post(':whistleId/:action')
  @HttpCode(200)
  @Roles('unit', 'supervisor')
  @ApiParam({ name: 'action', enum: WHISTLE_ACTIONS.map((a) => a.path) })
  @ApiOperation({
    summary: 'An action on the whistle; the body depends on the action',
    description: WHISTLE_ACTIONS.map(
      (a) => `- \`${a.path}\` (${a.roles.join(', ')}): ${a.summary}`,
    ).join('\n'),
  })
  @ApiBody({ schema: { oneOf: Object.values(WHISTLE_ACTION_BODIES).map((s) => openApiSchema(s)) } })
  @ApiOkResponse({ description: 'The whistle’s new state' })
  @ApiForbiddenResponse({ description: 'Not your whistle or not your role' })
  @ApiConflictResponse({ description: 'Not possible in the whistle’s current state' })
  act(
    @Param('whistleId') id: string,
    @Param('action') path: string,
    @CurrentPrincipal() p: Principal,
    @Body() body: unknown,
  ) {
    const action = WHISTLE_ACTIONS.find((a) => a.path === path);
    if (!action)
      throw new BadRequestException(
        `Unknown action "${path}"; one of ${WHISTLE_ACTIONS.map((a) => a.path).join(', ')}`,
      );
    if (!action.roles.includes(p.role)) {
      throw new ForbiddenException(
        `${ROLE_NAMES[p.role]}不能进行此操作（${path}），仅限：${action.roles.map((r) => ROLE_NAMES[r]).join('、')}`,
      );
    }
    const parsed = new ZodValidationPipe(action.body).transform(body) as object;
    return this.perform(action.name, id, p, parsed);
  }

  /** Every route of WHISTLE_ACTIONS ends here: one workflow update, answered with the new state. */
  perform(action: WhistleActionName, whistleId: string, principal: Principal, body: object) {
    return this.actOnWhistle.execute(whistleId, principal, action, body);
  }
}

mountActionRoutes(WhistlesController, WHISTLE_ACTIONS, {
  param: 'whistleId',
  example: 'WS20261123-XHJD-1A2B3C',
  noun: 'whistle',
});
routeLast(WhistlesController, 'act');
