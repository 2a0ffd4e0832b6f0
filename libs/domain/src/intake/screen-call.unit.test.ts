import { compilePattern, findHits } from './patterns';
import { chineseNumber } from './resolve-place';
import { sampleIntakeModel } from './sample';
import { type IntakeContext, screenCall } from './screen-call';

const model = sampleIntakeModel();
const NOW = new Date('2026-11-23T10:00:00+08:00');
const none: IntakeContext = { openOrders: [], callerHistory: [] };
const screen = (
  content: string,
  more: { address?: string; category?: 'complaint' | 'consultation' | 'help' } = {},
  context = none,
) =>
  screenCall(
    {
      content,
      address: more.address ?? null,
      category: more.category ?? 'complaint',
      receivedAt: NOW,
    },
    context,
    model,
  );

describe('gap-tolerant patterns', () => {
  it('match across a few inserted characters, not across a sentence end', () => {
    const debt = compilePattern('欠…{14}没还');
    expect(findHits('他欠了我三万到现在都没还', [debt], [])[0]?.text).toBe(
      '欠了我三万到现在都没还',
    );
    expect(findHits('他欠了我三万。到现在都没还', [debt], [])).toEqual([]);
  });
  it('ignore a match right after a negation', () => {
    expect(findHits('我没有去起诉', [compilePattern('起诉')], ['没有'])).toEqual([]);
    expect(findHits('我已经去法院起诉了', [compilePattern('起诉')], ['没有'])).toHaveLength(1);
  });
  it('read Chinese house numbers', () => {
    expect([
      chineseNumber('一百五十'),
      chineseNumber('三十'),
      chineseNumber('两百'),
      chineseNumber('一百五'),
    ]).toEqual([150, 30, 200, 150]);
  });
});

describe('place resolution (地址匹配)', () => {
  it('reads a road and its numbered section into a community', () => {
    const s = screen('路灯不亮', { address: '翠屏路二百二十号' });
    expect(s.place.resolved).toMatchObject({
      streetId: 'CPJD',
      communityId: 'CPJD-02',
      words: ['翠屏路二百二十号'],
    });
    expect(screen('路灯不亮', { address: '翠屏路8号' }).place.resolved?.communityId).toBe(
      'CPJD-01',
    );
  });
  it('finds place words inside the complaint, with the grid of a compound', () => {
    const s = screen('观湖苑东门外的垃圾桶满了没人管');
    expect(s.place.resolved).toMatchObject({ communityId: 'XHJD-03', gridId: 'XHJD-03-2' });
    expect(s.placeIds).toEqual({ streetId: 'XHJD', communityId: 'XHJD-03', gridId: 'XHJD-03-2' });
  });
  it('resolves places of 澜山区 and 禾溪区 from words: compounds, roads, landmarks, villages', () => {
    expect(screen('镜明小区门口的路灯坏了好几天了').placeIds).toEqual({
      streetId: 'LS-JMJD',
      communityId: 'LS-JMJD-01',
      gridId: 'LS-JMJD-01-2',
    });
    expect(screen('路灯不亮', { address: '松泉大街一百八十号' }).place.resolved).toMatchObject({
      streetId: 'LS-SQJD',
      communityId: 'LS-SQJD-02',
      label: '松泉街道 泉源社区',
    });
    expect(screen('羊坊水库边上有人倒垃圾').placeIds).toEqual({
      streetId: 'LS-BYZ',
      communityId: 'LS-BYZ-02',
    });
    expect(screen('禾丰市场旁边的垃圾好几天没人清运').placeIds).toEqual({
      streetId: 'HX-HFJD',
      communityId: 'HX-HFJD-02',
      gridId: 'HX-HFJD-02-1',
    });
    expect(screen('路面塌了一个坑', { address: '口岸路12号' }).placeIds).toMatchObject({
      streetId: 'HX-XKJD',
      communityId: 'HX-XKJD-03',
    });
    // A district's own hospital by its full name; the bare everyday name stays 云川区's.
    expect(screen('澜山区人民医院门口乱停车').placeIds.communityId).toBe('LS-SQJD-02');
    expect(screen('人民医院门口乱停车').placeIds.streetId).toBe('CPJD');
  });
  it('gives candidates for an everyday name of several places, and no guess for unknown words', () => {
    const ambiguous = screen('实验小学门口的红绿灯坏了');
    expect(ambiguous.place.resolved).toBeUndefined();
    expect(ambiguous.place.candidates.map((c) => c.streetId).sort()).toEqual(['CPJD', 'TYZ']);
    const unknown = screen('路灯坏了', { address: '人民路一号' });
    expect(unknown.place.resolved).toBeUndefined();
    expect(unknown.place.candidates).toEqual([]);
  });
  it('lets the operator’s ids win over the text', () => {
    const s = screenCall(
      {
        content: '星湖东里门口井盖丢了',
        category: 'complaint',
        communityId: 'LYJD-01',
        receivedAt: NOW,
      },
      none,
      model,
    );
    expect(s.placeIds).toEqual({ communityId: 'LYJD-01' });
  });
});

