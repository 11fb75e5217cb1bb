import type { Routes } from '@angular/router';

const queuePage = () => import('./queue-page/queue-page').then((m) => m.QueuePage);

export const submissionsRoutes: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'pending' },
  { path: 'pending', loadComponent: queuePage, data: { queue: 'pending' } },
  { path: 'audited', loadComponent: queuePage, data: { queue: 'audited' } },
];
