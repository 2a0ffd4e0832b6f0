import {
  BadRequestException,
  PayloadTooLargeException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { type NextFunction, type Request, type Response } from 'express';
import { containsNul, nulRefusal } from '../common/reject-nul.middleware';

/** Far more than a GeoReport v2 POST has (about 15 fields and a few attributes). */
export const FORM_MAX_PARAMETERS = 100;
/** `attribute[location_detail]` and the like; no field name of the spec is near this. */
export const FORM_MAX_KEY_LENGTH = 100;

export type FormFields = Record<string, string | string[]>;

/**
 * Parses `application/x-www-form-urlencoded` in one pass over the body, in time linear in its
 * size: at most FORM_MAX_PARAMETERS fields (counted before anything is decoded), names of at most
 * FORM_MAX_KEY_LENGTH characters, and a name only once — except the spec's list fields
 * (`attribute[code][]`), whose values are appended, never copied. Throws a 400 saying what is
 * wrong; the Open311 error filter writes it in the spec's `<errors>` format.
 */
export function parseForm(body: string): FormFields {
  // No prototype: a field named __proto__ is just a field.
  const fields = Object.create(null) as FormFields;
  if (body === '') return fields;
  let count = 0;
  let start = 0;
  while (start <= body.length) {
    let end = body.indexOf('&', start);
    if (end === -1) end = body.length;
    if (end > start) {
      count += 1;
      if (count > FORM_MAX_PARAMETERS)
        throw new BadRequestException(`A form may have at most ${FORM_MAX_PARAMETERS} fields`);
      const pair = body.slice(start, end);
      const eq = pair.indexOf('=');
      const key = decode(eq === -1 ? pair : pair.slice(0, eq));
      const value = eq === -1 ? '' : decode(pair.slice(eq + 1));
      if (key.length === 0) throw new BadRequestException('A form field has no name');
      if (key.length > FORM_MAX_KEY_LENGTH)
        throw new BadRequestException(
          `Form field names are at most ${FORM_MAX_KEY_LENGTH} characters`,
        );
      const seen = fields[key];
      if (key.endsWith('[]')) {
        if (seen === undefined) fields[key] = [value];
        else (seen as string[]).push(value);
      } else if (seen !== undefined) {
        throw new BadRequestException(`The form field ${key} is sent more than once`);
      } else {
        fields[key] = value;
      }
    }
    start = end + 1;
  }
  return fields;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    throw new BadRequestException('The form is not valid URL-encoded UTF-8');
  }
}

/**
 * GeoReport v2 POSTs are form-encoded (`attribute[code]=…` included). The API parses only JSON,
 * so the Open311 routes read forms themselves: UTF-8, bounded in size and shape (parseForm).
 */
export function formBody(limitBytes: number) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    if (!req.is('application/x-www-form-urlencoded')) return next();
    const charset = /charset=([^;\s]+)/i.exec(req.headers['content-type'] ?? '')?.[1];
    if (charset && !/^utf-?8$/i.test(charset.replace(/"/g, ''))) {
      return next(new UnsupportedMediaTypeException('Form bodies must be UTF-8'));
    }
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limitBytes) {
      req.resume();
      return next(new PayloadTooLargeException('The request body is too large'));
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limitBytes) chunks.push(chunk);
    });
    req.once('error', next);
    req.once('end', () => {
      if (size > limitBytes)
        return next(new PayloadTooLargeException('The request body is too large'));
      let fields: FormFields;
      try {
        fields = parseForm(Buffer.concat(chunks).toString('utf8'));
      } catch (err) {
        return next(err);
      }
      if (containsNul(fields)) return next(nulRefusal());
      req.body = fields;
      next();
    });
  };
}
