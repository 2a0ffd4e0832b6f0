// The cluster topology (npm run cluster): ports, process names and the configuration files each
// server reads, as pure functions so `node docker/native/cluster.mjs config <dir>` and the unit
// test can write and check them without starting anything. Ports differ from the single-node
// stack (Temporal 7233/8233, Kafka 9092/9093, API 3000); PostgreSQL (55432) is shared.
import fs from 'node:fs';
import path from 'node:path';
import { kafkaLog4j, kraftBrokerProperties } from '../servers.mjs';

export const TEMPORAL_SERVER_VERSION = 'v1.32.1';
export const TEMPORAL_UI_VERSION = 'v2.54.1';
export const HISTORY_SHARDS = 4;

export const CLUSTER_PORTS = {
  postgres: 55432, // the project's PostgreSQL, shared with the single-node stack
  temporal: 17233, // load balancer in front of both Temporal frontends (what clients dial)
  temporalUi: 18233,
  apiLb: 13000, // load balancer in front of both API instances
  kafka: [19092, 19093, 19094],
  kafkaController: [19192, 19193, 19194],
};

/** Ports of Temporal server process n (1, 2): every service of the server in one process. */
export function temporalNodePorts(n) {
  const base = 17300 + (n - 1) * 10;
  return {
    metrics: base,
    frontend: base + 1,
    frontendMembership: base + 2,
    frontendHttp: base + 3,
    history: base + 4,
    historyMembership: base + 5,
    matching: base + 6,
    matchingMembership: base + 7,
    worker: base + 8,
    workerMembership: base + 9,
  };
}

export const API_INSTANCE_PORTS = [13001, 13002];
export const TEMPORAL_NODES = [1, 2];
export const KAFKA_NODES = [1, 2, 3];

export const DB = {
  temporal: 'temporal_cluster',
  visibility: 'temporal_cluster_visibility',
  temporalUser: 'temporal_cluster',
  temporalPassword: 'temporal_cluster',
  readModels: 'hotline_cluster',
  appUser: 'hotline',
  appPassword: 'hotline',
};

export const KAFKA_TOPIC = { replicationFactor: 3, minInsyncReplicas: 2, partitions: 6 };

export const kafkaBrokers = () => CLUSTER_PORTS.kafka.map((p) => `127.0.0.1:${p}`).join(',');

/** The environment every app instance gets: the same code as the single-node stack, other values. */
export function clusterAppEnv(extra = {}) {
  return {
    NODE_ENV: 'development',
    DATABASE_URL: `postgres://${DB.appUser}:${DB.appPassword}@127.0.0.1:${CLUSTER_PORTS.postgres}/${DB.readModels}`,
    KAFKA_BROKERS: kafkaBrokers(),
    KAFKA_TOPIC_PREFIX: 'hotline',
    KAFKA_PARTITIONS: String(KAFKA_TOPIC.partitions),
    KAFKA_REPLICATION_FACTOR: String(KAFKA_TOPIC.replicationFactor),
    TEMPORAL_ADDRESS: `127.0.0.1:${CLUSTER_PORTS.temporal}`,
    TEMPORAL_NAMESPACE: 'default',
    TEMPORAL_TASK_QUEUE: 'hotline',
    PROJECTOR_GROUP_ID: 'hotline-projector',
    // Behind the load balancer every request comes from 127.0.0.1; the per-client limit would
    // count the whole city as one caller.
    API_RATE_LIMIT_PER_MINUTE: '1000000',
    ...extra,
  };
}

/** Every process of the topology, in start order (stop runs it backwards). */
export function clusterProcesses() {
  return [
    ...KAFKA_NODES.map((n) => ({
      name: `kafka-${n}`,
      kind: 'kafka',
      n,
      port: CLUSTER_PORTS.kafka[n - 1],
    })),
    ...TEMPORAL_NODES.map((n) => ({
      name: `temporal-${n}`,
      kind: 'temporal',
      n,
      port: temporalNodePorts(n).frontend,
    })),
    { name: 'temporal-lb', kind: 'lb', port: CLUSTER_PORTS.temporal },
    { name: 'temporal-ui', kind: 'ui', port: CLUSTER_PORTS.temporalUi },
    { name: 'worker-1', kind: 'app', entry: 'apps/worker/src/main.ts', ready: 'worker ready' },
    { name: 'worker-2', kind: 'app', entry: 'apps/worker/src/main.ts', ready: 'worker ready' },
    {
      name: 'projector-1',
      kind: 'app',
      entry: 'apps/projector/src/main.ts',
      ready: 'projector ready',
    },
    {
      name: 'projector-2',
      kind: 'app',
      entry: 'apps/projector/src/main.ts',
      ready: 'projector ready',
    },
    ...API_INSTANCE_PORTS.map((port, i) => ({
      name: `api-${i + 1}`,
      kind: 'app',
      entry: 'apps/api/src/main.ts',
      port,
      env: { API_PORT: String(port), KAFKA_CLIENT_ID: `hotline-api-${i + 1}` },
    })),
    { name: 'api-lb', kind: 'lb', port: CLUSTER_PORTS.apiLb },
  ];
}

