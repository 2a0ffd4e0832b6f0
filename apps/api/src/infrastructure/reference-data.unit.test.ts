import { sampleCityReferenceData, sampleReferenceData } from '@hotline/domain';
import { loadCityReferenceData, loadReferenceData } from './reference-data';

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

  it('gives the whole city behind a district view, for three-level features', () => {
    for (const name of ['yunchuan', 'sample-city']) {
      const city = loadCityReferenceData(name);
      expect(city.districts.map((d) => d.id)).toEqual(['YC', 'LS', 'HX']);
      expect(city.city?.centreUnitId).toBe('BJ-RXZX');
    }
  });

  it('names the file it cannot read', () => {
    expect(() => loadReferenceData('/nonexistent/dir')).toThrow(
      /reference data "\/nonexistent\/dir": cannot read \/nonexistent\/dir\/territory\.json/,
    );
  });
});
