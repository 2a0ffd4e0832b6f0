/** 电子台账: the jobs' wording, when to keep polling, and a downloaded file's name. */

export const LEDGER_STATUS: Record<string, { text: string; color: string }> = {
  queued: { text: '排队中', color: 'default' },
  running: { text: '生成中', color: 'processing' },
  done: { text: '已生成', color: 'success' },
  failed: { text: '生成失败', color: 'error' },
};

export const ledgerStatus = (s?: string | null) =>
  (s && LEDGER_STATUS[s]) || { text: s ?? '—', color: 'default' };

/** Poll while a job is still queued or running; stop once all are done or failed. */
export function ledgersPending(items: readonly { status?: string | null }[]): boolean {
  return items.some((j) => j.status === 'queued' || j.status === 'running');
}

/**
 * The file name a download is saved under: RFC 6266 `filename*=UTF-8''…` (the Chinese name the
 * API gives), else the plain `filename="…"`, else the fallback.
 */
export function fileNameFromDisposition(header: string | null | undefined, fallback: string) {
  if (!header) return fallback;
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // A malformed escape: fall through to the plain name.
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"/i.exec(header) ?? /filename\s*=\s*([^;]+)/i.exec(header);
  return plain?.[1]?.trim() || fallback;
}

/** "12.3 KB": a file's size as people read it. */
export function formatBytes(bytes?: number | null): string {
  if (bytes == null) return '—';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
