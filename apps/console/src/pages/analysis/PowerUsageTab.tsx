import { useQuery } from '@tanstack/react-query';
import { Card, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { api, call } from '../../api/client';
import type { PowerUsage } from '../../api/models';
import type { Claims } from '../../auth/session';
import { ErrorAlert, Loading } from '../../components/common';
import {
  type PowerUsageRow,
  powerUsageQuery,
  powerUsageRows,
  streetsOf,
} from '../../lib/power-usage';
import { DISTRICTS, placeName, POWERS, STREETS } from '../../lib/reference';

/**
 * 执法职权使用情况: how each devolved enforcement power is used in the month, per street —
 * dispatched, closed, closed on time, satisfaction — with each power's totals. The API scopes the
 * rows (a street sees its own, a district centre its district); the filters only narrow them.
 */
export function PowerUsageTab({ month, claims }: { month: string; claims: Claims }) {
  const ownDistrict = claims.level === 'district' ? claims.districtId : undefined;
  const confinedToUnit = claims.role === 'unit';
  const [district, setDistrict] = useState<string | undefined>(ownDistrict);
  const [street, setStreet] = useState<string>();
  const [power, setPower] = useState<string>();
  const query = powerUsageQuery({ month, district, street, power });
  const usage = useQuery({
    queryKey: ['power-usage', query],
    placeholderData: (p) => p,
    queryFn: async () =>
      (await call(api.GET('/views/enforcement-powers/usage', { params: { query } }))) as PowerUsage,
  });
  const rows = useMemo(
    () => powerUsageRows(usage.data?.items ?? [], usage.data?.powers ?? [], placeName),
    [usage.data],
  );
  const streetOptions = streetsOf(STREETS, district).map((s) => ({
    value: s.id,
    label: `${s.name}（${s.districtName}）`,
  }));
  return (
    <Card
      size="small"
      title={`执法职权使用情况（${usage.data?.month ?? month}）`}
      extra={
        <Space wrap>
          {!confinedToUnit && (
            <Select
              aria-label="区"
              allowClear={!ownDistrict}
              disabled={Boolean(ownDistrict)}
              placeholder="全部区"
              style={{ width: 120 }}
              value={district}
              onChange={(d?: string) => {
                setDistrict(d);
                if (street && !streetsOf(STREETS, d).some((s) => s.id === street))
                  setStreet(undefined);
              }}
              options={DISTRICTS.map((d) => ({ value: d.id, label: d.name }))}
            />
          )}
          {!confinedToUnit && (
            <Select
              aria-label="街乡"
              allowClear
              showSearch
              optionFilterProp="label"
              placeholder="全部街乡"
              style={{ width: 200 }}
              value={street}
              onChange={setStreet}
              options={streetOptions}
            />
          )}
          <Select
            aria-label="执法职权"
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder="全部职权"
            style={{ width: 280 }}
            value={power}
            onChange={setPower}
            options={POWERS.map((p) => ({ value: p.id, label: `${p.id} ${p.name}` }))}
          />
        </Space>
      }
    >
      {usage.error ? (
        <ErrorAlert error={usage.error} title="执法职权使用情况加载失败" />
      ) : usage.isLoading ? (
        <Loading />
      ) : (
        <section aria-label="执法职权使用情况">
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            每项职权一行为各街乡合计，展开查看各街乡；按期办结为“按期办结件数/计入考核件数”。
          </Typography.Paragraph>
          <Table<PowerUsageRow>
            size="small"
            rowKey="key"
            dataSource={rows}
            loading={usage.isFetching && !usage.isLoading}
            locale={{ emptyText: '本月暂无下放执法职权的派单' }}
            pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
            scroll={{ x: 820 }}
            expandable={{ indentSize: 16 }}
            columns={[
              {
                title: '职权 / 街乡',
                dataIndex: 'name',
                render: (name: string, r) =>
                  r.kind === 'power' ? (
                    <Space size={4} wrap>
                      <Tag>{r.powerId}</Tag>
                      <span>{name}</span>
                    </Space>
                  ) : (
                    name
                  ),
              },
              {
                title: '街乡数',
                dataIndex: 'streets',
                width: 70,
                render: (v?: number) => v ?? '',
              },
              { title: '派单', dataIndex: 'dispatched', width: 64 },
              { title: '办结', dataIndex: 'closed', width: 64 },
              { title: '按期办结', dataIndex: 'closedOnTime', width: 90 },
              { title: '按期办结率', dataIndex: 'onTimeRate', width: 100 },
              { title: '满意率', dataIndex: 'satisfactionRate', width: 90 },
            ]}
          />
        </section>
      )}
    </Card>
  );
}
