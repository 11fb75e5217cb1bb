import type { Routes } from '@angular/router';

/** Public: a unit's registration and its status, for anyone without an account. */
export const registrationRoutes: Routes = [
  { path: '', loadComponent: () => import('./register-page/register-page').then((m) => m.RegisterPage) },
  { path: 'status', loadComponent: () => import('./registration-status-page/registration-status-page').then((m) => m.RegistrationStatusPage) },
];
