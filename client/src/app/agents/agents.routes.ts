import type { Routes } from '@angular/router';

export const agentsRoutes: Routes = [{ path: '', loadComponent: () => import('./agents-page/agents-page').then((m) => m.AgentsPage) }];
