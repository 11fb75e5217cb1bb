import type { Routes } from '@angular/router';

/** Public: a person registers an account of the personal hall. */
export const personRegistrationRoutes: Routes = [
  { path: '', loadComponent: () => import('./person-register-page/person-register-page').then((m) => m.PersonRegisterPage) },
];
