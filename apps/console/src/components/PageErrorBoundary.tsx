import { Alert, Button } from 'antd';
import { Component, type ReactNode } from 'react';

/**
 * A screen that failed to load or render (a chunk missing after a new release, a network cut,
 * a bug) shows a Chinese notice with a way out, never a blank page. Keyed by the route, so
 * moving to another screen tries again.
 */
export class PageErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  render() {
    if (!this.state.error) return this.props.children;
    const chunk = /dynamically imported module|Importing a module script failed/i.test(
      this.state.error.message,
    );
    return (
      <Alert
        type="error"
        showIcon
        role="alert"
        message={chunk ? '页面加载失败：网络中断或系统已更新' : '页面出错了'}
        description={
          <>
            <p>请刷新页面重试；若仍无法使用，请联系系统管理员。</p>
            <Button onClick={() => window.location.reload()}>刷新页面</Button>
          </>
        }
      />
    );
  }
}
