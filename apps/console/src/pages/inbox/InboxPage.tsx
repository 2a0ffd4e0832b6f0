import { useQuery } from '@tanstack/react-query';
import { Card, Grid, List, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, call } from '../../api/client';
import type { InboxItem, InboxPage as Page } from '../../api/models';
import type { Claims } from '../../auth/session';
import {
  CountdownTag,
  CursorPager,
  ErrorAlert,
  Loading,
  TemporalLink,
  useCursor,
} from '../../components/common';
import {
  category,
  formatTime,
  nextAction,
  NEXT_ACTION,
  orderStatus,
  urgency,
} from '../../lib/labels';
import { matterName, unitName } from '../../lib/reference';

/** Which deadline the inbox counts down to for what is due next. */
export function dueKindOf(item: Pick<InboxItem, 'nextAction'>): string {
  switch (item.nextAction) {
    case 'acknowledge':
      return 'acknowledge';
    case 'respond':
      return 'response';
    case 'await_callback':
      return 'callback';
    default:
      return 'handling';
  }
}

/** 工单箱: the unit's open orders, soonest limit first, with live countdowns. */
export default function InboxPage({ claims }: { claims: Claims }) {
  const unitId = claims.unitId!;
  const pager = useCursor();
  const [filter, setFilter] = useState<string>('all');
  const narrow = !Grid.useBreakpoint().md;
  const inbox = useQuery({
    queryKey: ['inbox', unitId, filter, pager.cursor],
    refetchInterval: 10_000,
    placeholderData: (p) => p,
    queryFn: async () =>
      (await call(
        api.GET('/views/units/{unitId}/inbox', {
          params: {
            path: { unitId },
            query: {
              limit: 20,
              ...(pager.cursor ? { cursor: pager.cursor } : {}),
              ...(filter !== 'all' ? { nextAction: filter as 'acknowledge' } : {}),
            },
          },
        }),
      )) as Page,
  });
  const items = (inbox.data?.items ?? []) as InboxItem[];

  return (
    <>
      <Typography.Title level={2} className="page-title">
        工单箱 · {unitName(unitId)}
      </Typography.Title>
      <Card size="small">
        <Space direction="vertical" style={{ width: '100%' }}>
          <Segmented
            aria-label="按待办事项筛选"
            value={filter}
            onChange={(v) => {
              setFilter(String(v));
              pager.reset();
            }}
            options={[
              { value: 'all', label: '全部' },
              ...['acknowledge', 'respond', 'resolve', 'assist'].map((k) => ({
                value: k,
                label: NEXT_ACTION[k]!,
              })),
            ]}
            style={{ overflowX: 'auto', maxWidth: '100%' }}
          />
          {inbox.error ? (
            <ErrorAlert error={inbox.error} />
          ) : inbox.isLoading ? (
            <Loading />
          ) : narrow ? (
            <section aria-label="工单列表">
              <List
                dataSource={items}
                locale={{ emptyText: '暂无待办工单' }}
                renderItem={(o) => (
                  <List.Item>
                    <Space direction="vertical" size={2} style={{ width: '100%' }}>
                      <Space wrap>
                        <Link to={`/orders/${o.orderId}`}>{o.orderId}</Link>
                        <Tag>{nextAction(o.nextAction)}</Tag>
                        {o.urgency !== 'normal' && <Tag color="red">{urgency(o.urgency)}</Tag>}
                      </Space>
                      <CountdownTag dueAt={o.dueAt} kind={dueKindOf(o)} />
                      <Typography.Text type="secondary">
                        {matterName(o.matterTypeCode)} · {o.address}
                      </Typography.Text>
                    </Space>
                  </List.Item>
                )}
              />
            </section>
          ) : (
            <section aria-label="工单列表">
              <Table<InboxItem>
                rowKey={(o) => `${o.orderId}-${o.role}`}
                size="small"
                pagination={false}
                loading={inbox.isFetching && !inbox.isLoading}
                dataSource={items}
                locale={{ emptyText: '暂无待办工单' }}
                scroll={{ x: 1000 }}
                columns={[
                  {
                    title: '工单号',
                    dataIndex: 'orderId',
                    render: (id: string) => <Link to={`/orders/${id}`}>{id}</Link>,
                    width: 170,
                  },
                  {
                    title: '待办',
                    dataIndex: 'nextAction',
                    render: (a: string) => <Tag color="blue">{nextAction(a)}</Tag>,
                    width: 90,
                  },
                  {
                    title: '时限',
                    key: 'due',
                    render: (_: unknown, o) => <CountdownTag dueAt={o.dueAt} kind={dueKindOf(o)} />,
                    width: 200,
                  },
                  { title: '状态', dataIndex: 'status', render: orderStatus, width: 110 },
                  {
                    title: '主/协办',
                    dataIndex: 'role',
                    render: (r: string) => (r === 'lead' ? '主办' : '协办'),
                    width: 70,
                  },
                  {
                    title: '类型',
                    key: 'cat',
                    render: (_: unknown, o) => (
                      <>
                        {category(o.category)}
                        {o.urgency !== 'normal' && (
                          <Tag color="red" style={{ marginLeft: 4 }}>
                            {urgency(o.urgency)}
                          </Tag>
                        )}
                      </>
                    ),
                    width: 100,
                  },
                  {
                    title: '事项',
                    dataIndex: 'matterTypeCode',
                    render: matterName,
                    ellipsis: true,
                  },
                  { title: '地址', dataIndex: 'address', ellipsis: true },
                  { title: '受理时间', dataIndex: 'receivedAt', render: formatTime, width: 110 },
                  {
                    title: '',
                    key: 'ops',
                    render: (_: unknown, o) => <TemporalLink workflowId={o.orderId} />,
                    width: 80,
                  },
                ]}
              />
            </section>
          )}
          <CursorPager
            pager={pager}
            nextCursor={inbox.data?.nextCursor}
            loading={inbox.isFetching}
          />
        </Space>
      </Card>
    </>
  );
}
