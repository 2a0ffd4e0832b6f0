import { loadReferenceData, REFERENCE_DATA_NAMES } from './load';
import { sampleReferenceData } from './sample';

describe('loadReferenceData', () => {
  it('loads the shipped sample district by name', () => {
    expect(REFERENCE_DATA_NAMES).toContain('sample-district');
    expect(loadReferenceData('sample-district')).toBe(sampleReferenceData());
  });

  it('refuses an unknown name, saying which exist', () => {
    expect(() => loadReferenceData('toString')).toThrow(
      /Unknown reference data "toString"; known: sample-district/,
    );
  });
});
