import { LoginOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Divider, Form, Input, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { UNIT_KIND_LABEL, UNITS } from '../lib/reference';
import { ROLE } from '../lib/labels';
import { type Role, session } from './session';

/**
 * Sign-in. In development: pick a role (and a unit) and the API's dev-only POST /dev/session signs
 * a token. In production that route does not exist: the city's single sign-on hands the console
 * a bearer token in the address's fragment (`/console/signin#access_token=…`, never sent to a
 * server), which is taken into the session at once and removed from the address; or a token
 * is pasted here.
 */
export function SignInPage({ notice }: { notice?: string }) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ role: Role; unitId?: string }>();
  const role = Form.useWatch('role', form);

  useEffect(() => {
    const fragment = new URLSearchParams(window.location.hash.slice(1));
    const token = fragment.get('access_token');
    if (!token) return;
    window.history.replaceState(null, '', window.location.pathname);
    try {
      session.signIn(token);
    } catch (e) {
      setError(`单点登录令牌无效：${(e as Error).message}`);
    }
  }, []);

  async function devSignIn(values: { role: Role; unitId?: string }) {
    setBusy(true);
    setError(undefined);
    try {
      const res = await fetch('/dev/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(values.role === 'unit' ? values : { role: values.role }),
      });
      if (res.status === 404) {
        setError('开发登录在生产环境不可用，请通过单点登录进入。');
        return;
      }
      const body = (await res.json()) as { token?: string; message?: string };
      if (!res.ok || !body.token) {
        setError(`登录失败（${res.status}）：${body.message ?? ''}`);
        return;
      }
      session.signIn(body.token);
    } catch {
      setError('无法连接服务器，请确认接口服务已启动（npm start）。');
    } finally {
      setBusy(false);
    }
  }

  function tokenSignIn(values: { token: string }) {
    try {
      session.signIn(values.token.trim());
    } catch (e) {
      setError(`令牌无效：${(e as Error).message}`);
    }
  }

  return (
    <main className="signin">
      <Card>
        <Typography.Title level={1} style={{ fontSize: 22, marginTop: 0 }}>
          12345 接诉即办工作台
        </Typography.Title>
        {notice && <Alert type="warning" showIcon message={notice} style={{ marginBottom: 16 }} />}
        {error && (
          <Alert type="error" showIcon role="alert" message={error} style={{ marginBottom: 16 }} />
        )}
        <Typography.Paragraph type="secondary">开发环境登录：选择角色和单位。</Typography.Paragraph>
        <Form
          form={form}
          layout="vertical"
          onFinish={devSignIn}
          initialValues={{ role: 'operator' }}
        >
          <Form.Item label="角色" name="role" rules={[{ required: true, message: '请选择角色' }]}>
            <Select
              aria-label="角色"
              options={Object.entries(ROLE).map(([value, label]) => ({ value, label }))}
            />
          </Form.Item>
          {role === 'unit' && (
            <Form.Item
              label="单位"
              name="unitId"
              rules={[{ required: true, message: '请选择单位' }]}
            >
              <Select
                aria-label="单位"
                showSearch
                optionFilterProp="label"
                placeholder="输入单位名称或代码"
                options={UNITS.map((u) => ({
                  value: u.id,
                  label: `${u.name}（${u.id}，${UNIT_KIND_LABEL[u.kind]}）`,
                }))}
              />
            </Form.Item>
          )}
          <Button
            type="primary"
            htmlType="submit"
            icon={<LoginOutlined aria-hidden />}
            loading={busy}
            block
          >
            登录
          </Button>
        </Form>
        <Divider plain>或使用单点登录令牌</Divider>
        <Form layout="vertical" onFinish={tokenSignIn}>
          <Form.Item
            label="访问令牌"
            name="token"
            rules={[{ required: true, message: '请粘贴令牌' }]}
          >
            <Input.Password aria-label="访问令牌" autoComplete="off" placeholder="eyJ…" />
          </Form.Item>
          <Button htmlType="submit" block>
            使用令牌登录
          </Button>
        </Form>
      </Card>
    </main>
  );
}
