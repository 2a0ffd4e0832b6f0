/**
 * Realistic orders for the sample district (云川区) with the decision a hotline supervisor
 * expects: the filter's verdict and, for accepted orders, the matter and the dispatch.
 * Used by the table test; not exported from the library.
 */
import type { CallerHistoryEntry, OrderPlace } from '../filter/types';
import type { RejectReason, RequestCategory } from '../reference/types';

export const NOW = new Date('2026-11-23T10:00:00+08:00');
const HOUR = 3_600_000;
export const CALLER = 'caller-7f3a';

export type Expected =
  | {
      readonly filter: 'accept';
      readonly matter: string;
      readonly lead: string;
      readonly assisting: readonly string[];
      /** Role of the grid person returned by routing (null when no grid is known). */
      readonly gridRole?: string | null;
      /**
       * Handled as an emergency (紧急): risk to life or property, e.g. gas, a collapse, someone
       * trapped, a burst main, self-harm words (docs/domain.md, time limits).
       */
      readonly emergency?: boolean;
      /**
       * A matter intake may rank first instead, with the same evidence (a village road's potholes:
       * 道路破损 or 农村人居环境); the expected one must still be offered for the operator to pick.
       */
      readonly confusableWith?: string;
    }
  | { readonly filter: 'reject'; readonly reason: RejectReason; readonly ruleId: string }
  | { readonly filter: 'merge'; readonly into: string }
  | { readonly filter: 'answerDirectly'; readonly entry: string };

/** A call as the operator records it: the caller by pseudonymous key, never by phone. */
export interface SampleCall {
  readonly callerKey: string;
  readonly category: RequestCategory;
  readonly content: string;
  readonly place: OrderPlace | null;
  /** As recorded by the operator; when absent intake suggests one from the content. */
  readonly matterTypeCode: string | null;
  readonly receivedAt: Date;
}

/** What is on record at the call: open orders (of any caller) and the caller's history. */
export interface SampleContext {
  readonly openOrders: readonly {
    readonly orderId: string;
    readonly callerKey: string;
    readonly matterTypeCode: string | null;
    readonly place: OrderPlace | null;
    readonly receivedAt: Date;
  }[];
  readonly callerHistory: readonly CallerHistoryEntry[];
}

export interface SampleOrder {
  readonly order: SampleCall;
  readonly context: SampleContext;
  readonly expected: Expected;
}

const grid = (gridId: string): OrderPlace => ({ gridId });
const noContext: SampleContext = { openOrders: [], callerHistory: [] };

function sample(
  category: RequestCategory,
  content: string,
  place: OrderPlace | null,
  expected: Expected,
  extra: { matterTypeCode?: string; context?: SampleContext; receivedAt?: Date } = {},
): SampleOrder {
  return {
    order: {
      callerKey: CALLER,
      category,
      content,
      place,
      matterTypeCode: extra.matterTypeCode ?? null,
      receivedAt: extra.receivedAt ?? NOW,
    },
    context: extra.context ?? noContext,
    expected,
  };
}

const accept = (
  matter: string,
  lead: string,
  assisting: readonly string[],
  more: { gridRole?: string | null; emergency?: boolean; confusableWith?: string } = {},
): Expected => ({ filter: 'accept', matter, lead, assisting, ...more });
const reject = (reason: RejectReason, ruleId: string): Expected => ({
  filter: 'reject',
  reason,
  ruleId,
});

const openWaterOrder = {
  orderId: 'GD-20261123-0042',
  callerKey: CALLER,
  matterTypeCode: 'MS-001',
  place: grid('XHJD-02-1'),
  receivedAt: new Date(NOW.getTime() - 2 * HOUR),
};

