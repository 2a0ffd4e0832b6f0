import {
  apiConfigFromEnv,
  DEV_AUTH_SECRET,
  DEV_OPEN311_API_KEYS,
  DEV_PERSONAL_DATA_KEY,
  isLoopbackHost,
} from './api-config';

const OWN = {
  AUTH_JWT_SECRET: 'a-signing-key-only-this-city-knows-0123456789',
  PERSONAL_DATA_KEY: Buffer.alloc(32, 3).toString('base64'),
};

describe('secrets policy: no development key where others can reach the API', () => {
  it('refuses to start with the development keys when NODE_ENV is not set', () => {
    expect(() => apiConfigFromEnv({})).toThrow(
      'AUTH_JWT_SECRET and PERSONAL_DATA_KEY are unset or a development key from the repository (NODE_ENV=(unset), API_HOST=127.0.0.1): set them to a secret of your own, or run with NODE_ENV=development or test on a loopback API_HOST (127.0.0.1).',
    );
  });

  it('refuses them in development too when the API listens beyond loopback', () => {
    for (const host of ['0.0.0.0', '::', '10.1.2.3', 'api.example.org']) {
      expect(() => apiConfigFromEnv({ NODE_ENV: 'development', API_HOST: host })).toThrow(
        /^AUTH_JWT_SECRET and PERSONAL_DATA_KEY are unset or a development key/,
      );
    }
  });

  it('refuses a development key given explicitly, naming only that variable', () => {
    expect(() =>
      apiConfigFromEnv({ NODE_ENV: 'production', ...OWN, AUTH_JWT_SECRET: DEV_AUTH_SECRET }),
    ).toThrow(/^AUTH_JWT_SECRET is unset or a development key/);
    expect(() =>
      apiConfigFromEnv({
        NODE_ENV: 'production',
        ...OWN,
        PERSONAL_DATA_KEY: DEV_PERSONAL_DATA_KEY,
      }),
    ).toThrow(/^PERSONAL_DATA_KEY is unset or a development key/);
    expect(() =>
      apiConfigFromEnv({
        NODE_ENV: 'production',
        ...OWN,
        OPEN311_API_KEYS: `${DEV_OPEN311_API_KEYS},city-key-0001:city`,
      }),
    ).toThrow(/^OPEN311_API_KEYS is unset or a development key/);
    expect(() =>
      apiConfigFromEnv({
        NODE_ENV: 'production',
        ...OWN,
        AUTH_JWT_PREVIOUS_SECRETS: DEV_AUTH_SECRET,
      }),
    ).toThrow(/^AUTH_JWT_PREVIOUS_SECRETS is unset or a development key/);
  });

  it('says it in one sentence and never prints a key', () => {
    try {
      apiConfigFromEnv({
        NODE_ENV: 'production',
        API_HOST: '0.0.0.0',
        PERSONAL_DATA_KEY: OWN.PERSONAL_DATA_KEY,
      });
      throw new Error('accepted');
    } catch (err) {
      const message = (err as Error).message;
      expect(message).toMatch(/^AUTH_JWT_SECRET is unset [^\n]*\.$/);
      expect(message).not.toContain(OWN.PERSONAL_DATA_KEY);
    }
  });

  it('uses the development keys with NODE_ENV=development or test on loopback (npm start, tests)', () => {
    for (const NODE_ENV of ['development', 'test']) {
      for (const API_HOST of ['127.0.0.1', 'localhost', '::1']) {
        const config = apiConfigFromEnv({ NODE_ENV, API_HOST });
        expect(config.authSecret).toBe(DEV_AUTH_SECRET);
        expect(config.open311.apiKeys.get('open311-dev-key')).toBe('open311-dev-client');
        expect(config.open311.production).toBe(false);
      }
    }
  });

  it('starts in production with keys of its own, and without Open311 clients unless named', () => {
    const config = apiConfigFromEnv({ NODE_ENV: 'production', API_HOST: '0.0.0.0', ...OWN });
    expect(config.authSecret).toBe(OWN.AUTH_JWT_SECRET);
    expect(config.personalDataKey.equals(Buffer.alloc(32, 3))).toBe(true);
    expect(config.open311.apiKeys.size).toBe(0);
    expect(config.open311.production).toBe(true);
  });

  it('checks the personal-data key is 32 bytes at start', () => {
    expect(() =>
      apiConfigFromEnv({ ...OWN, NODE_ENV: 'production', PERSONAL_DATA_KEY: 'c2hvcnQ=' }),
    ).toThrow(/PERSONAL_DATA_KEY: 32 random bytes, base64/);
  });

  it('knows loopback addresses', () => {
    expect(['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]'].every(isLoopbackHost)).toBe(
      true,
    );
    expect(
      ['0.0.0.0', '::', '128.0.0.1', '127.0.0.256', 'localhost.evil.com'].some(isLoopbackHost),
    ).toBe(false);
  });
});
