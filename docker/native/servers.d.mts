// Types of servers.mjs for the TypeScript that uses it (tools/faults/private-servers.ts).
export interface KraftBrokerOptions {
  nodeId?: number;
  port: number;
  controllerPort: number;
  voters?: { nodeId: number; controllerPort: number }[];
  storageDir: string;
  partitions?: number;
  replicationFactor?: number;
  minInsyncReplicas?: number;
  offsetsTopicPartitions?: number;
  header?: string;
}
export function kraftBrokerProperties(options: KraftBrokerOptions): string;
export function kafkaLog4j(root?: string, loggers?: Record<string, string>): string;
export function newKafkaClusterId(): string;
export function kafkaJavaArgs(options: {
  lib: string;
  log4jFile: string;
  mainClass: string;
  args?: string[];
  heap?: string[];
}): string[];
export function kafkaStorageFormatArgs(options: {
  lib: string;
  log4jFile: string;
  propsFile: string;
  clusterId: string;
}): string[];
export function postgresBinDir(): string | null;
export function postgresCommand(bin: string, args: string[]): [string, string[]];
export function makeReachableForPostgres(dir: string): string[];
export function initPostgresCluster(options: {
  dir: string;
  dataDir: string;
  superuserPassword?: string;
}): boolean;
export function postgresServerArgs(port: number, options?: { maxConnections?: number }): string[];
export function postgresServerOptionString(
  port: number,
  options?: { maxConnections?: number },
): string;
