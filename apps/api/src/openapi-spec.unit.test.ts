import 'reflect-metadata';
import { committedSpec, generateSpec } from './openapi-spec';

describe('apps/api/openapi.json', () => {
  it('is the spec the code generates (run `npm run openapi` after changing the API)', async () => {
    expect(JSON.parse(committedSpec())).toEqual(JSON.parse(await generateSpec()));
  });

  it('documents every order action with a request schema and bearer auth', async () => {
    const spec = JSON.parse(await generateSpec()) as {
      paths: Record<string, Record<string, { requestBody?: unknown; security?: unknown }>>;
    };
    const acknowledge = spec.paths['/orders/{orderId}/acknowledge']?.post;
    expect(acknowledge?.requestBody).toBeDefined();
    expect(spec.paths['/orders/{orderId}/callback']?.post?.requestBody).toBeDefined();
    expect(JSON.stringify(spec)).toContain('bearer');
  });
});
