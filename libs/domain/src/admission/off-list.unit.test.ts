import { sampleReferenceData } from '../reference/sample';
import { checkDutyAdmission } from './off-list';
import { sampleAdmissionList } from './sample-admission-list';

const ref = sampleReferenceData();
const list = sampleAdmissionList();
const check = (s: Parameters<typeof checkDutyAdmission>[0]) => checkDutyAdmission(s, ref, list);

describe('off-list work (清单外事项)', () => {
  it('accepts a street leading a matter it leads or coordinates, and assisting in any listed matter', () => {
    expect(check({ unitId: 'XHJD', role: 'lead', matterTypeCode: 'CG-001' })).toMatchObject({
      onList: true,
      reason: 'listed_duty',
    });
    expect(check({ unitId: 'XHJD', role: 'owner', matterTypeCode: 'CG-013' }).onList).toBe(true);
    expect(check({ unitId: 'XHJD', role: 'assisting', matterTypeCode: 'CG-003' }).onList).toBe(
      true,
    );
  });

  it('flags a street made to lead what the list gives a department, or work with no listed matter', () => {
    const noise = check({ unitId: 'XHJD', role: 'lead', matterTypeCode: 'CG-003' });
    expect(noise).toMatchObject({ onList: false, reason: 'street_only_assists' });
    expect(noise.explanation).toMatch(/施工噪声扰民.*仅参与配合.*星湖街道办事处主办/);
    expect(check({ unitId: 'QYZ', role: 'owner', matterTypeCode: null })).toMatchObject({
      onList: false,
      reason: 'no_matter_type',
    });
    expect(check({ unitId: 'XHJD', role: 'lead', matterTypeCode: 'XX-999' }).reason).toBe(
      'unknown_matter',
    );
  });

  it('accepts work done under an admitted task, and flags one that names an entry not on the list', () => {
    expect(
      check({
        unitId: 'XHJD',
        role: 'owner',
        matterTypeCode: 'CG-003',
        admissionEntryCode: 'ZR-007',
      }),
    ).toMatchObject({ onList: true, reason: 'admitted_entry' });
    expect(
      check({
        unitId: 'XHJD',
        role: 'owner',
        matterTypeCode: 'CG-001',
        admissionEntryCode: 'ZR-999',
      }),
    ).toMatchObject({ onList: false, reason: 'unknown_entry' });
  });

  it('does not apply to departments: the lists protect streets and communities', () => {
    expect(check({ unitId: 'CGZF', role: 'lead', matterTypeCode: null })).toMatchObject({
      onList: true,
      reason: 'not_a_street',
    });
  });
});
