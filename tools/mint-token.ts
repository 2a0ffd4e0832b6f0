// Mints a bearer token for local use: npm run token -- --role unit --unit CGZF [--sub zhang] [--ttl 3600]
import { apiConfigFromEnv } from '../apps/api/src/api-config';
import { ROLES, type Role, signToken } from '../apps/api/src/auth/jwt';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const role = (arg('role') ?? '') as Role;
if (!ROLES.includes(role)) {
  console.error(
    `Usage: npm run token -- --role <${ROLES.join('|')}> [--unit UNIT_ID] [--sub USER] [--ttl SECONDS]`,
  );
  process.exit(2);
}
const unitId = arg('unit');
if (role === 'unit' && !unitId) {
  console.error('A unit token needs --unit, e.g. --unit CGZF (城管执法) or --unit XHJD (星湖街道)');
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
    { sub: arg('sub') ?? `${role}-${unitId ?? 'local'}`, role, ...(unitId ? { unitId } : {}) },
    config.authSecret,
    ttl,
  ),
);
