import type { Routes } from '@angular/router';

/** /me/family */
export const familyRoutes: Routes = [{ path: '', loadComponent: () => import('./family-page/family-page').then((m) => m.FamilyPage) }];
