import type { Routes } from '@angular/router';

/** Print-ready A4 documents, outside the shell so only the document prints. */
export const printRoutes: Routes = [
  {
    path: 'certificates/:code',
    loadComponent: () => import('./certificate-print/certificate-print').then((m) => m.CertificatePrint),
  },
  {
    path: 'statement/:period',
    loadComponent: () => import('./statement-print/statement-print').then((m) => m.StatementPrint),
  },
  { path: 'insured', loadComponent: () => import('./insured-print/insured-print').then((m) => m.InsuredPrint) },
  { path: 'submissions/:id', loadComponent: () => import('./receipt-print/receipt-print').then((m) => m.ReceiptPrint) },
  // Bookmarks from before the receipt was named for what it prints (#11).
  { path: 'declarations/:id', redirectTo: 'submissions/:id' },
  { path: 'batches/:batchId', loadComponent: () => import('./receipt-print/receipt-print').then((m) => m.ReceiptPrint) },
];
