import type { Routes } from '@angular/router';

export const unitRoutes: Routes = [{ path: '', loadComponent: () => import('./unit-info-page/unit-info-page').then((m) => m.UnitInfoPage) }];
