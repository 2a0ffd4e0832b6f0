import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Space, Tag, Timeline, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { getOrder, orderAction } from '../../api/actions';
import type { OrderState, TimelineEntry } from '../../api/models';
import type { Claims } from '../../auth/session';
import { ActionButton } from '../../components/ActionForm';
import { CountdownTag, ErrorAlert, Loading, TemporalLink } from '../../components/common';
import {
  category,
  channel,
  closure,
  eventLabel,
  formatTime,
  orderStatus,
  RESOLUTION,
  satisfaction,
  urgency,
} from '../../lib/labels';
import { ACTION_LABEL, actionPath, availableActions } from '../../lib/order-actions';
import { isStreet, matterName, placeName, unitName } from '../../lib/reference';
import { ORDER_ACTION_SPECS } from './order-action-specs';

const ORDER_ID = /^HL\d{8}-\d{7}$/;

/** The order: state, deadlines, caller (as the API shows it), timeline, and the actions open now. */
export default function OrderPage({ claims }: { claims: Claims }) {
  const { orderId = '' } = useParams();
  const queryClient = useQueryClient();
  const valid = ORDER_ID.test(orderId);
  const detail = useQuery({
    queryKey: ['order', orderId],
    enabled: valid,
    refetchInterval: 5_000,
    queryFn: () => getOrder(orderId),
  });
  if (!valid) return <Alert type="error" showIcon message={`“${orderId}”不是有效的工单号`} />;
  if (detail.isLoading) return <Loading />;
  if (detail.error) return <ErrorAlert error={detail.error} />;
  const { state, view, caller } = detail.data!;
  const status = state?.status ?? view?.status ?? 'received';
  const actions = state ? availableActions(state, claims, isStreet) : [];

  async function act(key: keyof typeof ORDER_ACTION_SPECS, body: Record<string, unknown>) {
    const next = await orderAction(actionPath(key), orderId, body as never);
    queryClient.setQueryData(['order', orderId], { ...detail.data!, state: next });
    void queryClient.invalidateQueries({ queryKey: ['inbox'] });
    void queryClient.invalidateQueries({ queryKey: ['sla'] });
  }

  const d = state?.deadlines;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      <Space wrap align="center">
        <Typography.Title level={2} className="page-title" style={{ marginBottom: 0 }}>
          工单 {orderId}
        </Typography.Title>
        <Tag color={status === 'closed' ? 'default' : 'blue'} data-testid="order-status">
          {orderStatus(status)}
        </Tag>
        {state?.closure && <Tag>{closure(state.closure)}</Tag>}
        {(state?.breaches ?? []).length > 0 && <Tag color="red">已超时</Tag>}
        <TemporalLink workflowId={orderId} />
      </Space>
      {actions.length > 0 && (
        <Card size="small" title="可执行操作">
          <div className="action-bar" role="group" aria-label="工单操作">
            {actions.map((key, i) => (
              <ActionButton
                key={key}
                label={ACTION_LABEL[key]}
                spec={ORDER_ACTION_SPECS[key]}
                primary={i === 0}
                run={(body) => act(key, body)}
              />
            ))}
          </div>
        </Card>
      )}
      <Card size="small" title="工单信息">
        <Descriptions size="small" bordered column={{ xs: 1, sm: 1, md: 2, lg: 3 }}>
          <Descriptions.Item label="诉求类型">
            {category(state?.category ?? view?.category)}
          </Descriptions.Item>
          <Descriptions.Item label="紧急程度">
            {urgency(state?.urgency ?? view?.urgency)}
          </Descriptions.Item>
          <Descriptions.Item label="渠道">{channel(view?.channel)}</Descriptions.Item>
          <Descriptions.Item label="事项">
            {matterName(state?.matterTypeCode ?? view?.matterTypeCode)}
          </Descriptions.Item>
          <Descriptions.Item label="主办单位">
            {unitName(state?.leadUnitId ?? view?.leadUnitId)}
          </Descriptions.Item>
          <Descriptions.Item label="协办单位">
            {(state?.assistingUnitIds ?? []).map(unitName).join('、') || '—'}
          </Descriptions.Item>
          <Descriptions.Item label="地址" span={2}>
            {state?.location.address ?? view?.address}（
            {placeName(state?.location.streetId ?? view?.streetId)}{' '}
            {placeName(state?.location.communityId ?? view?.communityId)}）
          </Descriptions.Item>
          <Descriptions.Item label="受理时间">
            {formatTime(state?.receivedAt ?? view?.receivedAt)}
          </Descriptions.Item>
          <Descriptions.Item label="来电人">
            {caller ? (
              <span>
                {caller.name ?? ''} {caller.phone} {caller.masked && <Tag>已脱敏</Tag>}
              </span>
            ) : (
              '—'
            )}
          </Descriptions.Item>
          <Descriptions.Item label="诉求内容" span={3}>
            {caller?.originalContent ?? view?.content ?? '—'}
          </Descriptions.Item>
          {state?.resolution && (
            <Descriptions.Item label="办理结果" span={3}>
              {RESOLUTION[state.resolution.outcome] ?? state.resolution.outcome}：
              {state.resolution.summary}
            </Descriptions.Item>
          )}
          {state?.callback && (
            <Descriptions.Item label="回访" span={3}>
              {state.callback.answered
                ? `已联系；${state.callback.solved ? '已解决' : '未解决'}；${satisfaction(state.callback.satisfaction)}`
                : '未接通'}
            </Descriptions.Item>
          )}
          {state?.extension && (
            <Descriptions.Item label="延期" span={3}>
              {state.extension.status === 'pending'
                ? '待审批'
                : state.extension.status === 'approved'
                  ? '已同意'
                  : '未同意'}
              ：延至 {formatTime(state.extension.requestedHandleBy)}（{state.extension.reason}）
            </Descriptions.Item>
          )}
          {state?.exclusion && (
            <Descriptions.Item label="剔除申请" span={3}>
              {state.exclusion.status === 'pending'
                ? '待审批'
                : state.exclusion.status === 'approved'
                  ? '已同意'
                  : '未同意'}
              ：{state.exclusion.explanation}
            </Descriptions.Item>
          )}
          {state?.whistle && (
            <Descriptions.Item label="吹哨" span={3}>
              <Link to={`/whistles/${state.whistle.whistleId}`}>{state.whistle.whistleId}</Link>（
              {state.whistle.status}）
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      {d && status !== 'closed' && (
        <Card size="small" title="时限">
          <Space wrap>
            {d.acknowledgeBy && !state?.acknowledgedAt && (
              <CountdownTag dueAt={d.acknowledgeBy} kind="acknowledge" />
            )}
            {d.returnBy && status === 'dispatched' && (
              <CountdownTag dueAt={d.returnBy} kind="return" />
            )}
            {d.respondBy && !state?.respondedAt && (
              <CountdownTag dueAt={d.respondBy} kind="response" />
            )}
            {d.handleBy && !state?.resolvedAt && (
              <CountdownTag dueAt={d.handleBy} kind="handling" />
            )}
            {d.callbackDueAt && status === 'resolved' && (
              <CountdownTag dueAt={d.callbackDueAt} kind="callback" />
            )}
          </Space>
        </Card>
      )}
      <Card size="small" title="办理过程">
        <OrderTimeline entries={state?.timeline ?? []} />
      </Card>
    </Space>
  );
}

const DETAIL_KEYS: [string, string][] = [
  ['leadUnitId', '主办'],
  ['unitId', '单位'],
  ['reason', '原因'],
  ['explanation', '说明'],
  ['note', '说明'],
  ['summary', '情况'],
  ['outcome', '结果'],
  ['satisfaction', '满意度'],
  ['kind', '类型'],
  ['message', '原因'],
];

function describe(detail: Record<string, unknown>): string {
  return DETAIL_KEYS.filter(
    ([k]) => typeof detail[k] === 'string' || typeof detail[k] === 'boolean',
  )
    .map(([k, label]) => {
      const v = String(detail[k]);
      const shown =
        k.endsWith('UnitId') || k === 'unitId'
          ? unitName(v)
          : k === 'satisfaction'
            ? satisfaction(v)
            : k === 'outcome'
              ? (RESOLUTION[v] ?? v)
              : v;
      return `${label}：${shown}`;
    })
    .join('；');
}

export function OrderTimeline({ entries }: { entries: TimelineEntry[] }) {
  if (!entries.length) return <Typography.Text type="secondary">暂无记录</Typography.Text>;
  return (
    <section aria-label="办理过程">
      <Timeline
        items={entries.map((e) => ({
          key: `${e.sequence}-${e.type}-${e.at}`,
          color:
            e.type === 'ActionRefused' || e.type === 'DeadlineBreached'
              ? 'red'
              : e.type === 'OrderClosed'
                ? 'gray'
                : 'blue',
          children: (
            <div>
              <b>{eventLabel(e.type)}</b>{' '}
              <Typography.Text type="secondary">{formatTime(e.at)}</Typography.Text>
              <div>{describe(e.detail ?? {})}</div>
            </div>
          ),
        }))}
      />
    </section>
  );
}

export type { OrderState };
