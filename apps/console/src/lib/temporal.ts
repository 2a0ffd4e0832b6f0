/** The Temporal UI's page for an order's or a whistle's workflow (its id is the workflow id). */
export const TEMPORAL_UI = 'http://127.0.0.1:8233';

export function workflowUrl(workflowId: string, namespace = 'default'): string {
  return `${TEMPORAL_UI}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(workflowId)}`;
}
