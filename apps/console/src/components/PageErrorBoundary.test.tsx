import { render, screen } from '@testing-library/react';
import { PageErrorBoundary } from './PageErrorBoundary';

function Broken({ message }: { message: string }): never {
  throw new Error(message);
}

describe('PageErrorBoundary', () => {
  beforeEach(() => vi.spyOn(console, 'error').mockImplementation(() => undefined));
  afterEach(() => vi.restoreAllMocks());

  it('shows a screen that failed to load as a Chinese notice with a way out', () => {
    render(
      <PageErrorBoundary>
        <Broken message="Failed to fetch dynamically imported module: /console/assets/x.js" />
      </PageErrorBoundary>,
    );
    expect(screen.getByRole('alert').textContent).toContain('页面加载失败：网络中断或系统已更新');
    expect(screen.getByRole('button', { name: /刷新页面/ })).toBeTruthy();
  });

  it('shows a screen that broke while rendering, and lets a healthy one through', () => {
    const { unmount } = render(
      <PageErrorBoundary>
        <Broken message="x is undefined" />
      </PageErrorBoundary>,
    );
    expect(screen.getByRole('alert').textContent).toContain('页面出错了');
    unmount();
    render(
      <PageErrorBoundary>
        <p>工单箱</p>
      </PageErrorBoundary>,
    );
    expect(screen.getByText('工单箱')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
