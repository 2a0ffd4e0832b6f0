/**
 * The deputies' section of a unit's ledger (代表建议办理台账): the opinions and suggestions
 * deputies handed to the unit from their stations (交办), or that reached it as orders, and how
 * they were answered and rated. Every figure names the items behind it (DB-… numbers).
 */
import type { LedgerLine, LedgerPeriod, LedgerSection } from './unit-ledger';

/** An item of a deputy whose answering unit is the ledger's unit, as the read model holds it. */
export interface LedgerDeputyItemRow {
  readonly itemId: string;
  /** proposal: handed to the unit (交办); order: reached it as a 12345 order. */
  readonly route: 'order' | 'proposal';
  readonly handedOverAt: Date | null;
  readonly answeredAt: Date | null;
  readonly answeredOnTime: boolean | null;
  /** satisfied, basically_satisfied, dissatisfied, or null (not rated yet, or lapsed). */
  readonly rating: string | null;
  /** The limits missed: hand_over, answer, report_back. */
  readonly overduePhases: readonly string[];
}

const within = (at: Date | null, p: LedgerPeriod): at is Date =>
  at !== null && at.getTime() >= p.from.getTime() && at.getTime() < p.to.getTime();

const line = (key: string, label: string, ids: string[], of?: string[]): LedgerLine => ({
  key,
  label,
  value: ids.length,
  basis: [...ids].sort(),
  ...(of ? { rate: of.length === 0 ? null : ids.length / of.length } : {}),
});

/**
 * Received lines count by hand-over, answered lines by the answer, ratings among the answers of
 * the period; open at the end: handed over before the end and not answered by then.
 */
export function deputyLedgerSection(
  rows: readonly LedgerDeputyItemRow[],
  period: LedgerPeriod,
): LedgerSection {
  const ids = (keep: (r: LedgerDeputyItemRow) => boolean) => rows.filter(keep).map((r) => r.itemId);
  const received = ids((r) => r.route === 'proposal' && within(r.handedOverAt, period));
  const answered = ids((r) => within(r.answeredAt, period));
  const answeredSet = new Set(answered);
  const inAnswered = (r: LedgerDeputyItemRow) => answeredSet.has(r.itemId);
  const rated = ids((r) => inAnswered(r) && r.rating !== null);
  const receivedSet = new Set(received);
  return {
    key: 'deputies',
    /** Numbered by the ledger after the sections before it (六、 or 八、 …). */
    title: '人大代表建议办理',
    lines: [
      line('deputy_received', '代表交办建议', received),
      line(
        'deputy_orders_answered',
        '代表转办工单已答复',
        ids((r) => inAnswered(r) && r.route === 'order'),
      ),
      line('deputy_answered', '已答复', answered),
      line(
        'deputy_answered_on_time',
        '按期答复',
        ids((r) => inAnswered(r) && r.answeredOnTime === true),
        answered,
      ),
      line(
        'deputy_answer_overdue',
        '交办逾期未答复',
        ids((r) => receivedSet.has(r.itemId) && r.overduePhases.includes('answer')),
        received,
      ),
      line('deputy_rated', '代表已评价', rated, answered),
      line(
        'deputy_satisfied',
        '代表满意',
        ids((r) => inAnswered(r) && r.rating === 'satisfied'),
        rated,
      ),
      line(
        'deputy_basically_satisfied',
        '代表基本满意',
        ids((r) => inAnswered(r) && r.rating === 'basically_satisfied'),
        rated,
      ),
      line(
        'deputy_dissatisfied',
        '代表不满意',
        ids((r) => inAnswered(r) && r.rating === 'dissatisfied'),
        rated,
      ),
      line(
        'deputy_open_at_end',
        '期末未答复',
        ids(
          (r) =>
            r.handedOverAt !== null &&
            r.handedOverAt.getTime() < period.to.getTime() &&
            (r.answeredAt === null || r.answeredAt.getTime() >= period.to.getTime()),
        ),
      ),
    ],
  };
}