describe('matter classification', () => {
  it('lets the complained-about clause win over context (ID, phone, a child’s school)', () => {
    const s = screen(
      '我电话13800001111，我女儿在柳荫中学念初二，户口在柳荫北里，要反映的是楼下小饭桌的排烟管子天天冒油烟',
      { address: '柳荫北里' },
    );
    expect(s.matter.candidates[0]).toMatchObject({ matterTypeCode: 'CG-004' });
    expect(s.matter.candidates[0]!.evidence.join()).toContain('油烟');
    expect(s.matter.candidates).toHaveLength(3);
  });
  it('reads colloquial speech', () => {
    expect(screen('家里冷得待不住，暖气片冰凉冰凉的', { address: '红枫园' }).matterTypeCode).toBe(
      'MS-005',
    );
    expect(screen('包工头一直拖着工钱不给我们', { address: '桃源新城' }).matterTypeCode).toBe(
      'MS-013',
    );
  });
  it('does not read a place name as a matter (星湖公园 is no park complaint)', () => {
    expect(screen('星湖公园南门外有人摆摊卖水果把路占了').matterTypeCode).toBe('CG-002');
  });
});

describe('emergencies', () => {
  it.each([
    ['他说他想不开，人在翰林苑楼顶'],
    ['电梯不动了，我们三个人困在里面'],
    ['厨房里一股煤气味，头都晕了'],
    ['马路中间陷下去一个大坑'],
    ['对面楼起火了'],
    ['孩子在菜市场一会儿工夫就找不着了'],
  ])('catches %s, with no place and few words, and never rejects it', (content) => {
    const s = screen(content);
    expect(s.emergency.isEmergency).toBe(true);
    expect(s.emergency.words.length).toBeGreaterThan(0);
    expect(s.filter.outcome).toBe('accept');
    expect(s.urgency).toBe('emergency');
  });
  it('is not fooled by a price, a hedge or a false report', () => {
    expect(
      screen('商场跳楼价甩卖的衣服质量太差', { address: '翠屏市场' }).emergency.isEmergency,
    ).toBe(false);
    expect(
      screen('楼道堆满杂物，万一着火了谁都跑不了', { address: '星湖嘉园' }).emergency.isEmergency,
    ).toBe(false);
    expect(screen('燃气灶打不着火了', { address: '星湖嘉园' }).emergency.isEmergency).toBe(false);
    const prank = screen('刚才说着火了是骗你们的');
    expect(prank.emergency.isEmergency).toBe(false);
    expect(prank.filter).toMatchObject({ outcome: 'rejected', reason: 'abusive' });
  });
});

