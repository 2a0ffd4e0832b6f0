import { type ErrorFormat } from '../common/http-error.filter';
import { open311ErrorFor } from './open311-format';

/**
 * Open311's own error mapping: every error under /open311 — from its controller, the order
 * intake it calls, or before routing (a bad body, an unknown path) — is written as GeoReport
 * v2's `<errors><error><code/><description/></error></errors>` in the format the path asks for.
 */
export const open311ErrorFormat: ErrorFormat = {
  render: (path, status, description) => open311ErrorFor(path, status, description),
};
