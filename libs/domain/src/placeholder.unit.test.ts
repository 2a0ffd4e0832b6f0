import { DOMAIN_PLACEHOLDER } from '@hotline/domain';
test('placeholder', () => expect(DOMAIN_PLACEHOLDER).toBe(true));
