import { SoundOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Select, Space } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, api, call } from '../../api/client';
import type { paths } from '../../generated/api-schema';
import { ErrorAlert } from '../../components/common';
import { WHISTLE_TYPE } from '../../lib/labels';
import { MATTER_TYPES, STREETS, UNITS } from '../../lib/reference';

type BlowBody = NonNullable<
  paths['/whistles']['post']['requestBody']
>['content']['application/json'];

interface BlowValues {
  whistleType: BlowBody['whistleType'];
  matterTypeCode: string;
  title: string;
  description: string;
  address: string;
  communityId?: string;
  summonedUnitIds: string[];
  linkedOrderIds?: string;
}

/** The API names a field `summonedUnitIds[CGZF]` or `place.address`; the form's field is its first part. */
export function formFieldOf(apiField: string): string {
  const head = apiField.split(/[.[]/)[0] ?? apiField;
  return head === 'place' ? (apiField.split('.')[1] ?? 'address') : head;
}

/** 吹哨: a street summons departments for a matter on the whistle list; scope errors per field. */
export function BlowWhistleForm({ streetId }: { streetId: string }) {
  const [form] = Form.useForm<BlowValues>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const navigate = useNavigate();
  const street = STREETS.find((s) => s.id === streetId);

  async function blow(v: BlowValues) {
    setBusy(true);
    setError(undefined);
    const body: BlowBody = {
      whistleType: v.whistleType,
      matterTypeCode: v.matterTypeCode,
      title: v.title,
      description: v.description,
      place: { address: v.address, ...(v.communityId ? { communityId: v.communityId } : {}) },
      summonedUnitIds: v.summonedUnitIds,
      ...(v.linkedOrderIds?.trim()
        ? { linkedOrderIds: v.linkedOrderIds.split(/[\s,，]+/).filter(Boolean) }
        : {}),
    };
    try {
      const res = (await call(api.POST('/whistles', { body }))) as unknown as { whistleId: string };
      navigate(`/whistles/${res.whistleId}`);
    } catch (e) {
      setError(e);
      if (e instanceof ApiError && e.fields.length) {
        const byField = new Map<string, string[]>();
        for (const f of e.fields) {
          const name = formFieldOf(f.field);
          byField.set(name, [...(byField.get(name) ?? []), f.message]);
        }
        form.setFields(
          [...byField].map(([name, errors]) => ({ name: name as keyof BlowValues, errors })),
        );
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card size="small" title="吹哨（召集部门报到）">
      <Form<BlowValues>
        form={form}
        layout="vertical"
        onFinish={blow}
        initialValues={{ whistleType: 'routine' }}
      >
        <Space.Compact block style={{ gap: 8, flexWrap: 'wrap' }}>
          <Form.Item
            label="哨类"
            name="whistleType"
            style={{ flex: '1 1 120px' }}
            rules={[{ required: true }]}
          >
            <Select
              aria-label="哨类"
              options={Object.entries(WHISTLE_TYPE).map(([value, label]) => ({ value, label }))}
            />
          </Form.Item>
          <Form.Item
            label="事项（吹哨清单）"
            name="matterTypeCode"
            style={{ flex: '3 1 240px' }}
            rules={[{ required: true, message: '请选择事项' }]}
          >
            <Select
              aria-label="事项"
              showSearch
              optionFilterProp="label"
              options={MATTER_TYPES.map((m) => ({
                value: m.code,
                label: `${m.whistle ? '' : '（不在吹哨清单）'}${m.name}（${m.code}）`,
              }))}
            />
          </Form.Item>
        </Space.Compact>
        <Form.Item
          label="标题"
          name="title"
          rules={[{ required: true, min: 2, message: '标题至少 2 个字' }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          label="情况说明"
          name="description"
          rules={[{ required: true, message: '请填写情况说明' }]}
        >
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
        <Space.Compact block style={{ gap: 8, flexWrap: 'wrap' }}>
          <Form.Item
            label="地点"
            name="address"
            style={{ flex: '2 1 220px' }}
            rules={[{ required: true, min: 2, message: '请填写地点' }]}
          >
            <Input />
          </Form.Item>
          <Form.Item label="社区/村" name="communityId" style={{ flex: '1 1 160px' }}>
            <Select
              aria-label="社区/村"
              allowClear
              options={(street?.communities ?? []).map((c) => ({ value: c.id, label: c.name }))}
            />
          </Form.Item>
        </Space.Compact>
        <Form.Item
          label="召集部门"
          name="summonedUnitIds"
          rules={[{ required: true, message: '至少召集一个部门' }]}
        >
          <Select
            aria-label="召集部门"
            mode="multiple"
            optionFilterProp="label"
            options={UNITS.filter((u) => u.kind === 'department' || u.kind === 'enterprise').map(
              (u) => ({
                value: u.id,
                label: `${u.name}（${u.id}）`,
              }),
            )}
          />
        </Form.Item>
        <Form.Item label="关联工单号（可选，逗号分隔）" name="linkedOrderIds">
          <Input />
        </Form.Item>
        {Boolean(error) && (
          <div style={{ marginBottom: 12 }}>
            <ErrorAlert error={error} />
          </div>
        )}
        <Button
          type="primary"
          htmlType="submit"
          icon={<SoundOutlined aria-hidden />}
          loading={busy}
        >
          吹哨
        </Button>
      </Form>
    </Card>
  );
}
