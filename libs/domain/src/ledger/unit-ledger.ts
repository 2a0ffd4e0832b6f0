/**
 * Electronic ledger (电子台账): the record a street, community or department used to keep by hand
 * for every piece of handed-down work, generated from the work itself. Each figure carries the ids
 * of the orders or whistles behind it, so an inspector can trace any number to its cases.
 *
 * Pure: the rows come from the read models, the clock is passed in, nothing here knows about
 * files. Rendering to XLSX and PDF lives in libs/reports.
 */
import { deputyLedgerSection, type LedgerDeputyItemRow } from './deputy-ledger';
import { type GovernanceLedgerInput, governanceLedgerSections } from './governance-sections';

/** One order the unit led or assisted in the period, as the order read model holds it. */
export interface LedgerOrderRow {
  readonly orderId: string;
  readonly matterTypeCode: string | null;
  readonly urgency: string;
  readonly status: string;
  /** lead: the unit led it; assisting: the unit helped (协办). */
  readonly role: 'lead' | 'assisting';
  readonly receivedAt: Date;
  readonly dispatchedAt: Date | null;
  readonly acknowledgedAt: Date | null;
  readonly respondedAt: Date | null;
  readonly respondedWithinLimit: boolean | null;
  readonly resolvedAt: Date | null;
  readonly resolvedWithinLimit: boolean | null;
  readonly handleBy: Date | null;
  readonly closedAt: Date | null;
  readonly closure: string | null;
  readonly callbackAnswered: boolean | null;
  readonly callbackSolved: boolean | null;
  /** satisfied 满意, basically_satisfied 基本满意, dissatisfied 不满意. */
  readonly callbackSatisfaction: string | null;
  readonly returnCount: number;
  readonly reworkRounds: number;
  readonly breaches: readonly string[];
  readonly urgeCount: number;
  readonly escalationCount: number;
  readonly extensionStatus: string | null;
  readonly exclusionStatus: string | null;
}

/** A whistle the unit blew (its street) or was summoned to (a department), in the period. */
export interface LedgerWhistleRow {
  readonly whistleId: string;
  /** blower: the unit's street blew it; summoned: the unit was called to report (报到). */
  readonly role: 'blower' | 'summoned';
  readonly whistleType: string;
  readonly status: string;
  readonly blownAt: Date;
  readonly closedAt: Date | null;
  /** For a summoned department: pending, on_time, late or missed. */
  readonly report: string | null;
  /** For a summoned department: pending, made or missed. */
  readonly commitment: string | null;
  readonly completedAt: Date | null;
  readonly escalated: boolean;
}

export interface LedgerPeriod {
  /** Inclusive start, an instant (the first moment of the first day, Beijing time). */
  readonly from: Date;
  /** Exclusive end. */
  readonly to: Date;
  /** How people name it: "2026年11月" or "2026-11-01 至 2026-11-15". */
  readonly label: string;
}

/** One line of the ledger: a figure, and what it stands on. */
export interface LedgerLine {
  readonly key: string;
  /** The label as the paper ledger wrote it. */
  readonly label: string;
  readonly value: number;
  /** A rate, shown as a percentage; `null` when its denominator is zero. */
  readonly rate?: number | null;
  /** The order or whistle ids behind the figure (every one of them). */
  readonly basis: readonly string[];
}

export interface LedgerSection {
  readonly key:
    | 'orders'
    | 'handling'
    | 'callbacks'
    | 'supervision'
    | 'whistles'
    | 'deputies'
    | 'admitted_tasks'
    | 'proactive_tasks';
  readonly title: string;
  readonly lines: readonly LedgerLine[];
}

export interface UnitLedger {
  readonly unitId: string;
  readonly unitName: string;
  readonly period: LedgerPeriod;
  readonly generatedAt: Date;
  readonly sections: readonly LedgerSection[];
  readonly orders: readonly LedgerOrderRow[];
  readonly whistles: readonly LedgerWhistleRow[];
  /** Admitted tasks, off-list work, applications and proactive tasks, when the unit has them. */
  readonly governance?: GovernanceLedgerInput;
}

export interface UnitLedgerInput {
  readonly unitId: string;
  readonly unitName: string;
  readonly period: LedgerPeriod;
  readonly generatedAt: Date;
  readonly orders: readonly LedgerOrderRow[];
  readonly whistles: readonly LedgerWhistleRow[];
  /** Deputies' items the unit answers (家站点): with them, the ledger has their section. */
  readonly deputyItems?: readonly LedgerDeputyItemRow[];
  readonly governance?: GovernanceLedgerInput;
}

const within = (at: Date | null, p: LedgerPeriod): at is Date =>
  at !== null && at.getTime() >= p.from.getTime() && at.getTime() < p.to.getTime();

function line(
  key: string,
  label: string,
  ids: readonly string[],
  of?: readonly string[],
): LedgerLine {
  const base = { key, label, value: ids.length, basis: [...ids].sort() };
  if (!of) return base;
  return { ...base, rate: of.length === 0 ? null : ids.length / of.length };
}

