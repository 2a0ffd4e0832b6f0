// Mints a bearer token for local use: npm run token -- --role unit --unit CGZF [--sub zhang] [--ttl 3600]
// Centre staff by level (三级): --role supervisor --level city, or --level district --district LS
// A deputy (人大代表) at their station: npm run token -- --role deputy --deputy RD-XH-03
import { findDeputy, sampleDeputyStations } from '@hotline/domain';
import { apiConfigFromEnv } from '../apps/api/src/api-config';
import {
  ROLES,
  type Role,
  signToken,
  STAFF_LEVELS,
  type StaffLevel,
} from '../apps/api/src/auth/jwt';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const role = (arg('role') ?? '') as Role;
if (!ROLES.includes(role)) {
  console.error(
    `Usage: npm run token -- --role <${ROLES.join('|')}> [--unit UNIT_ID] [--deputy DEPUTY_ID] [--sub USER] [--ttl SECONDS]`,
  );
  process.exit(2);
}
const unitId = arg('unit');
if (role === 'unit' && !unitId) {
  console.error('A unit token needs --unit, e.g. --unit CGZF (城管执法) or --unit XHJD (星湖街道)');
  process.exit(2);
}
const level = arg('level') as StaffLevel | undefined;
const districtId = arg('district');
if (level && !STAFF_LEVELS.includes(level)) {
  console.error(`--level is one of ${STAFF_LEVELS.join(', ')}`);
  process.exit(2);
}
if (level === 'district' && !districtId) {
  console.error('A district-level token needs --district, e.g. --district LS (澜山区)');
  process.exit(2);
}
const deputy = arg('deputy') ? findDeputy(sampleDeputyStations(), arg('deputy')!) : undefined;
if (role === 'deputy' && !deputy) {
  console.error(
    'A deputy token needs --deputy with a deputy of the stations file, e.g. --deputy RD-XH-03',
  );
  process.exit(2);
}
// Signs with AUTH_JWT_SECRET when it is set; otherwise with the development key, which only a
// development API on 127.0.0.1 accepts (`npm start`): NODE_ENV defaults to development here.
let config: ReturnType<typeof apiConfigFromEnv>;
try {
  config = apiConfigFromEnv({ NODE_ENV: 'development', ...process.env });
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(2);
}
const ttl = Number(arg('ttl') ?? config.authTokenTtlSeconds);
console.log(
  signToken(
    {
      sub: arg('sub') ?? deputy?.deputy.id ?? `${role}-${unitId ?? districtId ?? level ?? 'local'}`,
      role,
      ...(unitId ? { unitId } : {}),
      ...(level ? { level } : {}),
      ...(level === 'district' && districtId ? { districtId } : {}),
      ...(role === 'deputy' && deputy
        ? { deputyId: deputy.deputy.id, stationId: deputy.station.id }
        : {}),
    },
    config.authSecret,
    ttl,
  ),
);
