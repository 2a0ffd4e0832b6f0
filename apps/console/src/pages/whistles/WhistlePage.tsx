import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Card, Descriptions, Space, Table, Tag, Timeline, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { getWhistle, type WhistleAction, whistleAction } from '../../api/actions';
import type { WhistleDepartment, WhistleState } from '../../api/models';
import type { Claims } from '../../auth/session';
import { ActionButton, type ActionSpec } from '../../components/ActionForm';
import { ErrorAlert, Loading, TemporalLink } from '../../components/common';
import {
  departmentStatus,
  eventLabel,
  formatTime,
  REPORT_MODE,
  SATISFACTION,
  whistleStatus,
  whistleType,
} from '../../lib/labels';
import { matterName, placeName, unitName } from '../../lib/reference';

const options = (t: Record<string, string>) =>
  Object.entries(t).map(([value, label]) => ({ value, label }));

function departmentSpecs(): Partial<Record<WhistleAction, [string, ActionSpec]>> {
  return {
    report: [
      '报到',
      {
        title: '报到',
        fields: [
          { name: 'representative', label: '到场人员（岗位）', kind: 'text', required: true },
          {
            name: 'mode',
            label: '报到方式',
            kind: 'select',
            options: options(REPORT_MODE),
            required: true,
            initial: 'on_site',
          },
        ],
      },
    ],
    commit: [
      '表态',
      {
        title: '表态（措施与完成时间）',
        fields: [
          { name: 'measures', label: '措施', kind: 'textarea', required: true },
          { name: 'dueBy', label: '承诺完成时间', kind: 'datetime', required: true },
        ],
      },
    ],
    progress: [
      '进展',
      {
        title: '报告进展',
        fields: [{ name: 'note', label: '进展情况', kind: 'textarea', required: true }],
      },
    ],
    complete: [
      '完成',
      {
        title: '报告完成',
        fields: [{ name: 'summary', label: '完成情况', kind: 'textarea', required: true }],
      },
    ],
    'precision-rating': [
      '评价吹哨精准度',
      {
        title: '吹哨精准度评价',
        fields: [
          { name: 'needed', label: '确有必要吹哨', kind: 'yesno', required: true, initial: true },
          {
            name: 'wellScoped',
            label: '召集部门准确',
            kind: 'yesno',
            required: true,
            initial: true,
          },
          { name: 'comment', label: '意见', kind: 'textarea' },
        ],
      },
    ],
  };
}

function streetSpecs(
  departments: WhistleDepartment[],
): Partial<Record<WhistleAction, [string, ActionSpec]>> {
  const depts = departments.map((d) => ({
    value: d.departmentId,
    label: unitName(d.departmentId),
  }));
  const first = depts[0]?.value;
  return {
    verify: [
      '核查',
      {
        title: '核查部门办理情况',
        fields: [
          {
            name: 'departmentId',
            label: '部门',
            kind: 'select',
            options: depts,
            required: true,
            initial: first,
          },
          { name: 'passed', label: '核查通过', kind: 'yesno', required: true, initial: true },
          { name: 'note', label: '核查意见', kind: 'textarea', required: true },
          { name: 'redoBy', label: '未通过时重新完成期限', kind: 'datetime' },
        ],
      },
    ],
    close: [
      '关闭',
      {
        title: '关闭吹哨',
        fields: [
          {
            name: 'outcome',
            label: '结果',
            kind: 'select',
            options: [
              { value: 'solved', label: '已解决' },
              { value: 'unsolved', label: '未解决' },
            ],
            required: true,
            initial: 'solved',
          },
          { name: 'summary', label: '总结', kind: 'textarea', required: true },
        ],
      },
    ],
    escalate: [
      '上报区级',
      {
        title: '上报区级（启动区级吹哨）',
        fields: [{ name: 'reason', label: '上报理由', kind: 'textarea', required: true }],
      },
    ],
    'department-rating': [
      '考核部门',
      {
        title: '一哨一考核',
        fields: [
          {
            name: 'departmentId',
            label: '部门',
            kind: 'select',
            options: depts,
            required: true,
            initial: first,
          },
          { name: 'timeliness', label: '及时性（1–5）', kind: 'mark', required: true, initial: 5 },
          { name: 'commitment', label: '履诺（1–5）', kind: 'mark', required: true, initial: 5 },
          { name: 'result', label: '效果（1–5）', kind: 'mark', required: true, initial: 5 },
          { name: 'comment', label: '评语', kind: 'textarea' },
        ],
      },
    ],
    'public-rating': [
      '记录群众评价',
      {
        title: '群众/代表评价',
        fields: [
          {
            name: 'rater',
            label: '评价人',
            kind: 'select',
            options: [
              { value: 'resident', label: '居民' },
              { value: 'deputy', label: '人大代表' },
            ],
            required: true,
            initial: 'resident',
          },
          {
            name: 'satisfaction',
            label: '满意度',
            kind: 'select',
            options: options(SATISFACTION),
            required: true,
            initial: 'satisfied',
          },
          { name: 'comment', label: '意见', kind: 'textarea' },
        ],
      },
    ],
  };
}

