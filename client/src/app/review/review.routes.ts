import type { Routes } from '@angular/router';

export const reviewRoutes: Routes = [
  { path: '', loadComponent: () => import('./review-home/review-home').then((m) => m.ReviewHomePage) },
];
