import { kafkaConfigFromEnv } from '@hotline/messaging';
import { databaseConfigFromEnv } from '@hotline/persistence';
import { temporalConfigFromEnv } from '@hotline/temporal';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import {
  apiConfigFromEnv,
  DEV_AUTH_SECRET,
  DEV_OPEN311_API_KEYS,
  DEV_PERSONAL_DATA_KEY,
} from '../apps/api/src/api-config';
import searchAttributes from '../libs/temporal/search-attributes.json';

/** compose.yml cannot be run here (no Docker engine); these checks keep it in step with the native stack. */
interface ComposeService {
  environment?: Record<string, string | number>;
  command?: string[];
  ports?: string[];
}
// merge: compose honours YAML merge keys (<<: *app-env).
const composeText = readFileSync(path.join(__dirname, 'compose.yml'), 'utf8');
const compose = parse(composeText, { merge: true }) as {
  services: Record<string, ComposeService>;
};
const stack = readFileSync(path.join(__dirname, 'native/stack.mjs'), 'utf8');

/** What compose does with `${VAR}`, `${VAR:-default}` and `${VAR:?message}` (the forms we use). */
function interpolate(value: string, shell: Record<string, string>): string {
  return value.replace(
    /\$\{([A-Z0-9_]+)(?::([?-])([^}]*))?\}/g,
    (_m, name: string, op?: string, arg?: string) => {
      const set = shell[name];
      if (set) return set;
      if (op === '?') throw new Error(`required variable ${name} is missing a value: ${arg}`);
      return op === '-' ? (arg ?? '') : '';
    },
  );
}

const SECRETS = {
  POSTGRES_PASSWORD: 'a-database-password',
  AUTH_JWT_SECRET: 'an-operator-chosen-signing-key-of-48-characters!!',
  PERSONAL_DATA_KEY: Buffer.alloc(32, 7).toString('base64'),
  OPEN311_API_KEYS: 'city-app-key-2026:city-app',
};
const env = (service: string, shell: Record<string, string> = SECRETS) =>
  Object.fromEntries(
    Object.entries(compose.services[service]?.environment ?? {}).map(([k, v]) => [
      k,
      interpolate(String(v), shell),
    ]),
  );

describe('docker/compose.yml', () => {
  it('has the infrastructure and the three apps', () => {
    expect(Object.keys(compose.services)).toEqual(
      expect.arrayContaining(['postgres', 'kafka', 'temporal', 'api', 'worker', 'projector']),
    );
  });

  it('configures the apps with variables their config schemas accept', () => {
    expect(apiConfigFromEnv(env('api')).temporal.address).toBe('temporal:7233');
    expect(databaseConfigFromEnv(env('projector')).url).toContain('@postgres:5432/hotline');
    expect(kafkaConfigFromEnv(env('worker')).brokers).toEqual(['kafka:9092']);
    expect(temporalConfigFromEnv(env('worker')).taskQueue).toBe('hotline');
  });

  it('takes every secret from required variables with no default, and runs as production', () => {
    for (const name of Object.keys(SECRETS)) {
      const uses = [...composeText.matchAll(new RegExp(`\\$\\{${name}([^}]*)\\}`, 'g'))];
      expect(uses.length).toBeGreaterThan(0);
      for (const [, tail] of uses) expect(tail).toMatch(/^:\?\S/); // ${NAME:?message}, never :-default
    }
    expect(composeText).not.toContain('hotline:hotline@');
    expect(env('api').NODE_ENV).toBe('production');
    expect(() => env('api', {})).toThrow(
      /required variable (POSTGRES_PASSWORD|AUTH_JWT_SECRET|PERSONAL_DATA_KEY|OPEN311_API_KEYS)/,
    );
  });

  it('refuses the repository’s development keys even when they are passed in', () => {
    const devKeys = {
      ...SECRETS,
      AUTH_JWT_SECRET: DEV_AUTH_SECRET,
      PERSONAL_DATA_KEY: DEV_PERSONAL_DATA_KEY,
      OPEN311_API_KEYS: DEV_OPEN311_API_KEYS,
    };
    expect(() => apiConfigFromEnv(env('api', devKeys))).toThrow(
      /AUTH_JWT_SECRET, PERSONAL_DATA_KEY and OPEN311_API_KEYS are unset or a development key/,
    );
  });

  it('registers the same search attributes as the native dev server', () => {
    const flags = (compose.services.temporal?.command ?? [])
      .filter((c) => c.startsWith('--search-attribute='))
      .map((c) => c.slice('--search-attribute='.length))
      .sort();
    const expected = Object.entries(searchAttributes)
      .filter(([k]) => !k.startsWith('/'))
      .map(([k, t]) => `${k}=${t}`)
      .sort();
    expect(flags).toEqual(expected);
  });

  it('publishes the same host ports as the native stack', () => {
    const published = Object.values(compose.services).flatMap((s) =>
      (s.ports ?? []).map((p) => Number(p.split(':')[0])),
    );
    for (const [name, port] of [
      ['postgres', 55432],
      ['kafka', 9092],
      ['temporal', 7233],
      ['temporalUi', 8233],
      ['api', 3000],
    ] as const) {
      expect(stack).toContain(`${name}: ${port},`);
      expect(published).toContain(port);
    }
  });
});
