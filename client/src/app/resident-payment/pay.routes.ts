import type { Routes } from '@angular/router';

/** Steps 7–8 and the payment records, children of the personal shell's `/me`. */
export const payRoutes: Routes = [
  { path: 'pay/orders/:id', loadComponent: () => import('./pay-order-page/pay-order-page').then((m) => m.PayOrderPage) },
  { path: 'resident-payments', loadComponent: () => import('./pay-history-page/pay-history-page').then((m) => m.PayHistoryPage) },
];

/** The electronic payment receipt, outside the shell so only the document prints: `/me/receipts/:id/print`. */
export const receiptPrintRoutes: Routes = [
  { path: 'receipts/:id/print', loadComponent: () => import('./receipt-print/receipt-print').then((m) => m.PaymentReceiptPrint) },
];
