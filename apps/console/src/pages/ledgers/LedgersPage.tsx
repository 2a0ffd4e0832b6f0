import { DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Progress,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api, call } from '../../api/client';
import type { paths } from '../../generated/api-schema';
import type { Claims } from '../../auth/session';
import { ErrorAlert, Loading } from '../../components/common';
import { formatTime } from '../../lib/labels';
import {
  fileNameFromDisposition,
  formatBytes,
  ledgersPending,
  ledgerStatus,
} from '../../lib/ledgers';
import { shanghaiMonth } from '../../lib/months';
import { unitName, UNITS } from '../../lib/reference';

type LedgerList = paths['/ledgers']['get']['responses'][200]['content']['application/json'];
type LedgerJob = NonNullable<LedgerList['items']>[number];
type Format = 'xlsx' | 'pdf';

const LIMITS = [20, 50, 100];

/** Saves a ledger file (the API's Chinese file name), fetched with the session's token. */
async function download(job: LedgerJob, format: Format) {
  const request = api.GET('/ledgers/{ledgerId}/files/{format}', {
    params: { path: { ledgerId: job.ledgerId ?? '', format } },
    parseAs: 'blob',
  });
  const blob = (await call(request)) as unknown as Blob;
  const { response } = await request;
  const name = fileNameFromDisposition(
    response.headers.get('Content-Disposition'),
    `${job.unitId}-电子台账-${job.periodLabel}.${format}`,
  );
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * 电子台账: ask for a unit's ledger for a month, follow the job's progress, download it as XLSX
 * or PDF. A unit sees and asks for its own only (the API enforces it).
 */
export default function LedgersPage({ claims }: { claims: Claims }) {
  const ownUnit = claims.role === 'unit' ? claims.unitId : undefined;
  const [unit, setUnit] = useState<string | undefined>(ownUnit);
  const [month, setMonth] = useState(() => shanghaiMonth(new Date()));
  const [filter, setFilter] = useState<string | undefined>(ownUnit);
  const [limit, setLimit] = useState(LIMITS[0]!);
  const queryClient = useQueryClient();

  const ledgers = useQuery({
    queryKey: ['ledgers', filter, limit],
    placeholderData: (p) => p,
    // Follow the jobs while one is queued or running; then stop asking.
    refetchInterval: (q) => (ledgersPending(q.state.data?.items ?? []) ? 2_000 : false),
    queryFn: async () =>
      (await call(
        api.GET('/ledgers', {
          params: { query: { limit, ...(filter ? { unitId: filter } : {}) } },
        }),
      )) as LedgerList,
  });
  const ask = useMutation({
    mutationFn: async () =>
      (await call(
        api.POST('/ledgers', { body: { unitId: unit ?? '', month } }),
      )) as unknown as LedgerJob,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['ledgers'] }),
  });
  const [downloadError, setDownloadError] = useState<unknown>();
  const [downloading, setDownloading] = useState<string>();
  const get = async (job: LedgerJob, format: Format) => {
    setDownloadError(undefined);
    setDownloading(`${job.ledgerId}/${format}`);
    try {
      await download(job, format);
    } catch (e) {
      setDownloadError(e);
    } finally {
      setDownloading(undefined);
    }
  };
  const unitOptions = UNITS.map((u) => ({ value: u.id, label: `${u.name}（${u.id}）` }));
  const items = ledgers.data?.items ?? [];

  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      <Typography.Title level={2} className="page-title" style={{ marginBottom: 0 }}>
        电子台账
      </Typography.Title>
      <Card size="small" title="生成台账">
        <form
          aria-label="生成台账"
          onSubmit={(e) => {
            e.preventDefault();
            if (unit) ask.mutate();
          }}
        >
          <Space wrap>
            <Select
              aria-label="单位"
              showSearch
              optionFilterProp="label"
              placeholder="选择单位"
              style={{ width: 300 }}
              value={unit}
              disabled={Boolean(ownUnit)}
              onChange={setUnit}
              options={unitOptions}
            />
            <DatePicker
              picker="month"
              aria-label="统计月份"
              allowClear={false}
              value={dayjs(`${month}-01`)}
              onChange={(d) => d && setMonth(d.format('YYYY-MM'))}
            />
            <Button type="primary" htmlType="submit" disabled={!unit} loading={ask.isPending}>
              生成台账
            </Button>
          </Space>
        </form>
        {ask.error && (
          <div style={{ marginTop: 8 }}>
            <ErrorAlert error={ask.error} title="台账申请未被受理" />
          </div>
        )}
        {ask.data && !ask.error && (
          <Alert
            style={{ marginTop: 8 }}
            type="success"
            showIcon
            role="status"
            message={`已提交：${unitName(ask.data.unitId)} ${ask.data.periodLabel ?? month}，正在后台生成，完成后可在下方下载`}
          />
        )}
      </Card>
      <Card
        size="small"
        title="台账记录（最新在前）"
        extra={
          !ownUnit && (
            <Select
              aria-label="按单位查看"
              allowClear
              showSearch
              optionFilterProp="label"
              placeholder="全部单位"
              style={{ width: 260 }}
              value={filter}
              onChange={(v?: string) => {
                setFilter(v);
                setLimit(LIMITS[0]!);
              }}
              options={unitOptions}
            />
          )
        }
      >
        {downloadError ? <ErrorAlert error={downloadError} title="下载失败" /> : null}
        {ledgers.error ? (
          <ErrorAlert error={ledgers.error} title="台账记录加载失败" />
        ) : ledgers.isLoading ? (
          <Loading />
        ) : (
          <section aria-label="台账记录">
            <Table<LedgerJob>
              size="small"
              rowKey={(j) => j.ledgerId ?? ''}
              pagination={false}
              dataSource={items}
              scroll={{ x: 900 }}
              locale={{ emptyText: '还没有申请过台账' }}
              columns={[
                { title: '单位', dataIndex: 'unitId', render: unitName, ellipsis: true },
                { title: '期间', dataIndex: 'periodLabel', width: 130 },
                {
                  title: '进度',
                  key: 'status',
                  width: 220,
                  render: (_: unknown, j) => {
                    const s = ledgerStatus(j.status);
                    return (
                      <Space direction="vertical" size={0} style={{ width: '100%' }}>
                        <Tag color={s.color}>{s.text}</Tag>
                        {(j.status === 'queued' || j.status === 'running') && (
                          <Progress
                            percent={j.progress ?? 0}
                            size="small"
                            aria-label={`生成进度 ${j.progress ?? 0}%`}
                          />
                        )}
                        {j.status === 'running' && j.step && (
                          <Typography.Text type="secondary">{j.step}</Typography.Text>
                        )}
                        {j.status === 'failed' && j.error && (
                          <Typography.Text type="danger">{j.error}</Typography.Text>
                        )}
                      </Space>
                    );
                  },
                },
                {
                  title: '工单/吹哨',
                  key: 'counts',
                  width: 90,
                  render: (_: unknown, j) =>
                    j.status === 'done' ? `${j.orderCount ?? 0} / ${j.whistleCount ?? 0}` : '—',
                },
                {
                  title: '申请时间',
                  dataIndex: 'requestedAt',
                  render: formatTime,
                  width: 160,
                },
                {
                  title: '下载',
                  key: 'files',
                  width: 220,
                  render: (_: unknown, j) =>
                    j.status === 'done' ? (
                      <Space size={4} wrap>
                        {(['xlsx', 'pdf'] as const).map((f) => (
                          <Tooltip
                            key={f}
                            title={`SHA-256：${(f === 'xlsx' ? j.xlsxSha256 : j.pdfSha256) ?? '—'}`}
                          >
                            <Button
                              size="small"
                              icon={<DownloadOutlined aria-hidden />}
                              loading={downloading === `${j.ledgerId}/${f}`}
                              aria-label={`下载${unitName(j.unitId)}${j.periodLabel ?? ''}台账 ${f.toUpperCase()}`}
                              onClick={() => void get(j, f)}
                            >
                              {f.toUpperCase()}{' '}
                              {formatBytes(f === 'xlsx' ? j.xlsxBytes : j.pdfBytes)}
                            </Button>
                          </Tooltip>
                        ))}
                      </Space>
                    ) : (
                      '—'
                    ),
                },
              ]}
            />
            {items.length >= limit && limit < LIMITS[LIMITS.length - 1]! && (
              <Button
                style={{ marginTop: 8 }}
                size="small"
                loading={ledgers.isFetching}
                onClick={() => setLimit(LIMITS[LIMITS.indexOf(limit) + 1]!)}
              >
                显示更多
              </Button>
            )}
          </section>
        )}
      </Card>
    </Space>
  );
}
