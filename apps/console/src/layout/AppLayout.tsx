import {
  AlertOutlined,
  BarChartOutlined,
  FileTextOutlined,
  InboxOutlined,
  LogoutOutlined,
  PhoneOutlined,
  SoundOutlined,
} from '@ant-design/icons';
import { Button, Grid, Layout, Menu, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { type Claims, type Role, session } from '../auth/session';
import { role as roleLabel } from '../lib/labels';
import { unitName } from '../lib/reference';

const MENU: { key: string; label: string; icon: ReactNode; roles: Role[] }[] = [
  {
    key: '/intake',
    label: '受理',
    icon: <PhoneOutlined aria-hidden />,
    roles: ['operator', 'supervisor'],
  },
  { key: '/inbox', label: '工单箱', icon: <InboxOutlined aria-hidden />, roles: ['unit'] },
  {
    key: '/centre',
    label: '指挥中心',
    icon: <AlertOutlined aria-hidden />,
    roles: ['supervisor', 'operator', 'auditor'],
  },
  {
    key: '/whistles',
    label: '吹哨报到',
    icon: <SoundOutlined aria-hidden />,
    roles: ['unit', 'supervisor', 'auditor'],
  },
  {
    key: '/analysis',
    label: '考核分析',
    icon: <BarChartOutlined aria-hidden />,
    roles: ['supervisor', 'operator', 'auditor', 'unit'],
  },
  {
    key: '/ledgers',
    label: '电子台账',
    icon: <FileTextOutlined aria-hidden />,
    roles: ['unit', 'supervisor', 'auditor'],
  },
];

/** One layout: the menu by role (hidden behind a button on a phone), who is signed in, sign-out. */
export function AppLayout({ claims, children }: { claims: Claims; children: ReactNode }) {
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const narrow = !screens.md;
  const items = MENU.filter((m) => m.roles.includes(claims.role)).map(({ key, label, icon }) => ({
    key,
    label,
    icon,
  }));
  const selected = MENU.find((m) => location.pathname.startsWith(m.key))?.key;
  return (
    <Layout className="app">
      <Layout.Header className="app-header">
        <Typography.Title level={1} className="app-title">
          12345 接诉即办
        </Typography.Title>
        <nav aria-label="主菜单" className="app-nav">
          <Menu
            mode="horizontal"
            theme="dark"
            selectedKeys={selected ? [selected] : []}
            items={items}
            onClick={(e) => navigate(e.key)}
            overflowedIndicator={<span aria-label="更多菜单">菜单</span>}
            style={{ flex: 1, minWidth: 0 }}
          />
        </nav>
        <Space className="app-user" size={narrow ? 4 : 8}>
          <Tag color="gold">{roleLabel(claims.role)}</Tag>
          {claims.unitId && !narrow && <span className="app-unit">{unitName(claims.unitId)}</span>}
          <Button
            size="small"
            icon={<LogoutOutlined aria-hidden />}
            onClick={() => session.signOut()}
            aria-label="退出登录"
          >
            {narrow ? '' : '退出'}
          </Button>
        </Space>
      </Layout.Header>
      <Layout.Content className="app-content">
        <main>{children}</main>
      </Layout.Content>
    </Layout>
  );
}
