import { SetMetadata } from '@nestjs/common';
import { GatewayScope } from './scopes';

export const PUBLIC_ROUTE = 'ssg:public';
export const REQUIRED_SCOPES = 'ssg:scopes';

/** No key needed (health, docs, metrics). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/**
 * The scopes a key needs. A route that does not require `admin` is a customer route: it works on
 * one customer's data, the key's own, or the one an admin key names in On-Behalf-Of.
 */
export const RequireScopes = (...scopes: GatewayScope[]) => SetMetadata(REQUIRED_SCOPES, scopes);

export const AdminOnly = () => RequireScopes('admin');
