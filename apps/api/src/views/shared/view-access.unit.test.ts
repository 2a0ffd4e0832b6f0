import { ForbiddenException } from '@nestjs/common';
import { type Principal } from '../../auth/principal';
import { sampleCityReferenceData } from '@hotline/domain';
import { confinedDistrict, districtOfOrder, districtScope, unitScope } from './view-access';

const city: Principal = { userId: 'c', role: 'supervisor', level: 'city' };
const ls: Principal = { userId: 'l', role: 'supervisor', level: 'district', districtId: 'LS' };
const before: Principal = { userId: 'b', role: 'supervisor' };
const unit: Principal = { userId: 'u', role: 'unit', unitId: 'LS-SQJD' };

describe('scoping by level (三级)', () => {
  it('confines district centre staff to their district, nobody else', () => {
    expect(confinedDistrict(ls)).toBe('LS');
    expect(confinedDistrict(city)).toBeUndefined();
    expect(confinedDistrict(before)).toBeUndefined();
    expect(confinedDistrict(unit)).toBeUndefined();
  });

  it('narrows a district centre’s lists to its district and refuses another, in Chinese', () => {
    expect(districtScope(ls, undefined)).toBe('LS');
    expect(districtScope(ls, 'LS')).toBe('LS');
    expect(() => districtScope(ls, 'HX')).toThrow(ForbiddenException);
    expect(() => districtScope(ls, 'HX')).toThrow(/区级账号只能查看本区（LS）/);
    expect(districtScope(city, 'HX')).toBe('HX');
    expect(districtScope(city, undefined)).toBeUndefined();
  });

  it('keeps a unit to its own unit', () => {
    expect(unitScope(unit, undefined)).toBe('LS-SQJD');
    expect(() => unitScope(unit, 'LS-JMJD')).toThrow(ForbiddenException);
  });

  it('places an order in its dispatch’s district, else its row’s, else its street’s', () => {
    const ref = sampleCityReferenceData();
    const at = (streetId?: string) => ({ location: streetId ? { streetId } : {} });
    expect(districtOfOrder(ref, { ...at('XHJD'), levels: { districtId: 'LS' } })).toBe('LS');
    expect(districtOfOrder(ref, at('HX-XKJD'))).toBe('HX');
    expect(districtOfOrder(ref, at('XHJD'))).toBe('YC');
    expect(districtOfOrder(ref, null, { districtId: null, streetId: 'LS-BYZ' })).toBe('LS');
    expect(districtOfOrder(ref, at())).toBeNull();
  });
});
