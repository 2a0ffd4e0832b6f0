import { useQueries, useQuery } from '@tanstack/react-query';
import {
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Row,
  Segmented,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { api, call } from '../../api/client';
import type {
  CityRankedEntry,
  CityRanking,
  HotspotsPage,
  MonthlyTopics,
  PushDowns,
  ScoresPage,
} from '../../api/models';
import type { Claims } from '../../auth/session';
import { Chart } from '../../components/Chart';
import { CursorPager, ErrorAlert, Loading, useCursor } from '../../components/common';
import { formatTime, percent } from '../../lib/labels';
import { monthsUpTo, shanghaiMonth } from '../../lib/months';
import {
  LEVEL_LABEL,
  type PushDownRow,
  pushDownRows,
  type RankingLevel,
  rankingChoices,
  rankingSections,
  rankingsQuery,
} from '../../lib/rankings';
import {
  DISTRICTS,
  districtName,
  matterName,
  placeName,
  unitName,
  UNITS,
} from '../../lib/reference';
import { PowerUsageTab } from './PowerUsageTab';

/** 考核分析: the monthly 三率 ranking, hotspots (未诉先办) and the monthly topic (每月一题). */
export default function AnalysisPage({ claims }: { claims: Claims }) {
  const [month, setMonth] = useState(() => shanghaiMonth(new Date()));
  return (
    <>
      <Space wrap style={{ marginBottom: 8 }}>
        <Typography.Title level={2} className="page-title" style={{ marginBottom: 0 }}>
          考核分析
        </Typography.Title>
        <DatePicker
          picker="month"
          aria-label="月份"
          allowClear={false}
          value={dayjs(`${month}-01`)}
          onChange={(d) => d && setMonth(d.format('YYYY-MM'))}
        />
      </Space>
      <Tabs
        destroyOnHidden
        items={[
          {
            key: 'ranking',
            label: '三率排名',
            children: <RankingTab month={month} claims={claims} />,
          },
          {
            key: 'powers',
            label: '执法职权',
            children: <PowerUsageTab month={month} claims={claims} />,
          },
          { key: 'hotspots', label: '热点', children: <HotspotsTab /> },
          { key: 'topics', label: '每月一题', children: <TopicsTab month={month} /> },
        ]}
      />
    </>
  );
}

function RankingTab({ month, claims }: { month: string; claims: Claims }) {
  const choices = useMemo(() => rankingChoices(claims, DISTRICTS), [claims]);
  const [level, setLevel] = useState<RankingLevel>(choices.level);
  const [district, setDistrict] = useState(choices.district);
  const query = rankingsQuery(month, level, district);
  const ranking = useQuery({
    queryKey: ['rankings', query],
    // Callbacks recorded elsewhere move the month's rates: the board keeps itself current.
    refetchInterval: 15_000,
    placeholderData: (p) => p,
    queryFn: async () =>
      (await call(api.GET('/views/scores/rankings', { params: { query } }))) as CityRanking,
  });
  const [unit, setUnit] = useState<string>();
  const sections = rankingSections(
    ranking.data?.groups as Partial<Record<string, CityRankedEntry[]>> | undefined,
    level,
  );
  const chosen = unit ?? sections.flatMap((s) => s.rows)[0]?.id;
  const districts = (ranking.data?.districts ?? []) as CityRankedEntry[];
  const unranked = ranking.data?.unranked ?? [];
  const rateColumns = [
    {
      title: '综合',
      dataIndex: 'composite',
      render: (v: number) => v?.toFixed(2),
      width: 70,
    },
    { title: '响应率', dataIndex: 'responseRate', render: percent, width: 80 },
    { title: '解决率', dataIndex: 'resolutionRate', render: percent, width: 80 },
    { title: '满意率', dataIndex: 'satisfactionRate', render: percent, width: 80 },
    { title: '计入', dataIndex: 'counted', width: 56 },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      <Space wrap>
        <Segmented<RankingLevel>
          aria-label="排名层级"
          value={level}
          onChange={setLevel}
          options={choices.levels.map((l) => ({ value: l, label: `${LEVEL_LABEL[l]}排名` }))}
        />
        {level === 'district' && (
          <Select
            aria-label="区"
            style={{ width: 140 }}
            value={district}
            disabled={choices.fixed}
            onChange={setDistrict}
            options={DISTRICTS.map((d) => ({ value: d.id, label: d.name }))}
          />
        )}
      </Space>
      {ranking.error ? (
        <ErrorAlert error={ranking.error} title="排名加载失败" />
      ) : ranking.isLoading ? (
        <Loading />
      ) : (
        <>
          {level === 'city' && (
            <Card size="small" title="各区排名（按所属单位合计）">
              <section aria-label="各区排名">
                <Table<CityRankedEntry>
                  size="small"
                  rowKey="id"
                  pagination={false}
                  dataSource={districts}
                  locale={{ emptyText: '本月暂无各区考核数据' }}
                  scroll={{ x: 560 }}
                  columns={[
                    { title: '名次', dataIndex: 'rank', width: 56 },
                    { title: '区', dataIndex: 'name' },
                    ...rateColumns,
                  ]}
                />
              </section>
            </Card>
          )}
          <Row gutter={[16, 16]}>
            {sections.map(({ key, label, rows }) => (
              <Col xs={24} xl={12} key={key}>
                <Card size="small" title={`${label}排名`}>
                  <section aria-label={`${label}排名`}>
                    <Table<CityRankedEntry>
                      size="small"
                      rowKey="id"
                      dataSource={rows}
                      pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
                      locale={{ emptyText: '本月暂无考核数据' }}
                      scroll={{ x: 640 }}
                      onRow={(r) => ({
                        onClick: () => setUnit(r.id),
                        style: { cursor: 'pointer' },
                      })}
                      columns={[
                        { title: '名次', dataIndex: 'rank', width: 56 },
                        {
                          title: '单位',
                          dataIndex: 'name',
                          ellipsis: true,
                          // A button, so the chart can be chosen by keyboard too.
                          render: (name: string, r) => (
                            <Button
                              type="link"
                              size="small"
                              style={{ padding: 0 }}
                              aria-label={`查看${name}走势`}
                              onClick={() => setUnit(r.id)}
                            >
                              {name}
                            </Button>
                          ),
                        },
                        ...(level === 'city' && !key.startsWith('city')
                          ? [
                              {
                                title: '区',
                                dataIndex: 'districtId',
                                render: districtName,
                                width: 72,
                              },
                            ]
                          : []),
                        ...rateColumns,
                      ]}
                    />
                  </section>
                </Card>
              </Col>
            ))}
          </Row>
          {unranked.length > 0 && (
            // City-wide the list runs to a hundred units: folded, opened by click or keyboard.
            <details className="unranked">
              <summary>
                <Typography.Text type="secondary">
                  未排名（本月无计入考核的工单）：{unranked.length} 个单位
                </Typography.Text>
              </summary>
              <Typography.Paragraph type="secondary" style={{ marginTop: 4 }}>
                {unranked.map(unitName).join('、')}
              </Typography.Paragraph>
            </details>
          )}
        </>
      )}
      <PushDownsCard month={month} district={level === 'district' ? district : undefined} />
      <Card
        size="small"
        title="单位月度走势"
        extra={
          <Select
            aria-label="选择单位"
            showSearch
            optionFilterProp="label"
            style={{ width: 260 }}
            value={chosen}
            onChange={setUnit}
            placeholder="选择单位"
            options={UNITS.map((u) => ({ value: u.id, label: u.name }))}
          />
        }
      >
        {chosen ? (
          <UnitTrend unitId={chosen} month={month} />
        ) : (
          <Empty description="选择一个单位查看走势" />
        )}
      </Card>
    </Space>
  );
}

/** 自上而下派回街道: push-downs recorded on the month's orders, and those without a reason. */
function PushDownsCard({ month, district }: { month: string; district?: string }) {
  const pushDowns = useQuery({
    queryKey: ['push-downs', month, district],
    queryFn: async () =>
      (await call(
        api.GET('/views/scores/push-downs', {
          params: { query: { month, ...(district ? { district } : {}) } },
        }),
      )) as unknown as PushDowns,
  });
  return (
    <Card size="small" title="自上而下派回街道（无理由派回）">
      {pushDowns.error ? (
        <ErrorAlert error={pushDowns.error} title="派回街道统计加载失败" />
      ) : pushDowns.isLoading ? (
        <Loading />
      ) : (
        <section aria-label="派回街道统计">
          <Table<PushDownRow>
            size="small"
            rowKey="key"
            pagination={false}
            dataSource={pushDownRows(pushDowns.data?.districts ?? [])}
            locale={{ emptyText: '本月没有派回街道的工单' }}
            scroll={{ x: 520 }}
            columns={[
              {
                title: '区',
                dataIndex: 'districtId',
                render: (id: string | null, r) => (r.key === 'total' ? '合计' : districtName(id)),
              },
              { title: '涉及工单', dataIndex: 'orders', width: 90 },
              { title: '派回次数', dataIndex: 'pushDowns', width: 90 },
              { title: '无理由派回', dataIndex: 'flagged', width: 100 },
              { title: '无理由占比', dataIndex: 'flaggedShare', width: 100 },
            ]}
          />
        </section>
      )}
    </Card>
  );
}

function UnitTrend({ unitId, month }: { unitId: string; month: string }) {
  const months = monthsUpTo(month, 6);
  const results = useQueries({
    queries: months.map((m) => ({
      queryKey: ['scores', unitId, m],
      // The month shown moves with callbacks, as the ranking above; earlier months are settled.
      refetchInterval: m === month ? 15_000 : (false as const),
      queryFn: async () =>
        (await call(
          api.GET('/views/scores', { params: { query: { month: m, unit: unitId, limit: 1 } } }),
        )) as ScoresPage,
    })),
  });
  const loading = results.some((r) => r.isLoading);
  const error = results.find((r) => r.error)?.error;
  const option = useMemo(() => {
    const row = (i: number) => results[i]?.data?.items?.[0];
    const series = (name: string, pick: (i: number) => number | null | undefined, scale = 100) => ({
      name,
      type: 'line' as const,
      connectNulls: true,
      data: months.map((_, i) => {
        const v = pick(i);
        return v == null ? null : Number((v * scale).toFixed(1));
      }),
    });
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 36, bottom: 24 },
      xAxis: { type: 'category', data: months },
      yAxis: { type: 'value', min: 0, max: 100 },
      series: [
        series('综合得分', (i) => row(i)?.composite, 1),
        series('响应率%', (i) => row(i)?.responseRate),
        series('解决率%', (i) => row(i)?.resolutionRate),
        series('满意率%', (i) => row(i)?.satisfactionRate),
      ],
    };
  }, [results.map((r) => r.dataUpdatedAt).join(), unitId, month]);
  if (error) return <ErrorAlert error={error} />;
  if (loading) return <Loading />;
  return <Chart option={option} label={`${unitName(unitId)}近六个月三率走势`} />;
}