const idsOf = <T>(rows: readonly T[], id: (r: T) => string, keep: (r: T) => boolean) =>
  rows.filter(keep).map(id);

/**
 * Builds the ledger for one unit and period. An order belongs to the period by the event the line
 * counts: received lines by dispatch time, handling lines by the time of the act, callback lines
 * by closure. A rate's denominator is the line named beside it, never a hidden count.
 */
export function buildUnitLedger(input: UnitLedgerInput): UnitLedger {
  const { period } = input;
  const orders = [...input.orders].sort((a, b) => a.orderId.localeCompare(b.orderId));
  const whistles = [...input.whistles].sort((a, b) => a.whistleId.localeCompare(b.whistleId));
  const oid = (o: LedgerOrderRow) => o.orderId;
  const wid = (w: LedgerWhistleRow) => w.whistleId;
  const lead = orders.filter((o) => o.role === 'lead');

  const received = idsOf(lead, oid, (o) => within(o.dispatchedAt ?? o.receivedAt, period));
  const assisted = idsOf(
    orders.filter((o) => o.role === 'assisting'),
    oid,
    (o) => within(o.dispatchedAt ?? o.receivedAt, period),
  );
  const acknowledged = idsOf(lead, oid, (o) => within(o.acknowledgedAt, period));
  const responded = idsOf(lead, oid, (o) => within(o.respondedAt, period));
  const respondedOnTime = idsOf(
    lead,
    oid,
    (o) => within(o.respondedAt, period) && o.respondedWithinLimit === true,
  );
  const resolved = idsOf(lead, oid, (o) => within(o.resolvedAt, period));
  const resolvedOnTime = idsOf(
    lead,
    oid,
    (o) => within(o.resolvedAt, period) && o.resolvedWithinLimit === true,
  );
  const openAtEnd = idsOf(
    lead,
    oid,
    (o) =>
      (o.dispatchedAt ?? o.receivedAt).getTime() < period.to.getTime() &&
      (o.closedAt === null || o.closedAt.getTime() >= period.to.getTime()),
  );
  const openSet = new Set(openAtEnd);
  const overdueOpen = idsOf(
    lead,
    oid,
    (o) =>
      openSet.has(o.orderId) &&
      o.resolvedAt === null &&
      o.handleBy !== null &&
      o.handleBy.getTime() < period.to.getTime(),
  );
  const closed = idsOf(lead, oid, (o) => within(o.closedAt, period));
  const answered = idsOf(
    lead,
    oid,
    (o) => within(o.closedAt, period) && o.callbackAnswered === true,
  );
  const answeredSet = new Set(answered);
  const inAnswered = (o: LedgerOrderRow) => answeredSet.has(o.orderId);
  const solved = idsOf(lead, oid, (o) => inAnswered(o) && o.callbackSolved === true);
  const satisfied = idsOf(
    lead,
    oid,
    (o) => inAnswered(o) && o.callbackSatisfaction === 'satisfied',
  );
  const basically = idsOf(
    lead,
    oid,
    (o) => inAnswered(o) && o.callbackSatisfaction === 'basically_satisfied',
  );
  const dissatisfied = idsOf(
    lead,
    oid,
    (o) => inAnswered(o) && o.callbackSatisfaction === 'dissatisfied',
  );
  const receivedSet = new Set(received);
  const inPeriod = (o: LedgerOrderRow) => receivedSet.has(o.orderId);
  const returned = idsOf(lead, oid, (o) => inPeriod(o) && o.returnCount > 0);
  const reworked = idsOf(lead, oid, (o) => inPeriod(o) && o.reworkRounds > 0);
  const breached = idsOf(lead, oid, (o) => inPeriod(o) && o.breaches.length > 0);
  const urged = idsOf(lead, oid, (o) => inPeriod(o) && o.urgeCount > 0);
  const escalated = idsOf(lead, oid, (o) => inPeriod(o) && o.escalationCount > 0);
  const extended = idsOf(lead, oid, (o) => inPeriod(o) && o.extensionStatus === 'approved');
  const excluded = idsOf(lead, oid, (o) => inPeriod(o) && o.exclusionStatus === 'approved');

  const blown = idsOf(whistles, wid, (w) => w.role === 'blower' && within(w.blownAt, period));
  const blownClosed = idsOf(
    whistles,
    wid,
    (w) => w.role === 'blower' && within(w.closedAt, period) && w.status === 'closed',
  );
  const blownEscalated = idsOf(
    whistles,
    wid,
    (w) => w.role === 'blower' && within(w.blownAt, period) && w.escalated,
  );
  const summoned = idsOf(whistles, wid, (w) => w.role === 'summoned' && within(w.blownAt, period));
  const summonedSet = new Set(summoned);
  const isSummoned = (w: LedgerWhistleRow) => summonedSet.has(w.whistleId);
  const reportedOnTime = idsOf(whistles, wid, (w) => isSummoned(w) && w.report === 'on_time');
  const reportMissed = idsOf(
    whistles,
    wid,
    (w) => isSummoned(w) && (w.report === 'missed' || w.report === 'late'),
  );
  const committed = idsOf(whistles, wid, (w) => isSummoned(w) && w.commitment === 'made');
  const completed = idsOf(whistles, wid, (w) => isSummoned(w) && w.completedAt !== null);

  const sections: LedgerSection[] = [
    {
      key: 'orders',
      title: '一、工单受理',
      lines: [
        line('received', '主办工单（派单）', received),
        line('assisted', '协办工单', assisted),
        line('acknowledged', '已签收', acknowledged, received),
        line('open_at_end', '期末在办', openAtEnd),
        line('overdue_open', '期末在办且已超期', overdueOpen),
      ],
    },
    {
      key: 'handling',
      title: '二、响应与办理',
      lines: [
        line('responded', '已响应', responded),
        line('responded_on_time', '按时响应', respondedOnTime, responded),
        line('resolved', '已办结（反馈结果）', resolved),
        line('resolved_on_time', '按时办结', resolvedOnTime, resolved),
        line('extended', '获批延期', extended),
        line('returned', '曾退单', returned),
      ],
    },
    {
      key: 'callbacks',
      title: '三、回访与满意度',
      lines: [
        line('closed', '已结案', closed),
        line('callback_answered', '回访接通', answered, closed),
        line('solved', '回访已解决', solved, answered),
        line('satisfied', '满意', satisfied, answered),
        line('basically_satisfied', '基本满意', basically, answered),
        line('dissatisfied', '不满意', dissatisfied, answered),
        line('reworked', '重办', reworked),
        line('excluded', '获批剔除（不纳入考核）', excluded),
      ],
    },
    {
      key: 'supervision',
      title: '四、督办与超时',
      lines: [
        line('breached', '发生超时', breached, received),
        line('urged', '被催办', urged),
        line('escalated', '被督办', escalated),
      ],
    },
    {
      key: 'whistles',
      title: '五、吹哨报到',
      lines: [
        line('blown', '本单位吹哨', blown),
        line('blown_closed', '吹哨已办结', blownClosed),
        line('blown_escalated', '吹哨上报区级', blownEscalated),
        line('summoned', '被召集报到', summoned),
        line('reported_on_time', '按时报到', reportedOnTime, summoned),
        line('report_missed', '报到迟到或缺席', reportMissed, summoned),
        line('committed', '已表态承诺', committed, summoned),
        line('completed', '已完成承诺事项', completed, summoned),
      ],
    },
    ...(input.governance ? governanceLedgerSections(input.governance, period) : []),
  ];
  // The deputies' section comes last.
  if (input.deputyItems) sections.push(deputyLedgerSection(input.deputyItems, period));

  return {
    unitId: input.unitId,
    unitName: input.unitName,
    period,
    generatedAt: input.generatedAt,
    // Numbered by position: a unit without some section (a department has no admission list)
    // reads 一、二、三… without a gap or a repeat.
    sections: sections.map((section, i) => ({
      ...section,
      title: `${SECTION_NUMERALS[i]}、${section.title.replace(NUMBERED, '')}`,
    })),
    orders,
    whistles,
    ...(input.governance ? { governance: input.governance } : {}),
  };
}