describe('filter reasons that read meaning', () => {
  it('finds legal process in everyday words, but not an intention to sue', () => {
    expect(screen('这事我已经去法院告他了，等着开庭呢').filter.reason).toBe('in_legal_process');
    expect(screen('这个事我都上诉了').filter.reason).toBe('in_legal_process');
    expect(screen('我想起诉他，不知道怎么弄', { category: 'consultation' }).filter.reason).not.toBe(
      'in_legal_process',
    );
  });
  it('finds private debts and family property disputes, but not unpaid wages', () => {
    expect(screen('表哥欠了我八万块，三年了都没还').filter.reason).toBe('outside_public_duty');
    expect(screen('我爸的房子被我弟弟独占了，我们姐妹分不到').filter.reason).toBe(
      'outside_public_duty',
    );
    expect(screen('老板欠了我们仨月工资一直没还', { address: '桃源新城' }).filter.outcome).toBe(
      'accept',
    );
  });
  it('keeps profanity inside a real complaint, rejects plain insults', () => {
    const complaint = screen('他妈的楼下烧烤店天天冒油烟，熏死了', { address: '河西里' });
    expect(complaint.filter.outcome).toBe('accept');
    expect(complaint.matterTypeCode).toBe('CG-004');
    expect(screen('你们就是一群饭桶').filter.reason).toBe('abusive');
  });
  it('rejects a call with nothing recognisable, whatever its length', () => {
    const vague = screen('就是上回那件事，有人管吗，我都等了好久好久了');
    expect(vague.filter).toMatchObject({
      outcome: 'rejected',
      reason: 'insufficient_information',
      ruleId: 'INSUFFICIENT-CONTENT',
    });
    expect(screen('停水了', { address: '文昌花园' }).filter.outcome).toBe('accept');
  });
  it('asks for a place where the matter needs one', () => {
    expect(screen('路灯坏了好几天了').filter).toMatchObject({ ruleId: 'INSUFFICIENT-PLACE' });
    expect(screen('医保报销一直没到账').filter.outcome).toBe('accept');
  });
  it('answers a consultation from the knowledge base, with gaps', () => {
    const s = screen('想问问几号开始供暖', { category: 'consultation' });
    expect(s.filter.outcome).toBe('answered_directly');
    expect(s.knowledgeAnswer?.entryId).toBe('KB-001');
  });
});

describe('follow-ups and duplicates (并单)', () => {
  const open = (matter: string, place: Record<string, string>, hoursAgo = 30): IntakeContext => ({
    openOrders: [
      {
        orderId: 'HL20261122-0000042',
        matterTypeCode: matter,
        place,
        receivedAt: new Date(NOW.getTime() - hoursAgo * 3_600_000),
      },
    ],
    callerHistory: [],
  });
  it('merges a call that only points back into the open order', () => {
    const s = screen(
      '我昨天反映过的那个事，到现在还没人来看',
      {},
      open('CG-010', { communityId: 'SMX-01', streetId: 'SMX' }),
    );
    expect(s.filter).toMatchObject({ outcome: 'merged', intoOrderId: 'HL20261122-0000042' });
    expect(s.duplicates[0]).toMatchObject({ merge: true, refersBack: true });
  });
  it('merges the same matter at the same written address without any pointing back', () => {
    const s = screen(
      '楼下饭馆油烟大',
      { address: '临河路 18 号' },
      open('CG-004', { streetId: 'LHJD', address: '临河路18号' }),
    );
    expect(s.filter.outcome).toBe('merged');
  });
  it('keeps a new matter at another place apart, and never merges an emergency', () => {
    expect(
      screen('另外说个事，翠屏北苑的井盖丢了', {}, open('CG-010', { communityId: 'SMX-01' })).filter
        .outcome,
    ).toBe('accept');
    expect(
      screen('又闻到煤气味了，比上次还大', {}, open('PA-005', { communityId: 'SMX-01' })).filter
        .outcome,
    ).toBe('accept');
    expect(
      screen('还是没人来', {}, open('CG-010', { communityId: 'SMX-01' }, 8 * 24)).filter.outcome,
    ).not.toBe('merged');
  });
});