/** The actions the console offers now; the whistle's workflow decides and explains a refusal. */
export function whistleActionsFor(
  w: WhistleState,
  claims: Pick<Claims, 'role' | 'unitId'>,
): WhistleAction[] {
  const mine = w.departments.find((d) => d.departmentId === claims.unitId);
  const actions: WhistleAction[] = [];
  if (claims.role === 'unit' && mine) {
    if (mine.status === 'summoned') actions.push('report');
    if (mine.status === 'reported') actions.push('commit');
    if (mine.status === 'committed') actions.push('progress', 'complete');
    if (!mine.precision && mine.status !== 'summoned') actions.push('precision-rating');
  }
  const owner =
    claims.role === 'supervisor' || (claims.role === 'unit' && claims.unitId === w.ownerUnitId);
  if (owner) {
    if (w.status === 'open') {
      if (w.departments.some((d) => d.status === 'completed')) actions.push('verify');
      actions.push('close', 'escalate');
    }
    if (w.status === 'closed') actions.push('department-rating', 'public-rating');
  }
  return actions;
}

export default function WhistlePage({ claims }: { claims: Claims }) {
  const { whistleId = '' } = useParams();
  const queryClient = useQueryClient();
  const whistle = useQuery({
    queryKey: ['whistle', whistleId],
    queryFn: () => getWhistle(whistleId),
    refetchInterval: 5_000,
  });
  if (whistle.isLoading) return <Loading />;
  if (whistle.error) return <ErrorAlert error={whistle.error} />;
  const w = whistle.data!;
  const specs = { ...departmentSpecs(), ...streetSpecs(w.departments) };
  const actions = whistleActionsFor(w, claims);

  async function run(action: WhistleAction, body: Record<string, unknown>) {
    const next = await whistleAction(whistleId, action, body);
    queryClient.setQueryData(['whistle', whistleId], next);
    void queryClient.invalidateQueries({ queryKey: ['whistles'] });
  }

  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      <Space wrap align="center">
        <Typography.Title level={2} className="page-title" style={{ marginBottom: 0 }}>
          吹哨 {w.title}
        </Typography.Title>
        <Tag color={w.status === 'open' ? 'blue' : 'default'} data-testid="whistle-status">
          {whistleStatus(w.status)}
        </Tag>
        <TemporalLink workflowId={w.whistleId} />
      </Space>
      {actions.length > 0 && (
        <Card size="small" title="可执行操作">
          <div className="action-bar" role="group" aria-label="吹哨操作">
            {actions.map((a, i) => {
              const [label, spec] = specs[a]!;
              return (
                <ActionButton
                  key={a}
                  label={label}
                  spec={spec}
                  primary={i === 0}
                  run={(body) => run(a, body)}
                />
              );
            })}
          </div>
        </Card>
      )}
      <Card size="small" title="吹哨信息">
        <Descriptions size="small" bordered column={{ xs: 1, md: 2, lg: 3 }}>
          <Descriptions.Item label="编号">{w.whistleId}</Descriptions.Item>
          <Descriptions.Item label="哨类">{whistleType(w.whistleType)}</Descriptions.Item>
          <Descriptions.Item label="级别">
            {w.level === 'district' ? '区级' : '街道'}
          </Descriptions.Item>
          <Descriptions.Item label="街道">{placeName(w.streetId)}</Descriptions.Item>
          <Descriptions.Item label="事项">{matterName(w.matterTypeCode)}</Descriptions.Item>
          <Descriptions.Item label="地点">{w.place.address}</Descriptions.Item>
          <Descriptions.Item label="报到时限">{formatTime(w.reportBy)}</Descriptions.Item>
          <Descriptions.Item label="结果">
            {w.outcome ?? '—'}
            {w.closingSummary ? `：${w.closingSummary}` : ''}
          </Descriptions.Item>
          <Descriptions.Item label="关联工单">
            {w.linkedOrderIds.map((id) => (
              <Link key={id} to={`/orders/${id}`} style={{ marginRight: 8 }}>
                {id}
              </Link>
            ))}
            {w.linkedOrderIds.length === 0 && '—'}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title="部门报到记录">
        <section aria-label="部门报到记录">
          <Table<WhistleDepartment>
            size="small"
            rowKey="departmentId"
            pagination={false}
            scroll={{ x: 800 }}
            dataSource={w.departments}
            columns={[
              { title: '部门', dataIndex: 'departmentId', render: unitName, ellipsis: true },
              {
                title: '状态',
                dataIndex: 'status',
                render: (s: string) => <Tag>{departmentStatus(s)}</Tag>,
                width: 80,
              },
              {
                title: '报到',
                key: 'r',
                render: (_: unknown, d) =>
                  d.report
                    ? `${d.report.representative}（${REPORT_MODE[d.report.mode] ?? d.report.mode}）${formatTime(d.report.at)}`
                    : '—',
              },
              {
                title: '表态',
                key: 'c',
                render: (_: unknown, d) =>
                  d.commitment
                    ? `${d.commitment.measures}，${formatTime(d.commitment.dueBy)}前`
                    : '—',
              },
              {
                title: '完成',
                key: 'f',
                render: (_: unknown, d) => (d.completion ? d.completion.summary : '—'),
              },
              {
                title: '核查',
                key: 'v',
                render: (_: unknown, d) =>
                  d.verification ? (d.verification.passed ? '通过' : '未通过') : '—',
                width: 70,
              },
              {
                title: '考核',
                key: 's',
                render: (_: unknown, d) =>
                  d.rating
                    ? `${d.rating.timeliness}/${d.rating.commitment}/${d.rating.result}`
                    : '—',
                width: 70,
              },
              {
                title: '记录',
                key: 'm',
                render: (_: unknown, d) =>
                  d.misses.map((m) => (
                    <Tag color="red" key={m}>
                      {m === 'report' ? '漏报到' : m === 'commitment' ? '漏表态' : '逾期'}
                    </Tag>
                  )),
                width: 90,
              },
            ]}
          />
        </section>
      </Card>
      <Card size="small" title="过程">
        <section aria-label="吹哨过程">
          <Timeline
            items={(w.timeline ?? []).map((e) => ({
              key: `${e.sequence}-${e.type}-${e.at}`,
              color: e.type === 'ActionRefused' ? 'red' : 'blue',
              children: (
                <span>
                  <b>{eventLabel(e.type)}</b> {formatTime(e.at)}{' '}
                  {typeof e.detail?.departmentId === 'string'
                    ? unitName(e.detail.departmentId)
                    : ''}
                </span>
              ),
            }))}
          />
        </section>
      </Card>
    </Space>
  );
}
