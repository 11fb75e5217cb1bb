import type { Routes } from '@angular/router';

export const certificatesRoutes: Routes = [
  { path: '', loadComponent: () => import('./certificate-page/certificate-page').then((m) => m.CertificatePage) },
];
