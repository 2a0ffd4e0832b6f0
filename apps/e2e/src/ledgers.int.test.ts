import { shanghaiMonth } from '@hotline/domain';
import ExcelJS from 'exceljs';
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Response } from 'supertest';
import { HotlineApi } from './support/hotline-api';
import { ReadModelDb } from './support/read-model-db';
import { eventually, startTestSystem, type TestSystem } from './test-system';

/** Supertest collects a binary body as a Buffer with this parser. */
const binary = (res: Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

/**
 * Electronic ledgers (电子台账) on the real stack: an order closed through the API appears in its
 * lead unit's ledger for the month, generated in the background, downloaded as XLSX and PDF with
 * the stored checksum; other units cannot read it; a job whose API died mid-way is taken up again.
 */
describe('electronic ledgers: generated from the work, downloadable, traceable', () => {
  let system: TestSystem;
  let api: HotlineApi;
  let db: ReadModelDb;

  beforeAll(async () => {
    system = await startTestSystem({ isolated: true });
    api = new HotlineApi(system);
    db = await ReadModelDb.open(system);
  });
  afterAll(async () => {
    await db?.close();
    await system?.stop();
  });

  const untilDone = (ledgerId: string, role: 'supervisor' | 'unit' = 'supervisor', unit?: string) =>
    eventually(
      async () => {
        const r = await api.http().get(`/ledgers/${ledgerId}`).set(api.as(role, unit));
        return r.body.status === 'done' || r.body.status === 'failed' ? r.body : undefined;
      },
      60_000,
      `ledger ${ledgerId} generated`,
    );

  it('puts a closed order in its lead unit’s monthly ledger, as XLSX and as PDF with checksums', async () => {
    const orderId = await api.submitted();
    await api.act(orderId, 'acknowledge', {}, 'unit', 'CGZF');
    await api.completeAcknowledged(orderId);
    await db.untilProjected(orderId, 7);

    const month = shanghaiMonth(new Date());
    const asked = await api
      .http()
      .post('/ledgers')
      .set(api.as('unit', 'CGZF'))
      .send({ unitId: 'CGZF', month })
      .expect(202);
    expect(asked.body).toMatchObject({ unitId: 'CGZF', status: 'queued', files: null });
    const job = await untilDone(asked.body.ledgerId, 'unit', 'CGZF');
    expect(job).toMatchObject({ status: 'done', progress: 100, error: null });
    expect(job.orderCount).toBeGreaterThanOrEqual(1);
    const received = job.figures[0].lines.find((l: { key: string }) => l.key === 'received');
    expect(received.value).toBeGreaterThanOrEqual(1);

    const xlsx = await api
      .http()
      .get(job.files.xlsx)
      .set(api.as('unit', 'CGZF'))
      .buffer(true)
      .parse(binary)
      .expect(200);
    const xlsxBytes = xlsx.body as Buffer;
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.headers['x-checksum-sha256']).toBe(job.xlsxSha256);
    expect(createHash('sha256').update(xlsxBytes).digest('hex')).toBe(job.xlsxSha256);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsxBytes as unknown as ArrayBuffer);
    const orderIds = book.getWorksheet('工单明细')!.getColumn(1).values.map(String);
    expect(orderIds).toContain(orderId);

    const pdf = await api
      .http()
      .get(job.files.pdf)
      .set(api.as('supervisor'))
      .buffer(true)
      .parse(binary)
      .expect(200);
    const pdfBytes = pdf.body as Buffer;
    expect(pdfBytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(createHash('sha256').update(pdfBytes).digest('hex')).toBe(job.pdfSha256);
    expect(pdf.headers['content-disposition']).toContain(encodeURIComponent('电子台账'));

    // The project's one runtime folder (.data at the root), wherever the runner starts.
    const out = path.resolve(__dirname, '../../../.data/ledgers');
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, `CGZF-${month}.pdf`), pdfBytes);
    fs.writeFileSync(path.join(out, `CGZF-${month}.xlsx`), xlsxBytes);
  });

  it('keeps units to their own ledgers, and answers bad requests with the fields at fault', async () => {
    const month = shanghaiMonth(new Date());
    await api
      .http()
      .post('/ledgers')
      .set(api.as('unit', 'XHJD'))
      .send({ unitId: 'CGZF', month })
      .expect(403);
    const asked = await api
      .http()
      .post('/ledgers')
      .set(api.as('supervisor'))
      .send({ unitId: 'CGZF', month })
      .expect(202);
    await api.http().get(`/ledgers/${asked.body.ledgerId}`).set(api.as('unit', 'XHJD')).expect(404);
    const mine = await api.http().get('/ledgers').set(api.as('unit', 'XHJD')).expect(200);
    expect(mine.body.items.map((l: { unitId: string }) => l.unitId)).not.toContain('CGZF');

    const bad = await api
      .http()
      .post('/ledgers')
      .set(api.as('supervisor'))
      .send({ unitId: 'CGZF', from: '2026-11-20', to: '2026-11-01' })
      .expect(400);
    expect(bad.body.fields).toEqual([{ field: 'to', message: 'to is before from' }]);
    await api
      .http()
      .post('/ledgers')
      .set(api.as('supervisor'))
      .send({ unitId: 'NOSUCH', month })
      .expect(422);
    await api
      .http()
      .get(`/ledgers/${randomUUID()}/files/doc`)
      .set(api.as('supervisor'))
      .expect(400);
    await api.http().get('/ledgers/not-a-ledger').set(api.as('supervisor')).expect(404);
    await api
      .http()
      .post('/ledgers')
      .set(api.as('operator'))
      .send({ unitId: 'CGZF', month })
      .expect(403);
  });

  it('takes up a job whose API instance died mid-way, once its lease has run out', async () => {
    const ledgerId = randomUUID();
    // As a crashed instance leaves it: running, lease expired, one attempt spent.
    await db.rows(
      `INSERT INTO ledger_file (ledger_id, unit_id, period_from, period_to, period_label, status,
                                progress, step, requested_by, requested_at, started_at, lease_until, attempts)
       VALUES ($1, 'XHJD', '2026-10-31T16:00:00Z', '2026-11-30T16:00:00Z', '2026年11月', 'running',
               50, '生成 Excel 台账', 'crashed-instance', now() - interval '10 minutes',
               now() - interval '10 minutes', now() - interval '1 minute', 1)`,
      [ledgerId],
    );
    const job = await untilDone(ledgerId);
    expect(job).toMatchObject({ status: 'done', attempts: 2, progress: 100 });
    expect(job.pdfSha256).toMatch(/^[0-9a-f]{64}$/);
  });
});
