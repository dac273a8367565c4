import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { AppError } from './errors.js';

/** Uploads arrive as the raw request body: CSV, YAML or .xlsx, up to UPLOAD_LIMIT_BYTES. */
const UPLOAD_TYPES = [
  'text/csv',
  'text/plain',
  'text/yaml',
  'application/yaml',
  'application/x-yaml',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/octet-stream',
];

/** Lets the routes of this plugin take file bodies; returns the body limit to put on those routes. */
export function acceptFileBodies(app: FastifyInstance): number {
  const bodyLimit = app.mamoruConfig.uploadLimit;
  app.addContentTypeParser(UPLOAD_TYPES, { parseAs: 'buffer', bodyLimit }, (_req, body, done) =>
    done(null, body),
  );
  return bodyLimit;
}

export function fileBody(body: unknown): Buffer {
  if (!Buffer.isBuffer(body) || body.length === 0) {
    throw new AppError('bad_request', { detail: { ja: 'ファイルが空です。', en: 'The file is empty.' } });
  }
  return body;
}

/** The response schema of a download (documented as a binary string). */
export const Binary = z
  .custom<Buffer>((v) => Buffer.isBuffer(v))
  .meta({ type: 'string', format: 'binary', description: 'file download' });

export interface Download {
  body: Buffer;
  type: string;
  filename: string;
}

export function sendDownload(reply: FastifyReply, file: Download) {
  return reply
    .type(file.type)
    .header('content-disposition', `attachment; filename="${encodeURIComponent(file.filename)}"`)
    .send(file.body);
}
