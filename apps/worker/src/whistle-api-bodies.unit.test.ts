import { WHISTLE_ACTION_BODIES, blowWhistleRequestSchema } from '@hotline/contracts';
import { WHISTLE_COMMAND_TYPES } from '@hotline/workflows';

/** The API's request bodies for whistles (libs/contracts) and the workflow's actions stay in step. */
it('has one request body per whistle action, named as the workflow names its updates', () => {
  expect(Object.keys(WHISTLE_ACTION_BODIES).sort()).toEqual([...WHISTLE_COMMAND_TYPES].sort());
});

it('asks a failed verification for its new due date, and a blow for departments to summon', () => {
  expect(
    WHISTLE_ACTION_BODIES.verify.safeParse({ departmentId: 'CGZF', passed: false, note: '未拆净' })
      .success,
  ).toBe(false);
  const blow = {
    whistleType: 'routine',
    matterTypeCode: 'CG-001',
    title: '楼顶违建',
    description: '需联合执法',
    place: { address: '星湖东里3号楼' },
    summonedUnitIds: [],
  };
  expect(blowWhistleRequestSchema.safeParse(blow).success).toBe(false);
  expect(blowWhistleRequestSchema.safeParse({ ...blow, summonedUnitIds: ['CGZF'] }).success).toBe(
    true,
  );
});
