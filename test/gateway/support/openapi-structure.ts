import Ajv from 'ajv';

type Json = Record<string, unknown>;
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/**
 * Structural problems of an OpenAPI 3 document (empty list = valid): required top-level fields,
 * operations with responses, unique ids and no parameter listed twice, every $ref resolvable, every schema compilable.
 */
export function openApiProblems(document: Json): string[] {
  const problems: string[] = [];
  if (typeof document.openapi !== 'string' || !/^3\.\d+\.\d+$/.test(document.openapi)) {
    problems.push(`openapi must be a 3.x.y version, got ${String(document.openapi)}`);
  }
  const info = document.info as Json | undefined;
  if (typeof info?.title !== 'string' || typeof info?.version !== 'string') {
    problems.push('info.title and info.version are required strings');
  }
  problems.push(...operationProblems(document.paths as Record<string, Json> | undefined));
  problems.push(...referenceProblems(document));
  problems.push(...schemaProblems(document));
  return problems;
}

function operationProblems(paths: Record<string, Json> | undefined): string[] {
  if (!paths || typeof paths !== 'object') return ['paths must be an object'];
  const problems: string[] = [];
  const operationIds = new Set<string>();
  for (const [path, item] of Object.entries(paths)) {
    if (!path.startsWith('/')) problems.push(`path ${path} must start with /`);
    for (const method of METHODS.filter((candidate) => candidate in item)) {
      const operation = item[method] as Json;
      const responses = operation.responses as Json | undefined;
      if (!responses || Object.keys(responses).length === 0)
        problems.push(`${method} ${path} has no responses`);
      const id = operation.operationId as string | undefined;
      if (id && operationIds.has(id)) problems.push(`operationId ${id} is not unique`);
      if (id) operationIds.add(id);
      problems.push(...parameterProblems(`${method} ${path}`, operation.parameters as Json[] | undefined));
    }
  }
  return problems;
}

/** HTTP header names are case-insensitive: `Accept-Language` and `accept-language` are one header. */
function parameterProblems(operation: string, parameters: Json[] = []): string[] {
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const parameter of parameters) {
    const name = String(parameter.name);
    const key = `${String(parameter.in)}:${parameter.in === 'header' ? name.toLowerCase() : name}`;
    if (seen.has(key))
      problems.push(`${operation} lists the ${String(parameter.in)} parameter ${name} twice`);
    seen.add(key);
  }
  return problems;
}

function referenceProblems(document: Json): string[] {
  const references = [...JSON.stringify(document).matchAll(/"\$ref":"([^"]+)"/g)].map((match) => match[1]);
  return references
    .filter((reference) => resolve(document, reference) === undefined)
    .map((r) => `unresolved ${r}`);
}

function resolve(document: Json, reference: string): unknown {
  if (!reference.startsWith('#/')) return undefined;
  return reference
    .slice(2)
    .split('/')
    .reduce<unknown>(
      (node, key) => (node as Json | undefined)?.[key.replace(/~1/g, '/').replace(/~0/g, '~')],
      document,
    );
}

function schemaProblems(document: Json): string[] {
  const schemas = ((document.components as Json | undefined)?.schemas ?? {}) as Record<string, Json>;
  const ajv = new Ajv({ strict: false });
  ajv.addSchema({ components: { schemas } }, 'openapi');
  const problems: string[] = [];
  for (const [name, schema] of Object.entries(schemas)) {
    for (const [property, definition] of Object.entries((schema.properties ?? {}) as Record<string, Json>)) {
      // What Swagger infers from a union type such as `string | null`: says nothing to a client.
      if (definition.type === 'object' && !definition.properties && !definition.additionalProperties)
        problems.push(`schema ${name}.${property} is a bare object`);
    }
    try {
      ajv.getSchema(`openapi#/components/schemas/${name}`);
    } catch (error) {
      problems.push(`schema ${name} does not compile: ${(error as Error).message}`);
    }
  }
  return problems;
}
