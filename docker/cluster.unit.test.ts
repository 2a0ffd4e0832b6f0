import { eventTopics } from '@hotline/contracts';
import { kafkaConfigFromEnv } from '@hotline/messaging';
import { databaseConfigFromEnv } from '@hotline/persistence';
import { temporalConfigFromEnv } from '@hotline/temporal';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { apiConfigFromEnv } from '../apps/api/src/api-config';
import searchAttributes from '../libs/temporal/search-attributes.json';

/**
 * The cluster topology cannot be started inside `npm test` (it is `npm run cluster -- up`, and
 * the deployment files need Docker or Kubernetes): these checks parse what it generates and
 * describes, and keep the native, compose and Kubernetes forms in step with the apps' config.
 */
const ROOT = path.resolve(__dirname, '..');
const read = (rel: string) => readFileSync(path.join(ROOT, rel), 'utf8');
const expectedAttributes = Object.entries(searchAttributes)
  .filter(([k]) => !k.startsWith('/'))
  .map(([k, t]) => `${k}=${t}`)
  .sort();
/** `for sa in A=Keyword B=Bool …` in a shell script that registers search attributes. */
const attributesInScript = (script: string) =>
  (/for sa in ([^;]+);/.exec(script)?.[1] ?? '').trim().split(/\s+/).sort();

interface Topology {
  ports: {
    temporal: number;
    temporalUi: number;
    apiLb: number;
    kafka: number[];
    kafkaController: number[];
    postgres: number;
  };
  nodePorts: Record<string, number>[];
  apiPorts: number[];
  env: Record<string, string>;
  processes: { name: string; kind: string }[];
  stackPorts: Record<string, number>;
}

const topology = JSON.parse(
  execFileSync(
    'node',
    [
      '--input-type=module',
      '-e',
      `const t = await import('./docker/native/cluster/topology.mjs');
       const s = await import('./docker/native/stack.mjs');
       console.log(JSON.stringify({ ports: t.CLUSTER_PORTS, nodePorts: t.TEMPORAL_NODES.map(t.temporalNodePorts),
         apiPorts: t.API_INSTANCE_PORTS, env: t.clusterAppEnv(), processes: t.clusterProcesses(), stackPorts: s.PORTS }));`,
    ],
    { cwd: ROOT, encoding: 'utf8' },
  ),
) as Topology;

describe('the native cluster topology (docker/native/cluster.mjs)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'cluster-config-'));
    execFileSync('node', ['docker/native/cluster.mjs', 'config', dir], { cwd: ROOT });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('uses ports of its own, apart from the single-node stack (PostgreSQL shared)', () => {
    const cluster = [
      topology.ports.temporal,
      topology.ports.temporalUi,
      topology.ports.apiLb,
      ...topology.ports.kafka,
      ...topology.ports.kafkaController,
      ...topology.apiPorts,
      ...topology.nodePorts.flatMap((p) => Object.values(p)),
    ];
    expect(new Set(cluster).size).toBe(cluster.length);
    const single = Object.entries(topology.stackPorts)
      .filter(([k]) => k !== 'postgres')
      .map(([, p]) => p);
    expect(single).toEqual(expect.arrayContaining([7233, 8233, 9092, 9093, 3000]));
    for (const p of single) expect(cluster).not.toContain(p);
    expect(topology.ports.postgres).toBe(topology.stackPorts.postgres);
  });

  it('writes a Temporal server config per process: PostgreSQL, 4 shards, SQL visibility', () => {
    const configs = [1, 2].map(
      (n) =>
        parse(readFileSync(path.join(dir, `temporal/server-${n}.yaml`), 'utf8')) as {
          persistence: {
            numHistoryShards: number;
            defaultStore: string;
            visibilityStore: string;
            datastores: Record<string, { sql: { pluginName: string; databaseName: string } }>;
          };
          services: Record<string, { rpc: { grpcPort: number; membershipPort: number } }>;
          dynamicConfigClient: { filepath: string };
        },
    );
    for (const c of configs) {
      expect(c.persistence.numHistoryShards).toBe(4);
      const stores = c.persistence.datastores;
      expect(stores[c.persistence.defaultStore]!.sql).toMatchObject({
        pluginName: 'postgres12',
        databaseName: 'temporal_cluster',
      });
      expect(stores[c.persistence.visibilityStore]!.sql).toMatchObject({
        pluginName: 'postgres12',
        databaseName: 'temporal_cluster_visibility',
      });
      expect(Object.keys(c.services).sort()).toEqual(['frontend', 'history', 'matching', 'worker']);
      expect(parse(readFileSync(c.dynamicConfigClient.filepath, 'utf8'))).toHaveProperty([
        'system.forceSearchAttributesCacheRefreshOnRead',
      ]);
    }
    const grpc = configs.flatMap((c) => Object.values(c.services).map((s) => s.rpc.grpcPort));
    expect(new Set(grpc).size).toBe(8);
    expect(configs[0]!.services.frontend!.rpc.grpcPort).toBe(topology.nodePorts[0]!.frontend);
  });

  it('writes three KRaft brokers that form one quorum, with replicated topics by default', () => {
    const props = [1, 2, 3].map((n) =>
      Object.fromEntries(
        readFileSync(path.join(dir, `kafka/broker-${n}.properties`), 'utf8')
          .split('\n')
          .filter((l) => l && !l.startsWith('#'))
          .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
      ),
    );
    expect(props.map((p) => p['node.id'])).toEqual(['1', '2', '3']);
    expect(new Set(props.map((p) => p['controller.quorum.voters'])).size).toBe(1);
    expect(props[0]!['controller.quorum.voters']!.split(',')).toHaveLength(3);
    expect(new Set(props.map((p) => p['log.dirs'])).size).toBe(3);
    for (const p of props) {
      expect(p).toMatchObject({
        'default.replication.factor': '3',
        'min.insync.replicas': '2',
        'offsets.topic.replication.factor': '3',
        'unclean.leader.election.enable': 'false',
      });
    }
    expect(props.map((p) => p['advertised.listeners'])).toEqual(
      topology.ports.kafka.map((port) => `PLAINTEXT://127.0.0.1:${port}`),
    );
  });

  it('configures the scaled-out apps with values their config schemas accept', () => {
    const kafka = kafkaConfigFromEnv(topology.env);
    expect(kafka.brokers).toHaveLength(3);
    expect(kafka.replicationFactor).toBe(3);
    expect(temporalConfigFromEnv(topology.env).address).toBe(
      `127.0.0.1:${topology.ports.temporal}`,
    );
    expect(databaseConfigFromEnv(topology.env).url).toContain('/hotline_cluster');
    expect(apiConfigFromEnv({ ...topology.env, API_PORT: '13001' }).port).toBe(13001);
    const names = topology.processes.map((p) => p.name);
    for (const n of ['worker-1', 'worker-2', 'projector-1', 'projector-2', 'api-1', 'api-2'])
      expect(names).toContain(n);
    expect(names).toEqual(
      expect.arrayContaining(['temporal-1', 'temporal-2', 'kafka-3', 'api-lb']),
    );
  });
});

