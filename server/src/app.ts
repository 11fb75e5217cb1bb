import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Clock } from './clock';
import type { Database } from './db/database';
import type { Logger } from './logger';
import { AgentService } from './agents/agents.service';
import { agentRoutes } from './agents/agents.routes';
import { AuditService } from './audit/audit.service';
import { auditRoutes } from './audit/audit.routes';
import { AuthService } from './auth/auth.service';
import { SessionCache } from './auth/session-cache';
import { authRoutes } from './auth/auth.routes';
import { BaseDeclarationService } from './base-declarations/base-declarations.service';
import { baseDeclarationRoutes } from './base-declarations/base-declarations.routes';
import { batchRoutes } from './batches/batches.routes';
import { BatchService } from './batches/batches.service';
import { CertificateService } from './certificates/certificates.service';
import { clientAssets } from './client-assets/client-assets';
import { certificateRoutes } from './certificates/certificates.routes';
import { ListCache } from './cache/list-cache';
import { DeclarationService } from './declarations/declarations.service';
import { declarationRoutes } from './declarations/declarations.routes';
import { healthRoutes } from './health/health.routes';
import { Readiness } from './health/readiness';
import { HomeService } from './home/home.service';
import { homeRoutes } from './home/home.routes';
import { AppError } from './http/errors';
import { errorMiddleware } from './http/error-middleware';
import { Messages } from './http/i18n';
import { IdempotencyKeys } from './http/idempotency';
import { mountRoutes } from './http/mount';
import { route, type RouteDefinition } from './http/route';
import { sessionMiddleware } from './http/session';
import type { InsuredService } from './insured/insured.service';
import { insuredRoutes } from './insured/insured.routes';
import { bundledBankBranches } from './maintenance/bank-branches';
import { MaintenanceService } from './maintenance/maintenance.service';
import { maintenanceRoutes } from './maintenance/maintenance.routes';
import { MessageService } from './messages/messages.service';
import { messageRoutes } from './messages/messages.routes';
import { HallMetrics } from './metrics/metrics';
import { openApiDocument } from './openapi/openapi';
import type { PaymentProvider } from './payment-channel/provider';
import { SandboxProvider } from './payment-channel/sandbox/sandbox-provider';
import { PaymentOrderService } from './payment-orders/payment-orders.service';
import { paymentOrderRoutes } from './payment-orders/payment-orders.routes';
import { keepRawBody } from './http/raw-body';
import { requestLog } from './http/request-log';
import type { AssessmentService } from './payments/assessment.service';
import { createPaymentServices, type PaymentService } from './payments/payments.service';
import { paymentRoutes } from './payments/payments.routes';
import { ReceiptService } from './receipts/receipts.service';
import { receiptRoutes } from './receipts/receipts.routes';
import { RegistrationService } from './registration/registration.service';
import { registrationRoutes } from './registration/registration.routes';
import { AssistedImport } from './residents/assisted-import';
import { PersonService } from './persons/persons.service';
import { personRoutes } from './persons/persons.routes';
import { ResidentService } from './residents/residents.service';
import { residentRoutes } from './residents/residents.routes';
import { ReviewService } from './review/review.service';
import { reviewRoutes } from './review/review.routes';
import { SubmissionService } from './submissions/submissions.service';
import { submissionRoutes } from './submissions/submissions.routes';
import { unitRoutes } from './unit/unit.routes';
import { UnitService } from './unit/unit.service';
import { workbookWorkers } from './workers/workbook-workers';
import { sheetProcesses } from './batches/sheet-workers';

export interface AppDeps {
  db: Database;
  clock: Clock;
  logger: Logger;
  /** Folder with the client's translation files; the server words its errors from them. */
  i18nDir: string;
  secureCookies: boolean;
  /** Express `trust proxy`: whose X-Forwarded-For names the client's address (config TRUST_PROXY); false trusts none. */
  trustProxy?: boolean | number | string;
  /** The built Angular app; served with an SPA fallback when present. */
  clientDist?: string;
  /** CAPTCHAs carry their answer, for the e2e (config CAPTCHA_TEST_HOOK, refused outside NODE_ENV=test). */
  captchaTestHook?: boolean;
  /** The per-instance cache of list pages (config LIST_CACHE); on unless false. */
  listCache?: boolean;
  /** The payment channel and the hall's address as the channel reaches it; none configured: every payment waits (503). */
  paymentChannel?: { provider: PaymentProvider; hallPublicUrl: string };
  /** GET /metrics answers the bearer of this token (config METRICS_TOKEN); without one it answers 404. */
  metricsToken?: string;
}

