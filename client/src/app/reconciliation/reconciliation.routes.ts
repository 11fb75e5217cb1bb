import type { Routes } from '@angular/router';

/** The reviewer's payment views, children of `/review`. */
export const reconciliationRoutes: Routes = [
  { path: 'reconciliation', loadComponent: () => import('./reconciliation-page/reconciliation-page').then((m) => m.ReconciliationPage) },
  { path: 'resident-payments', loadComponent: () => import('./resident-payments-page/resident-payments-page').then((m) => m.ResidentPaymentsPage) },
];
