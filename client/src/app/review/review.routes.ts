import type { Routes } from '@angular/router';

export const reviewRoutes: Routes = [
  { path: '', loadComponent: () => import('./review-home/review-home').then((m) => m.ReviewHomePage) },
  {
    path: 'declarations',
    loadComponent: () => import('./review-console/review-console').then((m) => m.ReviewConsole),
  },
  {
    path: 'collections',
    loadComponent: () => import('./collections-page/collections-page').then((m) => m.CollectionsPage),
  },
];
