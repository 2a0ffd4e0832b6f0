import { sampleReferenceData } from '@hotline/domain';
import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { HotlineApi } from './support/hotline-api';
import { child, parseXml, xmlRecords } from './support/xml';
import { eventually, startTestSystem, type TestSystem } from './test-system';

/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) on the real stack: discovery,
 * services, POST and GET requests in XML and JSON, every list filter, the spec's errors, and no
 * personal data in any answer.
 */
const KEY = 'open311-dev-key'; // the development key (README, "Open311")
const REQUEST_FIELDS = [
  'service_request_id',
  'status',
  'status_notes',
  'service_name',
  'service_code',
  'description',
  'agency_responsible',
  'service_notice',
  'requested_datetime',
  'updated_datetime',
  'expected_datetime',
  'address',
  'address_id',
  'zipcode',
  'lat',
  'long',
  'media_url',
];
const ISO_WITH_ZONE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/;
const ref = sampleReferenceData();
const CGW = ref.index.units.get('CGW')!.name; // 城市管理委员会: leads 路灯故障 and 道路破损

describe('Open311 GeoReport v2', () => {
  let system: TestSystem;
  let api: HotlineApi;
  const http = () => api.http();
  const responses: Response[] = [];
  /** Every Open311 answer is kept, to check at the end that none carries personal data. */
  const kept = (res: Response) => (responses.push(res), res);
  const get = async (path: string) => kept(await http().get(`/open311${path}`));
  const postForm = async (fields: Record<string, string>, format = 'xml') =>
    kept(
      await http()
        .post(`/open311/v2/requests.${format}`)
        .set('Content-Type', 'application/x-www-form-urlencoded')
        .send(new URLSearchParams(fields).toString()),
    );
  const postJson = async (body: object) =>
    kept(await http().post('/open311/v2/requests.json').send(body));

  const phone = () => `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  /** A broken street light in 星湖东里, each at a place and from a caller of its own (no 并单). */
  const streetLight = (overrides: Record<string, string> = {}) => {
    const n = Math.floor(Math.random() * 900) + 100;
    return {
      api_key: KEY,
      service_code: 'CG-010',
      address_string: `星湖东里${n}号楼北侧`,
      address_id: 'XHJD-01-1',
      lat: '39.904200',
      long: '116.407400',
      'attribute[location_detail]': `${n}号楼北门外第二根灯杆`,
      'attribute[observed_at]': '2026-11-22T21:30:00+08:00',
      description: '路灯不亮已经三天了，晚上走路很黑',
      first_name: '晓梅',
      last_name: '欧阳',
      phone: phone(),
      email: `xiaomei.${n}@example.com`,
      device_id: `device-${randomUUID()}`,
      media_url: `https://img.example.org/streetlight-${n}.jpg`,
      ...overrides,
    };
  };
  const xmlRequests = (res: Response) => {
    const root = parseXml(res.text);
    expect(root.name).toBe('service_requests');
    return xmlRecords(root, 'request');
  };
  const expectSpecError = (res: Response, code: number, format: 'xml' | 'json' = 'xml') => {
    expect(res.status).toBe(code);
    if (format === 'json') {
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(res.body).toEqual([{ code, description: expect.any(String) }]);
      return res.body[0].description as string;
    }
    expect(res.headers['content-type']).toBe('text/xml; charset=utf-8');
    const root = parseXml(res.text);
    expect(root.name).toBe('errors');
    const [error] = xmlRecords(root, 'error');
    expect(Object.keys(error!)).toEqual(['code', 'description']);
    expect(error!.code).toBe(String(code));
    expect(error!.description.length).toBeGreaterThan(5);
    return error!.description;
  };
  async function submitted(fields = streetLight()) {
    const res = await postForm(fields);
    expect(res.status).toBe(201);
    const [answer] = xmlRequests(res);
    return { id: answer!.service_request_id!, token: answer!.token!, fields, answer: answer! };
  }

  beforeAll(async () => {
    system = await startTestSystem({ isolated: true });
    api = new HotlineApi(system);
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('publishes a discovery document, at /open311 and under v2, in XML and JSON', async () => {
    const xml = await get('/discovery.xml');
    expect(xml.status).toBe(200);
    expect(xml.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(xml.text.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    const root = parseXml(xml.text);
    expect(root.children.map((c) => c.name)).toEqual([
      'changeset',
      'contact',
      'key_service',
      'endpoints',
    ]);
    const endpoint = child(child(root, 'endpoints'), 'endpoint');
    expect(child(endpoint, 'specification').text).toBe('http://wiki.open311.org/GeoReport_v2');
    expect(child(endpoint, 'formats').children.map((f) => f.text)).toEqual([
      'text/xml',
      'application/json',
    ]);

    const json = await get('/v2/discovery.json');
    expect(json.status).toBe(200);
    expect(json.body.endpoints[0]).toMatchObject({
      specification: 'http://wiki.open311.org/GeoReport_v2',
      url: expect.stringMatching(/\/open311\/v2$/),
      type: 'test',
      formats: ['text/xml', 'application/json'],
    });
  });

  it('lists the duty list’s matter types as services, in XML and JSON', async () => {
    const json = await get('/v2/services.json');
    expect(json.status).toBe(200);
    expect(json.body).toHaveLength(ref.matterTypes.length);
    expect(json.body.find((s: { service_code: string }) => s.service_code === 'CG-010')).toEqual({
      service_code: 'CG-010',
      service_name: '路灯故障',
      description: expect.stringContaining(CGW),
      metadata: true,
      type: 'realtime',
      keywords: expect.stringContaining('路灯不亮'),
      group: '城市管理',
    });
    // 退役军人服务 needs no place: it asks nothing more.
    expect(
      json.body.find((s: { service_code: string }) => s.service_code === 'DQ-004'),
    ).toMatchObject({
      metadata: false,
      group: '党群工作',
    });

    const xml = await get('/v2/services.xml');
    const services = xmlRecords(parseXml(xml.text), 'service');
    expect(services).toHaveLength(ref.matterTypes.length);
    for (const s of services) {
      expect(Object.keys(s)).toEqual([
        'service_code',
        'service_name',
        'description',
        'metadata',
        'type',
        'keywords',
        'group',
      ]);
    }
    expect(services.find((s) => s.service_code === 'CG-010')).toMatchObject({
      metadata: 'true',
      type: 'realtime',
      group: '城市管理',
    });
  });

  it('defines a service’s attributes: the exact spot (required) and when it was seen', async () => {
    const json = await get('/v2/services/CG-010.json');
    expect(json.status).toBe(200);
    expect(json.body.service_code).toBe('CG-010');
    expect(json.body.attributes).toEqual([
      expect.objectContaining({
        code: 'location_detail',
        datatype: 'string',
        required: true,
        order: 1,
      }),
      expect.objectContaining({
        code: 'observed_at',
        datatype: 'datetime',
        required: false,
        order: 2,
      }),
    ]);

    const root = parseXml((await get('/v2/services/CG-010.xml')).text);
    expect(root.name).toBe('service_definition');
    expect(child(root, 'service_code').text).toBe('CG-010');
    const attributes = xmlRecords(child(root, 'attributes'), 'attribute');
    expect(attributes.map((a) => [a.code, a.datatype, a.required, a.variable])).toEqual([
      ['location_detail', 'string', 'true', 'true'],
      ['observed_at', 'datetime', 'false', 'true'],
    ]);
    expect((await get('/v2/services/DQ-004.json')).body).toEqual({
      service_code: 'DQ-004',
      attributes: [],
    });
    expectSpecError(await get('/v2/services/NOPE-1.xml'), 404);
    expectSpecError(await get('/v2/services/NOPE-1.json'), 404, 'json');
  });

  it('takes a form POST (XML) through intake and shows it with every field of the spec', async () => {
    const { id, token, fields, answer } = await submitted();
    expect(Object.keys(answer)).toEqual([
      'service_request_id',
      'token',
      'service_notice',
      'account_id',
    ]);
    expect(id).toMatch(/^HL\d{8}-\d{7}$/);
    expect(answer.service_notice).toContain('已受理');
    await api.untilStatus(id, 'dispatched');

    const [request] = xmlRequests(await get(`/v2/requests/${id}.xml`));
    expect(Object.keys(request!)).toEqual(REQUEST_FIELDS);
    expect(request).toMatchObject({
      service_request_id: id,
      status: 'open',
      status_notes: `已派单至${CGW}，等待签收`,
      service_name: '路灯故障',
      service_code: 'CG-010',
      agency_responsible: CGW,
      service_notice: expect.stringContaining('签收后'),
      requested_datetime: expect.stringMatching(ISO_WITH_ZONE),
      updated_datetime: expect.stringMatching(ISO_WITH_ZONE),
      expected_datetime: '', // the handling clock starts at 签收
      address: fields.address_string,
      address_id: 'XHJD-01-1',
      zipcode: '',
      lat: '39.9042',
      long: '116.4074',
      media_url: fields.media_url,
    });
    expect(request!.description).toBe(
      `${fields.description}\n具体位置：${fields['attribute[location_detail]']}\n发现时间：2026-11-22T21:30:00+08:00`,
    );

    await api.act(id, 'acknowledge', {}, 'unit', 'CGW');
    const [acknowledged] = (await get(`/v2/requests/${id}.json`)).body;
    expect(Object.keys(acknowledged)).toEqual(REQUEST_FIELDS);
    expect(acknowledged).toMatchObject({
      status: 'open',
      status_notes: `${CGW}已签收，正在办理`,
      expected_datetime: expect.stringMatching(ISO_WITH_ZONE),
      lat: 39.9042,
      long: 116.4074,
    });

    expect(xmlRequests(await get(`/v2/tokens/${token}.xml`))).toEqual([
      { service_request_id: id, token },
    ]);
    // The submitter became the caller (family name first), kept for the operator only.
    const order = await http().get(`/orders/${id}`).set(api.as('operator')).expect(200);
    // The phone is marked unverified: typed into a client, it is not the caller key of real calls.
    expect(order.body.caller).toMatchObject({
      name: '欧阳晓梅',
      phone: `open311-unverified-${fields.phone}`,
    });
    // …and never in the order's events: its timeline has neither the name nor the e-mail.
    const timeline = JSON.stringify(order.body.state.timeline);
    for (const secret of ['欧阳', fields.email, fields.phone])
      expect(timeline).not.toContain(secret);
  });

  it('takes a JSON POST; a device’s retry is the same request; no phone gets a placeholder', async () => {
    const body = {
      api_key: KEY,
      service_code: 'CG-007',
      lat: 39.91,
      long: 116.41,
      attribute: { location_detail: '翠屏路与临河路交叉口东侧' },
      description: '路面有个大坑，车开过去很危险',
      device_id: `device-${randomUUID()}`,
    };
    const first = await postJson(body);
    expect(first.status).toBe(201);
    expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(first.body).toEqual([
      {
        service_request_id: expect.stringMatching(/^HL\d{8}-\d{7}$/),
        token: expect.any(String),
        service_notice: expect.any(String),
        account_id: null,
      },
    ]);
    const again = await postJson(body);
    expect(again.status).toBe(200);
    expect(again.body[0]).toMatchObject({
      service_request_id: first.body[0].service_request_id,
      token: first.body[0].token,
    });

    const id = first.body[0].service_request_id as string;
    const [request] = (await get(`/v2/requests/${id}.json`)).body;
    expect(Object.keys(request)).toEqual(REQUEST_FIELDS);
    expect(request).toMatchObject({
      service_code: 'CG-007',
      service_name: '道路破损',
      status: 'open',
      lat: 39.91,
      long: 116.41,
      address: null,
      address_id: null,
      media_url: null,
    });
    const order = await http().get(`/orders/${id}`).set(api.as('operator')).expect(200);
    expect(order.body.caller).toMatchObject({
      name: 'Open311 市民（未留姓名）',
      phone: expect.stringMatching(/^open311-device-\d{15}$/),
    });
  });

  it('filters GET requests by id, service, status and dates (at most 90 days apart)', async () => {
    const light = (await submitted()).id;
    const road = (
      await submitted(
        streetLight({ service_code: 'CG-007', description: '人行道地砖破损，容易绊倒' }),
      )
    ).id;
    // A private debt is not a public duty: closed at intake by the filter (过滤网).
    const debt = (await submitted(streetLight({ description: '邻居借钱不还，请你们帮我要回来' })))
      .id;
    const ours = [light, road, debt];
    const ids = (res: Response) =>
      (res.body as { service_request_id: string }[]).map((r) => r.service_request_id);
    await eventually(
      async () => {
        const all = (await get('/v2/requests.json')).body as {
          service_request_id: string;
          status: string;
        }[];
        const closed = all.find((r) => r.service_request_id === debt)?.status === 'closed';
        return ours.every((id) => all.some((r) => r.service_request_id === id)) && closed
          ? true
          : undefined;
      },
      30_000,
      'the three requests in the read model',
    );

    const byId = await get(`/v2/requests.json?service_request_id=${light},${debt}`);
    expect(ids(byId).sort()).toEqual([light, debt].sort());
    const [rejected] = (await get(`/v2/requests/${debt}.json`)).body;
    expect(rejected).toMatchObject({ status: 'closed', expected_datetime: null });
    expect(rejected.status_notes).toMatch(/^不予受理：/);

    const roads = await get('/v2/requests.json?service_code=CG-007');
    expect(ids(roads)).toContain(road);
    expect(roads.body.every((r: { service_code: string }) => r.service_code === 'CG-007')).toBe(
      true,
    );
    expect(ids(await get('/v2/requests.json?service_code=CG-010,CG-007'))).toEqual(
      expect.arrayContaining(ours),
    );

    const closed = await get('/v2/requests.json?status=closed');
    expect(ids(closed)).toContain(debt);
    expect(closed.body.every((r: { status: string }) => r.status === 'closed')).toBe(true);
    const open = await get('/v2/requests.json?status=open');
    expect(ids(open)).toEqual(expect.arrayContaining([light, road]));
    expect(ids(open)).not.toContain(debt);
    expect(ids(await get('/v2/requests.json?status=open,closed'))).toEqual(
      expect.arrayContaining(ours),
    );

    const iso = (msFromNow: number) =>
      encodeURIComponent(new Date(Date.now() + msFromNow).toISOString());
    const hour = 3_600_000;
    const day = 24 * hour;
    expect(
      ids(await get(`/v2/requests.json?start_date=${iso(-hour)}&end_date=${iso(hour)}`)),
    ).toEqual(expect.arrayContaining(ours));
    expect(
      (await get(`/v2/requests.json?start_date=${iso(-10 * day)}&end_date=${iso(-5 * day)}`)).body,
    ).toEqual([]);
    // start_date alone: the 90 days from it, which end before today.
    expect((await get(`/v2/requests.json?start_date=${iso(-100 * day)}`)).body).toEqual([]);
    expect(ids(await get(`/v2/requests.json?end_date=${iso(hour)}`))).toEqual(
      expect.arrayContaining(ours),
    );
    const xml = xmlRequests(await get(`/v2/requests.xml?service_request_id=${road}`));
    expect(xml.map((r) => [r.service_request_id, r.service_code, r.status])).toEqual([
      [road, 'CG-007', 'open'],
    ]);

    expect(
      expectSpecError(
        await get(`/v2/requests.xml?start_date=${iso(-91 * day)}&end_date=${iso(0)}`),
        400,
      ),
    ).toContain('90 days');
    expectSpecError(
      await get(`/v2/requests.json?start_date=${iso(0)}&end_date=${iso(-day)}`),
      400,
      'json',
    );
    expectSpecError(await get('/v2/requests.xml?start_date=yesterday'), 400);
    expectSpecError(await get('/v2/requests.json?end_date=2026-02-30T00:00:00Z'), 400, 'json');
    expectSpecError(await get('/v2/requests.xml?status=pending'), 400);
  });

  it('answers unknown ids, bad keys and bad input in the spec’s error format, never a 500', async () => {
    expectSpecError(await get('/v2/requests/HL20990101-0000001.xml'), 404);
    expectSpecError(await get('/v2/requests/HL20990101-0000001.json'), 404, 'json');
    expectSpecError(await get('/v2/requests/not-an-order.xml'), 404);
    expectSpecError(await get('/v2/tokens/0123456789abcdef0123.json'), 404, 'json');
    expectSpecError(await get('/v2/services.html'), 404);
    expectSpecError(await get('/v2/nothing-here.json'), 404, 'json');

    expect(expectSpecError(await postForm(streetLight({ api_key: 'not-a-key' })), 403)).toContain(
      'api_key',
    );
    const { api_key: _key, ...withoutKey } = streetLight();
    expectSpecError(await postForm(withoutKey, 'json'), 403, 'json');

    const bad: Record<string, string>[] = [
      { lat: 'north' },
      { lat: '91' },
      { long: '', lat: '39.9' },
      { address_id: 'NOWHERE-9' },
      { service_code: 'NOPE-1' },
      { 'attribute[location_detail]': '' },
      { 'attribute[observed_at]': 'last night' },
      { phone: 'call me maybe' },
      { media_url: 'javascript:alert(1)' },
      { jurisdiction_id: 'elsewhere' },
    ];
    for (const overrides of bad) expectSpecError(await postForm(streetLight(overrides)), 400);
    const {
      lat: _lat,
      long: _long,
      address_string: _a,
      address_id: _i,
      ...nowhere
    } = streetLight();
    expect(expectSpecError(await postForm(nowhere), 400)).toContain('location');

    const notJson = kept(
      await http()
        .post('/open311/v2/requests.json')
        .set('Content-Type', 'application/json')
        .send('{"api_key": '),
    );
    expectSpecError(notJson, 400, 'json');
    // PostgreSQL text cannot hold NUL: refused at the door, in the address, a form or JSON.
    expectSpecError(await get('/v2/requests.json?service_code=CG%00'), 400, 'json');
    expectSpecError(await postForm(streetLight({ description: '路灯\u0000不亮' })), 400);
    expectSpecError(
      await postJson({ ...streetLight(), description: '路灯\u0000不亮' }),
      400,
      'json',
    );
  });

  it('refuses a form of 64 KiB of repeated keys at once, before the api_key check (400, spec format)', async () => {
    const raw = (body: string) =>
      http()
        .post('/open311/v2/requests.xml')
        .set('Content-Type', 'application/x-www-form-urlencoded')
        .send(body);
    expect(expectSpecError(kept(await raw('a=1&'.repeat(16 * 1024))), 400)).toContain(
      'sent more than once',
    );
    const many = Array.from({ length: 5000 }, (_, i) => `f${i}=1`).join('&');
    expect(expectSpecError(kept(await raw(many)), 400)).toContain('at most 100 fields');
    expectSpecError(kept(await raw(`${'x'.repeat(70 * 1024)}=1`)), 413);
  });

  it('writes well-formed XML whatever the citizen typed', async () => {
    const typed = 'Lamp <b>out</b> & "dark" \u0001 at night \u{1F526}';
    const res = await postJson({
      api_key: KEY,
      service_code: 'DQ-004', // asks no attributes
      address_string: '星湖街道',
      description: typed,
      device_id: `device-${randomUUID()}`,
    });
    expect(res.status).toBe(201);
    const id = res.body[0].service_request_id as string;
    await api.untilStatus(id, 'dispatched');
    const [request] = xmlRequests(await get(`/v2/requests/${id}.xml`));
    expect(request!.description).toBe(typed.replace('\u0001', ''));
  });

  it('never shows the submitter’s name, phone or e-mail', async () => {
    expect(responses.length).toBeGreaterThan(30);
    const personal = [/欧阳/, /晓梅/, /139\d{8}/, /@example\.com/, /open311-(device|anonymous)/];
    for (const res of responses) {
      for (const pattern of personal) expect(res.text).not.toMatch(pattern);
    }
  });
});