describe('docker/compose.cluster.yml', () => {
  interface Service {
    environment?: Record<string, string | number>;
    ports?: string[];
    deploy?: { replicas?: number };
    command?: string[] | string;
  }
  const compose = parse(read('docker/compose.cluster.yml'), { merge: true }) as {
    services: Record<string, Service>;
    configs: Record<string, { content: string }>;
  };
  /** The secrets an operator sets before `up`; compose substitutes `${NAME:?message}` with them. */
  const secrets: Record<string, string> = {
    AUTH_JWT_SECRET: 'an-operator-chosen-signing-key-of-48-characters!!',
    PERSONAL_DATA_KEY: Buffer.alloc(32, 7).toString('base64'),
    OPEN311_API_KEYS: 'city-app-key-2026:city-app',
  };
  const interpolate = (value: string, shell: Record<string, string>) =>
    value.replace(/\$\{([A-Z0-9_]+):\?([^}]*)\}/g, (_m, name: string, message: string) => {
      if (!shell[name]) throw new Error(`required variable ${name} is missing a value: ${message}`);
      return shell[name];
    });
  const env = (s: string, shell: Record<string, string> = secrets) =>
    Object.fromEntries(
      Object.entries(compose.services[s]?.environment ?? {}).map(([k, v]) => [
        k,
        interpolate(String(v), shell),
      ]),
    );

  it('has two Temporal servers, three brokers and two of each app', () => {
    const s = compose.services;
    for (const name of ['temporal', 'worker', 'projector', 'api'])
      expect(s[name]?.deploy?.replicas).toBe(2);
    expect(Object.keys(s).filter((k) => /^kafka-\d$/.test(k))).toHaveLength(3);
    expect(env('kafka-1').KAFKA_CONTROLLER_QUORUM_VOTERS!.split(',')).toHaveLength(3);
    expect(env('temporal')).toMatchObject({ DB: 'postgres12', NUM_HISTORY_SHARDS: '4' });
  });

  it('configures the apps as the native cluster does', () => {
    const kafka = kafkaConfigFromEnv(env('worker'));
    expect(kafka.brokers).toHaveLength(3);
    expect(kafka.replicationFactor).toBe(3);
    expect(env('projector').PROJECTOR_GROUP_ID).toBe(topology.env.PROJECTOR_GROUP_ID);
    expect(apiConfigFromEnv(env('api')).temporal.address).toBe('temporal:7233');
  });

  it('runs the APIs as production, with their secrets required and never defaulted', () => {
    expect(env('api').NODE_ENV).toBe('production');
    expect(() => env('api', {})).toThrow(
      /required variable (AUTH_JWT_SECRET|PERSONAL_DATA_KEY|OPEN311_API_KEYS)/,
    );
  });

  it('creates the event topics with 3 replicas and min.insync.replicas=2', () => {
    const script = String(compose.services['kafka-topics']?.command);
    expect(script).toContain('--replication-factor 3');
    expect(script).toContain('min.insync.replicas=2');
    const made = /for t in ([^;]+);/
      .exec(script)![1]!
      .trim()
      .split(/\s+/)
      .map((t) => `hotline.${t}`)
      .sort();
    expect(made).toEqual(Object.values(eventTopics('hotline')).sort());
  });

  it('registers the project search attributes and publishes the native cluster ports', () => {
    expect(attributesInScript(String(compose.services['temporal-setup']?.command))).toEqual(
      expectedAttributes,
    );
    const published = Object.values(compose.services).flatMap((s) =>
      (s.ports ?? []).map((p) => Number(p.split(':')[0])),
    );
    expect(published.sort()).toEqual(
      [
        topology.ports.postgres,
        topology.ports.temporal,
        topology.ports.temporalUi,
        topology.ports.apiLb,
        ...topology.ports.kafka,
      ].sort(),
    );
  });
});

