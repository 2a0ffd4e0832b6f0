import { createDataSource, ENTITIES, onDroppedConnection } from '@hotline/persistence';
import { connectTemporalClient } from '@hotline/temporal';
import {
  type DynamicModule,
  Global,
  Inject,
  Logger,
  Module,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { getRepositoryToken, TypeOrmModule } from '@nestjs/typeorm';
import { Client, type Connection } from '@temporalio/client';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { PendingStarts } from '../common/pending-starts';
import { WorkflowGateway } from '../common/workflow-gateway';
import { PersonalDataCipher } from '../personal-data/personal-data.cipher';
import {
  API_CONFIG,
  CITY_REFERENCE_DATA,
  DATA_SOURCE,
  PERSONAL_DATA,
  REFERENCE_DATA,
  TEMPORAL_CLIENT,
} from '../tokens';
import { loadCityReferenceData, loadReferenceData } from './reference-data';
import { type Settings } from './settings';
import { TemporalCalls } from './temporal-calls';

/** The Temporal connection, closed when the app closes. */
export const TEMPORAL_CONNECTION = Symbol('TEMPORAL_CONNECTION');
/** Every call on it (TemporalCalls): the connection closes once none is left. */
export const TEMPORAL_CALLS = Symbol('TEMPORAL_CALLS');

/** The tokens every feature module may inject; provided here once for the whole app. */
const SHARED = [
  API_CONFIG,
  DATA_SOURCE,
  TEMPORAL_CLIENT,
  PERSONAL_DATA,
  REFERENCE_DATA,
  CITY_REFERENCE_DATA,
  WorkflowGateway,
  PendingStarts,
];

/**
 * The one home of the API's infrastructure: settings (@nestjs/config), PostgreSQL
 * (@nestjs/typeorm: the DataSource and the entities' repositories), the Temporal client, the
 * personal-data cipher and the reference data. Global, so feature modules (orders, whistles,
 * Open311, views) inject what they need without providing any of it again.
 */
@Global()
@Module({})
export class InfrastructureModule implements OnApplicationShutdown {
  constructor(
    @Inject(TEMPORAL_CONNECTION) private readonly temporal: Connection | null,
    @Inject(TEMPORAL_CALLS) private readonly calls: TemporalCalls | null,
    private readonly config: ConfigService<Settings, true>,
  ) {}

  /** Connects to PostgreSQL and Temporal as the app starts. */
  static forRoot(settings: Settings): DynamicModule {
    return {
      module: InfrastructureModule,
      imports: [
        configModule(settings),
        TypeOrmModule.forRootAsync({
          // Fail the start quickly when PostgreSQL is not there (a supervisor restarts the API).
          useFactory: () => ({ retryAttempts: 2, retryDelay: 1000 }),
          dataSourceFactory: async () => {
            const log = new Logger('PostgreSQL');
            onDroppedConnection((err) =>
              log.warn(`connection lost (${err.message}); requests answer 503 until it is back`),
            );
            const ds = createDataSource(settings.api.database, 'hotline-api');
            // A connection attempt is bounded: while PostgreSQL is down a request gets a 503
            // quickly instead of waiting for the operating system's TCP timeout.
            ds.setOptions({
              extra: {
                ...(ds.options.extra as object),
                connectionTimeoutMillis: settings.platform.databaseConnectTimeoutMs,
              },
            } as Partial<DataSourceOptions>);
            return ds.initialize();
          },
        }),
        TypeOrmModule.forFeature(ENTITIES),
      ],
      providers: [
        { provide: TEMPORAL_CALLS, useValue: new TemporalCalls() },
        {
          provide: TEMPORAL_CONNECTION,
          inject: [TEMPORAL_CALLS],
          useFactory: async (calls: TemporalCalls) =>
            (
              await connectTemporalClient(settings.api.temporal, {
                interceptors: calls.interceptors(),
              })
            ).connection,
        },
        {
          provide: TEMPORAL_CLIENT,
          inject: [TEMPORAL_CONNECTION],
          useFactory: (connection: Connection) =>
            new Client({ connection, namespace: settings.api.temporal.namespace }),
        },
        { provide: DATA_SOURCE, useExisting: DataSource },
        ...common(settings),
      ],
      exports: [TypeOrmModule, ...SHARED],
    };
  }

  /**
   * Everything but the connections, for building the OpenAPI document from the code alone:
   * the DataSource, repositories and Temporal client are inert placeholders.
   */
  static offline(settings: Settings): DynamicModule {
    const inert = {};
    return {
      module: InfrastructureModule,
      imports: [configModule(settings)],
      providers: [
        { provide: TEMPORAL_CONNECTION, useValue: null },
        { provide: TEMPORAL_CALLS, useValue: null },
        { provide: TEMPORAL_CLIENT, useValue: inert },
        { provide: DataSource, useValue: inert },
        { provide: DATA_SOURCE, useValue: inert },
        ...ENTITIES.map((e) => ({ provide: getRepositoryToken(e), useValue: inert })),
        ...common(settings),
      ],
      exports: [DataSource, ...ENTITIES.map((e) => getRepositoryToken(e)), ...SHARED],
    };
  }

  /**
   * Closes the Temporal connection once no call is left on it: new calls are refused, those in
   * flight cancelled, the SDK's pending gRPC retries let run out (TemporalCalls). TypeOrmModule
   * closes the DataSource itself.
   */
  async onApplicationShutdown(): Promise<void> {
    if (this.temporal && this.calls)
      await this.calls.close(
        this.temporal,
        this.config.get('platform', { infer: true }).temporalCallTimeoutMs,
      );
  }
}

function configModule(settings: Settings) {
  return ConfigModule.forRoot({
    isGlobal: true,
    ignoreEnvFile: true,
    ignoreEnvVars: true,
    skipProcessEnv: true,
    load: [() => ({ ...settings })],
  });
}

function common(settings: Settings) {
  return [
    WorkflowGateway,
    PendingStarts,
    { provide: API_CONFIG, useValue: settings.api },
    {
      provide: PERSONAL_DATA,
      useValue: new PersonalDataCipher(
        settings.api.personalDataKey,
        settings.api.personalDataPreviousKeys,
      ),
    },
    {
      provide: REFERENCE_DATA,
      useFactory: () => {
        const ref = loadReferenceData(settings.platform.referenceData);
        new Logger('reference-data').log(
          `loaded "${settings.platform.referenceData}": ${ref.district.name ?? ref.district.id}, duty list ${ref.versions.dutyList}`,
        );
        return ref;
      },
    },
    {
      provide: CITY_REFERENCE_DATA,
      useFactory: () => loadCityReferenceData(settings.platform.referenceData),
    },
  ];
}
