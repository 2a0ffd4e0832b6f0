import { useQuery } from '@tanstack/react-query';
import { Card, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, call } from '../../api/client';
import type { WhistleBoardItem, WhistleBoardPage } from '../../api/models';
import type { Claims } from '../../auth/session';
import { CursorPager, ErrorAlert, Loading, TemporalLink, useCursor } from '../../components/common';
import { formatTime, whistleStatus, whistleType } from '../../lib/labels';
import { isStreet, matterName, placeName } from '../../lib/reference';
import { BlowWhistleForm } from './BlowWhistleForm';

const STATUSES = [
  'all',
  'reporting',
  'committing',
  'acting',
  'verifying',
  'verified',
  'escalated',
  'closed',
] as const;

/** 吹哨报到: the whistle board (each department's record on the whistle's page); streets blow here. */
export default function WhistlesPage({ claims }: { claims: Claims }) {
  const [status, setStatus] = useState<(typeof STATUSES)[number]>('all');
  const pager = useCursor();
  const board = useQuery({
    queryKey: ['whistles', status, pager.cursor],
    refetchInterval: 15_000,
    placeholderData: (p) => p,
    queryFn: async () =>
      (await call(
        api.GET('/views/whistles', {
          params: {
            query: {
              limit: 20,
              ...(status !== 'all' ? { status } : {}),
              ...(pager.cursor ? { cursor: pager.cursor } : {}),
            },
          },
        }),
      )) as WhistleBoardPage,
  });
  const street = claims.role === 'unit' && isStreet(claims.unitId);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      <Typography.Title level={2} className="page-title" style={{ marginBottom: 0 }}>
        吹哨报到
      </Typography.Title>
      {street && <BlowWhistleForm streetId={claims.unitId!} />}
      <Card size="small" title="吹哨看板">
        <Space direction="vertical" style={{ width: '100%' }}>
          <Segmented
            aria-label="按状态筛选"
            value={status}
            onChange={(v) => {
              setStatus(v as typeof status);
              pager.reset();
            }}
            options={STATUSES.map((s) => ({
              value: s,
              label: s === 'all' ? '全部' : whistleStatus(s),
            }))}
            style={{ overflowX: 'auto', maxWidth: '100%' }}
          />
          {board.error ? (
            <ErrorAlert error={board.error} />
          ) : board.isLoading ? (
            <Loading />
          ) : (
            <section aria-label="吹哨看板">
              <Table<WhistleBoardItem>
                size="small"
                rowKey="whistleId"
                pagination={false}
                scroll={{ x: 980 }}
                dataSource={(board.data?.items ?? []) as WhistleBoardItem[]}
                locale={{ emptyText: '暂无吹哨' }}
                columns={[
                  {
                    title: '编号',
                    dataIndex: 'whistleId',
                    render: (id: string) => <Link to={`/whistles/${id}`}>{id}</Link>,
                    width: 210,
                  },
                  { title: '标题', dataIndex: 'title', ellipsis: true },
                  { title: '哨类', dataIndex: 'whistleType', render: whistleType, width: 70 },
                  { title: '街道', dataIndex: 'streetId', render: placeName, width: 90 },
                  {
                    title: '事项',
                    dataIndex: 'matterTypeCode',
                    render: matterName,
                    ellipsis: true,
                  },
                  {
                    title: '状态',
                    dataIndex: 'status',
                    render: (s: string) => <Tag>{whistleStatus(s)}</Tag>,
                    width: 80,
                  },
                  {
                    title: '报到/表态/完成/核查',
                    key: 'p',
                    width: 150,
                    render: (_: unknown, w) =>
                      `${w.reported}/${w.committed}/${w.completed}/${w.verified}（共 ${w.departments}）${w.missedReports ? ` 漏报 ${w.missedReports}` : ''}`,
                  },
                  { title: '吹哨时间', dataIndex: 'blownAt', render: formatTime, width: 110 },
                  {
                    title: '',
                    key: 't',
                    width: 80,
                    render: (_: unknown, w) => <TemporalLink workflowId={w.whistleId} />,
                  },
                ]}
              />
            </section>
          )}
          <CursorPager
            pager={pager}
            nextCursor={board.data?.nextCursor}
            loading={board.isFetching}
          />
        </Space>
      </Card>
    </Space>
  );
}
