import { useQuery } from '@tanstack/react-query';
import { Card, Segmented, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, call } from '../../api/client';
import type { OrderView, OrderViewPage, SlaBoardPage, SlaItem } from '../../api/models';
import type { Claims } from '../../auth/session';
import {
  CountdownTag,
  CursorPager,
  ErrorAlert,
  Loading,
  TemporalLink,
  useCursor,
} from '../../components/common';
import { deadline, formatTime, orderStatus, urgency } from '../../lib/labels';
import { matterName, unitName } from '../../lib/reference';

const SLA_VIEWS = [
  { value: 'due_soon', label: '即将超时' },
  { value: 'overdue', label: '已超时' },
  { value: 'breached', label: '曾超时' },
  { value: 'escalated', label: '已督办' },
  { value: 'all', label: '全部' },
] as const;
type SlaView = (typeof SLA_VIEWS)[number]['value'];

/** 指挥中心: the SLA board and the centre's queues; each order opens on its page to act. */
export default function CommandCentrePage({ claims }: { claims: Claims }) {
  return (
    <>
      <Typography.Title level={2} className="page-title">
        指挥中心
      </Typography.Title>
      <Tabs
        destroyOnHidden
        items={[
          { key: 'sla', label: '时限看板', children: <SlaBoard /> },
          {
            key: 'dispatch',
            label: '人工派单',
            children: <OrderQueue status="awaiting_dispatch" empty="无待人工派单工单" />,
          },
          {
            key: 'arbitration',
            label: '争议裁定',
            children: <OrderQueue status="in_arbitration" empty="无待裁定工单" />,
          },
          {
            key: 'decisions',
            label: '延期/剔除审批',
            children: (
              <OrderQueue
                status="acknowledged,responded,in_progress,resolved"
                empty="本页无待审批申请"
                only={(o) => o.extensionStatus === 'pending' || o.exclusionStatus === 'pending'}
              />
            ),
          },
          {
            key: 'callback',
            label: '待回访',
            children: <OrderQueue status="resolved" empty="无待回访工单" />,
          },
          ...(claims.role === 'supervisor' || claims.role === 'auditor'
            ? [{ key: 'all', label: '全部工单', children: <OrderQueue empty="暂无工单" /> }]
            : []),
        ]}
      />
    </>
  );
}

function SlaBoard() {
  const [view, setView] = useState<SlaView>('due_soon');
  const pager = useCursor();
  const board = useQuery({
    queryKey: ['sla', view, pager.cursor],
    refetchInterval: 15_000,
    placeholderData: (p) => p,
    queryFn: async () =>
      (await call(
        api.GET('/views/sla-board', {
          params: { query: { view, limit: 20, ...(pager.cursor ? { cursor: pager.cursor } : {}) } },
        }),
      )) as SlaBoardPage,
  });
  return (
    <Card size="small">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Segmented
          aria-label="看板视图"
          value={view}
          onChange={(v) => {
            setView(v as SlaView);
            pager.reset();
          }}
          options={SLA_VIEWS.map((v) => ({ ...v }))}
        />
        {board.error ? (
          <ErrorAlert error={board.error} />
        ) : board.isLoading ? (
          <Loading />
        ) : (
          <section aria-label="时限看板">
            <Table<SlaItem>
              size="small"
              rowKey="orderId"
              pagination={false}
              scroll={{ x: 900 }}
              dataSource={(board.data?.items ?? []) as SlaItem[]}
              locale={{ emptyText: '暂无工单' }}
              columns={[
                {
                  title: '工单号',
                  dataIndex: 'orderId',
                  render: (id: string) => <Link to={`/orders/${id}`}>{id}</Link>,
                  width: 170,
                },
                {
                  title: '时限',
                  key: 'due',
                  width: 220,
                  render: (_: unknown, o) => <CountdownTag dueAt={o.dueAt} kind={o.dueKind} />,
                },
                { title: '状态', dataIndex: 'status', render: orderStatus, width: 110 },
                { title: '主办单位', dataIndex: 'leadUnitId', render: unitName, ellipsis: true },
                { title: '事项', dataIndex: 'matterTypeCode', render: matterName, ellipsis: true },
                {
                  title: '超时/督办',
                  key: 'b',
                  render: (_: unknown, o) => (
                    <Space size={2} wrap>
                      {o.breaches.map((b) => (
                        <Tag color="red" key={b}>
                          {deadline(b)}超时
                        </Tag>
                      ))}
                      {o.urgeCount > 0 && <Tag color="orange">催办 {o.urgeCount}</Tag>}
                      {o.escalationCount > 0 && <Tag color="volcano">督办 {o.escalationCount}</Tag>}
                    </Space>
                  ),
                },
                {
                  title: '',
                  key: 't',
                  width: 80,
                  render: (_: unknown, o) => <TemporalLink workflowId={o.orderId} />,
                },
              ]}
            />
          </section>
        )}
        <CursorPager pager={pager} nextCursor={board.data?.nextCursor} loading={board.isFetching} />
      </Space>
    </Card>
  );
}

