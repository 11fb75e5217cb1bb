import type { Routes } from '@angular/router';

export const reductionsRoutes: Routes = [{ path: '', loadComponent: () => import('./reduction-page/reduction-page').then((m) => m.ReductionPage) }];
