import { createHash } from 'node:crypto';
import { parseIntakeFiles } from '../intake/intake-data';
import { buildIntakeModel, screenCall } from '../intake/screen-call';
import { sampleEnforcementPowers } from '../enforcement/sample';
import { parseReferenceData } from '../reference/parse';
import { routeCityOrder } from '../routing/city-routing';
import { generateCalls, generateCityFiles } from './generate-city';

// Correctness of the Beijing-sized territory only; load and routing times are measured by
// `npm run bench:city`, never asserted here.
const files = generateCityFiles(12345);
const ref = parseReferenceData(files);

describe('the generated Beijing-sized city', () => {
  it('has Beijing’s size: 16 districts, 343 streets/townships, ~7,000 communities, ~30,000 grids', () => {
    expect(ref.districts).toHaveLength(16);
    expect(ref.streets).toHaveLength(343);
    expect(ref.index.communities.size).toBe(7_000);
    expect(ref.index.grids.size).toBe(30_000);
    expect(ref.streets.filter((s) => s.kind === 'township').length).toBeGreaterThan(50);
    expect(ref.city?.centreUnitId).toBe('BJ-RXZX');
    // 云川区 is in it as shipped.
    expect(ref.districts[0]!.id).toBe('YC');
    expect(ref.index.grids.get('XHJD-01-1')?.districtId).toBe('YC');
  });

  it('is the same for the same seed and different for another', () => {
    const hash = (x: unknown) => createHash('sha256').update(JSON.stringify(x)).digest('hex');
    const again = generateCityFiles(12345);
    expect(hash(again.territory)).toBe(hash(files.territory));
    expect(hash(again.units)).toBe(hash(files.units));
    expect(hash(generateCityFiles(7).territory)).not.toBe(hash(files.territory));
  });

  it('routes a call in every street, from the city centre, to units of its district or the city', () => {
    const ctx = { ref, powers: sampleEnforcementPowers() };
    for (const street of ref.streets) {
      const gridId = street.communities[0]!.grids[0]!.id;
      for (const matterTypeCode of ['CG-002', 'CG-007', 'CG-003', 'MS-001', 'MS-040']) {
        const route = routeCityOrder(
          { matterTypeCode, gridId, takenBy: { level: 'city' }, day: '2026-12-01' },
          ctx,
        );
        if (route.kind !== 'dispatch')
          throw new Error(`${street.id} ${matterTypeCode}: ${route.kind}`);
        for (const id of [
          route.leadUnitId,
          ...route.assistingUnitIds,
          ...route.supervisingUnitIds,
        ]) {
          const unit = ref.index.units.get(id);
          expect(unit && (unit.districtId === street.districtId || unit.level === 'city')).toBe(
            true,
          );
        }
        if (matterTypeCode === 'CG-002' || matterTypeCode === 'CG-003')
          expect(route.leadUnitId).toBe(street.id);
        expect(route.districtId).toBe(street.districtId);
      }
    }
  });

  it('resolves generated calls to their place and classifies them with the intake model', () => {
    const model = buildIntakeModel(
      ref,
      parseIntakeFiles(
        { gazetteer: files.gazetteer, lexicon: files.lexicon, patterns: files.patterns },
        ref,
      ),
    );
    const calls = generateCalls(files, 200, 1);
    let placed = 0;
    let classified = 0;
    for (const call of calls) {
      const s = screenCall(
        {
          content: call.content,
          category: 'complaint',
          receivedAt: new Date('2026-12-01T02:00:00Z'),
        },
        { openOrders: [], callerHistory: [] },
        model,
      );
      if (s.place.resolved?.communityId === call.communityId) placed++;
      if (s.matterTypeCode === call.matterTypeCode) classified++;
    }
    expect(placed).toBe(calls.length);
    expect(classified).toBeGreaterThanOrEqual(calls.length * 0.9);
  });
});
