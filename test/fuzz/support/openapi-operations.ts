import type { RegisteredRoute, RouteKind } from '../../support/routes';

export type JsonSchema = {
  type?: string;
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minimum?: number;
  maximum?: number;
  nullable?: boolean;
  $ref?: string;
  example?: unknown;
};

export interface OperationParameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: JsonSchema;
}

/** One operation of the gateway's own OpenAPI document, joined with the route the app registered. */
export interface FuzzOperation {
  method: string;
  /** The document's template: `/v1/purchases/{id}`. */
  template: string;
  kind: RouteKind;
  parameters: OperationParameter[];
  /** The JSON body schema with every `$ref` inlined, when the operation takes a body. */
  body?: JsonSchema;
  /** The statuses the document declares (`200`, `201`, `503`...). */
  documented: number[];
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

export interface OpenApiDocument {
  paths: Record<string, Record<string, RawOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}
interface RawOperation {
  parameters?: OperationParameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  responses?: Record<string, unknown>;
}

/** Fastify's `:id` pattern in the document's `{id}` style. */
export const toTemplate = (fastifyPath: string) => fastifyPath.replace(/:(\w+)/g, '{$1}');

/** Every operation of the document; throws when a registered route has none or the document lists none. */
export function fuzzOperations(document: OpenApiDocument, routes: RegisteredRoute[]): FuzzOperation[] {
  const schemas = document.components?.schemas ?? {};
  const operations = Object.entries(document.paths).flatMap(([template, item]) =>
    METHODS.filter((method) => item[method]).map((method) => {
      const raw = item[method];
      const route = routes.find((r) => r.method === method.toUpperCase() && toTemplate(r.path) === template);
      if (!route) throw new Error(`${method.toUpperCase()} ${template} is documented but not served`);
      const bodySchema = raw.requestBody?.content?.['application/json']?.schema;
      return {
        method: route.method,
        template,
        kind: route.kind,
        parameters: (raw.parameters ?? []).map((p) => ({ ...p, required: Boolean(p.required) })),
        body: bodySchema ? inline(bodySchema, schemas) : undefined,
        documented: Object.keys(raw.responses ?? {}).map(Number),
      };
    }),
  );
  if (operations.length === 0) throw new Error('The OpenAPI document lists no operation');
  const undocumented = routes.filter(
    (route) => !operations.some((op) => op.method === route.method && op.template === toTemplate(route.path)),
  );
  if (undocumented.length) {
    const names = undocumented.map((route) => `${route.method} ${route.path}`).join(', ');
    throw new Error(`Routes missing from the OpenAPI document: ${names}`);
  }
  return operations;
}

function inline(schema: JsonSchema, schemas: Record<string, JsonSchema>): JsonSchema {
  if (schema.$ref) return inline(schemas[schema.$ref.replace('#/components/schemas/', '')], schemas);
  const properties = schema.properties
    ? Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, inline(v, schemas)]))
    : undefined;
  return { ...schema, properties, items: schema.items && inline(schema.items, schemas) };
}
