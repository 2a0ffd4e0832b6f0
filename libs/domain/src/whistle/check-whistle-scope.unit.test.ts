import { sampleCityReferenceData, sampleReferenceData } from '../reference/sample';
import { checkWhistleScope } from './check-whistle-scope';

const ref = sampleReferenceData();

describe('checkWhistleScope', () => {
  it('accepts a listed matter summoning departments with a duty for it', () => {
    const result = checkWhistleScope(
      { matterTypeCode: 'CG-001', streetId: 'LHJD', summonedUnitIds: ['GZFJ', 'CGZF'] },
      ref,
    );
    expect(result).toMatchObject({ ok: true });
  });

  it('refuses a matter that is not on the whistle list (吹哨泛化)', () => {
    expect(
      checkWhistleScope(
        { matterTypeCode: 'CG-010', streetId: 'LHJD', summonedUnitIds: ['CGW'] },
        ref,
      ),
    ).toEqual({
      ok: false,
      refusals: [expect.objectContaining({ code: 'not_on_whistle_list', unitId: null })],
    });
  });

  it('names each summoned unit that has no duty or cannot be summoned', () => {
    const result = checkWhistleScope(
      { matterTypeCode: 'SQ-002', streetId: 'CPJD', summonedUnitIds: ['ZJW', 'JW', 'LYJD', 'ABC'] },
      ref,
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.refusals.map((r) => [r.code, r.unitId])).toEqual([
      ['no_duty_for_matter', 'JW'],
      ['not_summonable', 'LYJD'],
      ['unknown_unit', 'ABC'],
    ]);
  });

  it('refuses an unknown matter or street, or an empty summons', () => {
    const result = checkWhistleScope(
      { matterTypeCode: 'XX-1', streetId: 'NOPE', summonedUnitIds: [] },
      ref,
    );
    expect(!result.ok && result.refusals.map((r) => r.code)).toEqual([
      'unknown_matter',
      'unknown_street',
      'no_units_summoned',
    ]);
  });

  it('in a city, summons the carriers of the duty in the street’s own district', () => {
    const city = sampleCityReferenceData();
    expect(
      checkWhistleScope(
        { matterTypeCode: 'CG-001', streetId: 'LS-SQJD', summonedUnitIds: ['LS-GZFJ', 'LS-CGZF'] },
        city,
      ),
    ).toMatchObject({ ok: true });
    const elsewhere = checkWhistleScope(
      { matterTypeCode: 'CG-001', streetId: 'LS-SQJD', summonedUnitIds: ['GZFJ', 'HX-CGZF'] },
      city,
    );
    expect(!elsewhere.ok && elsewhere.refusals.map((r) => [r.code, r.unitId])).toEqual([
      ['no_duty_for_matter', 'GZFJ'],
      ['no_duty_for_matter', 'HX-CGZF'],
    ]);
  });
});
