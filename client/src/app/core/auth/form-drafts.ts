import { Service } from '@angular/core';
import type { AbstractControl } from '@angular/forms';

const PREFIX = 'hall.draft:';

const keyOf = (userId: number, path: string) => `${PREFIX}${userId}:${path}`;

/** A form's values without anything that is a password: those are never written down. */
function withoutPasswords(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPasswords);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !/password/i.test(key))
      .map(([key, inner]) => [key, withoutPasswords(inner)]),
  );
}

/**
 * What was typed into a form when the session ended under it. The forms on screen are known; when the server
 * answers that the session has ended, those with input are written to the tab's sessionStorage, by user and page,
 * and the same page opened by the same user after signing in again fills its form from there once. Signing out
 * drops them all. Pages keep their forms here through `keepDraft`.
 */
@Service()
export class FormDrafts {
  private readonly open = new Map<AbstractControl, string>();

  keep(form: AbstractControl, path: string): void {
    this.open.set(form, path);
  }

  forget(form: AbstractControl): void {
    this.open.delete(form);
  }

  /** The session of `userId` has ended: writes down the forms with input. */
  saveAll(userId: number): void {
    for (const [form, path] of this.open) {
      if (form.dirty) sessionStorage.setItem(keyOf(userId, path), JSON.stringify(withoutPasswords(form.getRawValue())));
    }
  }

  /** The draft of this user's form on this page, once: it is gone after this. */
  take(userId: number, path: string): unknown {
    const key = keyOf(userId, path);
    const saved = sessionStorage.getItem(key);
    sessionStorage.removeItem(key);
    try {
      return saved === null ? null : (JSON.parse(saved) as unknown);
    } catch {
      return null;
    }
  }

  /** Drops every draft, or every draft but `userId`'s (someone else signed in in this tab). */
  clear(userId?: number): void {
    for (const key of Object.keys(sessionStorage)) {
      if (key.startsWith(PREFIX) && (userId === undefined || !key.startsWith(keyOf(userId, '')))) sessionStorage.removeItem(key);
    }
  }
}
