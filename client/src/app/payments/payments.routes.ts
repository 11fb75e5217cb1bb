import type { Routes } from '@angular/router';

export const paymentsRoutes: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'details' },
  {
    path: 'details',
    loadComponent: () => import('./payment-details-page/payment-details-page').then((m) => m.PaymentDetailsPage),
  },
  {
    path: 'periods',
    loadComponent: () => import('./unit-payments-page/unit-payments-page').then((m) => m.UnitPaymentsPage),
  },
];
