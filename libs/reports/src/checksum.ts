import { createHash } from 'node:crypto';

/** The checksum a stored file is kept and served with. */
export const sha256Hex = (bytes: Buffer): string =>
  createHash('sha256').update(bytes).digest('hex');
