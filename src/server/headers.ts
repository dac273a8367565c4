import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';

/**
 * The pages of the web app (and the API docs). Vite's built index.html loads scripts only from files
 * (no inline script, no eval), so scripts are 'self' alone. Mantine writes its CSS variables into
 * <style> elements and components into style="" attributes at run time; a static page cannot carry a
 * nonce for them, so style-src allows 'unsafe-inline' (styles cannot run code). Course pages may show
 * images from https sites (as the printable course does), and the TOTP QR code is a data: URL.
 */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * API answers are data, never a page to render: nothing loads from them (an uploaded SVG opened
 * directly runs no script). The drill tracking pages under /api/v1/t/ are plain HTML with a link.
 */
export const API_CSP = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** A year; without includeSubDomains, since other services of the agency's domain are not ours to pin. */
const HSTS = 'max-age=31536000';

/**
 * Hardening headers on every answer. A route that renders its own HTML (the printable course) sets a
 * Content-Security-Policy fitting it, which is kept (with framing refused).
 */
export function registerSecurityHeaders(app: FastifyInstance, config: Config) {
  const https = config.publicUrl.startsWith('https:');
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
    reply.header('cross-origin-opener-policy', 'same-origin');
    const own = reply.getHeader('content-security-policy');
    if (own === undefined) {
      const api = request.url.startsWith('/api/') && !request.url.startsWith('/api/docs');
      reply.header('content-security-policy', api ? API_CSP : APP_CSP);
    } else if (!String(own).includes('frame-ancestors')) {
      reply.header('content-security-policy', `${own}; frame-ancestors 'none'`);
    }
    if (https) reply.header('strict-transport-security', HSTS);
  });
}
