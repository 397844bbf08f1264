/** Reads and writes get different default timeouts, and writes are never retried. */
export type EndpointKind = 'read' | 'write';

export interface EndpointDefinition {
  method: 'GET' | 'POST';
  /** Path template below the base URL, as in the contract; also what errors and logs name. */
  path: string;
  kind: EndpointKind;
}

export const ENDPOINTS = {
  createPurchase: { method: 'POST', path: '/purchases/create', kind: 'write' },
  listPurchases: { method: 'GET', path: '/purchases', kind: 'read' },
  listUncompleted: { method: 'GET', path: '/purchases/uncomplete', kind: 'read' },
  getPurchasesBulk: { method: 'GET', path: '/purchases/bulk', kind: 'read' },
  getPurchase: { method: 'GET', path: '/purchases/{orderId}', kind: 'read' },
  startPurchase: { method: 'POST', path: '/purchases/{orderId}/start', kind: 'write' },
  prolongPurchase: { method: 'POST', path: '/purchases/{orderId}/prolong', kind: 'write' },
  bulkStop: { method: 'POST', path: '/purchases/bulk-stop', kind: 'write' },
  editTwitchViewers: { method: 'POST', path: '/purchases/{orderId}/edit-twitch-viewers', kind: 'write' },
  editTwitchFollowers: { method: 'POST', path: '/purchases/{orderId}/edit-twitch-followers', kind: 'write' },
  editChatbot: { method: 'POST', path: '/purchases/{orderId}/edit-chatbot', kind: 'write' },
  editAiChatbots: { method: 'POST', path: '/purchases/{orderId}/edit-ai-chatbots', kind: 'write' },
  getTarif: { method: 'GET', path: '/tarifs/{tarifId}', kind: 'read' },
} as const satisfies Record<string, EndpointDefinition>;

export type EndpointName = keyof typeof ENDPOINTS;

/** "POST /purchases/{orderId}/start": the label errors and log lines carry (never a concrete URL). */
export function endpointLabel(endpoint: EndpointDefinition): string {
  return `${endpoint.method} ${endpoint.path}`;
}

export function fillPath(template: string, params: Record<string, number>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name]));
}
