import { inject } from '@angular/core';
import type { Routes } from '@angular/router';
import { agentOnly, rolesAllowed, signedIn, signedOut, unitChosen } from './core/auth/auth.guards';
import { AuthService, homePath } from './core/auth/auth.service';

export const routes: Routes = [
  {
    path: 'login',
    canActivate: [signedOut],
    loadComponent: () => import('./login/login-page/login-page').then((m) => m.LoginPage),
  },
  {
    path: 'select-unit',
    canActivate: [signedIn, agentOnly],
    loadComponent: () => import('./login/unit-picker/unit-picker').then((m) => m.UnitPicker),
  },
  {
    path: '',
    canActivate: [signedIn, unitChosen],
    loadComponent: () => import('./core/shell/shell').then((m) => m.Shell),
    children: [
      { path: '', pathMatch: 'full', redirectTo: () => homePath(inject(AuthService).session()) },
      {
        path: 'home',
        canActivate: [rolesAllowed('unit_admin', 'agent')],
        loadChildren: () => import('./home/home.routes').then((m) => m.homeRoutes),
      },
      {
        path: 'agents',
        canActivate: [rolesAllowed('unit_admin')],
        loadChildren: () => import('./agents/agents.routes').then((m) => m.agentsRoutes),
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