function HotspotsTab() {
  const pager = useCursor();
  const hotspots = useQuery({
    queryKey: ['hotspots', pager.cursor],
    placeholderData: (p) => p,
    queryFn: async () =>
      (await call(
        api.GET('/views/hotspots', {
          params: { query: { limit: 20, ...(pager.cursor ? { cursor: pager.cursor } : {}) } },
        }),
      )) as HotspotsPage,
  });
  if (hotspots.error) return <ErrorAlert error={hotspots.error} />;
  if (hotspots.isLoading) return <Loading />;
  type Hotspot = NonNullable<HotspotsPage['items']>[number];
  return (
    <Card size="small" title="热点（同一社区同类诉求集中）">
      <section aria-label="热点">
        <Table<Hotspot>
          size="small"
          rowKey={(h) => h.hotspotId ?? ''}
          pagination={false}
          scroll={{ x: 700 }}
          dataSource={hotspots.data?.items ?? []}
          locale={{ emptyText: '暂无热点' }}
          columns={[
            { title: '社区', dataIndex: 'communityId', render: placeName },
            { title: '街道', dataIndex: 'streetId', render: placeName },
            { title: '事项', dataIndex: 'matterTypeCode', render: matterName },
            { title: '工单数', dataIndex: 'orderCount', width: 70 },
            {
              title: '时段',
              key: 'w',
              render: (_: unknown, h) =>
                `${formatTime(h.windowStart)} – ${formatTime(h.windowEnd)}`,
            },
            {
              title: '工单',
              dataIndex: 'orderIds',
              render: (ids: string[] = []) => (
                <Space size={4} wrap>
                  {ids.slice(0, 3).map((id) => (
                    <Link key={id} to={`/orders/${id}`}>
                      {id}
                    </Link>
                  ))}
                  {ids.length > 3 && <Tag>等 {ids.length} 件</Tag>}
                </Space>
              ),
            },
          ]}
        />
      </section>
      <CursorPager
        pager={pager}
        nextCursor={hotspots.data?.nextCursor}
        loading={hotspots.isFetching}
      />
    </Card>
  );
}

