import type { Routes } from '@angular/router';

export const additionsRoutes: Routes = [{ path: '', loadComponent: () => import('./addition-page/addition-page').then((m) => m.AdditionPage) }];
