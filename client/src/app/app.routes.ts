import { inject } from '@angular/core';
import type { Routes } from '@angular/router';
import { agentOnly, passwordChanged, rolesAllowed, signedIn, signedOut, unitChosen } from './core/auth/auth.guards';
import { AuthService, homePath } from './core/auth/auth.service';
import { LoginPage } from './login/login-page/login-page';

export const routes: Routes = [
  {
    path: 'login',
    canActivate: [signedOut],
    // In the initial bundle: it is the first page of nearly every visit, and lazy it cost two more round trips.
    component: LoginPage,
  },
  {
    path: 'select-unit',
    canActivate: [signedIn, passwordChanged, agentOnly],
    loadComponent: () => import('./login/unit-picker/unit-picker').then((m) => m.UnitPicker),
  },
  {
    path: 'change-password',
    canActivate: [signedIn],
    loadComponent: () => import('./account/change-password-page/change-password-page').then((m) => m.ChangePasswordPage),
  },
  {
    path: 'register',
    canActivate: [signedOut],
    loadChildren: () => import('./registration/registration.routes').then((m) => m.registrationRoutes),
  },
  {
    path: 'person/register',
    canActivate: [signedOut],
    loadChildren: () => import('./person-registration/person-registration.routes').then((m) => m.personRegistrationRoutes),
  },
  {
    // The personal hall: its own shell and menu; no unit page or guard is ever shown to a person.
    path: 'me',
    canActivate: [signedIn, passwordChanged, rolesAllowed('person')],
    loadChildren: () => import('./personal/personal.routes').then((m) => m.personalRoutes),
  },
  {
    path: 'verify',
    loadComponent: () => import('./verify/verify-page/verify-page').then((m) => m.VerifyPage),
  },
  {
    path: 'print',
    canActivate: [signedIn, passwordChanged, unitChosen, rolesAllowed('unit_admin', 'agent')],
    loadChildren: () => import('./print/print.routes').then((m) => m.printRoutes),
  },
  {
    path: '',
    // A person who opens a unit or reviewer URL is sent to /me by the child's rolesAllowed (homePath), before the shell loads.
    canActivate: [signedIn, passwordChanged, unitChosen],
    loadComponent: () => import('./core/shell/shell').then((m) => m.Shell),
    children: [
      { path: '', pathMatch: 'full', redirectTo: () => homePath(inject(AuthService).session()) },
      {
        path: 'home',
        canActivate: [rolesAllowed('unit_admin', 'agent')],
        loadChildren: () => import('./home/home.routes').then((m) => m.homeRoutes),
      },
      {
        path: 'messages',
        canActivate: [rolesAllowed('unit_admin', 'agent')],
        loadChildren: () => import('./messages/messages.routes').then((m) => m.messagesRoutes),
      },
      {
        path: 'agents',
        canActivate: [rolesAllowed('unit_admin')],
        loadChildren: () => import('./agents/agents.routes').then((m) => m.agentsRoutes),
      },
      {
        path: 'audit',
        canActivate: [rolesAllowed('unit_admin')],
        loadChildren: () => import('./audit/audit.routes').then((m) => m.auditRoutes),
      },
      {
        path: 'additions',
        canActivate: [rolesAllowed('unit_admin', 'agent')],
        loadChildren: () => import('./declarations/additions.routes').then((m) => m.additionsRoutes),
      },
      {
        path: 'reductions',
        canActivate: [rolesAllowed('unit_admin', 'agent')],
        loadChildren: () => import('./declarations/reductions.routes').then((m) => m.reductionsRoutes),
      },
      {
        path: 'batches',
        canActivate: [rolesAllowed('unit_admin', 'agent')],
        loadChildren: () => import('./batches/batches.routes').then((m) => m.batchesRoutes),
      },
      {
        path: 'base-declaration',
        canActivate: [rolesAllowed('unit_admin', 'agent')],
        loadChildren: () => import('./base-declarations/base-declarations.routes').then((m) => m.baseDeclarationsRoutes),
      },
      {
        path: 'submissions',
        canActivate: [rolesAllowed('unit_admin', 'agent')],
        loadChildren: () => import('./submissions/submissions.routes').then((m) => m.submissionsRoutes),
      },
      // Bookmarks from before the page was named for what it lists (#11): /declarations/audited → /submissions/audited.
      { path: 'declarations', redirectTo: 'submissions' },
      {
        path: 'insured',
        canActivate: [rolesAllowed('unit_admin', 'agent')],
        loadChildren: () => import('./insured/insured.routes').then((m) => m.insuredRoutes),
      },
      {
        path: 'payments',
        canActivate: [rolesAllowed('unit_admin', 'agent')],
        loadChildren: () => import('./payments/payments.routes').then((m) => m.paymentsRoutes),
      },
      {
        path: 'certificates',
        canActivate: [rolesAllowed('unit_admin', 'agent')],
        loadChildren: () => import('./certificates/certificates.routes').then((m) => m.certificatesRoutes),
      },
      {
        path: 'unit-info',
        canActivate: [rolesAllowed('unit_admin', 'agent')],
        loadChildren: () => import('./unit/unit.routes').then((m) => m.unitRoutes),
      },
      {
        path: 'review',
        canActivate: [rolesAllowed('reviewer')],
        loadChildren: () => import('./review/review.routes').then((m) => m.reviewRoutes),
      },
    ],
  },
  { path: '**', redirectTo: '' },
];
