import { ApiOutlined } from '@ant-design/icons';
import { Alert, Button, Space, Spin, Tag, Tooltip } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { ApiError } from '../api/client';
import { countdown, TONE_COLOR } from '../lib/countdown';
import { deadline } from '../lib/labels';
import { workflowUrl } from '../lib/temporal';

/** The current time, ticking every `intervalMs` (one timer per component using it). */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}

/** A live countdown to a deadline, coloured: green, orange when due soon, red when overdue. */
export function CountdownTag({ dueAt, kind }: { dueAt?: string | null; kind?: string | null }) {
  const now = useNow();
  const c = countdown(dueAt, now);
  const label = kind ? `${deadline(kind)} ` : '';
  return (
    <Tag color={TONE_COLOR[c.tone]} data-tone={c.tone} aria-label={`${label}${c.text}`}>
      {label}
      <span className="countdown">{c.text}</span>
    </Tag>
  );
}

/** The link from an order or a whistle to its workflow in the Temporal UI (ops). */
export function TemporalLink({ workflowId }: { workflowId: string }) {
  return (
    <Tooltip title="在 Temporal 界面查看该流程的执行历史">
      <Button
        type="link"
        size="small"
        icon={<ApiOutlined aria-hidden />}
        href={workflowUrl(workflowId)}
        target="_blank"
        rel="noreferrer"
        aria-label={`在 Temporal 中查看流程 ${workflowId}`}
      >
        流程
      </Button>
    </Tooltip>
  );
}

/** A failed request, in Chinese, with the API's own reason and each bad field. */
export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null;
  const e = error instanceof ApiError ? error : null;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      message={title ?? (e ? e.message : '出错了')}
      description={
        e?.fields.length ? (
          <ul className="field-errors">
            {e.fields.map((f) => (
              <li key={f.field + f.message}>
                <code>{f.field}</code>：{f.message}
              </li>
            ))}
          </ul>
        ) : title && e ? (
          e.message
        ) : !e && error instanceof Error ? (
          error.message
        ) : undefined
      }
    />
  );
}

export function Loading({ tip = '加载中…' }: { tip?: string }) {
  return (
    <div className="loading" role="status" aria-live="polite">
      <Spin /> <span>{tip}</span>
    </div>
  );
}

/** Cursor pagination: the API's `nextCursor`, and the cursors of the pages before for going back. */
export function useCursor() {
  const [stack, setStack] = useState<string[]>([]);
  const cursor = stack[stack.length - 1];
  return {
    cursor,
    page: stack.length + 1,
    next: (c: string) => setStack((s) => [...s, c]),
    prev: () => setStack((s) => s.slice(0, -1)),
    reset: () => setStack([]),
  };
}

export function CursorPager({
  pager,
  nextCursor,
  loading,
}: {
  pager: ReturnType<typeof useCursor>;
  nextCursor?: string | null;
  loading?: boolean;
}): ReactNode {
  return (
    <nav aria-label="分页">
      <Space className="pager">
        <Button size="small" disabled={pager.page === 1 || loading} onClick={pager.prev}>
          上一页
        </Button>
        <span>第 {pager.page} 页</span>
        <Button
          size="small"
          disabled={!nextCursor || loading}
          onClick={() => nextCursor && pager.next(nextCursor)}
        >
          下一页
        </Button>
      </Space>
    </nav>
  );
}
