import { sampleReferenceData } from '@hotline/domain';
import { BadRequestException } from '@nestjs/common';
import { parseListQuery } from './open311-list-query';
import { snapshotOfState, statusNotes, toOpen311Request } from './open311-request-view';
import { randomBytes } from 'node:crypto';
import { maskPhone, PersonalDataCipher } from '../personal-data/personal-data.cipher';
import { buildSubmission } from './open311-submission';
import { isoWithZone, parseW3cDateTime } from './open311-time';
import { escapeXmlText, toXmlDocument } from './xml-writer';

const ref = sampleReferenceData();

describe('xml writer', () => {
  it('escapes markup and drops what XML 1.0 cannot carry, keeping astral characters', () => {
    expect(escapeXmlText(`<a href="x">&'\u0000\u0007\t\n\uD800 🔦`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&amp;&apos;\t\n 🔦',
    );
  });

  it('writes lists as repeated elements named by their parent, empty values as empty elements', () => {
    expect(
      toXmlDocument('services', [{ code: 'A', metadata: true, note: null }], {
        services: 'service',
      }),
    ).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<services><service><code>A</code><metadata>true</metadata><note></note></service></services>\n',
    );
    expect(() => toXmlDocument('a b', 'x', {})).toThrow('not an XML element name');
  });
});

describe('W3C date-times', () => {
  it('reads dates and times with or without a zone (ours: +08:00), refuses impossible ones', () => {
    expect(parseW3cDateTime('2026-11-01T00:00:00Z')?.toISOString()).toBe(
      '2026-11-01T00:00:00.000Z',
    );
    expect(parseW3cDateTime('2026-11-01T08:00:00+08:00')?.toISOString()).toBe(
      '2026-11-01T00:00:00.000Z',
    );
    expect(parseW3cDateTime('2026-11-01')?.toISOString()).toBe('2026-10-31T16:00:00.000Z');
    for (const bad of [
      '2026-02-30',
      '2026-13-01',
      '2026-11-01T24:00Z',
      'yesterday',
      '0099-01-01',
      '',
    ])
      expect(parseW3cDateTime(bad)).toBeNull();
  });

  it('writes times in the jurisdiction’s zone', () => {
    expect(isoWithZone('2026-11-23T01:15:00.123Z')).toBe('2026-11-23T09:15:00+08:00');
  });
});

describe('GET requests filters', () => {
  const now = new Date('2026-11-23T00:00:00Z');
  it('defaults to the last 90 days; ids override everything', () => {
    expect(parseListQuery({}, now)).toMatchObject({
      kind: 'window',
      start: new Date('2026-08-25T00:00:00Z'),
      end: now,
      status: null,
      serviceCodes: null,
    });
    expect(parseListQuery({ service_request_id: 'a, b', status: 'nonsense' }, now)).toEqual({
      kind: 'ids',
      ids: ['a', 'b'],
    });
    expect(
      parseListQuery({ status: ['open', 'closed'], service_code: 'CG-010' }, now),
    ).toMatchObject({
      status: null,
      serviceCodes: ['CG-010'],
    });
  });

  it('refuses windows over 90 days, reversed windows, bad dates and unknown statuses', () => {
    const bad = [
      { start_date: '2026-01-01', end_date: '2026-04-02' },
      { start_date: '2026-02-01', end_date: '2026-01-01' },
      { start_date: 'soon' },
      { end_date: ['2026-01-01', '2026-01-02'] },
      { status: 'pending' },
    ];
    for (const q of bad) expect(() => parseListQuery(q, now)).toThrow(BadRequestException);
    expect(() =>
      parseListQuery({ start_date: '2026-01-01', end_date: '2026-03-31T23:59:59+08:00' }, now),
    ).not.toThrow();
  });
});

