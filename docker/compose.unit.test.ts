import { kafkaConfigFromEnv } from '@hotline/messaging';
import { databaseConfigFromEnv } from '@hotline/persistence';
import { temporalConfigFromEnv } from '@hotline/temporal';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { apiConfigFromEnv } from '../apps/api/src/api-config';
import searchAttributes from '../libs/temporal/search-attributes.json';

/** compose.yml cannot be run here (no Docker engine); these checks keep it in step with the native stack. */
interface ComposeService {
  environment?: Record<string, string | number>;
  command?: string[];
  ports?: string[];
}
// merge: compose honours YAML merge keys (<<: *app-env).
const compose = parse(readFileSync(path.join(__dirname, 'compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
};
const stack = readFileSync(path.join(__dirname, 'native/stack.mjs'), 'utf8');
const env = (service: string) =>
  Object.fromEntries(Object.entries(compose.services[service]?.environment ?? {}).map(([k, v]) => [k, String(v)]));

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
    const published = Object.values(compose.services).flatMap((s) => (s.ports ?? []).map((p) => Number(p.split(':')[0])));
    for (const [name, port] of [['postgres', 55432], ['kafka', 9092], ['temporal', 7233], ['temporalUi', 8233], ['api', 3000]] as const) {
      expect(stack).toContain(`${name}: ${port},`);
      expect(published).toContain(port);
    }
  });
});
