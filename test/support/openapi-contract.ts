/**
 * Contract checks against the vendored StreamSkill OpenAPI document
 * (libs/streamskill/contract/streamskill-openapi.yaml), for tests only.
 *
 * Both validators return a list of human-readable problems; an empty list means "valid".
 *
 * Choices where the document is loose:
 * - Paths may be given with or without the `/v1` server prefix, as a full URL, and with a query string.
 *   Literal templates (`/purchases/bulk`) win over parameterised ones (`/purchases/{orderId}`).
 * - `expand` is declared as a single enum value, but its description and example (`tarif,parent`) call for
 *   a comma-separated list: it is checked as a comma-separated list of the enum values.
 * - `ids` (GET /purchases/bulk) must be 1..100 comma-separated positive integers, as its description says.
 * - Query parameters the operation does not declare are reported.
 * - `Authorization: Bearer <token>` (global `bearerAuth`) is checked only when `headers` is given.
 * - A response status the operation does not declare is validated against `ErrorObject` when it is a
 *   4xx/5xx (the error table applies to every endpoint); an undeclared 2xx/3xx is an error.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { load } from 'js-yaml';

export const UPSTREAM_SPEC_PATH = join(__dirname, '../../libs/streamskill/contract/streamskill-openapi.yaml');

type Json = unknown;
type Schema = Record<string, unknown>;

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> };
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
  security?: unknown[];
}
interface PathItem extends Partial<Record<HttpMethod, Operation>> {
  parameters?: Parameter[];
}
type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface UpstreamOperation {
  method: string;
  path: string;
}

export interface UpstreamRequest {
  query?: Record<string, string | string[] | undefined> | URLSearchParams;
  headers?: Record<string, string | string[] | undefined>;
  body?: Json;
}

const HTTP_METHODS: HttpMethod[] = ['get', 'post', 'put', 'patch', 'delete'];

class UpstreamContract {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly compiled = new WeakMap<object, ValidateFunction>();
  private readonly paths: Record<string, PathItem>;
  private readonly errorObject: Schema;
  private readonly globalSecurity: unknown[];

  constructor(specPath: string) {
    addFormats(this.ajv);
    this.ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
    this.ajv.addFormat('int32', {
      type: 'number',
      validate: (n: number) => Number.isInteger(n) && Math.abs(n) < 2 ** 31,
    });
    const document = dereference(load(readFileSync(specPath, 'utf8'))) as {
      paths: Record<string, PathItem>;
      security?: unknown[];
      components: { schemas: Record<string, Schema> };
    };
    this.paths = document.paths;
    this.errorObject = document.components.schemas.ErrorObject;
    this.globalSecurity = document.security ?? [];
  }

  operations(): UpstreamOperation[] {
    return Object.entries(this.paths).flatMap(([path, item]) =>
      HTTP_METHODS.filter((m) => item[m]).map((m) => ({ method: m.toUpperCase(), path })),
    );
  }

  operationFor(method: string, path: string): UpstreamOperation | null {
    const found = this.findOperation(method, path);
    return typeof found === 'string' ? null : { method: method.toUpperCase(), path: found.template };
  }

  validateResponse(method: string, path: string, status: number, body: Json): string[] {
    const found = this.findOperation(method, path);
    if (typeof found === 'string') return [found];
    const declared = found.operation.responses[String(status)];
    const label = `${method.toUpperCase()} ${found.template} ${status}`;
    if (!declared) {
      if (status >= 400) return this.check(this.errorObject, body, `${label} (ErrorObject) body`);
      return [`${label}: status not declared by the operation`];
    }
    const schema = declared.content?.['application/json']?.schema;
    return schema ? this.check(schema, body, `${label} body`) : [];
  }

  validateRequest(method: string, concretePath: string, request: UpstreamRequest): string[] {
    const found = this.findOperation(method, concretePath);
    if (typeof found === 'string') return [found];
    const { item, operation, pathParams, template } = found;
    const label = `${method.toUpperCase()} ${template}`;
    const params = [...(item.parameters ?? []), ...(operation.parameters ?? [])];
    const query = mergeQuery(concretePath, request.query);
    const problems: string[] = [];
    for (const param of params) {
      if (param.in === 'path') problems.push(...this.checkScalar(param, pathParams[param.name], label));
      if (param.in === 'query') problems.push(...this.checkQuery(param, query.get(param.name), label));
      if (param.in === 'header' && request.headers) {
        problems.push(...this.checkScalar(param, header(request.headers, param.name), label));
      }
    }
    const declaredQuery = new Set(params.filter((p) => p.in === 'query').map((p) => p.name));
    for (const name of new Set(query.keys())) {
      if (!declaredQuery.has(name)) problems.push(`${label}: query parameter "${name}" is not declared`);
    }
    if (request.headers && (operation.security ?? this.globalSecurity).length > 0) {
      const auth = header(request.headers, 'authorization');
      if (!auth || !/^Bearer \S+$/.test(auth))
        problems.push(`${label}: missing "Authorization: Bearer <token>"`);
    }
    problems.push(...this.checkBody(operation, request.body, label));
    return problems;
  }

  private checkBody(operation: Operation, body: Json, label: string): string[] {
    if (body === undefined) {
      return operation.requestBody?.required ? [`${label}: request body is required`] : [];
    }
    if (!operation.requestBody) return [`${label}: the operation takes no request body`];
    const schema = operation.requestBody.content?.['application/json']?.schema;
    return schema ? this.check(schema, body, `${label} request body`) : [];
  }

  private checkQuery(param: Parameter, raw: string | null, label: string): string[] {
    if (raw === null) return param.required ? [`${label}: query parameter "${param.name}" is required`] : [];
    if (param.name === 'expand') {
      const allowed = (param.schema?.enum as string[] | undefined) ?? [];
      const bad = raw.split(',').filter((value) => !allowed.includes(value));
      return bad.length
        ? [`${label}: expand values ${JSON.stringify(bad)} not in ${JSON.stringify(allowed)}`]
        : [];
    }
    if (param.name === 'ids') {
      const ids = raw.split(',');
      if (ids.length > 100) return [`${label}: ids has ${ids.length} values (maximum 100)`];
      const bad = ids.filter((id) => !/^[1-9]\d*$/.test(id));
      return bad.length ? [`${label}: ids must be positive integers, got ${JSON.stringify(bad)}`] : [];
    }
    return this.checkScalar(param, raw, label);
  }

  private checkScalar(param: Parameter, raw: string | undefined | null, label: string): string[] {
    const where = `${label} ${param.in} parameter "${param.name}"`;
    if (raw === undefined || raw === null) return param.required ? [`${where} is required`] : [];
    const schema = param.schema ?? {};
    const value = schema.type === 'integer' && /^-?\d+$/.test(raw) ? Number(raw) : raw;
    return this.check(schema, value, where);
  }

  private check(schema: Schema, value: Json, where: string): string[] {
    let validate = this.compiled.get(schema);
    if (!validate) {
      validate = this.ajv.compile(schema);
      this.compiled.set(schema, validate);
    }
    if (validate(value)) return [];
    return (validate.errors ?? []).map((e) => `${where}${e.instancePath || ''}: ${e.message ?? 'invalid'}`);
  }

  private findOperation(method: string, rawPath: string) {
    const path = normalisePath(rawPath);
    const templates = Object.keys(this.paths).sort((a, b) => paramCount(a) - paramCount(b));
    for (const template of templates) {
      const pathParams =
        matchTemplate(template, path) ?? matchTemplate(template, path.replace(/^\/v1(?=\/)/, ''));
      if (!pathParams) continue;
      const item = this.paths[template];
      const operation = item[method.toLowerCase() as HttpMethod];
      if (!operation) return `${method.toUpperCase()} ${template}: method not declared`;
      return { template, item, operation, pathParams };
    }
    return `${method.toUpperCase()} ${path}: no such path in the contract`;
  }
}

/** Inlines every local `$ref` (the document has no cycles; shared targets stay shared objects). */
function dereference(root: unknown): unknown {
  const resolved = new Map<string, unknown>();
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!node || typeof node !== 'object') return node;
    const ref = (node as { $ref?: unknown }).$ref;
    if (typeof ref === 'string') {
      if (!resolved.has(ref)) resolved.set(ref, walk(pointer(root, ref)));
      return resolved.get(ref);
    }
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v)]));
  };
  return walk(root);
}

