import { BadRequestException, type PipeTransform } from '@nestjs/common';
import { type z } from 'zod';

export interface FieldError {
  field: string;
  message: string;
}

/** Validates a body against a zod schema; a 400 lists every bad field, never a stack trace. */
export class ZodValidationPipe<T extends z.ZodType> implements PipeTransform<unknown, z.infer<T>> {
  constructor(private readonly schema: T) {}

  transform(value: unknown): z.infer<T> {
    const result = this.schema.safeParse(value);
    if (result.success) return result.data;
    const fields: FieldError[] = result.error.issues.map((issue) => ({
      field: issue.path.join('.') || '(body)',
      message: issue.message,
    }));
    throw new BadRequestException({ message: 'The request has invalid fields', fields });
  }
}
