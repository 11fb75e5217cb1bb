import type { Routes } from '@angular/router';

export const unitInfoRoutes: Routes = [{ path: '', loadComponent: () => import('./unit-info-page/unit-info-page').then((m) => m.UnitInfoPage) }];
