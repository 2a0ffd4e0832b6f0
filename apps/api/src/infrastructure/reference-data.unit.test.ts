import { sampleCityReferenceData, sampleReferenceData } from '@hotline/domain';
import { loadReferenceData } from './reference-data';

describe('loadReferenceData (API)', () => {
  it('serves 云川区 as "yunchuan", exactly the worker’s sample-district view', () => {
    const ref = loadReferenceData('yunchuan');
    const sample = sampleReferenceData();
    expect(ref.district.id).toBe('YC');
    expect(ref.streets.map((s) => s.id)).toEqual(sample.streets.map((s) => s.id));
    expect(ref.units).toEqual(sample.units);
  });

  it('serves the whole sample city as "sample-city"', () => {
    const ref = loadReferenceData('sample-city');
    expect(ref.districts.map((d) => d.id)).toEqual(['YC', 'LS', 'HX']);
    expect(ref.units.map((u) => u.id)).toEqual(sampleCityReferenceData().units.map((u) => u.id));
  });

  it('names the file it cannot read', () => {
    expect(() => loadReferenceData('/nonexistent/dir')).toThrow(
      /reference data "\/nonexistent\/dir": cannot read \/nonexistent\/dir\/territory\.json/,
    );
  });
});
