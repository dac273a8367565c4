import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { en, ja } from 'zod/v4/locales';
import type { Locale } from '../modules/accounts/schema.js';
import { AppError, type ErrorCode, type FieldError, toProblem } from './errors.js';
import { CONTROL_CHARACTERS_REASON } from './validation.js';

const zodLocales = { ja: ja(), en: en() };
const contextNames: Record<string, string> = {
  querystring: 'query',
  params: 'params',
  body: 'body',
  headers: 'headers',
};

const controlCharacters = (field: string) => ({
  ja: `${field} に制御文字（NUL など）が含まれています。使えるのは通常の文字とタブ・改行だけです。`,
  en: `${field} contains control characters (such as NUL); only ordinary characters, tabs and line breaks are allowed.`,
});

/** Translates a schema-validation failure into field errors in the caller's language. */
function fieldErrors(err: FastifyError, locale: Locale): FieldError[] {
  const context = contextNames[err.validationContext ?? 'body'] ?? 'body';
  return (err.validation ?? []).map((v) => {
    const path = `${context}${v.instancePath.replaceAll('/', '.')}`.replace(/\.$/, '');
    if (
      (v.params as { params?: { reason?: string } } | undefined)?.params?.reason === CONTROL_CHARACTERS_REASON
    )
      return { path, message: controlCharacters(path)[locale] };
    const issue = { code: v.keyword, ...(v.params as Record<string, unknown>) } as Parameters<
      (typeof zodLocales)['ja']['localeError']
    >[0];
    const localized = zodLocales[locale].localeError(issue);
    const message = typeof localized === 'string' ? localized : (localized?.message ?? v.message ?? '');
    return { path, message };
  });
}

// Fastify's own error codes that are the client's fault, mapped to ours.
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'bad_request',
  FST_ERR_CTP_INVALID_JSON_BODY: 'bad_request',
  FST_ERR_VALIDATION: 'validation_failed',
  // The router's own refusals (frameworkErrors): a path part over maxParamLength, a broken %-escape.
  FST_ERR_MAX_PARAM_LENGTH: 'uri_too_long',
  FST_ERR_BAD_URL: 'bad_request',
};

export function toAppError(err: FastifyError | AppError | Error, locale: Locale): AppError {
  if (err instanceof AppError) return err;
  const fe = err as FastifyError;
  if (hasZodFastifySchemaValidationErrors(fe) || fe.validation) {
    return new AppError('validation_failed', { errors: fieldErrors(fe, locale) });
  }
  if (fe.code && FASTIFY_CODES[fe.code]) return new AppError(FASTIFY_CODES[fe.code]!);
  if (fe.statusCode === 429) return new AppError('rate_limited');
  if (err instanceof SyntaxError && fe.statusCode === 400) return new AppError('bad_request');
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500 && !isResponseSerializationError(fe)) {
    return new AppError('bad_request');
  }
  return new AppError('internal');
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, err: AppError) {
  const problem = toProblem(err, request.locale, request.url.split('?')[0]);
  return reply
    .code(problem.status)
    .type('application/problem+json; charset=utf-8')
    .serializer(JSON.stringify)
    .send(problem);
}
