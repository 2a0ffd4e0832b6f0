import { fireEvent, render as renderPlain, screen, waitFor } from '@testing-library/react';
import { ConfigProvider } from 'antd';
import type { ReactNode } from 'react';
import { ApiError } from '../api/client';
import { ActionButton, type ActionSpec } from './ActionForm';

// As main.tsx configures Ant Design: buttons keep their names as written (提交, not 提 交).
const render = (ui: ReactNode) =>
  renderPlain(<ConfigProvider button={{ autoInsertSpace: false }}>{ui}</ConfigProvider>);

const extension: ActionSpec = {
  title: '申请延期',
  fields: [
    { name: 'requestedHandleBy', label: '申请延至', kind: 'datetime', required: true },
    { name: 'reason', label: '延期理由', kind: 'textarea', required: true, min: 4 },
  ],
};

const respond: ActionSpec = {
  title: '响应',
  fields: [{ name: 'note', label: '联系情况', kind: 'textarea', required: true, min: 4 }],
};

// An Ant Design modal form in jsdom is slow on a busy machine: a budget, not a timing assertion.
describe('ActionButton', { timeout: 60_000 }, () => {
  it('Enter in the date field confirms the date and does not submit the form', async () => {
    const run = vi.fn().mockResolvedValue({});
    render(<ActionButton label="延期申请" spec={extension} run={run} />);
    fireEvent.click(screen.getByRole('button', { name: '延期申请' }));
    const date = await screen.findByLabelText('申请延至');
    // false: the keydown's default action — the browser's implicit submission — was prevented.
    expect(fireEvent.keyDown(date, { key: 'Enter', code: 'Enter' })).toBe(false);
    // Other keys go on as typed.
    expect(fireEvent.keyDown(date, { key: '2', code: 'Digit2' })).toBe(true);
    expect(run).not.toHaveBeenCalled();
  });

  it('sends nothing incomplete, and keeps a refusal open with the API’s reason', async () => {
    const run = vi.fn().mockRejectedValue(new ApiError(400, '该工单已签收，不能重复签收'));
    render(<ActionButton label="响应" spec={respond} run={run} />);
    fireEvent.click(screen.getByRole('button', { name: '响应' }));
    fireEvent.click(await screen.findByRole('button', { name: '提交' }));
    expect(await screen.findByText('请填写联系情况')).toBeTruthy();
    expect(run).not.toHaveBeenCalled();

    fireEvent.change(screen.getByLabelText('联系情况'), {
      target: { value: '已电话联系来电人' },
    });
    fireEvent.click(screen.getByRole('button', { name: '提交' }));
    await waitFor(() => expect(run).toHaveBeenCalledWith({ note: '已电话联系来电人' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      '输入有误（400）：该工单已签收，不能重复签收',
    );
    expect(screen.getByRole('dialog')).toBeTruthy();
  });
});