/** No channel configured (a test that pays nothing): calls fail as an unreachable channel's do. */
const NO_PAYMENT_CHANNEL = {
  provider: new SandboxProvider('http://127.0.0.1:9', 'no-payment-channel-configured'),
  hallPublicUrl: 'http://localhost',
};

export interface Services {
  messages: Messages;
  auth: AuthService;
  agents: AgentService;
  audit: AuditService;
  home: HomeService;
  unit: UnitService;
  assessments: AssessmentService;
  payments: PaymentService;
  declarations: DeclarationService;
  submissions: SubmissionService;
  batches: BatchService;
  baseDeclarations: BaseDeclarationService;
  insured: InsuredService;
  review: ReviewService;
  certificates: CertificateService;
  receipts: ReceiptService;
  maintenance: MaintenanceService;
  registrations: RegistrationService;
  unitMessages: MessageService;
  persons: PersonService;
  residents: ResidentService;
  assistedImport: AssistedImport;
  paymentChannel: PaymentProvider;
  paymentOrders: PaymentOrderService;
  /** The sessions this instance reuses, for /metrics. */
  sessions: SessionCache;
  /** The instance's list cache, for /metrics. */
  lists: ListCache;
  /** Set draining at shutdown: /api/health/ready then answers 503 (main.ts). */
  readiness: Readiness;
}

export function createServices(deps: AppDeps): Services {
  const { db, clock } = deps;
  // One cache of list pages for the instance, shared by the lists it serves.
  const lists = new ListCache(db.knex, { maxRows: 40_000, enabled: deps.listCache !== false });
  const messages = new Messages(deps.i18nDir);
  const declarations = new DeclarationService(db.knex, clock, lists, db.pages);
  const maintenance = new MaintenanceService(db.knex, clock, bundledBankBranches());
  const registrations = new RegistrationService(db.knex, clock, db.dialect, maintenance, { captchaTestHook: deps.captchaTestHook });
  const baseDeclarations = new BaseDeclarationService(db.knex, clock);
  const residents = new ResidentService(db.knex, clock);
  const channel = deps.paymentChannel ?? NO_PAYMENT_CHANNEL;
  const sessions = new SessionCache(db.sessionChanges);
  return {
    sessions,
    messages,
    auth: new AuthService(db.knex, clock, db.dialect, { captchaTestHook: deps.captchaTestHook, sessions }),
    persons: new PersonService(db.knex, clock, db.dialect, { captchaTestHook: deps.captchaTestHook }),
    agents: new AgentService(db.knex, clock),
    audit: new AuditService(db.knex, db.pages),
    home: new HomeService(db.knex, clock),
    unit: new UnitService(db.knex, clock),
    ...createPaymentServices(db.knex, clock, lists, db.pages),
    declarations,
    submissions: declarations.submissions,
    batches: new BatchService(db.knex, clock, messages, declarations, baseDeclarations),
    baseDeclarations,
    insured: declarations.insured,
    review: new ReviewService(db.knex, clock, maintenance, registrations, residents, db.pages),
    certificates: new CertificateService(db.knex, clock, db.dialect),
    receipts: new ReceiptService(db.knex, clock, db.dialect),
    maintenance,
    registrations,
    unitMessages: new MessageService(db.knex, clock),
    residents,
    assistedImport: new AssistedImport(residents, clock, messages),
    paymentChannel: channel.provider,
    paymentOrders: new PaymentOrderService(db.knex, {
      clock,
      dialect: db.dialect,
      provider: channel.provider,
      hallPublicUrl: channel.hallPublicUrl,
      quotesOn: (db) => new ResidentService(db, clock),
    }),
    lists,
    readiness: new Readiness(),
  };
}

