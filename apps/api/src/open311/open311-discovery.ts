import { type Open311Config } from '../api-config';

/** When this endpoint's behaviour last changed: clients re-read the service list after it. */
export const OPEN311_CHANGESET = '2026-11-23T00:00:00+08:00';

/** The discovery document (GeoReport v2): where the endpoint is, which spec, which formats. */
export function discoveryDocument(config: Open311Config) {
  return {
    changeset: OPEN311_CHANGESET,
    contact: '12345 市民服务热线 (citizen hotline): call 12345',
    key_service: 'api_key: ask the district hotline centre (接诉即办指挥中心) for a key',
    endpoints: [
      {
        specification: 'http://wiki.open311.org/GeoReport_v2',
        url: config.baseUrl,
        changeset: OPEN311_CHANGESET,
        type: config.production ? 'production' : 'test',
        formats: ['text/xml', 'application/json'],
      },
    ],
  };
}
