import { fileNameFromDisposition, formatBytes, ledgersPending, ledgerStatus } from './ledgers';

describe('ledgers', () => {
  it('keeps polling while a job is queued or running', () => {
    expect(ledgersPending([{ status: 'done' }, { status: 'running' }])).toBe(true);
    expect(ledgersPending([{ status: 'queued' }])).toBe(true);
    expect(ledgersPending([{ status: 'done' }, { status: 'failed' }])).toBe(false);
    expect(ledgersPending([])).toBe(false);
  });

  it('names the status in Chinese, an unknown one as itself', () => {
    expect(ledgerStatus('running').text).toBe('生成中');
    expect(ledgerStatus('failed').text).toBe('生成失败');
    expect(ledgerStatus('paused').text).toBe('paused');
  });

  it('saves the file under the API’s Chinese name', () => {
    const name = 'CGZF-电子台账-2026年11月.xlsx';
    expect(
      fileNameFromDisposition(
        `attachment; filename="ledger.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
        'x',
      ),
    ).toBe(name);
    expect(fileNameFromDisposition('attachment; filename="ledger.pdf"', 'x')).toBe('ledger.pdf');
    expect(fileNameFromDisposition("attachment; filename*=UTF-8''%E0%A4%A", 'f.pdf')).toBe('f.pdf');
    expect(fileNameFromDisposition(null, 'f.pdf')).toBe('f.pdf');
  });

  it('shows sizes in B, KB and MB', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(12_595)).toBe('12.3 KB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MB');
    expect(formatBytes(null)).toBe('—');
  });
});
