import type { Routes } from '@angular/router';

export const homeRoutes: Routes = [{ path: '', loadComponent: () => import('./unit-home/unit-home').then((m) => m.UnitHomePage) }];
