import type { Routes } from '@angular/router';

/** /me/pay: the payment flow's steps 1–6 here; the order's steps 7–8 (`orders/:id`) are the payment channel's pages. */
export const residentPaymentRoutes: Routes = [{ path: '', loadComponent: () => import('./payment-steps/payment-steps').then((m) => m.PaymentSteps) }];
