import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import { api } from '../../api/client';
import type { Claims } from '../../auth/session';
import { PowerUsageTab } from './PowerUsageTab';

const supervisor: Claims = { sub: 's', role: 'supervisor', exp: 9e9 };

function answer(status: number, body: unknown) {
  const response = new Response(JSON.stringify(body), { status });
  return Promise.resolve(
    status < 400 ? { data: body, response } : { error: body, response },
  ) as unknown as ReturnType<typeof api.GET>;
}

function show(claims: Claims = supervisor) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <PowerUsageTab month="2026-11" claims={claims} />
    </QueryClientProvider>,
  );
}

// Ant Design's table in jsdom is slow on a busy machine: a budget, not a timing assertion.
describe('PowerUsageTab', { timeout: 60_000 }, () => {
  afterEach(() => vi.restoreAllMocks());

  it('asks for the month and shows each power’s totals', async () => {
    const get = vi.spyOn(api, 'GET').mockImplementation(() =>
      answer(200, {
        month: '2026-11',
        items: [
          {
            powerId: 'ZF-CG-001',
            powerName: '夜间施工噪声处罚',
            streetId: 'XHJD',
            streetName: '星湖街道办事处',
            dispatched: 3,
            closed: 2,
            counted: 2,
            closedOnTime: 1,
            onTimeRate: 0.5,
            satisfactionRate: 1,
          },
        ],
        powers: [
          {
            powerId: 'ZF-CG-001',
            powerName: '夜间施工噪声处罚',
            streets: 1,
            dispatched: 3,
            closed: 2,
            counted: 2,
            closedOnTime: 1,
            onTimeRate: 0.5,
            satisfactionRate: 1,
          },
        ],
      }),
    );
    show();
    const table = await screen.findByRole('region', { name: '执法职权使用情况' });
    const row = within(table).getByText('夜间施工噪声处罚').closest('tr')!;
    expect(row.textContent).toContain('1/2');
    expect(row.textContent).toContain('50.0%');
    expect(row.textContent).toContain('100.0%');
    expect(get).toHaveBeenCalledWith('/views/enforcement-powers/usage', {
      params: { query: { month: '2026-11' } },
    });
  });

  it('says so in Chinese when the month has nothing', async () => {
    vi.spyOn(api, 'GET').mockImplementation(() =>
      answer(200, { month: '2026-11', items: [], powers: [] }),
    );
    show();
    expect(await screen.findByText('本月暂无下放执法职权的派单')).toBeTruthy();
  });

  it('shows a refusal with the API’s reason', async () => {
    vi.spyOn(api, 'GET').mockImplementation(() =>
      answer(403, { statusCode: 403, message: '区级账号只能查看本区（LS）的数据，不能查看 YC' }),
    );
    show({ ...supervisor, level: 'district', districtId: 'LS' });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('执法职权使用情况加载失败');
    expect(alert.textContent).toContain('无权执行此操作（403）');
  });

  it('asks a district centre for its own district', async () => {
    const get = vi
      .spyOn(api, 'GET')
      .mockImplementation(() => answer(200, { month: '2026-11', items: [], powers: [] }));
    show({ ...supervisor, level: 'district', districtId: 'LS' });
    await screen.findByText('本月暂无下放执法职权的派单');
    expect(get).toHaveBeenCalledWith('/views/enforcement-powers/usage', {
      params: { query: { month: '2026-11', district: 'LS' } },
    });
  });
});
