/** Injected from GatewayConfig: the pepper every key secret is HMAC'd with, and the key cache TTL. */
export abstract class AuthSettings {
  abstract readonly keyPepper: string;
  abstract readonly keyCacheTtlMs: number;
}
