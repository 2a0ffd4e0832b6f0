import { Button, DatePicker, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useId, useState } from 'react';
import { ErrorAlert } from './common';

export type FieldSpec =
  | {
      name: string;
      label: string;
      kind: 'text' | 'textarea';
      required?: boolean;
      min?: number;
      initial?: string;
    }
  | {
      name: string;
      label: string;
      kind: 'select' | 'multi';
      options: { value: string; label: string }[];
      required?: boolean;
      initial?: string | string[];
    }
  | { name: string; label: string; kind: 'datetime'; required?: boolean }
  | { name: string; label: string; kind: 'yesno'; required?: boolean; initial?: boolean }
  | { name: string; label: string; kind: 'mark'; required?: boolean; initial?: number };

export interface ActionSpec {
  title: string;
  fields: FieldSpec[];
  danger?: boolean;
  /** Form values → request body (datetimes arrive as dayjs). */
  body?(values: Record<string, unknown>): Record<string, unknown>;
}

/** ISO 8601 with the offset, as the API's datetimes require. */
export const isoWithOffset = (d: unknown) =>
  d && typeof (d as Dayjs).format === 'function' ? (d as Dayjs).format() : undefined;

/**
 * One button that opens a form for an action and sends it. A refusal stays in the form with the
 * API's reason and each bad field, so the person can correct it or give up.
 */
export function ActionButton({
  label,
  spec,
  run,
  primary,
}: {
  label: string;
  spec: ActionSpec;
  run(body: Record<string, unknown>): Promise<unknown>;
  primary?: boolean;
}) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [form] = Form.useForm();
  // A form name of its own: field ids (and so labels) stay unique with several actions on a page.
  const formName = `action${useId().replace(/[^A-Za-z0-9]/g, '')}`;

  async function submit(values: Record<string, unknown>) {
    setBusy(true);
    setError(undefined);
    try {
      const converted = Object.fromEntries(
        Object.entries(values)
          .map(([k, v]) => [
            k,
            spec.fields.find((f) => f.name === k)?.kind === 'datetime' ? isoWithOffset(v) : v,
          ])
          .filter(([, v]) => v !== undefined && v !== ''),
      );
      await run(spec.body ? spec.body(converted) : converted);
      setOpen(false);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  async function quick() {
    // An action without fields (签收) needs no form: send at once, show a refusal in a dialog.
    setBusy(true);
    setError(undefined);
    try {
      await run(spec.body ? spec.body({}) : {});
    } catch (e) {
      setError(e);
      setOpen(true);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Button
        type={primary ? 'primary' : 'default'}
        danger={spec.danger}
        loading={busy && !open}
        onClick={() => (spec.fields.length ? setOpen(true) : void quick())}
      >
        {label}
      </Button>
      <Modal
        title={spec.title}
        open={open}
        onCancel={() => {
          setOpen(false);
          setError(undefined);
        }}
        okText={spec.fields.length ? '提交' : '知道了'}
        cancelText="取消"
        confirmLoading={busy}
        onOk={() => (spec.fields.length ? form.submit() : setOpen(false))}
        destroyOnHidden
      >
        {Boolean(error) && (
          <div style={{ marginBottom: 12 }}>
            <ErrorAlert error={error} />
          </div>
        )}
        {spec.fields.length > 0 && (
          <Form
            form={form}
            name={formName}
            layout="vertical"
            onFinish={submit}
            initialValues={Object.fromEntries(
              spec.fields
                .filter((f) => 'initial' in f && f.initial !== undefined)
                .map((f) => [f.name, (f as { initial: unknown }).initial]),
            )}
          >
            {spec.fields.map((f) => (
              <Form.Item
                key={f.name}
                name={f.name}
                label={f.label}
                rules={[
                  ...(f.required ? [{ required: true, message: `请填写${f.label}` }] : []),
                  ...('min' in f && f.min
                    ? [{ min: f.min, message: `${f.label}至少 ${f.min} 个字` }]
                    : []),
                ]}
              >
                {f.kind === 'text' ? (
                  <Input aria-label={f.label} />
                ) : f.kind === 'textarea' ? (
                  <Input.TextArea aria-label={f.label} autoSize={{ minRows: 2, maxRows: 6 }} />
                ) : f.kind === 'select' ? (
                  <Select
                    aria-label={f.label}
                    options={f.options}
                    showSearch
                    optionFilterProp="label"
                  />
                ) : f.kind === 'multi' ? (
                  <Select
                    aria-label={f.label}
                    mode="multiple"
                    options={f.options}
                    optionFilterProp="label"
                  />
                ) : f.kind === 'datetime' ? (
                  <DatePicker
                    aria-label={f.label}
                    showTime
                    style={{ width: '100%' }}
                    // Enter confirms the typed date; it must not also submit the whole form
                    // (the browser's implicit submission when the date is the form's only input).
                    onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()}
                  />
                ) : f.kind === 'mark' ? (
                  <InputNumber aria-label={f.label} min={1} max={5} />
                ) : (
                  <Radio.Group
                    aria-label={f.label}
                    options={[
                      { value: true, label: '是' },
                      { value: false, label: '否' },
                    ]}
                  />
                )}
              </Form.Item>
            ))}
          </Form>
        )}
      </Modal>
    </>
  );
}
