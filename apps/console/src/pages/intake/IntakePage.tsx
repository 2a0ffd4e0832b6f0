import { SendOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  List,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Link } from 'react-router';
import { api, call } from '../../api/client';
import type { CallerOrder, OrderDetail, SubmittedOrder } from '../../api/models';
import { CountdownTag, ErrorAlert, Loading, TemporalLink } from '../../components/common';
import {
  enterMovesOn,
  type IntakeValues,
  lookupPhone,
  newIdempotencyKey,
  orderRequest,
  PHONE_PATTERN,
} from '../../lib/intake';
import {
  CATEGORY,
  category as categoryLabel,
  filterOutcome,
  formatTime,
  orderStatus,
  REJECT_REASON,
  URGENCY,
} from '../../lib/labels';
import { MATTER_TYPES, matterName, STREETS, unitName } from '../../lib/reference';
import type { ScreeningRequest } from '../../api/screening';
import { SuggestionPanel } from './SuggestionPanel';
import { useDebounced, useScreening } from './useScreening';

const INITIAL: Partial<IntakeValues> = {
  category: 'complaint',
  urgency: 'normal',
  decision: 'suggested',
};

/** 受理: the operator records a call, keyboard first; the suggestion appears as they type. */
export default function IntakePage() {
  const [form] = Form.useForm<IntakeValues>();
  const formRef = useRef<HTMLFormElement>(null);
  const keyRef = useRef(newIdempotencyKey());
  const values = Form.useWatch([], form) as Partial<IntakeValues> | undefined;
  const v = values ?? INITIAL;
  const phone = useDebounced(lookupPhone(v.phone ?? ''), 300);
  const street = STREETS.find((s) => s.id === v.streetId);

  const history = useQuery({
    queryKey: ['by-caller', phone],
    enabled: Boolean(phone),
    queryFn: () =>
      call(
        api.GET('/orders/by-caller', { params: { query: { phone: phone! } } }),
      ) as unknown as Promise<{
        orders: CallerOrder[];
      }>,
  });

  const screeningRequest = useMemo(
    (): ScreeningRequest => ({
      content: v.content ?? '',
      ...(v.address ? { address: v.address } : {}),
      ...(v.category ? { category: v.category } : {}),
      ...(lookupPhone(v.phone ?? '') ? { caller: { phone: v.phone!.trim() } } : {}),
      ...(v.streetId ? { streetId: v.streetId } : {}),
      ...(v.communityId ? { communityId: v.communityId } : {}),
    }),
    [v.content, v.address, v.category, v.phone, v.streetId, v.communityId],
  );
  const screening = useScreening(screeningRequest);

  const queryClient = useQueryClient();
  const submit = useMutation({
    mutationFn: async (values: IntakeValues) =>
      (await call(
        api.POST('/orders', { body: orderRequest(values, keyRef.current) }),
      )) as unknown as SubmittedOrder,
    onSuccess: () => {
      keyRef.current = newIdempotencyKey();
      // The caller's history now holds this order: the next lookup of any number asks again.
      void queryClient.invalidateQueries({ queryKey: ['by-caller'] });
    },
  });
  const [lastCaller, setLastCaller] = useState<string>();

  function onKeyDown(e: KeyboardEvent<HTMLFormElement>) {
    const target = e.target as HTMLElement;
    if (!formRef.current || target.closest('.ant-select')) return;
    if (enterMovesOn(e.nativeEvent, target, formRef.current)) e.preventDefault();
  }

  function newCall() {
    form.resetFields();
    submit.reset();
    setTimeout(() => form.getFieldInstance('phone')?.focus(), 0);
  }

  return (
    <>
      <Typography.Title level={2} className="page-title">
        受理来电
      </Typography.Title>
      <div className="intake-grid">
        <Card title="来电登记" size="small">
          <div ref={(el) => void (formRef.current = el?.querySelector('form') ?? null)}>
            <Form<IntakeValues>
              form={form}
              layout="vertical"
              initialValues={INITIAL}
              onFinish={(values) => {
                setLastCaller(values.phone);
                submit.mutate(values);
              }}
              onKeyDown={onKeyDown}
              requiredMark
              scrollToFirstError
            >
              <Space.Compact block style={{ gap: 8, flexWrap: 'wrap' }}>
                <Form.Item
                  label="来电号码"
                  name="phone"
                  style={{ flex: '1 1 180px' }}
                  rules={[
                    { required: true, message: '请输入来电号码' },
                    { pattern: PHONE_PATTERN, message: '号码为 5–20 位数字' },
                  ]}
                >
                  <Input
                    data-intake-field
                    autoFocus
                    inputMode="tel"
                    autoComplete="off"
                    placeholder="13812341234"
                  />
                </Form.Item>
                <Form.Item
                  label="来电人"
                  name="callerName"
                  style={{ flex: '1 1 160px' }}
                  rules={[{ required: true, message: '请输入来电人称呼' }]}
                >
                  <Input data-intake-field autoComplete="off" placeholder="张女士" />
                </Form.Item>
              </Space.Compact>
              <Space.Compact block style={{ gap: 8, flexWrap: 'wrap' }}>
                <Form.Item
                  label="诉求类型"
                  name="category"
                  style={{ flex: '1 1 140px' }}
                  rules={[{ required: true }]}
                >
                  <Select
                    data-intake-field
                    aria-label="诉求类型"
                    options={Object.entries(CATEGORY).map(([value, label]) => ({ value, label }))}
                  />
                </Form.Item>
                <Form.Item label="紧急程度" name="urgency" style={{ flex: '1 1 120px' }}>
                  <Select
                    aria-label="紧急程度"
                    options={Object.entries(URGENCY).map(([value, label]) => ({ value, label }))}
                  />
                </Form.Item>
              </Space.Compact>
              <Form.Item
                label="诉求内容"
                name="content"
                extra="Enter 进入下一项，Shift+Enter 换行，Ctrl+Enter 提交"
                rules={[
                  { required: true, message: '请输入诉求内容' },
                  { min: 4, message: '诉求内容至少 4 个字' },
                ]}
              >
                <Input.TextArea
                  data-intake-field
                  autoSize={{ minRows: 3, maxRows: 8 }}
                  maxLength={4000}
                  showCount
                />
              </Form.Item>
              <Form.Item
                label="诉求地址"
                name="address"
                rules={[
                  { required: true, message: '请输入地址' },
                  { min: 2, message: '地址至少 2 个字' },
                ]}
              >
                <Input data-intake-field autoComplete="off" placeholder="星湖街道星湖东里3号楼旁" />
              </Form.Item>
              <Space.Compact block style={{ gap: 8, flexWrap: 'wrap' }}>
                <Form.Item label="街道/乡镇" name="streetId" style={{ flex: '1 1 160px' }}>
                  <Select
                    aria-label="街道/乡镇"
                    allowClear
                    showSearch
                    optionFilterProp="label"
                    onChange={() => form.setFieldValue('communityId', undefined)}
                    options={STREETS.map((s) => ({
                      value: s.id,
                      label: s.districtName ? `${s.name}（${s.districtName}）` : s.name,
                    }))}
                  />
                </Form.Item>
                <Form.Item label="社区/村" name="communityId" style={{ flex: '1 1 160px' }}>
                  <Select
                    aria-label="社区/村"
                    allowClear
                    showSearch
                    optionFilterProp="label"
                    disabled={!street}
                    options={(street?.communities ?? []).map((c) => ({
                      value: c.id,
                      label: c.name,
                    }))}
                  />
                </Form.Item>
              </Space.Compact>
              <Form.Item label="事项类型（留空按系统建议）" name="matterTypeCode">
                <Select
                  aria-label="事项类型"
                  allowClear
                  showSearch
                  optionFilterProp="label"
                  options={MATTER_TYPES.map((m) => ({
                    value: m.code,
                    label: `${m.name}（${m.code}）`,
                  }))}
                />
              </Form.Item>
              <Form.Item label="处理决定" name="decision">
                <Select
                  aria-label="处理决定"
                  options={[
                    { value: 'suggested', label: '按过滤网建议' },
                    { value: 'accept', label: '受理派单' },
                    { value: 'rejected', label: '不予受理' },
                    { value: 'merged', label: '并单' },
                    { value: 'answered_directly', label: '直接答复' },
                  ]}
                />
              </Form.Item>
              {v.decision === 'rejected' && (
                <Form.Item
                  label="不予受理原因"
                  name="rejectReason"
                  rules={[{ required: true, message: '请选择原因' }]}
                >
                  <Select
                    aria-label="不予受理原因"
                    options={Object.entries(REJECT_REASON)
                      .slice(0, 5)
                      .map(([value, label]) => ({ value, label }))}
                  />
                </Form.Item>
              )}
              {v.decision === 'merged' && (
                <Form.Item
                  label="并入工单"
                  name="mergeInto"
                  rules={[
                    {
                      required: true,
                      pattern: /^HL\d{8}-\d{7}$/,
                      message: '工单号形如 HL20261123-0000042',
                    },
                  ]}
                >
                  <Input data-intake-field autoComplete="off" />
                </Form.Item>
              )}
              {v.decision && !['suggested', 'accept'].includes(v.decision) && (
                <Form.Item
                  label="说明"
                  name="explanation"
                  rules={[{ required: true, min: 4, message: '说明至少 4 个字' }]}
                >
                  <Input.TextArea data-intake-field autoSize={{ minRows: 2 }} />
                </Form.Item>
              )}
              <Space>
                <Button
                  type="primary"
                  htmlType="submit"
                  icon={<SendOutlined aria-hidden />}
                  loading={submit.isPending}
                >
                  提交受理
                </Button>
                <Button onClick={newCall}>新来电</Button>
              </Space>
            </Form>
          </div>
        </Card>
        <Space direction="vertical" style={{ width: '100%' }} size={16}>
          {submit.error && <ErrorAlert error={submit.error} />}
          {submit.data && <SubmittedCard result={submit.data} />}
          <CallerHistory
            phone={phone}
            loading={history.isLoading}
            error={history.error}
            orders={history.data?.orders}
            justSubmitted={submit.data && lastCaller === phone ? submit.data.orderId : undefined}
          />
          <SuggestionPanel
            screening={screening}
            onPickMatter={(code) => form.setFieldValue('matterTypeCode', code)}
            onPickPlace={(streetId, communityId) =>
              form.setFieldsValue({ streetId, communityId: communityId ?? undefined })
            }
            onMerge={(orderId) => form.setFieldsValue({ decision: 'merged', mergeInto: orderId })}
          />
        </Space>
      </div>
    </>
  );
}

