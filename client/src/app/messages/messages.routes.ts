import type { Routes } from '@angular/router';

export const messagesRoutes: Routes = [{ path: '', loadComponent: () => import('./messages-page/messages-page').then((m) => m.MessagesPage) }];