/** Every API route, as declarations; mounted below, described in OpenAPI, walked by the tenancy tests. */
export function apiRoutes(deps: AppDeps, services: Services): RouteDefinition[] {
  const cookies = { secure: deps.secureCookies };
  const routes: RouteDefinition[] = [
    ...healthRoutes(deps.db, services.readiness),
    ...authRoutes(services.auth, cookies),
    ...homeRoutes(services.home),
    ...agentRoutes(services.agents, (actor) => services.auth.sessionInfo(actor)),
    ...auditRoutes({ units: services.unit, clock: deps.clock, messages: services.messages, audit: services.audit }),
    ...unitRoutes(services.unit),
    ...paymentRoutes({ clock: deps.clock, ...services }),
    ...declarationRoutes(services.declarations),
    ...submissionRoutes(services.submissions, { units: services.unit, clock: deps.clock, messages: services.messages }),
    ...insuredRoutes(services.insured, { units: services.unit, clock: deps.clock, messages: services.messages }),
    ...reviewRoutes(services.review),
    ...batchRoutes(services.batches),
    ...baseDeclarationRoutes(services.baseDeclarations, { units: services.unit, clock: deps.clock, messages: services.messages }),
    ...certificateRoutes(services.certificates),
    ...receiptRoutes(services.receipts),
    ...maintenanceRoutes(services.maintenance),
    ...registrationRoutes(services.registrations),
    ...messageRoutes(services.unitMessages),
    ...personRoutes(services.persons),
    ...residentRoutes(services.residents, services.assistedImport),
    ...paymentOrderRoutes(services.paymentOrders, services.paymentChannel),
  ];
  let document: Record<string, unknown> | undefined;
  routes.push(
    route({
      method: 'get',
      path: '/openapi.json',
      summary: 'This document',
      tag: 'health',
      access: 'public',
      handle: async () => (document ??= openApiDocument(routes)),
    }),
  );
  return routes;
}

export type HallApp = Express & { locals: { routes: RouteDefinition[]; services: Services } };

export function createApp(deps: AppDeps): HallApp {
  const services = createServices(deps);
  const routes = apiRoutes(deps, services);
  const app = express();
  app.disable('x-powered-by');
  // No ETag hashed from a response body: the API answers no-store. A function, not false, so that the client's
  // files (res.sendFile, which takes express's setting) keep the ETags their revalidation relies on.
  app.set('etag', () => undefined);
  app.set('trust proxy', deps.trustProxy ?? false);
  app.locals.routes = routes;
  // For what runs beside the requests: main.ts's periodic sweep.
  app.locals.services = services;
  const metrics = new HallMetrics({
    db: deps.db,
    lists: services.lists,
    sessions: services.sessions,
    workers: { 'export-threads': workbookWorkers, 'sheet-processes': sheetProcesses },
  });

  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          // Angular Material sets inline styles on elements.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'", 'data:'],
          upgradeInsecureRequests: null,
        },
      },
      strictTransportSecurity: deps.secureCookies,
    }),
  );
  // Probes and scrapes come every few seconds and say nothing about the users' requests.
  app.use(requestLog(deps.logger, (url) => url === '/metrics' || url === '/api/health' || url.startsWith('/api/health/')));
  app.use(metrics.timing());
  // Beside the API, not in it: not described in OpenAPI, no session, and its own guard.
  app.get('/metrics', metrics.endpoint(deps.metricsToken));

  const api = express.Router();
  const webhookPaths = new Set(routes.filter((r) => r.webhook).map((r) => r.path));
  api.use(express.json({ limit: '1mb', verify: keepRawBody((path) => webhookPaths.has(path)) }));
  api.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  api.use(sessionMiddleware(services.auth, { secure: deps.secureCookies }, webhookPaths));
  mountRoutes(api, routes, new IdempotencyKeys(deps.db.knex, deps.clock));
  api.use((_req, _res, next) => next(new AppError(404, 'NOT_FOUND')));
  api.use(errorMiddleware(services.messages, deps.logger, deps.db.dialect));
  app.use('/api', api);

  // The API stays uncompressed: its pages are small, and compressing responses that carry the session's
  // tokens beside reflected input invites BREACH.
  if (deps.clientDist && existsSync(path.join(deps.clientDist, 'index.html'))) app.use(clientAssets(deps.clientDist));
  return app as HallApp;
}
