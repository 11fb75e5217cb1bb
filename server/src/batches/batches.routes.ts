import express, { type Request, type Response } from 'express';
import { z } from 'zod';
import {
  batchPreviewPage,
  batchPreviewQuery,
  batchSubmitRequest,
  batchSubmitResult,
  batchValidation,
  BATCH_KINDS,
  DECLARATION_KINDS,
  sheetErrorPage,
  sheetErrorQuery,
} from '@common/api/declarations';
import { XLSX_CONTENT_TYPE } from '@common/xlsx';
import { TEMPLATES } from '../../../templates';
import { SHEET_TEXTS } from '../../../templates/template-definition';
import { contentDisposition } from '../exports/xlsx-stream';
import { AppError } from '../http/errors';
import { actorOf, RESPONDED, route, unitOf, UNIT_ROLES, type RouteDefinition } from '../http/route';
import type { BatchService } from './batches.service';
import { templateWorkbook } from './template-workbook';

const UPLOAD_LIMIT_MB = 10;
const readRawUpload = express.raw({ type: [XLSX_CONTENT_TYPE, 'application/octet-stream'], limit: `${UPLOAD_LIMIT_MB}mb` });

const kindParams = z.object({ kind: z.enum(DECLARATION_KINDS) });
const kindQuery = z.object({ kind: z.enum(BATCH_KINDS) });
const tokenParams = z.object({ token: z.string().regex(/^[\w-]{16,100}$/) });
// eslint-disable-next-line no-control-regex -- control characters are what a file name is stripped of
const CONTROL_CHARACTERS = /[\x00-\x1f\x7f]/g;

/** The upload's body, read here rather than for every route: only the routes that take a file read it, up to their own limit. */
export async function uploadedFile(req: Request, res: Response): Promise<Buffer> {
  await new Promise<void>((resolve, reject) =>
    readRawUpload(req, res, (error?: unknown) => {
      if (!error) return resolve();
      const tooLarge = (error as { type?: string }).type === 'entity.too.large';
      reject(tooLarge ? new AppError(413, 'UPLOAD_TOO_LARGE', { limit: `${UPLOAD_LIMIT_MB} MB` }) : (error as Error));
    }),
  );
  if (!Buffer.isBuffer(req.body) || req.body.length === 0) throw new AppError(415, 'UPLOAD_NOT_XLSX');
  return req.body;
}

/** `X-File-Name`, URI-encoded by the client because header values are ASCII; only the base name is kept. */
function uploadedFileName(req: Request): string {
  let name = req.get('x-file-name') ?? '';
  try {
    name = decodeURIComponent(name);
  } catch {
    // A malformed escape leaves the raw value, which is still a name.
  }
  name = name.split(/[\\/]/).pop()!.replace(CONTROL_CHARACTERS, '').trim();
  return (name || 'upload.xlsx').slice(-200);
}

/** A generated or annotated workbook as the response. */
export function sendWorkbook(res: Response, fileName: string, file: Buffer): typeof RESPONDED {
  res.status(200).set({
    'Content-Type': XLSX_CONTENT_TYPE,
    'Content-Disposition': contentDisposition(fileName),
    'Cache-Control': 'no-store',
  });
  res.end(file);
  return RESPONDED;
}

export function batchRoutes(batches: BatchService): RouteDefinition[] {
  const templates = new Map<string, Promise<Buffer>>();

  return [
    route({
      method: 'get',
      path: '/templates/:kind',
      summary: 'The Excel template for batch additions or reductions, headers in the caller’s language',
      tag: 'batches',
      access: UNIT_ROLES,
      params: kindParams,
      handle: async (ctx) => {
        const def = TEMPLATES[ctx.params.kind];
        const lang = ctx.lang;
        const key = `${def.id}/${lang}`;
        // The template depends on nothing but its definition and the language: built once per process.
        if (!templates.has(key)) templates.set(key, templateWorkbook(def, lang));
        const fileName = `${def.sheetName[lang]}-${SHEET_TEXTS[lang].template}-v${def.version}`;
        return sendWorkbook(ctx.res, fileName, await templates.get(key)!);
      },
    }),
    route({
      method: 'post',
      path: '/batches/validate',
      summary: `Dry run of a filled template: the raw .xlsx as the body (at most ${UPLOAD_LIMIT_MB} MB), its name URI-encoded in X-File-Name`,
      tag: 'batches',
      access: UNIT_ROLES,
      query: kindQuery,
      response: batchValidation,
      handle: async (ctx) => {
        const file = await uploadedFile(ctx.req, ctx.res);
        return batches.validate(unitOf(ctx), actorOf(ctx), ctx.query.kind, file, uploadedFileName(ctx.req), ctx.lang);
      },
    }),
    route({
      method: 'get',
      path: '/batches/validations/:token/annotated',
      summary: 'The uploaded workbook with an error column and the bad cells marked',
      tag: 'batches',
      access: UNIT_ROLES,
      params: tokenParams,
      handle: async (ctx) => {
        const { fileName, file } = await batches.annotated(unitOf(ctx), ctx.params.token, ctx.lang);
        return sendWorkbook(ctx.res, fileName, file);
      },
    }),
    route({
      method: 'get',
      path: '/batches/validations/:token/errors',
      summary: 'A page of the dry run’s problems in row order, in the caller’s language (its answer carries the first ones)',
      tag: 'batches',
      access: UNIT_ROLES,
      params: tokenParams,
      query: sheetErrorQuery,
      response: sheetErrorPage,
      handle: (ctx) => batches.errors(unitOf(ctx), ctx.params.token, ctx.query, ctx.lang),
    }),
    route({
      method: 'get',
      path: '/batches/validations/:token/preview',
      summary: 'A page of what the dry run’s valid addition rows will become: clamped base, monthly amounts, resident insurance ending',
      tag: 'batches',
      access: UNIT_ROLES,
      params: tokenParams,
      query: batchPreviewQuery,
      response: batchPreviewPage,
      handle: (ctx) => batches.preview(unitOf(ctx), ctx.params.token, ctx.query),
    }),
    route({
      method: 'post',
      path: '/batches',
      summary: 'Submits the valid rows of a dry run as one batch (Idempotency-Key recommended)',
      tag: 'batches',
      access: UNIT_ROLES,
      body: batchSubmitRequest,
      response: batchSubmitResult,
      status: 201,
      idempotent: true,
      handle: (ctx) => batches.submit(unitOf(ctx), actorOf(ctx), ctx.body.token, ctx.requestId),
    }),
  ];
}
