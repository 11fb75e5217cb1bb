import type { Routes } from '@angular/router';

export const baseDeclarationsRoutes: Routes = [
  { path: '', loadComponent: () => import('./base-declaration-page/base-declaration-page').then((m) => m.BaseDeclarationPage) },
];
