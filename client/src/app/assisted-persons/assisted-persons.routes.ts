import type { Routes } from '@angular/router';

/** /review/assisted-persons */
export const assistedPersonsRoutes: Routes = [
  { path: '', loadComponent: () => import('./assisted-persons-page/assisted-persons-page').then((m) => m.AssistedPersonsPage) },
];
