import { type ReferenceData } from '@hotline/domain';
import {
  BadRequestException,
  Body,
  Controller,
  Get,
  Inject,
  NotFoundException,
  Param,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
} from '@nestjs/swagger';
import { type Response } from 'express';
import { type Open311Config } from '../api-config';
import { Public } from '../auth/auth.decorators';
import { API_CONFIG, REFERENCE_DATA } from '../tokens';
import { discoveryDocument } from './open311-discovery';
import { type Open311Format, parseFormat, render } from './open311-format';
import { parseListQuery } from './open311-list-query';
import {
  ApiListFilters,
  DEFINITION_SCHEMA,
  Open311Route,
  POST_BODY_SCHEMA,
  POST_RESPONSE_SCHEMA,
  REQUEST_SCHEMA,
  SERVICE_SCHEMA,
  TOKEN_SCHEMA,
} from './open311-openapi';
import { Open311RequestsService } from './open311-requests.service';
import { serviceDefinition, serviceList } from './open311-services';
import { type XmlValue } from './xml-writer';

type Params = Record<string, unknown>;

/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2): the city's open API for civic
 * requests. No bearer token (anyone may read; POST needs an api_key); errors in the spec's
 * format (open311-errors.ts), which the API's error filter applies to every path under /open311.
 */
@Public()
@Controller('open311')
export class Open311Controller {
  constructor(
    private readonly requests: Open311RequestsService,
    @Inject(REFERENCE_DATA) private readonly ref: ReferenceData,
    @Inject(API_CONFIG) private readonly config: { open311: Open311Config },
  ) {}

  @Get(['discovery.:format', 'v2/discovery.:format'])
  @Open311Route()
  @ApiOperation({ summary: 'Discovery: the endpoint, its specification and formats' })
  discovery(@Param('format') format: string, @Res({ passthrough: true }) res: Response) {
    return send(res, formatOf(format), 'discovery', discoveryDocument(this.config.open311));
  }

  @Get('v2/services.:format')
  @Open311Route()
  @ApiOperation({ summary: 'Services: the matter types of the duty list (职责清单)' })
  @ApiOkResponse({ schema: SERVICE_SCHEMA })
  services(
    @Param('format') format: string,
    @Query() q: Params,
    @Res({ passthrough: true }) res: Response,
  ) {
    this.checkJurisdiction(q);
    return send(res, formatOf(format), 'services', serviceList(this.ref));
  }

  @Get('v2/services/:service_code.:format')
  @Open311Route()
  @ApiParam({ name: 'service_code', example: 'CG-010' })
  @ApiOperation({ summary: 'A service definition: the questions (attributes) it asks' })
  @ApiOkResponse({ schema: DEFINITION_SCHEMA })
  service(
    @Param('service_code') code: string,
    @Param('format') format: string,
    @Query() q: Params,
    @Res({ passthrough: true }) res: Response,
  ) {
    const f = formatOf(format);
    this.checkJurisdiction(q);
    const matter = this.ref.index.matterTypes.get(code);
    if (!matter) throw new NotFoundException(`No service ${code}`);
    return send(res, f, 'service_definition', serviceDefinition(matter));
  }

  @Post('v2/requests.:format')
  @Open311Route()
  @ApiOperation({
    summary: 'Submit a service request: the same intake (受理) as a call, channel open311',
  })
  @ApiConsumes('application/x-www-form-urlencoded', 'application/json')
  @ApiBody({ schema: POST_BODY_SCHEMA })
  @ApiOkResponse({
    description: 'Submitted before (same device and content)',
    schema: POST_RESPONSE_SCHEMA,
  })
  @ApiForbiddenResponse({ description: 'Missing or unknown api_key' })
  async submit(
    @Param('format') format: string,
    @Query() q: Params,
    @Body() body: unknown,
    @Res({ passthrough: true }) res: Response,
  ) {
    const f = formatOf(format);
    if (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body)))
      throw new BadRequestException('The body must be form fields or a JSON object');
    const params: Params = { ...q, ...(body as Params | undefined) };
    this.checkJurisdiction(params);
    const { created, body: answer } = await this.requests.submit(params);
    res.status(created ? 201 : 200);
    return send(res, f, 'service_requests', answer);
  }

  @Get('v2/requests.:format')
  @Open311Route()
  @ApiListFilters()
  @ApiOperation({ summary: 'Service requests, newest first: the last 90 days or 1,000 at most' })
  @ApiOkResponse({ schema: REQUEST_SCHEMA })
  async list(
    @Param('format') format: string,
    @Query() q: Params,
    @Res({ passthrough: true }) res: Response,
  ) {
    const f = formatOf(format);
    this.checkJurisdiction(q);
    const found = await this.requests.list(parseListQuery(q, new Date()));
    return send(res, f, 'service_requests', found);
  }

  @Get('v2/requests/:service_request_id.:format')
  @Open311Route()
  @ApiParam({ name: 'service_request_id', example: 'HL20261123-0000042' })
  @ApiOperation({ summary: 'One service request, as it stands now' })
  @ApiOkResponse({ schema: REQUEST_SCHEMA })
  async get(
    @Param('service_request_id') id: string,
    @Param('format') format: string,
    @Query() q: Params,
    @Res({ passthrough: true }) res: Response,
  ) {
    const f = formatOf(format);
    this.checkJurisdiction(q);
    return send(res, f, 'service_requests', await this.requests.get(id));
  }

  @Get('v2/tokens/:token.:format')
  @Open311Route()
  @ApiParam({ name: 'token' })
  @ApiOperation({ summary: 'The service request id a POST’s token stands for' })
  @ApiOkResponse({ schema: TOKEN_SCHEMA })
  async token(
    @Param('token') token: string,
    @Param('format') format: string,
    @Query() q: Params,
    @Res({ passthrough: true }) res: Response,
  ) {
    const f = formatOf(format);
    this.checkJurisdiction(q);
    return send(res, f, 'service_requests', await this.requests.token(token));
  }

  /** One jurisdiction here: its id may be given, and then must be ours. */
  private checkJurisdiction(params: Params): void {
    const id = params.jurisdiction_id;
    if (id === undefined || id === '' || id === this.ref.district.id) return;
    throw new BadRequestException(
      `Unknown jurisdiction_id; this endpoint serves ${this.ref.district.id}`,
    );
  }
}

function formatOf(suffix: string): Open311Format {
  const format = parseFormat(suffix);
  if (!format) throw new NotFoundException(`Unknown format "${suffix}": use .xml or .json`);
  return format;
}

function send(res: Response, format: Open311Format, root: string, value: XmlValue): string {
  const { contentType, body } = render(format, root, value);
  res.setHeader('Content-Type', contentType);
  return body;
}
