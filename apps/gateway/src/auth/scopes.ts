export const GATEWAY_SCOPES = ['purchases:read', 'purchases:write', 'account:read', 'admin'] as const;
export type GatewayScope = (typeof GATEWAY_SCOPES)[number];

/** What a customer key gets when the admin names no scopes. */
export const DEFAULT_CUSTOMER_SCOPES: GatewayScope[] = ['purchases:read', 'purchases:write', 'account:read'];

export function isGatewayScope(value: string): value is GatewayScope {
  return (GATEWAY_SCOPES as readonly string[]).includes(value);
}
