export const SANDBOX_TOKEN = 'bench-sandbox-token';
