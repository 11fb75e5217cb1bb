import type { Routes } from '@angular/router';

/** /me/resident-registration */
export const residentRegistrationRoutes: Routes = [
  { path: '', loadComponent: () => import('./registration-page/registration-page').then((m) => m.ResidentRegistrationPage) },
];
