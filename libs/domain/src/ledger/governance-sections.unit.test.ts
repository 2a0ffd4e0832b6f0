import { governanceLedgerSections } from './governance-sections';
import { buildUnitLedger, monthPeriod } from './unit-ledger';

const at = (iso: string) => new Date(iso);
const november = monthPeriod('2026-11');

describe('ledger: admitted tasks and proactive tasks (准入, 未诉先办)', () => {
  const governance = {
    admittedTasks: [
      {
        entryCode: 'ZR-001',
        taskName: '人口信息采集',
        departmentId: 'GAFJ',
        source: 'published' as const,
        admittedAt: null,
      },
      {
        entryCode: 'ZR-20261110-0001',
        taskName: '疫苗接种提醒',
        departmentId: 'WJW',
        source: 'admitted' as const,
        admittedAt: at('2026-11-10T02:00:00Z'),
      },
      {
        entryCode: 'ZR-20261205-0001',
        taskName: '下月才准入',
        departmentId: 'WJW',
        source: 'admitted' as const,
        admittedAt: at('2026-12-05T02:00:00Z'),
      },
    ],
    offListWork: [
      {
        workId: 'HL1',
        workKind: 'order' as const,
        reason: 'street_only_assists',
        detectedAt: at('2026-11-03T02:00:00Z'),
      },
      {
        workId: 'ZD-1',
        workKind: 'proactive_task' as const,
        reason: 'street_only_assists',
        detectedAt: at('2026-11-04T02:00:00Z'),
      },
      {
        workId: 'HL0',
        workKind: 'order' as const,
        reason: 'no_matter_type',
        detectedAt: at('2026-10-30T02:00:00Z'),
      },
    ],
    proactiveTasks: [
      {
        taskId: 'ZD-1',
        status: 'closed',
        startedAt: at('2026-10-20T02:00:00Z'),
        plannedAt: at('2026-10-21T02:00:00Z'),
        completedAt: at('2026-11-02T02:00:00Z'),
        verifiedAt: at('2026-11-03T02:00:00Z'),
        sendBackCount: 1,
        deadlineMissed: false,
        effect: 'effective',
      },
      {
        taskId: 'ZD-2',
        status: 'in_progress',
        startedAt: at('2026-11-12T02:00:00Z'),
        plannedAt: null,
        completedAt: null,
        verifiedAt: null,
        sendBackCount: 0,
        deadlineMissed: true,
        effect: null,
      },
    ],
  };

  it('counts the list in force, the admissions and the off-list work of the period, with the ids behind them', () => {
    const [admitted] = governanceLedgerSections(governance, november);
    const line = (key: string) => admitted!.lines.find((l) => l.key === key)!;
    expect(admitted!.title).toBe('六、准入事项');
    expect(line('admission_list_in_force')).toMatchObject({
      value: 2,
      basis: ['ZR-001', 'ZR-20261110-0001'],
    });
    expect(line('admitted_in_period').basis).toEqual(['ZR-20261110-0001']);
    expect(line('off_list_work')).toMatchObject({ value: 2, basis: ['HL1', 'ZD-1'] });
    expect(line('off_list_orders').basis).toEqual(['HL1']);
    expect(line('off_list_tasks').basis).toEqual(['ZD-1']);
  });

  it('counts the proactive tasks: started, open at the end, verified of completed, sent back, missed, effective', () => {
    const [, tasks] = governanceLedgerSections(governance, november);
    const line = (key: string) => tasks!.lines.find((l) => l.key === key)!;
    expect(line('tasks_started').basis).toEqual(['ZD-2']);
    expect(line('tasks_open_at_end').basis).toEqual(['ZD-2']);
    expect(line('tasks_verified')).toMatchObject({ basis: ['ZD-1'], rate: 1 });
    expect(line('tasks_sent_back').basis).toEqual(['ZD-1']);
    expect(line('tasks_deadline_missed').basis).toEqual(['ZD-2']);
    expect(line('tasks_effective')).toMatchObject({ basis: ['ZD-1'], rate: 1 });
  });

  it('adds the sections to the unit ledger only when given, after the order and whistle sections', () => {
    const base = {
      unitId: 'XHJD',
      unitName: '星湖街道',
      period: november,
      generatedAt: at('2026-12-01T00:00:00Z'),
      orders: [],
      whistles: [],
    };
    expect(buildUnitLedger(base).sections.map((s) => s.key)).not.toContain('proactive_tasks');
    expect(
      buildUnitLedger({ ...base, governance })
        .sections.map((s) => s.key)
        .slice(-2),
    ).toEqual(['admitted_tasks', 'proactive_tasks']);
    expect(governanceLedgerSections({ proactiveTasks: [] }, november).map((s) => s.key)).toEqual([
      'proactive_tasks',
    ]);
  });

  it('numbers the sections by position: a department without an admission list has no gap, and the deputies follow', () => {
    const base = {
      unitId: 'CGZF',
      unitName: '城管执法局',
      period: november,
      generatedAt: at('2026-12-01T00:00:00Z'),
      orders: [],
      whistles: [],
    };
    const numerals = (ledger: ReturnType<typeof buildUnitLedger>) =>
      ledger.sections.map((s) => s.title.slice(0, s.title.indexOf('、')));
    const department = buildUnitLedger({
      ...base,
      governance: { proactiveTasks: governance.proactiveTasks },
      deputyItems: [],
    });
    expect(department.sections.map((s) => s.key).slice(-2)).toEqual([
      'proactive_tasks',
      'deputies',
    ]);
    expect(numerals(department)).toEqual(['一', '二', '三', '四', '五', '六', '七']);
    expect(department.sections.at(-2)!.title).toBe('六、主动治理（未诉先办）');
    const street = buildUnitLedger({ ...base, governance, deputyItems: [] });
    expect(numerals(street)).toEqual(['一', '二', '三', '四', '五', '六', '七', '八']);
    expect(street.sections.at(-1)!.title).toBe('八、人大代表建议办理');
  });
});
