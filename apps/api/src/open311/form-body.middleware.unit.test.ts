import { BadRequestException } from '@nestjs/common';
import { FORM_MAX_PARAMETERS, parseForm } from './form-body.middleware';

const refusal = (body: string) => {
  try {
    parseForm(body);
    return 'accepted';
  } catch (err) {
    expect(err).toBeInstanceOf(BadRequestException);
    return (err as Error).message;
  }
};

describe('Open311 form parser', () => {
  it('reads a GeoReport v2 form: +, percent-encoding, attribute[code], empty values', () => {
    const fields = parseForm(
      'api_key=k&service_code=CG-010&description=%E8%B7%AF%E7%81%AF+%E4%B8%8D%E4%BA%AE&attribute%5Blocation_detail%5D=3%E5%8F%B7%E6%A5%BC&email=&flag',
    );
    expect({ ...fields }).toEqual({
      api_key: 'k',
      service_code: 'CG-010',
      description: '路灯 不亮',
      'attribute[location_detail]': '3号楼',
      email: '',
      flag: '',
    });
    expect(Object.getPrototypeOf(parseForm('__proto__=x'))).toBeNull();
  });

  it('keeps the spec’s list fields (attribute[code][]) as lists, appended in order', () => {
    expect(
      parseForm('attribute%5Bkinds%5D%5B%5D=a&attribute%5Bkinds%5D%5B%5D=b')['attribute[kinds][]'],
    ).toEqual(['a', 'b']);
  });

  it('refuses 64 KiB of one repeated key at the first repeat, before any api_key check', () => {
    const flood = 'a=1&'.repeat(16 * 1024);
    expect(refusal(flood)).toBe('The form field a is sent more than once');
  });

  it(`refuses more than ${FORM_MAX_PARAMETERS} fields, and over-long names`, () => {
    const many = Array.from({ length: FORM_MAX_PARAMETERS + 1 }, (_, i) => `f${i}=1`).join('&');
    expect(refusal(many)).toBe(`A form may have at most ${FORM_MAX_PARAMETERS} fields`);
    expect(refusal('x'.repeat(64 * 1024 - 2) + '=1')).toBe(
      'Form field names are at most 100 characters',
    );
    // 64 KiB of list values: refused by the field count long before it could cost anything.
    expect(refusal('k%5B%5D=1&'.repeat(6500))).toBe(
      `A form may have at most ${FORM_MAX_PARAMETERS} fields`,
    );
  });

  it('refuses malformed percent-encoding and nameless fields with a 400', () => {
    expect(refusal('description=%E8%B7')).toBe('The form is not valid URL-encoded UTF-8');
    expect(refusal('=x')).toBe('A form field has no name');
  });
});