const SECTION_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const NUMBERED = /^[一二三四五六七八九十]+、/;

/** Shanghai-time calendar month "YYYY-MM" → the instants it spans and its name. */
export function monthPeriod(month: string): LedgerPeriod {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) throw new RangeError(`Not a month (YYYY-MM): ${month}`);
  const year = Number(m[1]);
  const mon = Number(m[2]);
  if (mon < 1 || mon > 12) throw new RangeError(`Not a month (YYYY-MM): ${month}`);
  // Beijing time is UTC+8 with no daylight saving.
  const from = new Date(Date.UTC(year, mon - 1, 1, -8));
  const to = new Date(Date.UTC(mon === 12 ? year + 1 : year, mon === 12 ? 0 : mon, 1, -8));
  return { from, to, label: `${year}年${mon}月` };
}

/** An on-demand period of whole Beijing days, "YYYY-MM-DD" to "YYYY-MM-DD", both inclusive. */
export function dayRangePeriod(fromDay: string, toDay: string): LedgerPeriod {
  const parse = (d: string) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d);
    if (!m) throw new RangeError(`Not a date (YYYY-MM-DD): ${d}`);
    const at = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), -8));
    if (
      Number.isNaN(at.getTime()) ||
      new Date(at.getTime() + 8 * 3_600_000).getUTCDate() !== Number(m[3])
    )
      throw new RangeError(`Not a date (YYYY-MM-DD): ${d}`);
    return at;
  };
  const from = parse(fromDay);
  const to = new Date(parse(toDay).getTime() + 24 * 3_600_000);
  if (to.getTime() <= from.getTime()) throw new RangeError(`${toDay} is before ${fromDay}`);
  return { from, to, label: `${fromDay} 至 ${toDay}` };
}
