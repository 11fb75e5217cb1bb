import type { Routes } from '@angular/router';

export const insuredRoutes: Routes = [
  { path: '', loadComponent: () => import('./insured-list-page/insured-list-page').then((m) => m.InsuredListPage) },
];