/** server.properties of KRaft broker+controller n (1..3). */
export function kafkaBrokerProperties(n, storageDir) {
  return kraftBrokerProperties({
    header: `Written by docker/native/cluster.mjs — KRaft broker+controller ${n} of 3.`,
    nodeId: n,
    port: CLUSTER_PORTS.kafka[n - 1],
    controllerPort: CLUSTER_PORTS.kafkaController[n - 1],
    voters: KAFKA_NODES.map((i) => ({
      nodeId: i,
      controllerPort: CLUSTER_PORTS.kafkaController[i - 1],
    })),
    storageDir,
    partitions: KAFKA_TOPIC.partitions,
    replicationFactor: KAFKA_TOPIC.replicationFactor,
    minInsyncReplicas: KAFKA_TOPIC.minInsyncReplicas,
  });
}

export const KAFKA_LOG4J = kafkaLog4j('WARN', {
  'kafka.server.KafkaServer': 'INFO',
  'kafka.server.BrokerServer': 'INFO',
  'org.apache.kafka.controller': 'WARN',
});

/** Temporal server config of process n: PostgreSQL persistence and (advanced) visibility. */
export function temporalServerConfig(n, { dynamicConfigFile, logLevel = 'warn' }) {
  const p = temporalNodePorts(n);
  const sql = (db, conns) => `      sql:
        pluginName: postgres12
        databaseName: ${db}
        connectAddr: 127.0.0.1:${CLUSTER_PORTS.postgres}
        connectProtocol: tcp
        user: ${DB.temporalUser}
        password: ${DB.temporalPassword}
        maxConns: ${conns}
        maxIdleConns: ${conns}
        maxConnLifetime: 1h`;
  const service = (grpc, membership, extra = '') => `    rpc:
      grpcPort: ${grpc}
      membershipPort: ${membership}
      bindOnLocalHost: true${extra}`;
  return `# Written by docker/native/cluster.mjs — Temporal server process ${n} of ${TEMPORAL_NODES.length}
# (frontend, history, matching and worker services in one process; the processes find each other
# through the cluster_membership table and share the ${HISTORY_SHARDS} history shards).
log:
  stdout: true
  level: ${logLevel}

persistence:
  defaultStore: postgres-default
  visibilityStore: postgres-visibility
  numHistoryShards: ${HISTORY_SHARDS}
  datastores:
    postgres-default:
${sql(DB.temporal, 20)}
    postgres-visibility:
${sql(DB.visibility, 5)}

global:
  membership:
    maxJoinDuration: 30s
    broadcastAddress: 127.0.0.1
  metrics:
    prometheus:
      framework: tally
      timerType: histogram
      listenAddress: 127.0.0.1:${p.metrics}

services:
  frontend:
${service(p.frontend, p.frontendMembership, `\n      httpPort: ${p.frontendHttp}`)}
  history:
${service(p.history, p.historyMembership)}
  matching:
${service(p.matching, p.matchingMembership)}
  worker:
${service(p.worker, p.workerMembership)}

clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: active
  currentClusterName: active
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: frontend
      rpcAddress: 127.0.0.1:${CLUSTER_PORTS.temporal}
      httpAddress: 127.0.0.1:${p.frontendHttp}

dcRedirectionPolicy:
  policy: noop

dynamicConfigClient:
  filepath: ${dynamicConfigFile}
  pollInterval: 10s
`;
}

export const TEMPORAL_DYNAMIC_CONFIG = `# Written by docker/native/cluster.mjs — Temporal dynamic config of the cluster topology.
# Search attributes registered a moment ago are usable at once (as on the dev server).
system.forceSearchAttributesCacheRefreshOnRead:
  - value: true
    constraints: {}
frontend.enableUpdateWorkflowExecution:
  - value: true
    constraints: {}
frontend.enableUpdateWorkflowExecutionAsyncAccepted:
  - value: true
    constraints: {}
`;

/** The Web UI server's config (github.com/temporalio/ui-server/v2), pointed at the cluster. */
export function temporalUiConfig() {
  return `# Written by docker/native/cluster.mjs — Temporal Web UI for the cluster topology.
temporalGrpcAddress: 127.0.0.1:${CLUSTER_PORTS.temporal}
host: 127.0.0.1
port: ${CLUSTER_PORTS.temporalUi}
enableUi: true
defaultNamespace: default
cors:
  allowOrigins:
    - http://127.0.0.1:${CLUSTER_PORTS.temporalUi}
  cookieInsecure: true
auth:
  enabled: false
`;
}

/** Writes every generated configuration file under dir; returns their paths by role. */
export function writeClusterConfig(dir) {
  const files = {};
  const put = (rel, text) => {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    files[rel] = file;
    return file;
  };
  const dynamicConfigFile = put('temporal/dynamicconfig.yaml', TEMPORAL_DYNAMIC_CONFIG);
  for (const n of TEMPORAL_NODES)
    put(`temporal/server-${n}.yaml`, temporalServerConfig(n, { dynamicConfigFile }));
  put('temporal/ui/config/development.yaml', temporalUiConfig());
  put('kafka/log4j.properties', KAFKA_LOG4J);
  for (const n of KAFKA_NODES)
    put(
      `kafka/broker-${n}.properties`,
      kafkaBrokerProperties(n, path.join(dir, 'kafka', `storage-${n}`)),
    );
  return files;
}
