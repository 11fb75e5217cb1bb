/**
 * Setting the scene through the hall's own API from a signed-in browser context (same cookies, same
 * CSRF token), for the steps a spec does not exercise on screen.
 */
import type { BrowserContext } from 'playwright-core';
import { world } from './global';

export async function api<T = any>(context: BrowserContext, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const xsrf = (await context.cookies()).find((c) => c.name === 'XSRF-TOKEN')?.value ?? '';
  const res = await context.request.fetch(world.server.baseUrl + path, {
    method,
    data: body,
    headers: { 'X-XSRF-TOKEN': decodeURIComponent(xsrf), 'Accept-Language': 'en' },
  });
  if (!res.ok()) throw new Error(`${method} ${path} → ${res.status()} ${await res.text()}`);
  return res.status() === 204 ? (undefined as T) : ((await res.json()) as T);
}
