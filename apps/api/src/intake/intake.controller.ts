import { type ScreeningRequest, screeningRequestSchema } from '@hotline/contracts';
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import { openApiSchema } from '../common/openapi';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { IntakeService } from './intake.service';

const placeSchema = {
  type: 'object',
  properties: {
    streetId: { type: 'string' },
    communityId: { type: 'string', nullable: true },
    gridId: { type: 'string', nullable: true },
    label: { type: 'string', example: '星湖街道 星湖东里社区' },
    confidence: { type: 'number' },
    words: { type: 'array', items: { type: 'string' } },
    source: { type: 'string', enum: ['address', 'content'] },
  },
};

/** The intake suggestions' shape, as the console's live intake form reads it. */
export const SCREENING_RESPONSE_SCHEMA = {
  type: 'object',
  required: ['matter', 'place', 'emergency', 'filter', 'duplicates', 'urgency'],
  properties: {
    matter: {
      type: 'object',
      properties: {
        candidates: {
          type: 'array',
          description: 'Top 3 matter types, best first',
          items: {
            type: 'object',
            properties: {
              matterTypeCode: { type: 'string', example: 'CG-003' },
              name: { type: 'string', example: '施工噪声扰民' },
              leadUnitId: { type: 'string', nullable: true },
              confidence: { type: 'number' },
              evidence: { type: 'array', items: { type: 'string' } },
            },
          },
        },
      },
    },
    place: {
      type: 'object',
      properties: {
        resolved: placeSchema,
        candidates: { type: 'array', items: placeSchema },
        explanation: { type: 'string' },
      },
    },
    emergency: {
      type: 'object',
      properties: {
        isEmergency: { type: 'boolean' },
        words: { type: 'array', items: { type: 'string' } },
        kinds: { type: 'array', items: { type: 'string' } },
        explanation: { type: 'string' },
      },
    },
    filter: {
      type: 'object',
      properties: {
        outcome: { type: 'string', enum: ['accept', 'rejected', 'merged', 'answered_directly'] },
        reason: {
          type: 'string',
          enum: [
            'outside_public_duty',
            'in_legal_process',
            'unlawful_demand',
            'abusive',
            'insufficient_information',
          ],
        },
        ruleId: { type: 'string' },
        evidence: { type: 'array', items: { type: 'string' } },
        explanation: { type: 'string' },
        guidanceForCaller: { type: 'string' },
        intoOrderId: { type: 'string' },
      },
    },
    duplicates: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          orderId: { type: 'string' },
          matterTypeCode: { type: 'string', nullable: true },
          receivedAt: { type: 'string', format: 'date-time' },
          samePlace: { type: 'boolean' },
          sameMatter: { type: 'boolean' },
          refersBack: { type: 'boolean' },
          merge: { type: 'boolean' },
        },
      },
    },
    urgency: { type: 'string', enum: ['normal', 'urgent', 'emergency'] },
    knowledgeAnswer: {
      type: 'object',
      properties: {
        entryId: { type: 'string' },
        question: { type: 'string' },
        answer: { type: 'string' },
      },
    },
  },
};

@ApiTags('intake')
@ApiBearerAuth()
@Controller('orders')
export class IntakeController {
  constructor(private readonly intake: IntakeService) {}

  @Post('screening')
  @Roles('operator', 'supervisor')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Intake suggestions (受理研判) for the live intake form: matter top 3, place, emergency, filter reason, duplicates, urgency; records nothing',
  })
  @ApiBody({
    schema: openApiSchema(screeningRequestSchema),
    examples: {
      emergency: {
        summary: 'A trapped lift, place only in the words',
        value: { content: '屏山花园6号楼电梯卡住了，里面困着一个老人' },
      },
      followUp: {
        summary: 'A follow-up call by the same caller',
        value: {
          content: '又是之前说的那家饭馆，油烟还是那么大',
          caller: { phone: '13812341234' },
        },
      },
    },
  })
  @ApiOkResponse({ description: 'The suggestions', schema: SCREENING_RESPONSE_SCHEMA })
  @ApiBadRequestResponse({ description: 'Invalid fields, each listed in `fields`' })
  screen(@Body(new ZodValidationPipe(screeningRequestSchema)) body: ScreeningRequest) {
    return this.intake.screen(body);
  }
}