function pointer(root: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) throw new Error(`Only local $refs are supported: ${ref}`);
  return ref
    .slice(2)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, key) => {
      const next = (node as Record<string, unknown> | undefined)?.[key];
      if (next === undefined) throw new Error(`Unresolvable $ref ${ref}`);
      return next;
    }, root);
}

function normalisePath(raw: string): string {
  const withoutOrigin = /^https?:\/\//.test(raw) ? new URL(raw).pathname : raw;
  return withoutOrigin.split('?')[0].replace(/\/+$/, '') || '/';
}

function paramCount(template: string): number {
  return (template.match(/\{/g) ?? []).length;
}

function matchTemplate(template: string, path: string): Record<string, string> | null {
  if (template === path) return {};
  const names: string[] = [];
  const source = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([^}]+)\}/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  const match = new RegExp(`^${source}$`).exec(path);
  if (!match) return null;
  return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1])]));
}

function mergeQuery(path: string, query: UpstreamRequest['query']): URLSearchParams {
  const merged = new URLSearchParams(path.includes('?') ? path.slice(path.indexOf('?') + 1) : '');
  const entries = query instanceof URLSearchParams ? [...query.entries()] : Object.entries(query ?? {});
  for (const [name, value] of entries) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) merged.append(name, v);
  }
  return merged;
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
  const value = key === undefined ? undefined : headers[key];
  return Array.isArray(value) ? value.join(', ') : value;
}

let contract: UpstreamContract | undefined;
function upstreamContract(): UpstreamContract {
  contract ??= new UpstreamContract(UPSTREAM_SPEC_PATH);
  return contract;
}

/** Every operation in the contract, as `{method: 'GET', path: '/purchases/{orderId}'}`. */
export function upstreamOperations(): UpstreamOperation[] {
  return upstreamContract().operations();
}

/** The contract operation a concrete request hits (`/v1/purchases/12/start` -> `/purchases/{orderId}/start`). */
export function upstreamOperationFor(method: string, concretePath: string): UpstreamOperation | null {
  return upstreamContract().operationFor(method, concretePath);
}

/** Problems with a response body for `method path` answered with `status`; empty = valid. */
export function validateUpstreamResponse(
  method: string,
  pathTemplateOrConcretePath: string,
  status: number,
  body: Json,
): string[] {
  return upstreamContract().validateResponse(method, pathTemplateOrConcretePath, status, body);
}

/** Problems with a request (path/query/header parameters and JSON body); empty = valid. */
export function validateUpstreamRequest(
  method: string,
  concretePath: string,
  request: UpstreamRequest = {},
): string[] {
  return upstreamContract().validateRequest(method, concretePath, request);
}
