import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiBody,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { type Response } from 'express';
import { z } from 'zod';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { type Principal } from '../auth/principal';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import {
  type CreateLedgerRequest,
  createLedgerRequest,
  LEDGER_FORMATS,
  type LedgerFormat,
  type ListLedgersQuery,
  listLedgersQuery,
} from './ledger-request';
import { LedgerJobsService } from './ledger-jobs.service';

const ledgerJob = {
  type: 'object',
  properties: {
    ledgerId: { type: 'string', format: 'uuid' },
    unitId: { type: 'string' },
    periodFrom: { type: 'string', format: 'date-time' },
    periodTo: { type: 'string', format: 'date-time' },
    periodLabel: { type: 'string', example: '2026年11月' },
    status: { type: 'string', enum: ['queued', 'running', 'done', 'failed'] },
    progress: { type: 'integer', minimum: 0, maximum: 100 },
    step: { type: 'string', example: '生成 PDF 台账' },
    requestedBy: { type: 'string' },
    requestedAt: { type: 'string', format: 'date-time' },
    startedAt: { type: 'string', format: 'date-time', nullable: true },
    finishedAt: { type: 'string', format: 'date-time', nullable: true },
    attempts: { type: 'integer' },
    error: { type: 'string', nullable: true },
    orderCount: { type: 'integer', nullable: true },
    whistleCount: { type: 'integer', nullable: true },
    figures: { type: 'array', nullable: true, items: { type: 'object' } },
    xlsxSha256: { type: 'string', nullable: true },
    xlsxBytes: { type: 'integer', nullable: true },
    pdfSha256: { type: 'string', nullable: true },
    pdfBytes: { type: 'integer', nullable: true },
    files: {
      type: 'object',
      nullable: true,
      properties: { xlsx: { type: 'string' }, pdf: { type: 'string' } },
    },
  },
};
const ledgerIdParam = z.string().trim().min(1).max(64);
const formatParam = z.enum(LEDGER_FORMATS, { error: 'the format is xlsx or pdf' });

/** 电子台账: generated from the work itself, downloadable as XLSX and PDF with a checksum. */
@ApiTags('ledgers')
@ApiBearerAuth()
@Controller('ledgers')
export class LedgersController {
  constructor(private readonly ledgers: LedgerJobsService) {}

  @Post()
  @HttpCode(202)
  @Roles('unit', 'supervisor', 'auditor')
  @ApiOperation({
    summary:
      'Ask for a unit’s electronic ledger (电子台账) for a month or a range of days; generated in the background',
  })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['unitId'],
      properties: {
        unitId: { type: 'string', example: 'XHJD' },
        month: { type: 'string', example: '2026-11' },
        from: { type: 'string', format: 'date' },
        to: { type: 'string', format: 'date' },
      },
    },
  })
  @ApiAcceptedResponse({ description: 'The job: poll it until status is done', schema: ledgerJob })
  request(
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodValidationPipe(createLedgerRequest)) body: CreateLedgerRequest,
  ) {
    return this.ledgers.request(principal, body);
  }

  @Get()
  @Roles('unit', 'supervisor', 'auditor')
  @ApiOperation({ summary: 'Ledgers asked for, newest first (a unit sees its own)' })
  @ApiQuery({ name: 'unitId', required: false })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', maximum: 100 } })
  @ApiOkResponse({
    schema: { type: 'object', properties: { items: { type: 'array', items: ledgerJob } } },
  })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodValidationPipe(listLedgersQuery)) q: ListLedgersQuery,
  ) {
    return this.ledgers.list(principal, q);
  }

  @Get(':ledgerId')
  @Roles('unit', 'supervisor', 'auditor')
  @ApiOperation({ summary: 'A ledger job: its progress, its figures and its files’ checksums' })
  @ApiParam({ name: 'ledgerId', schema: { type: 'string', format: 'uuid' } })
  @ApiOkResponse({ schema: ledgerJob })
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('ledgerId', new ZodValidationPipe(ledgerIdParam)) ledgerId: string,
  ) {
    return this.ledgers.get(principal, ledgerId);
  }

  @Get(':ledgerId/files/:format')
  @Roles('unit', 'supervisor', 'auditor')
  @ApiOperation({
    summary: 'Download the ledger as XLSX or PDF; X-Checksum-SHA256 carries the stored checksum',
  })
  @ApiParam({ name: 'ledgerId', schema: { type: 'string', format: 'uuid' } })
  @ApiParam({ name: 'format', enum: LEDGER_FORMATS })
  @ApiProduces(
    'application/pdf',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  )
  @ApiOkResponse({ description: 'The file', schema: { type: 'string', format: 'binary' } })
  async download(
    @CurrentPrincipal() principal: Principal,
    @Param('ledgerId', new ZodValidationPipe(ledgerIdParam)) ledgerId: string,
    @Param('format', new ZodValidationPipe(formatParam)) format: LedgerFormat,
    @Res() res: Response,
  ) {
    const file = await this.ledgers.file(principal, ledgerId, format);
    res
      .status(200)
      .set({
        'Content-Type': file.contentType,
        'Content-Length': String(file.bytes.length),
        'Content-Disposition': `attachment; filename="ledger.${format}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        'X-Checksum-SHA256': file.sha256,
        'Repr-Digest': `sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:`,
        ETag: `"${file.sha256}"`,
        'Cache-Control': 'private, no-store',
      })
      .end(file.bytes);
  }
}
