/**
 * Node's arguments to run the TypeScript sources as they are, from the repository's root: swc compiles
 * them, and the generated Prisma client's `.js` imports resolve to its `.ts` files.
 */
export const TYPESCRIPT_NODE_ARGS = [
  '-r',
  '@swc-node/register',
  '-r',
  './test/gateway/support/resolve-js-as-ts.ts',
];