function OrderQueue({
  status,
  empty,
  only,
}: {
  status?: string;
  empty: string;
  only?: (o: OrderView) => boolean;
}) {
  const pager = useCursor();
  const orders = useQuery({
    queryKey: ['orders', status, pager.cursor],
    refetchInterval: 15_000,
    placeholderData: (p) => p,
    queryFn: async () =>
      (await call(
        api.GET('/views/orders', {
          params: {
            query: {
              limit: 20,
              ...(status ? { status } : {}),
              ...(pager.cursor ? { cursor: pager.cursor } : {}),
            },
          },
        }),
      )) as OrderViewPage,
  });
  const items = ((orders.data?.items ?? []) as OrderView[]).filter((o) => !only || only(o));
  return (
    <Card size="small">
      {orders.error ? (
        <ErrorAlert error={orders.error} />
      ) : orders.isLoading ? (
        <Loading />
      ) : (
        <section aria-label="工单队列">
          <Table<OrderView>
            size="small"
            rowKey="orderId"
            pagination={false}
            scroll={{ x: 900 }}
            dataSource={items}
            locale={{ emptyText: empty }}
            columns={[
              {
                title: '工单号',
                dataIndex: 'orderId',
                render: (id: string) => <Link to={`/orders/${id}`}>{id}</Link>,
                width: 170,
              },
              { title: '状态', dataIndex: 'status', render: orderStatus, width: 110 },
              {
                title: '下一时限',
                key: 'due',
                width: 220,
                render: (_: unknown, o) =>
                  o.status === 'closed' ? (
                    '—'
                  ) : (
                    <CountdownTag dueAt={o.nextDueAt} kind={o.nextDueKind} />
                  ),
              },
              { title: '紧急', dataIndex: 'urgency', render: urgency, width: 60 },
              { title: '主办单位', dataIndex: 'leadUnitId', render: unitName, ellipsis: true },
              { title: '事项', dataIndex: 'matterTypeCode', render: matterName, ellipsis: true },
              {
                title: '申请',
                key: 'req',
                render: (_: unknown, o) => (
                  <Space size={2}>
                    {o.extensionStatus === 'pending' && <Tag color="orange">延期待批</Tag>}
                    {o.exclusionStatus === 'pending' && <Tag color="purple">剔除待批</Tag>}
                  </Space>
                ),
              },
              { title: '受理时间', dataIndex: 'receivedAt', render: formatTime, width: 110 },
              {
                title: '',
                key: 't',
                width: 80,
                render: (_: unknown, o) => <TemporalLink workflowId={o.orderId} />,
              },
            ]}
          />
        </section>
      )}
      <CursorPager pager={pager} nextCursor={orders.data?.nextCursor} loading={orders.isFetching} />
    </Card>
  );
}
