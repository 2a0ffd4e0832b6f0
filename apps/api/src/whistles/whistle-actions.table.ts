import { WHISTLE_ACTION_BODIES, type WhistleActionName } from '@hotline/contracts';
import { type ActionSpec } from '../common/actions/action-table';

const UNIT = ['unit'] as const;
const STREET_OR_CENTRE = ['unit', 'supervisor'] as const;

/**
 * The whistle actions (POST /whistles/:whistleId/<path>), one row each, like the order's table:
 * routes, validation and OpenAPI come from it.
 */
export const WHISTLE_ACTIONS: readonly ActionSpec<WhistleActionName>[] = [
  // ------------------------------------------------------------ the summoned departments
  {
    name: 'report',
    path: 'report',
    method: 'report',
    roles: UNIT,
    summary: 'Report (报到): a summoned department arrives, on site or remote',
    body: WHISTLE_ACTION_BODIES.report,
  },
  {
    name: 'commit',
    path: 'commit',
    method: 'commit',
    roles: UNIT,
    summary: 'Commit (表态): measures and a due date',
    body: WHISTLE_ACTION_BODIES.commit,
  },
  {
    name: 'reportProgress',
    path: 'progress',
    method: 'progress',
    roles: UNIT,
    summary: 'Report progress',
    body: WHISTLE_ACTION_BODIES.reportProgress,
  },
  {
    name: 'complete',
    path: 'complete',
    method: 'complete',
    roles: UNIT,
    summary: 'Report the department’s part done',
    body: WHISTLE_ACTION_BODIES.complete,
  },
  {
    name: 'ratePrecision',
    path: 'precision-rating',
    method: 'ratePrecision',
    roles: UNIT,
    summary: 'A department rates the whistle: needed? well scoped? (吹哨精准度)',
    body: WHISTLE_ACTION_BODIES.ratePrecision,
  },
  // ------------------------------------------------------------ the street (or the district)
  {
    name: 'verify',
    path: 'verify',
    method: 'verify',
    roles: STREET_OR_CENTRE,
    summary: 'The street verifies (核查) a department’s part',
    body: WHISTLE_ACTION_BODIES.verify,
  },
  {
    name: 'close',
    path: 'close',
    method: 'close',
    roles: STREET_OR_CENTRE,
    summary: 'The street closes the whistle: solved or unsolved',
    body: WHISTLE_ACTION_BODIES.close,
  },
  {
    name: 'escalate',
    path: 'escalate',
    method: 'escalate',
    roles: STREET_OR_CENTRE,
    summary: 'Escalate to the district (上报): starts a linked district whistle',
    body: WHISTLE_ACTION_BODIES.escalate,
  },
  {
    name: 'rateDepartment',
    path: 'department-rating',
    method: 'rateDepartment',
    roles: STREET_OR_CENTRE,
    summary: 'The street rates a department (一哨一考核)',
    body: WHISTLE_ACTION_BODIES.rateDepartment,
  },
  {
    name: 'recordPublicRating',
    path: 'public-rating',
    method: 'recordPublicRating',
    roles: STREET_OR_CENTRE,
    summary: 'Record a resident’s or deputy’s rating',
    body: WHISTLE_ACTION_BODIES.recordPublicRating,
  },
];
