import { redactPersonalData } from '@hotline/domain';
import { z } from 'zod';

/**
 * Free text a person writes into an order or whistle action (notes, summaries, comments,
 * explanations): phone, ID card and e-mail numbers in it are masked as the body is validated,
 * before anything reaches a workflow, an event, Kafka or a read model — the same masking as the
 * complaint text at intake (libs/domain/src/privacy). Checked for length first, then masked
 * (masking never makes a text longer).
 */
export const maskPersonalData = (text: string): string => redactPersonalData(text).text;

export const personalText = (min: number, max: number) =>
  z.string().trim().min(min).max(max).overwrite(maskPersonalData);

/** An optional remark (no minimum length, not trimmed away). */
export const optionalPersonalText = (max: number) =>
  z.string().max(max).overwrite(maskPersonalData).optional();
