import type { Routes } from '@angular/router';

export const batchesRoutes: Routes = [{ path: '', loadComponent: () => import('./batch-page/batch-page').then((m) => m.BatchPage) }];
