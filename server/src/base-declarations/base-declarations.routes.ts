import { baseDeclarationInput, baseDeclarationStatus, basePersonPage, basePersonQuery } from '@common/api/base-declarations';
import { correctionQuery, submission } from '@common/api/submissions';
import { displayPeriod } from '@common/fee-period';
import { TEMPLATES } from '../../../templates';
import { SHEET_TEXTS } from '../../../templates/template-definition';
import { sendWorkbook } from '../batches/batches.routes';
import { templateWorkbook } from '../batches/template-workbook';
import { exportTexts, listExporter, type ListExportDeps } from '../exports/list-export';
import { neutraliseFormula, type ExportColumn } from '../exports/xlsx-stream';
import { actorOf, route, unitOf, UNIT_ROLES, type RouteDefinition } from '../http/route';
import type { BaseDeclarationService, DeclaredBase } from './base-declarations.service';

export function baseDeclarationRoutes(bases: BaseDeclarationService, exportDeps: ListExportDeps): RouteDefinition[] {
  const sendExport = listExporter(exportDeps);
  return [
    route({
      method: 'get',
      path: '/base-declarations/status',
      summary: 'The contribution year being declared (or last declared), whether its window is open today, and the next window',
      tag: 'base-declarations',
      access: UNIT_ROLES,
      response: baseDeclarationStatus,
      handle: (ctx) => bases.status(unitOf(ctx)),
    }),
    route({
      method: 'get',
      path: '/base-declarations/persons',
      summary: "The unit's insured persons for the year's declaration: undeclared, pending or declared, with the base now",
      tag: 'base-declarations',
      access: UNIT_ROLES,
      query: basePersonQuery,
      response: basePersonPage,
      handle: (ctx) => bases.persons(unitOf(ctx), ctx.query),
    }),
    route({
      method: 'post',
      path: '/base-declarations',
      summary:
        "Submits one insured person's declared wage for the contribution year whose window is open, for review; `corrects` names the rejected base declaration it corrects",
      tag: 'base-declarations',
      access: UNIT_ROLES,
      query: correctionQuery,
      body: baseDeclarationInput,
      response: submission,
      status: 201,
      idempotent: true,
      handle: (ctx) => bases.submitOne(unitOf(ctx), actorOf(ctx), ctx.body, ctx.requestId, ctx.query.corrects),
    }),
    route({
      method: 'get',
      path: '/base-declarations/template',
      summary: "The base declaration template prefilled with the unit's insured persons (name, ID number, current base); the unit fills the wage",
      tag: 'base-declarations',
      access: UNIT_ROLES,
      handle: async (ctx) => {
        const def = TEMPLATES['base-declaration'];
        const lang = ctx.lang;
        const rows = async function* (persons: ReturnType<BaseDeclarationService['insuredForTemplate']>) {
          for await (const page of persons) yield page.map((p) => [neutraliseFormula(p.name), p.idNumber, p.currentBaseFen / 100, null]);
        };
        const file = await templateWorkbook(def, lang, rows(bases.insuredForTemplate(unitOf(ctx))));
        return sendWorkbook(ctx.res, `${def.sheetName[lang]}-${SHEET_TEXTS[lang].template}-v${def.version}`, file);
      },
    }),
    route({
      method: 'get',
      path: '/base-declarations/export',
      summary: "The year's approved contribution bases of the unit's persons, as .xlsx",
      tag: 'base-declarations',
      access: UNIT_ROLES,
      handle: async (ctx) => {
        const t = exportTexts(exportDeps.messages, ctx.lang);
        const { year, total, pages } = await bases.declaredForExport(unitOf(ctx));
        const columns: ExportColumn<DeclaredBase>[] = [
          { header: t('insured.fields.name'), width: 12, value: (r) => r.name },
          { header: t('insured.fields.idNumber'), width: 22, value: (r) => r.idNumber },
          { header: t('baseDeclaration.fields.fromMonth'), width: 10, kind: 'period', value: (r) => r.fromMonth },
          { header: t('baseDeclaration.fields.wageFen'), kind: 'money', value: (r) => r.wageFen },
          { header: t('baseDeclaration.fields.baseFen'), kind: 'money', value: (r) => r.baseFen },
        ];
        const yearText = year ? `${displayPeriod(year.firstMonth)}–${displayPeriod(year.lastMonth)}` : null;
        return sendExport(ctx, {
          name: t('baseDeclaration.exportName'),
          fileSuffix: yearText ?? undefined,
          filters: [yearText ? `${t('baseDeclaration.year')}: ${yearText}` : null],
          columns,
          pages,
          totalRows: total,
        });
      },
    }),
  ];
}
