import { z, type ZodType } from 'zod';
import { IDEMPOTENCY_HEADER } from '../http/idempotency';
import type { RouteDefinition } from '../http/route';
import { VERSION } from '../version';

const jsonSchema = (schema: ZodType, io: 'input' | 'output') => z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'openapi-3.0' });

const errorResponse = {
  description: 'Error: `{code, message, details}`',
  content: {
    'application/json': {
      schema: {
        type: 'object',
        required: ['code', 'message'],
        properties: { code: { type: 'string' }, message: { type: 'string' }, details: { type: 'object' } },
      },
    },
  },
};

/** The OpenAPI document, built from the same route declarations and zod schemas that serve requests. */
export function openApiDocument(routes: RouteDefinition[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const def of routes) {
    const path = '/api' + def.path.replace(/:(\w+)/g, '{$1}');
    const parameters: unknown[] = [];
    for (const [where, schema] of [
      ['path', def.params],
      ['query', def.query],
    ] as const) {
      if (!schema) continue;
      const properties = jsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, propertySchema] of Object.entries(properties.properties ?? {})) {
        parameters.push({ name, in: where, required: where === 'path' || properties.required?.includes(name), schema: propertySchema });
      }
    }
    if (def.idempotent) {
      parameters.push({ name: IDEMPOTENCY_HEADER, in: 'header', required: false, schema: { type: 'string', maxLength: 100 } });
    }
    const success = String(def.status ?? (def.response ? 200 : 204));
    paths[path] ??= {};
    paths[path][def.method] = {
      summary: def.summary,
      tags: [def.tag],
      'x-access': def.access,
      ...(parameters.length ? { parameters } : {}),
      ...(def.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(def.body, 'input') } } } } : {}),
      responses: {
        [success]: def.response
          ? { description: 'OK', content: { 'application/json': { schema: jsonSchema(def.response, 'output') } } }
          : { description: 'No content' },
        default: errorResponse,
      },
    };
  }
  return {
    openapi: '3.0.3',
    info: { title: 'Unit Hall API', version: VERSION },
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'uh_session' },
        csrf: { type: 'apiKey', in: 'header', name: 'X-XSRF-TOKEN' },
      },
    },
    security: [{ session: [], csrf: [] }],
    paths,
  };
}