describe('Kubernetes: deploy/k8s and the Temporal Helm values', () => {
  type Doc = {
    apiVersion: string;
    kind: string;
    metadata: { name: string };
    spec?: Record<string, unknown>;
    data?: Record<string, string>;
  };
  const docs = (rel: string) =>
    parseAllDocuments(read(rel)).map((d) => {
      expect(d.errors).toEqual([]);
      return d.toJS() as Doc;
    });
  const strimzi = docs('deploy/k8s/kafka-strimzi.yaml');
  const apps = docs('deploy/k8s/hotline.yaml');

  it('every manifest has a kind, an apiVersion and a name', () => {
    for (const d of [...strimzi, ...apps]) {
      expect(d.apiVersion).toMatch(/\w/);
      expect(d.kind).toMatch(/^[A-Z]/);
      expect(d.metadata.name).toMatch(/^[a-z0-9][a-z0-9.-]*$/);
    }
  });

  it('describes a three-node KRaft Kafka with the event topics replicated three times', () => {
    const pool = strimzi.find((d) => d.kind === 'KafkaNodePool')!;
    expect(pool.spec).toMatchObject({ replicas: 3, roles: ['controller', 'broker'] });
    const topics = strimzi.filter((d) => d.kind === 'KafkaTopic');
    expect(topics.map((t) => t.metadata.name).sort()).toEqual(
      Object.values(eventTopics('hotline')).sort(),
    );
    for (const t of topics)
      expect(t.spec).toMatchObject({ replicas: 3, config: { 'min.insync.replicas': 2 } });
  });

  it('runs at least two of each app, configured by values the apps accept', () => {
    const deployments = apps.filter((d) => d.kind === 'Deployment');
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual([
      'hotline-api',
      'hotline-projector',
      'hotline-worker',
    ]);
    for (const d of deployments) expect(d.spec?.replicas).toBeGreaterThanOrEqual(2);
    const env = {
      ...apps.find((d) => d.kind === 'ConfigMap')!.data,
      // from the hotline-secrets Secret in a real cluster
      DATABASE_URL: 'postgres://hotline:secret@hotline-postgres:5432/hotline_cluster',
      PERSONAL_DATA_KEY: Buffer.alloc(32, 7).toString('base64'),
      AUTH_JWT_SECRET: 'a-production-secret-of-at-least-32-characters',
    };
    expect(kafkaConfigFromEnv(env)).toMatchObject({ replicationFactor: 3, partitions: 24 });
    expect(apiConfigFromEnv(env).temporal.address).toBe('temporal-frontend:7233');
    const setup = apps.find((d) => d.metadata.name === 'temporal-setup')!;
    expect(attributesInScript(JSON.stringify(setup.spec).replace(/\\n/g, '\n'))).toEqual(
      expectedAttributes,
    );
  });

  it('puts Temporal on PostgreSQL with SQL visibility, the same databases as the native cluster', () => {
    const values = parse(read('deploy/helm/temporal-values.yaml')) as {
      server: {
        image: { tag: string };
        config: {
          numHistoryShards: number;
          persistence: Record<
            string,
            { driver?: string; sql?: { driver: string; database: string } }
          >;
        };
      };
      elasticsearch: { enabled: boolean };
    };
    const { numHistoryShards, persistence } = values.server.config;
    expect(Math.log2(numHistoryShards) % 1).toBe(0);
    expect(persistence.default?.sql).toMatchObject({
      driver: 'postgres12',
      database: 'temporal_cluster',
    });
    expect(persistence.visibility?.sql).toMatchObject({
      driver: 'postgres12',
      database: 'temporal_cluster_visibility',
    });
    expect(values.elasticsearch.enabled).toBe(false);
    expect(`v${values.server.image.tag}`).toBe(
      /TEMPORAL_SERVER_VERSION = '([^']+)'/.exec(read('docker/native/cluster/topology.mjs'))![1],
    );
  });
});
