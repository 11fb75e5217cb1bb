import type { Routes } from '@angular/router';

export const auditRoutes: Routes = [{ path: '', loadComponent: () => import('./audit-page/audit-page').then((m) => m.AuditPage) }];
