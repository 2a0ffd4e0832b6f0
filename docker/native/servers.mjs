// How the hotline's servers are configured and started on a machine without Docker: a KRaft Kafka
// broker's server.properties and log4j, its storage format, and a PostgreSQL cluster's initdb and
// server options. One copy, used by the single-node dev stack (stack.mjs), the cluster topology
// (cluster/topology.mjs, cluster.mjs) and the fault suite's private servers
// (tools/faults/private-servers.ts). Node built-ins only: stack.mjs runs before `npm install`.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

// ---------------------------------------------------------------- Kafka (KRaft)

/**
 * server.properties of a KRaft broker that is also a controller, listening on 127.0.0.1 only.
 * `voters` are every controller of the quorum (one for a single node); the replication settings
 * default to a single node's.
 */
export function kraftBrokerProperties({
  nodeId = 1,
  port,
  controllerPort,
  voters = [{ nodeId, controllerPort }],
  storageDir,
  partitions = 3,
  replicationFactor = 1,
  minInsyncReplicas = 1,
  offsetsTopicPartitions = 10,
  header = '',
}) {
  const quorum = voters.map((v) => `${v.nodeId}@127.0.0.1:${v.controllerPort}`).join(',');
  const multi = replicationFactor > 1;
  return `${header ? `# ${header}\n` : ''}process.roles=broker,controller
node.id=${nodeId}
controller.quorum.voters=${quorum}
listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}
advertised.listeners=PLAINTEXT://127.0.0.1:${port}
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=${storageDir}
num.partitions=${partitions}
${
  multi
    ? `default.replication.factor=${replicationFactor}
min.insync.replicas=${minInsyncReplicas}
`
    : ''
}offsets.topic.replication.factor=${replicationFactor}
offsets.topic.num.partitions=${offsetsTopicPartitions}
transaction.state.log.replication.factor=${replicationFactor}
transaction.state.log.min.isr=${minInsyncReplicas}
${multi ? 'unclean.leader.election.enable=false\n' : ''}group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
log.retention.hours=-1
`;
}

/** log4j.properties of a broker: WARN and above on stdout, with a few loggers at other levels. */
export function kafkaLog4j(root = 'WARN', loggers = {}) {
  return `log4j.rootLogger=${root}, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
${Object.entries(loggers)
  .map(([name, level]) => `log4j.logger.${name}=${level}\n`)
  .join('')}`;
}

/** A new KRaft cluster id (a UUID in base64url). */
export function newKafkaClusterId() {
  return Buffer.from(randomUUID().replace(/-/g, ''), 'hex').toString('base64url');
}

/** Arguments of `java` running one of Kafka's main classes from the jars in `lib`. */
export function kafkaJavaArgs({ lib, log4jFile, mainClass, args = [], heap = [] }) {
  return [
    ...heap,
    `-Dlog4j.configuration=file:${log4jFile}`,
    '-cp',
    `${lib}/*`,
    mainClass,
    ...args,
  ];
}

/**
 * `java` arguments that format a broker's storage. The id is passed as --cluster-id=…: a base64url
 * id may start with '-', which would read as an option.
 */
export function kafkaStorageFormatArgs({ lib, log4jFile, propsFile, clusterId }) {
  return kafkaJavaArgs({
    lib,
    log4jFile,
    mainClass: 'kafka.tools.StorageTool',
    args: ['format', `--cluster-id=${clusterId}`, '-c', propsFile],
  });
}

// ---------------------------------------------------------------- PostgreSQL

const asRoot = () => process.getuid?.() === 0;

/** The bin directory of the newest PostgreSQL installed from Debian's packages, or null. */
export function postgresBinDir() {
  const base = '/usr/lib/postgresql';
  if (!fs.existsSync(base)) return null;
  const versions = fs
    .readdirSync(base)
    .filter((v) => fs.existsSync(path.join(base, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(base, versions[0], 'bin') : null;
}

/** [command, args] running a PostgreSQL binary, as the postgres user when we are root (the server refuses root). */
export function postgresCommand(bin, args) {
  const dir = postgresBinDir();
  if (!dir) throw new Error('PostgreSQL is not installed: run `npm run stack -- install` first');
  const exe = path.join(dir, bin);
  return asRoot() ? ['runuser', ['-u', 'postgres', '--', exe, ...args]] : [exe, args];
}

/**
 * The postgres user must be able to reach a data directory under .data/ when we are root: gives
 * traverse (o+x) rights to its parents; returns the directories changed.
 */
export function makeReachableForPostgres(dir) {
  if (!asRoot()) return [];
  const changed = [];
  for (let d = path.dirname(dir); d !== path.dirname(d); d = path.dirname(d)) {
    const st = fs.statSync(d);
    if ((st.mode & 0o001) === 0) {
      fs.chmodSync(d, st.mode | 0o001);
      changed.push(d);
    }
  }
  return changed;
}

/**
 * Creates a cluster in `dataDir` unless there is one: UTF-8, C.UTF-8 collation, superuser
 * `postgres` with the password `superuserPassword` (scram-sha-256), or trusted when none is given.
 * `dir` (the data directory's parent) is given to the postgres user when we are root.
 */
export function initPostgresCluster({ dir, dataDir, superuserPassword }) {
  if (fs.existsSync(path.join(dataDir, 'PG_VERSION'))) return false;
  fs.mkdirSync(dir, { recursive: true });
  makeReachableForPostgres(dir);
  const auth = [];
  if (superuserPassword) {
    const pwfile = path.join(dir, 'superuser.pw');
    fs.writeFileSync(pwfile, `${superuserPassword}\n`);
    auth.push('--pwfile', pwfile, '--auth=scram-sha-256');
  } else auth.push('--auth=trust');
  if (asRoot()) spawnOrThrow('chown', ['-R', 'postgres:postgres', dir], `chown ${dir}`);
  const [cmd, args] = postgresCommand('initdb', [
    '-D',
    dataDir,
    '-U',
    'postgres',
    ...auth,
    '-E',
    'UTF8',
    '--locale=C.UTF-8',
  ]);
  spawnOrThrow(cmd, args, 'initdb');
  return true;
}

/** The server's options: TCP on 127.0.0.1:port only, no Unix socket, room for the apps' pools. */
export function postgresServerArgs(port, { maxConnections = 200 } = {}) {
  return [
    '-p',
    String(port),
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'unix_socket_directories=',
    '-c',
    `max_connections=${maxConnections}`,
  ];
}

/** The same options as one string for `pg_ctl -o` (which hands it to a shell). */
export function postgresServerOptionString(port, options) {
  return postgresServerArgs(port, options)
    .map((a) => (a.endsWith('=') ? `${a}''` : a))
    .join(' ');
}

function spawnOrThrow(cmd, args, what) {
  const res = spawnSync(cmd, args, { encoding: 'utf8' });
  if (res.error) throw new Error(`${what}: ${res.error.message}`);
  if (res.status !== 0)
    throw new Error(`${what} failed (${res.status}): ${`${res.stderr}${res.stdout}`.trim()}`);
  return res.stdout;
}
