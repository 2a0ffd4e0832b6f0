import { formFieldOf } from './BlowWhistleForm';

describe('whistle scope errors', () => {
  it('puts each of the API’s fields on the form field it belongs to', () => {
    expect(formFieldOf('summonedUnitIds[CGZF]')).toBe('summonedUnitIds');
    expect(formFieldOf('matterTypeCode')).toBe('matterTypeCode');
    expect(formFieldOf('place.address')).toBe('address');
    expect(formFieldOf('place.communityId')).toBe('communityId');
  });
});
