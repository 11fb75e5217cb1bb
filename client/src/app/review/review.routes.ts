import type { Routes } from '@angular/router';
import { reconciliationRoutes } from '../reconciliation/reconciliation.routes';

export const reviewRoutes: Routes = [
  { path: '', loadComponent: () => import('./review-home/review-home').then((m) => m.ReviewHomePage) },
  {
    path: 'submissions',
    loadComponent: () => import('./review-console/review-console').then((m) => m.ReviewConsole),
  },
  // Bookmarks from before the console was named for what it lists (#11).
  { path: 'declarations', redirectTo: 'submissions' },
  {
    path: 'assisted-persons',
    loadChildren: () => import('../assisted-persons/assisted-persons.routes').then((m) => m.assistedPersonsRoutes),
  },
  {
    path: 'collections',
    loadComponent: () => import('./collections-page/collections-page').then((m) => m.CollectionsPage),
  },
  ...reconciliationRoutes,
];
