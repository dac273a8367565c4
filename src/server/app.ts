import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifySchema } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import { registerAuth } from './auth.js';
import type { AppEnv } from './context.js';
import { AppError } from './errors.js';
import { registerSecurityHeaders } from './headers.js';
import { negotiateLocale } from './locale.js';
import { sendProblem, toAppError } from './problems.js';
import { databaseRateLimitStore } from './rate-limit.js';
import { apiRoutes } from './routes.js';

declare module 'fastify' {
  interface FastifyInstance {
    mamoruConfig: Config;
    /** Every API route (method and URL pattern), so tests can sweep all of them. */
    mamoruRoutes: { method: string; url: string; access: string; schema?: FastifySchema }[];
  }
}

export interface BuildOptions {
  db: Db;
  config: Config;
  env: AppEnv;
  /** Serve the built web app from this folder (default: dist/web when it exists). */
  webRoot?: string | null;
  logger?: boolean;
  /** Where the log goes instead of stdout (the benchmarks log at the production level to a file). */
  logStream?: { write(line: string): void };
}

const defaultWebRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

export async function buildApp(opts: BuildOptions): Promise<FastifyInstance> {
  const { config } = opts;
  const app = Fastify({
    logger:
      opts.logger === false
        ? false
        : {
            level: config.logLevel,
            redact: ['req.headers.authorization', 'req.headers.cookie'],
            ...(opts.logStream ? { stream: opts.logStream } : {}),
          },
    genReqId: () => randomUUID(),
    trustProxy: config.trustProxy,
    bodyLimit: config.bodyLimit,
    ajv: undefined,
    // The router answers some bad URLs itself, before any hook; they too become problem+json.
    frameworkErrors: (err, request, reply) => {
      request.locale = negotiateLocale(null, request.headers['accept-language']);
      return sendProblem(request, reply, toAppError(err, request.locale));
    },
  });
  app.decorate('mamoruConfig', config);
  const routes: FastifyInstance['mamoruRoutes'] = [];
  app.decorate('mamoruRoutes', routes);
  app.addHook('onRoute', (route) => {
    // Unknown query parameters are refused like unknown body fields, also on routes that take none.
    if (
      route.url.startsWith('/api/') &&
      !route.url.startsWith('/api/docs') &&
      route.schema &&
      !route.schema.querystring
    ) {
      route.schema.querystring = z.strictObject({});
    }
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (route.url.startsWith('/api/v') && method !== 'HEAD')
        routes.push({ method, url: route.url, access: String(route.config?.access), schema: route.schema });
    }
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.setErrorHandler((err, request, reply) => {
    const appErr = toAppError(err as Error, request.locale);
    if (appErr.status >= 500) {
      request.log.error({ err }, 'request failed');
      if (process.env.MAMORU_DEBUG_ERRORS) console.error(err);
    }
    return sendProblem(request, reply, appErr);
  });
  app.setNotFoundHandler((request, reply) => sendProblem(request, reply, new AppError('not_found')));

  await app.register(fastifyCookie);
  // Counted in the database, so that instances sharing one PostgreSQL limit as one (rate-limit.ts).
  await app.register(fastifyRateLimit, { global: false, store: databaseRateLimitStore(opts.db) });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Mamoru API',
        description:
          'Information-security management under the Government Unified Standards. Errors are application/problem+json (RFC 9457) with a stable `code`.',
        version: '1',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'API token from `mamoru token create`' },
          session: { type: 'apiKey', in: 'cookie', name: 'mamoru_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  registerAuth(app, { db: opts.db, config, env: opts.env });
  registerSecurityHeaders(app, config);

  await app.register(apiRoutes, { prefix: '/api' });

  const webRoot = opts.webRoot === undefined ? defaultWebRoot : opts.webRoot;
  if (webRoot && fs.existsSync(path.join(webRoot, 'index.html'))) {
    await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: false });
    // The single-page app answers every non-API path.
    app.get('/*', { config: {} }, (request, reply) => {
      if (request.url.startsWith('/api/')) return sendProblem(request, reply, new AppError('not_found'));
      const file = path.join(webRoot, request.url.split('?')[0] ?? '');
      if (file.startsWith(webRoot) && fs.existsSync(file) && fs.statSync(file).isFile()) {
        return reply.sendFile(path.relative(webRoot, file));
      }
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    });
  }
  return app;
}
