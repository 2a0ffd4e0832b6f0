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
  Param,
  Post,
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
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { type Principal } from '../auth/principal';
import { openApiSchema } from '../common/openapi';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { WhistlesService } from './whistles.service';

const ACTIONS: Record<
  WhistleActionName,
  { path: string; summary: string; roles: ('unit' | 'supervisor')[] }
> = {
  report: {
    path: 'report',
    summary: 'Report (报到): a summoned department arrives, on site or remote',
    roles: ['unit'],
  },
  commit: { path: 'commit', summary: 'Commit (表态): measures and a due date', roles: ['unit'] },
  reportProgress: { path: 'progress', summary: 'Report progress', roles: ['unit'] },
  complete: { path: 'complete', summary: 'Report the department’s part done', roles: ['unit'] },
  ratePrecision: {
    path: 'precision-rating',
    summary: 'A department rates the whistle: needed? well scoped? (吹哨精准度)',
    roles: ['unit'],
  },
  verify: {
    path: 'verify',
    summary: 'The street verifies (核查) a department’s part',
    roles: ['unit', 'supervisor'],
  },
  close: {
    path: 'close',
    summary: 'The street closes the whistle: solved or unsolved',
    roles: ['unit', 'supervisor'],
  },
  escalate: {
    path: 'escalate',
    summary: 'Escalate to the district (上报): starts a linked district whistle',
    roles: ['unit', 'supervisor'],
  },
  rateDepartment: {
    path: 'department-rating',
    summary: 'The street rates a department (一哨一考核)',
    roles: ['unit', 'supervisor'],
  },
  recordPublicRating: {
    path: 'public-rating',
    summary: 'Record a resident’s or deputy’s rating',
    roles: ['unit', 'supervisor'],
  },
};

@ApiTags('whistles')
@ApiBearerAuth()
@Controller('whistles')
export class WhistlesController {
  constructor(private readonly whistles: WhistlesService) {}

  @Post()
  @Roles('unit')
  @ApiOperation({ summary: 'A street blows a whistle (吹哨) for a matter on the whistle list' })
  @ApiBody({ schema: openApiSchema(blowWhistleRequestSchema) })
  @ApiCreatedResponse({
    description: 'The whistle id; the summoned departments must report by the type’s limit',
  })
  @ApiForbiddenResponse({ description: 'Only a street or township blows a whistle' })
  blow(
    @CurrentPrincipal() p: Principal,
    @Body(new ZodValidationPipe(blowWhistleRequestSchema)) body: BlowWhistleRequest,
  ) {
    return this.whistles.blow(p, body);
  }

  @Get(':whistleId')
  @ApiParam({ name: 'whistleId', example: 'WS20261123-XHJD-1A2B3C' })
  @ApiOperation({
    summary: 'The whistle: each department’s report, commitment, delivery, misses and ratings',
  })
  @ApiNotFoundResponse({ description: 'No such whistle' })
  get(@Param('whistleId') id: string, @CurrentPrincipal() p: Principal) {
    return this.whistles.get(id, p);
  }

  @Post(':whistleId/:action')
  @HttpCode(200)
  @Roles('unit', 'supervisor')
  @ApiParam({ name: 'action', enum: Object.values(ACTIONS).map((a) => a.path) })
  @ApiOperation({
    summary: 'An action on the whistle; the body depends on the action',
    description: Object.values(ACTIONS)
      .map((a) => `- \`${a.path}\` (${a.roles.join(', ')}): ${a.summary}`)
      .join('\n'),
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
    const entry = Object.entries(ACTIONS).find(([, a]) => a.path === path);
    if (!entry)
      throw new BadRequestException(
        `Unknown action "${path}"; one of ${Object.values(ACTIONS)
          .map((a) => a.path)
          .join(', ')}`,
      );
    const [name, action] = entry as [WhistleActionName, (typeof ACTIONS)[WhistleActionName]];
    if (!action.roles.includes(p.role as 'unit' | 'supervisor')) {
      throw new ForbiddenException(
        `Forbidden: role "${p.role}" may not ${path}; allowed: ${action.roles.join(', ')}`,
      );
    }
    const parsed = new ZodValidationPipe(WHISTLE_ACTION_BODIES[name]).transform(body);
    return this.whistles.act(id, p, name, parsed as object);
  }
}
