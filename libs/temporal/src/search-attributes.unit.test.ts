import registered from '../search-attributes.json';
import { SEARCH_ATTRIBUTES } from './search-attributes';

const TYPE_NAMES: Record<string, string> = {
  KEYWORD: 'Keyword',
  DATETIME: 'Datetime',
  BOOL: 'Bool',
  KEYWORD_LIST: 'KeywordList',
};

test('the attributes the dev server registers are exactly the ones the code uses', () => {
  const fromJson = Object.fromEntries(
    Object.entries(registered).filter(([k]) => !k.startsWith('/')),
  );
  const fromCode = Object.fromEntries(
    Object.values(SEARCH_ATTRIBUTES).map((key) => [key.name, TYPE_NAMES[key.type]]),
  );
  expect(fromCode).toEqual(fromJson);
});