function CallerHistory(props: {
  phone: string | null;
  loading: boolean;
  error: unknown;
  orders?: CallerOrder[];
  justSubmitted?: string;
}) {
  return (
    <Card title="来电人近 90 天工单" size="small" aria-live="polite">
      {!props.phone ? (
        <Typography.Text type="secondary">输入来电号码后显示</Typography.Text>
      ) : props.loading ? (
        <Loading tip="查询来电记录…" />
      ) : props.error ? (
        <ErrorAlert error={props.error} />
      ) : !props.orders?.length ? (
        <Typography.Text type="secondary">无历史工单</Typography.Text>
      ) : (
        <section aria-label="来电人历史工单">
          <List
            size="small"
            dataSource={props.orders.slice(0, 8)}
            renderItem={(o) => (
              <List.Item>
                <Space wrap>
                  <Link to={`/orders/${o.orderId}`}>{o.orderId}</Link>
                  <span>{formatTime(o.receivedAt)}</span>
                  <Tag>{categoryLabel(o.category)}</Tag>
                  <span>{matterName(o.matterTypeCode)}</span>
                  <Tag color={o.status === 'closed' ? 'default' : 'blue'}>
                    {orderStatus(o.status)}
                  </Tag>
                  {o.screening !== 'accept' && (
                    <Tag color="purple">{filterOutcome(o.screening)}</Tag>
                  )}
                </Space>
              </List.Item>
            )}
          />
        </section>
      )}
    </Card>
  );
}

