import { sampleReferenceData } from '../reference/sample';
import { AdmissionListError, canAdmit, parseAdmissionList, precheckApplication } from './admission';
import { sampleAdmissionApplication, sampleAdmissionList } from './sample-admission-list';

const app = sampleAdmissionApplication;

describe('the published admission list', () => {
  it('loads the sample with its entries and version', () => {
    const list = sampleAdmissionList();
    expect(list.version).toBe('2026.11-sample.1');
    expect(list.entries.map((e) => e.code)).toContain('ZR-001');
  });

  it('refuses a list naming a unit that is not a department, or a code twice', () => {
    const ref = sampleReferenceData();
    const entry = {
      code: 'ZR-001',
      name: '测试事项',
      level: 'street',
      list: 'duty',
      departmentId: 'XHJD',
      legalBasis: '某某条例',
      frequency: '每月',
      admittedOn: '2026-01-01',
    };
    expect(() => parseAdmissionList({ version: '1', entries: [entry, entry] }, ref)).toThrow(
      AdmissionListError,
    );
    try {
      parseAdmissionList({ version: '1', entries: [entry, entry] }, ref);
    } catch (e) {
      expect((e as AdmissionListError).problems).toEqual([
        'entries.0.departmentId: XHJD is not a department',
        'entries.1.code: ZR-001 appears twice',
        'entries.1.departmentId: XHJD is not a department',
      ]);
    }
  });
});

describe('precheckApplication', () => {
  const list = sampleAdmissionList();

  it('finds nothing to remark on a complete, new task', () => {
    expect(precheckApplication(app(), list)).toEqual([]);
  });

  it('says a task already on the list needs no admission', () => {
    expect(precheckApplication(app({ matchesEntryCode: 'ZR-001' }), list)).toEqual([
      expect.objectContaining({ kind: 'already_listed', entryCode: 'ZR-001' }),
    ]);
  });

  it('points at an entry with a similar name, and at an entry that does not exist', () => {
    const findings = precheckApplication(
      app({ taskName: '独居老人定期上门探访', matchesEntryCode: 'ZR-999' }),
      list,
    );
    expect(findings.map((f) => [f.kind, f.entryCode])).toEqual([
      ['unknown_entry', 'ZR-999'],
      ['similar_entry', 'ZR-006'],
    ]);
  });

  it('notes a missing legal basis, resources or funding, including "无" and "待定"', () => {
    expect(
      precheckApplication(app({ legalBasis: '无', resources: '待定', funding: ' ' }), list).map(
        (f) => f.kind,
      ),
    ).toEqual(['missing_legal_basis', 'missing_resources', 'missing_funding']);
  });
});

describe('canAdmit', () => {
  it('admits only a task with a legal basis', () => {
    expect(canAdmit(app())).toEqual({ ok: true });
    expect(canAdmit(app({ legalBasis: '暂无' }))).toEqual({
      ok: false,
      reason: expect.stringMatching(/法定依据/),
    });
  });
});