describe('POST requests → intake', () => {
  const base = {
    api_key: 'k',
    service_code: 'CG-010',
    address_id: 'XHJD-01-1',
    'attribute[location_detail]': '3号楼北门',
    description: '路灯不亮',
  };

  it('makes the operator’s intake request: place ids from address_id, the answers in the text', () => {
    const { request, token } = buildSubmission(
      {
        ...base,
        first_name: '三',
        last_name: '张',
        phone: '(010) 6123-4567',
        lat: '39.9',
        long: '116.4',
      },
      'client',
      ref,
    );
    expect(request).toMatchObject({
      idempotencyKey: `open311:${token}`,
      channel: 'open311',
      category: 'help',
      content: '路灯不亮\n具体位置：3号楼北门',
      address: '星湖街道 星湖东里社区 星湖东里第1网格（坐标 39.900000, 116.400000）',
      streetId: 'XHJD',
      communityId: 'XHJD-01',
      gridId: 'XHJD-01-1',
      matterTypeCode: 'CG-010',
      caller: { name: '张三', phone: 'open311-unverified-0106123-4567' },
    });
  });

  it('keeps an Open311 phone number (unverified) out of the caller key space of real calls', () => {
    const cipher = new PersonalDataCipher(randomBytes(32));
    const { request } = buildSubmission({ ...base, phone: '138 1234 5678' }, 'client', ref);
    // Five rejected Open311 requests "from" this number must not count against its owner's calls.
    expect(cipher.callerKey(request.caller.phone)).not.toBe(cipher.callerKey('13812345678'));
    expect(cipher.callerKey(request.caller.phone)).not.toBe(cipher.callerKey('+86 138-1234-5678'));
    // The same typed number is still one caller among Open311 requests.
    const again = buildSubmission({ ...base, phone: '13812345678' }, 'client', ref);
    expect(cipher.callerKey(again.request.caller.phone)).toBe(
      cipher.callerKey(request.caller.phone),
    );
    // What operators and units are shown is still the number, masked for units.
    expect(maskPhone(request.caller.phone)).toBe('138****5678');
  });

  it('derives the token from a device’s submission, so its retry is the same request', () => {
    const a = buildSubmission({ ...base, device_id: 'd1' }, 'client', ref);
    expect(buildSubmission({ ...base, device_id: 'd1' }, 'client', ref).token).toBe(a.token);
    expect(buildSubmission({ ...base, device_id: 'd1' }, 'other', ref).token).not.toBe(a.token);
    expect(buildSubmission(base, 'client', ref).token).not.toBe(
      buildSubmission(base, 'client', ref).token,
    );
    expect(a.request.caller.phone).toMatch(/^open311-device-\d{15}$/);
  });

  it('refuses what intake could not use, with the reason', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ service_code: 'X' }, 'not a service'],
      [{ lat: '1' }, 'together'],
      [{ address_id: 'NOWHERE' }, 'address_id'],
      [{ address_id: undefined }, 'location is required'],
      [{ 'attribute[location_detail]': ' ' }, 'required'],
      [{ 'attribute[observed_at]': 'tonight' }, 'ISO 8601'],
      [{ description: ['a', 'b'] }, 'description'],
    ];
    for (const [overrides, reason] of cases)
      expect(() => buildSubmission({ ...base, ...overrides }, 'c', ref)).toThrow(reason);
  });
});

describe('request view', () => {
  it('says where the request stands, and hides a call’s words and address', () => {
    const snapshot = {
      orderId: 'HL20261123-0000001',
      status: 'dispatched',
      closure: null,
      filterReason: null,
      mergedIntoOrderId: null,
      matterTypeCode: 'CG-003',
      leadUnitId: 'CGZF',
      content: '张女士说：3号楼工地夜里施工',
      address: '星湖东里3号楼2单元301',
      streetId: 'XHJD',
      communityId: 'XHJD-01',
      gridId: null,
      receivedAt: '2026-11-23T01:00:00Z',
      updatedAt: '2026-11-23T01:00:05Z',
      handleBy: null,
      viaOpen311: false,
    };
    const request = toOpen311Request(snapshot, ref);
    expect(request).toMatchObject({
      status: 'open',
      status_notes: '已派单至云川区城市管理综合行政执法局，等待签收',
      description: null,
      address: '星湖街道 星湖东里社区',
      address_id: 'XHJD-01',
      requested_datetime: '2026-11-23T09:00:00+08:00',
    });
    expect(
      statusNotes(
        { ...snapshot, status: 'closed', closure: 'merged', mergedIntoOrderId: 'HL1' },
        null,
      ),
    ).toContain('HL1');
  });

  it('reads the text and the filter’s reason from the workflow’s timeline', () => {
    const snapshot = snapshotOfState(
      {
        orderId: 'HL20261123-0000002',
        status: 'closed',
        closure: 'rejected',
        location: { address: 'x' },
        receivedAt: '2026-11-23T01:00:00Z',
        deadlines: {},
        timeline: [
          {
            sequence: 1,
            type: 'OrderReceived',
            at: '2026-11-23T01:00:00Z',
            detail: { content: '借钱不还' },
          },
          {
            sequence: 2,
            type: 'OrderFiltered',
            at: '2026-11-23T01:00:01Z',
            detail: { reason: 'outside_public_duty' },
          },
        ],
      } as unknown as Parameters<typeof snapshotOfState>[0],
      true,
    );
    expect(snapshot).toMatchObject({ content: '借钱不还', filterReason: 'outside_public_duty' });
    expect(toOpen311Request(snapshot, ref)).toMatchObject({
      status: 'closed',
      status_notes: '不予受理：不属于政府公共服务范围，请通过相应渠道解决',
      updated_datetime: '2026-11-23T09:00:01+08:00',
    });
  });
});