/** The new order: its number, what the filter said, and (once dispatched) lead unit and limits. */
function SubmittedCard({ result }: { result: SubmittedOrder }) {
  const detail = useQuery({
    queryKey: ['order', result.orderId],
    queryFn: () =>
      call(
        api.GET('/orders/{orderId}', { params: { path: { orderId: result.orderId } } }),
      ) as unknown as Promise<OrderDetail>,
    refetchInterval: (q) => {
      const s = (q.state.data as OrderDetail | undefined)?.state;
      return s && s.status !== 'received' ? false : 1000;
    },
  });
  const s = detail.data?.state;
  const suggestion = result.screening?.suggestion;
  return (
    <Card
      size="small"
      title={result.created ? '已受理' : '该来电已受理过'}
      extra={<TemporalLink workflowId={result.orderId} />}
      aria-label="受理结果"
    >
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label="工单号">
          <Link to={`/orders/${result.orderId}`} data-testid="new-order-id">
            {result.orderId}
          </Link>
        </Descriptions.Item>
        {suggestion && (
          <Descriptions.Item label="过滤网建议">
            <Space direction="vertical" size={2}>
              <span>
                <Tag color={suggestion.kind === 'accept' ? 'green' : 'purple'}>
                  {filterOutcome(suggestion.kind)}
                </Tag>
                {suggestion.riskToLife && <Tag color="red">危及生命：立即联动 110/120</Tag>}
              </span>
              <span className="filter-explanation">{suggestion.explanation}</span>
              {suggestion.guidanceForCaller && (
                <span>答复来电人：{suggestion.guidanceForCaller}</span>
              )}
            </Space>
          </Descriptions.Item>
        )}
        {suggestion?.knowledgeBaseEntry?.answer && (
          <Descriptions.Item label="知识库答复（请向来电人宣读）">
            {suggestion.knowledgeBaseEntry.answer}
          </Descriptions.Item>
        )}
        <Descriptions.Item label="事项">
          {matterName(result.screening?.matterTypeCode ?? s?.matterTypeCode)}
        </Descriptions.Item>
        <Descriptions.Item label="状态">
          {s ? orderStatus(s.status) : <Loading tip="派单中…" />}
        </Descriptions.Item>
        <Descriptions.Item label="主办单位">
          {s?.leadUnitId ? unitName(s.leadUnitId) : '—'}
        </Descriptions.Item>
        {s?.deadlines.acknowledgeBy && (
          <Descriptions.Item label="签收时限">
            {formatTime(s.deadlines.acknowledgeBy)}{' '}
            <CountdownTag dueAt={s.deadlines.acknowledgeBy} />
          </Descriptions.Item>
        )}
        {s?.deadlines.respondBy && (
          <Descriptions.Item label="响应时限">
            {formatTime(s.deadlines.respondBy)}
          </Descriptions.Item>
        )}
        {s?.deadlines.handleBy && (
          <Descriptions.Item label="办理时限">{formatTime(s.deadlines.handleBy)}</Descriptions.Item>
        )}
      </Descriptions>
      {detail.error && <ErrorAlert error={detail.error} />}
      {!result.created && <Alert type="info" message="同一来电重复提交，未新建工单。" />}
    </Card>
  );
}