export const SAMPLE_ORDERS: readonly SampleOrder[] = [
  // Accepted and dispatched: street leads or coordinates (直派属地)
  sample(
    'report',
    '滨河花园12号楼一楼住户在院里私搭乱建，盖了一间彩钢房',
    grid('LHJD-02-1'),
    accept('CG-001', 'LHJD', ['GZFJ', 'CGZF', 'ZJW'], { gridRole: '街巷长' }),
  ),
  sample(
    'complaint',
    '文昌里小区门口每天早上有小商贩占道经营，卖菜的把人行道都堵了',
    grid('WCJD-01-2'),
    accept('CG-002', 'WCJD', ['CGZF', 'SJJ']),
  ),
  sample(
    'complaint',
    '河西里小区垃圾桶满了好几天没人收，垃圾堆积发臭',
    grid('LHJD-03-2'),
    accept('CG-005', 'LHJD', ['CGW']),
  ),
  sample(
    'complaint',
    '枫桥南里小区广场舞音乐声音太大，每天晚上放到十点',
    grid('FQJD-01-1'),
    accept('CG-019', 'FQJD', ['GAFJ', 'WLJ']),
  ),
  sample(
    'report',
    '屏山小区2号楼楼道里有人飞线充电，电动车电线从五楼拉下来',
    grid('CPJD-02-1'),
    accept('PA-004', 'CPJD', ['XFZD', 'GDGS'], { gridRole: '社区民警' }),
  ),
  sample(
    'help',
    '临河东社区小区门口积水很深，地下车库雨水倒灌',
    grid('LHJD-01-2'),
    accept('PA-012', 'LHJD', ['SWJ', 'YJJ', 'PSJT']),
  ),
  sample(
    'complaint',
    '湖畔园小区停车难，晚上回来根本没地方停车',
    grid('XHJD-03-2'),
    accept('CG-013', 'XHJD', ['JTW', 'JGZD', 'ZJW']),
  ),
  sample(
    'complaint',
    '星湖东里4号楼楼顶漏水，下雨天家里天花板一直滴水，找物业没人管',
    grid('XHJD-01-2'),
    accept('SQ-007', 'XHJD', ['ZJW'], { gridRole: '专职网格员' }),
  ),
  sample(
    'suggestion',
    '屏山小区是老旧小区，希望能加装电梯，方便老年人上下楼',
    grid('CPJD-02-2'),
    accept('SQ-002', 'CPJD', ['ZJW', 'GZFJ', 'SJJ']),
  ),
  sample(
    'complaint',
    '柳荫南里小区楼道堆放杂物，堵住了安全出口',
    grid('LYJD-02-1'),
    accept('SQ-008', 'LYJD', ['XFZD']),
  ),
  sample(
    'complaint',
    '我家楼上邻居天天装修，砸墙声音太大，周末也不停',
    grid('LYJD-01-2'),
    accept('SQ-011', 'LYJD', ['ZJW', 'CGZF']),
  ),
  sample(
    'complaint',
    '锦绣家园小区内健身器材坏了好久，一直没人修',
    grid('CPJD-03-2'),
    accept('SQ-009', 'CPJD', ['TYJ']),
  ),
  sample(
    'help',
    '我母亲80岁独居，想申请养老驿站的助餐服务',
    grid('FQJD-02-2'),
    accept('MS-016', 'FQJD', ['MZJ', 'WJW'], { gridRole: '民生社工' }),
  ),
  sample(
    'help',
    '石岭村村内道路坑坑洼洼，下雨天没法走',
    grid('SMX-04-1'),
    accept('MS-030', 'SMX', ['NYNCJ'], { gridRole: '专职网格员', confusableWith: 'CG-007' }),
  ),
  // Accepted and dispatched: the street only assists, the lead department leads (主办 + 属地协办)
  sample(
    'complaint',
    '柳荫北里5号楼南侧工地连续几天半夜施工，电锯声音很大，严重影响休息',
    grid('LYJD-01-1'),
    accept('CG-003', 'CGZF', ['LYJD', 'ZJW', 'STHJ'], { gridRole: '街巷长' }),
  ),
  sample(
    'complaint',
    '红枫园社区楼下饭馆油烟直接往楼上排，窗户都不敢开',
    grid('FQJD-02-1'),
    accept('CG-004', 'CGZF', ['FQJD', 'STHJ', 'SJJ']),
  ),
  sample(
    'help',
    '湖畔园社区北门路面塌陷了，出现一个一米多宽的大坑',
    grid('XHJD-03-1'),
    accept('CG-008', 'CGW', ['XHJD', 'PSJT', 'ZLS', 'JGZD', 'YJJ'], { emergency: true }),
  ),
  sample(
    'help',
    '临河东社区门口井盖丢了，晚上很危险，已经有人差点掉下去',
    grid('LHJD-01-1'),
    accept('CG-009', 'CGW', ['LHJD', 'PSJT', 'ZLS', 'RQJT', 'DX']),
  ),
  sample(
    'complaint',
    '育才路社区门口的路灯不亮已经一个星期了',
    grid('WCJD-03-1'),
    accept('CG-010', 'CGW', ['WCJD', 'GDGS']),
  ),
  sample(
    'help',
    '下峪村路口的大树被大风刮倒了，横在路上，车都过不去',
    grid('QYZ-03-1'),
    accept('CG-024', 'YLJ', ['QYZ', 'CGW', 'GDGS'], { gridRole: '村级网格长' }),
  ),
  sample(
    'report',
    '上峪村有人在村口焚烧垃圾，浓烟很大',
    grid('QYZ-02-1'),
    accept('CG-028', 'STHJ', ['QYZ', 'CGZF'], { gridRole: '村级网格长' }),
  ),
  sample(
    'help',
    '星湖西里8号楼整栋楼从早上开始停水，到现在还没来水',
    grid('XHJD-02-1'),
    accept('MS-001', 'ZLS', ['XHJD', 'SWJ']),
  ),
  sample(
    'complaint',
    '家里暖气不热，室温只有14度，老人孩子冻得受不了',
    grid('CPJD-02-2'),
    accept('MS-005', 'RLJT', ['CPJD', 'CGW']),
  ),
  sample(
    'help',
    '锦绣家园东门外马路上水管爆裂，水冒得很高，路面都淹了',
    grid('CPJD-03-1'),
    accept('MS-007', 'ZLS', ['CPJD', 'CGW', 'JGZD'], { emergency: true }),
  ),
  sample(
    'help',
    '西石门村突然停电了，整个村都没电',
    grid('SMX-03-1'),
    accept('MS-003', 'GDGS', ['SMX']),
  ),
  sample(
    'help',
    '桥东社区3号楼有位老人被困电梯里快半小时了',
    grid('FQJD-03-2'),
    accept('SQ-006', 'XFZD', ['FQJD', 'SJJ'], { emergency: true }),
  ),
  sample(
    'complaint',
    '芳草苑小区消防通道被私家车长期占用，消防车根本进不来',
    grid('LYJD-03-1'),
    accept('PA-003', 'XFZD', ['LYJD', 'GAFJ'], { gridRole: '社区民警' }),
  ),
  sample(
    'report',
    '河西里5号楼楼道里闻到很浓的燃气味，怀疑燃气泄漏',
    grid('LHJD-03-1'),
    accept('PA-005', 'RQJT', ['LHJD', 'XFZD', 'CGW'], { emergency: true }),
  ),
  sample(
    'report',
    '杏林村附近一家小作坊是三合一场所，工人就住在仓库楼上',
    grid('TYZ-03-1'),
    accept('PA-006', 'YJJ', ['TYZ', 'XFZD', 'SJJ']),
  ),
  sample(
    'complaint',
    '石门社区附近有人遛狗不拴绳，还把小孩吓哭了',
    grid('SMX-01-1'),
    accept('PA-014', 'GAFJ', ['SMX', 'CGZF']),
  ),
  sample(
    'complaint',
    '桃花坞村有人在宅基地上翻建房屋，占了村里的路',
    grid('TYZ-02-1'),
    accept('MS-029', 'NYNCJ', ['TYZ', 'GZFJ']),
  ),
  sample(
    'complaint',
    '青峪镇区社区一家超市卖过期食品，孩子吃了肚子疼',
    grid('QYZ-01-1'),
    accept('MS-021', 'SJJ', ['QYZ', 'WJW']),
  ),
  sample(
    'complaint',
    '文昌里菜市场一家店卖菜缺斤短两，还不明码标价',
    grid('WCJD-01-1'),
    accept('MS-023', 'SJJ', ['WCJD']),
  ),
  sample(
    'complaint',
    '在桃源新城一家健身房办了预付卡，现在老板跑路了不给退',
    grid('TYZ-01-2'),
    accept('MS-022', 'SJJ', ['TYZ']),
  ),
  sample(
    'complaint',
    '老板拖欠我们农民工工资三个月了，在桃源新城的工地干活',
    grid('TYZ-01-1'),
    accept('MS-013', 'RSJ', ['TYZ', 'ZJW']),
  ),
  // Wages owed are public duty (劳动保障监察) even when said as "欠钱不还"
  sample(
    'complaint',
    '老板欠钱不还，我在工地干了三个月，工钱一分没拿到',
    grid('TYZ-01-2'),
    accept('MS-013', 'RSJ', ['TYZ', 'ZJW']),
  ),
  // Placeless matters: no place needed, no street added, no grid person
  sample(
    'complaint',
    '82路公交车经常到站不停，司机态度也很差',
    null,
    accept('MS-024', 'GJJT', ['JTW'], { gridRole: null }),
  ),
  sample(
    'report',
    '我接到自称公安局的电话让我转账，怀疑是电信网络诈骗',
    null,
    accept('PA-008', 'GAFJ', [], { gridRole: null }),
  ),
  sample(
    'consultation',
    '我住书院街社区，想咨询社保断缴了以后怎么补缴',
    { communityId: 'WCJD-02' },
    accept('MS-011', 'RSJ', ['WCJD', 'YBJ'], { gridRole: null }),
  ),
  sample(
    'consultation',
    '孩子户口在书院街，想问问学位是怎么划片的',
    { communityId: 'WCJD-02' },
    accept('MS-018', 'JW', ['WCJD']),
  ),
  // A complaint is handled, not answered from the knowledge base
  sample(
    'complaint',
    '什么时候供暖都说不清楚，暖气到现在还不热',
    grid('CPJD-01-1'),
    accept('MS-005', 'RLJT', ['CPJD', 'CGW']),
  ),
  // Risk to life beats every filter rule; the operator recorded the matter
  sample(
    'help',
    '房子漏水半年没人管，再不解决我就跳楼',
    grid('XHJD-02-2'),
    accept('SQ-007', 'XHJD', ['ZJW'], { emergency: true }),
    { matterTypeCode: 'SQ-007' },
  ),
  // Same matter and place as an open order, but another caller: not a duplicate
  sample(
    'help',
    '星湖西里8号楼停水了，一直没有水',
    grid('XHJD-02-1'),
    accept('MS-001', 'ZLS', ['XHJD', 'SWJ']),
    {
      context: {
        openOrders: [{ ...openWaterOrder, callerKey: 'caller-other' }],
        callerHistory: [],
      },
    },
  ),
  // Same caller, but the open order is older than the 7-day window
  sample(
    'help',
    '星湖西里8号楼又停水了，一直没有水',
    grid('XHJD-02-1'),
    accept('MS-001', 'ZLS', ['XHJD', 'SWJ']),
    {
      context: {
        openOrders: [{ ...openWaterOrder, receivedAt: new Date(NOW.getTime() - 8 * 24 * HOUR) }],
        callerHistory: [],
      },
    },
  ),

  // Merged (并单)
  sample(
    'complaint',
    '星湖西里8号楼还是停水，上午已经打过电话了',
    grid('XHJD-02-1'),
    { filter: 'merge', into: 'GD-20261123-0042' },
    { context: { openOrders: [openWaterOrder], callerHistory: [] } },
  ),
  sample(
    'complaint',
    '8号楼停水的事怎么还没人来',
    { communityId: 'XHJD-02' },
    { filter: 'merge', into: 'GD-20261123-0042' },
    { context: { openOrders: [openWaterOrder], callerHistory: [] } },
  ),

  // Answered directly (直接办结)
  sample('consultation', '请问今年什么时候供暖？', null, {
    filter: 'answerDirectly',
    entry: 'KB-001',
  }),
  sample('consultation', '社保卡丢了要怎么补办？', null, {
    filter: 'answerDirectly',
    entry: 'KB-004',
  }),
  sample('consultation', '我想办居住证，居住证需要什么材料', null, {
    filter: 'answerDirectly',
    entry: 'KB-003',
  }),
  sample('consultation', '孩子明年幼升小，什么时候开始登记', null, {
    filter: 'answerDirectly',
    entry: 'KB-013',
  }),
  sample('consultation', '身份证丢了在哪里补办', null, {
    filter: 'answerDirectly',
    entry: 'KB-010',
  }),

  // Rejected, with the reason and guidance
  sample(
    'complaint',
    '我朋友借钱不还，两万块钱拖了一年，你们帮我要回来',
    grid('XHJD-01-1'),
    reject('outside_public_duty', 'OUT-PRIVATE'),
  ),
  sample(
    'help',
    '帮我找对象，我都四十了还单身',
    null,
    reject('outside_public_duty', 'OUT-SERVICE'),
  ),
  sample(
    'complaint',
    '我和物业的纠纷已经起诉了，法院已立案，你们让物业赶紧赔钱',
    grid('LYJD-02-2'),
    reject('in_legal_process', 'LEG-PROCESS'),
  ),
  sample(
    'complaint',
    '劳动仲裁中，公司还是不给我加班费',
    null,
    reject('in_legal_process', 'LEG-PROCESS'),
  ),
  sample(
    'complaint',
    '我家的违建被拆了，要求补偿翻倍，不然我就天天打',
    grid('FQJD-01-2'),
    reject('unlawful_demand', 'UNL-DEMAND'),
  ),
  sample(
    'complaint',
    '我家院子里的违建凭什么要拆，再反映一次',
    grid('FQJD-01-2'),
    reject('unlawful_demand', 'UNL-REPEATED'),
    {
      context: {
        openOrders: [],
        callerHistory: [
          {
            orderId: 'GD-20261002-0311',
            receivedAt: new Date('2026-10-02T09:00:00+08:00'),
            matterTypeCode: 'CG-001',
            outcome: 'terminated',
            reason: 'unlawful_demand',
          },
        ],
      },
    },
  ),
  sample('complaint', '你们这帮王八蛋，什么事都办不了', null, reject('abusive', 'ABU-INSULT')),
  sample('consultation', '测试一下，看看能不能打通', null, reject('abusive', 'ABU-TEST')),
  sample('complaint', '你们到底管不管，我就是要一直打', null, reject('abusive', 'ABU-REPEAT'), {
    context: {
      openOrders: [],
      callerHistory: [1, 2, 3, 4, 5].map((i) => ({
        orderId: `GD-20261123-00${i}0`,
        receivedAt: new Date(NOW.getTime() - i * HOUR),
        matterTypeCode: null,
        outcome: 'rejected' as const,
        reason: 'insufficient_information' as const,
      })),
    },
  }),
  sample('complaint', '有问题', null, reject('insufficient_information', 'INSUFFICIENT-CONTENT')),
  sample(
    'complaint',
    '小区门口井盖丢了，很危险',
    null,
    reject('insufficient_information', 'INSUFFICIENT-PLACE'),
  ),
];