function TopicsTab({ month }: { month: string }) {
  const topics = useQuery({
    queryKey: ['topics', month],
    queryFn: async () =>
      (await call(
        api.GET('/views/monthly-topics', { params: { query: { month } } }),
      )) as MonthlyTopics,
  });
  if (topics.error) return <ErrorAlert error={topics.error} />;
  if (topics.isLoading) return <Loading />;
  type Candidate = NonNullable<MonthlyTopics['candidates']>[number];
  const candidates = topics.data?.candidates ?? [];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card
        size="small"
        title={`每月一题候选（${topics.data?.month ?? month}，对比 ${topics.data?.comparedWith ?? ''}，共 ${topics.data?.orders ?? 0} 件）`}
      >
        <section aria-label="每月一题候选">
          <Table<Candidate>
            size="small"
            rowKey={(c) => c.matterTypeCode ?? ''}
            pagination={false}
            dataSource={candidates}
            scroll={{ x: 640 }}
            locale={{ emptyText: '本月暂无候选' }}
            columns={[
              {
                title: '事项',
                key: 'm',
                render: (_: unknown, c) => c.matterName ?? matterName(c.matterTypeCode),
              },
              { title: '本月', dataIndex: 'orders', width: 64 },
              { title: '上月', dataIndex: 'previousOrders', width: 64 },
              { title: '增长', dataIndex: 'growth', render: percent, width: 80 },
              {
                title: '入选理由',
                dataIndex: 'reasons',
                render: (r: string[] = []) =>
                  r.map((x) => (
                    <Tag key={x}>{x === 'most_frequent' ? '数量最多' : '增长最快'}</Tag>
                  )),
              },
              {
                title: '集中街道',
                dataIndex: 'topStreets',
                render: (s: { streetId?: string; orders?: number }[] = []) =>
                  s.map((x) => `${placeName(x.streetId)} ${x.orders}`).join('、'),
              },
            ]}
          />
        </section>
      </Card>
      {candidates.length > 0 && (
        <Card size="small" title="候选事项工单量">
          <Chart
            label="每月一题候选事项的本月与上月工单量"
            option={{
              tooltip: { trigger: 'axis' },
              legend: { top: 0 },
              grid: { left: 40, right: 16, top: 36, bottom: 60 },
              xAxis: {
                type: 'category',
                data: candidates.map((c) => c.matterName ?? c.matterTypeCode),
                axisLabel: { interval: 0, rotate: 20 },
              },
              yAxis: { type: 'value' },
              series: [
                { name: '本月', type: 'bar', data: candidates.map((c) => c.orders) },
                { name: '上月', type: 'bar', data: candidates.map((c) => c.previousOrders) },
              ],
            }}
          />
        </Card>
      )}
    </Space>
  );
}
