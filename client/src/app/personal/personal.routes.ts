import type { Routes } from '@angular/router';
import { familyRoutes } from '../family/family.routes';
import { residentPaymentRoutes } from '../resident-payment/resident-payment.routes';
import { payRoutes, receiptPrintRoutes } from '../resident-payment/pay.routes';
import { residentRegistrationRoutes } from '../resident-registration/resident-registration.routes';

/**
 * The personal hall under /me: its own shell and menu. The other personal pages (family, resident
 * registration, pay, resident payments) are their owners' routes, wired in here as children.
 */
export const personalRoutes: Routes = [
  {
    path: '',
    loadComponent: () => import('./personal-shell/personal-shell').then((m) => m.PersonalShell),
    children: [
      { path: '', pathMatch: 'full', loadComponent: () => import('./records-page/records-page').then((m) => m.RecordsPage) },
      { path: 'family', children: familyRoutes },
      { path: 'resident-registration', children: residentRegistrationRoutes },
      { path: 'pay', pathMatch: 'full', children: residentPaymentRoutes },
      ...payRoutes,
    ],
  },
  // Printed documents, outside the shell so only the document prints.
  ...receiptPrintRoutes,
];
