import { HttpClient } from '@angular/common/http';
import { inject, Service, signal } from '@angular/core';
import type { MessagePage, UnreadCount } from '@common/api/messages';
import { tap, type Observable } from 'rxjs';
import { pageResource } from '../shared/table/page-resource';
import { queryParams, type PageParams } from '../shared/table/paging';

export interface MessageFilters {
  unread: boolean;
}

export function messageParams({ unread }: MessageFilters) {
  return queryParams({ unread: unread ? 'true' : undefined });
}

/** One page of the current unit's messages, newest first. */
export function messagePageResource(query: () => (MessageFilters & PageParams) | null) {
  return pageResource<MessagePage, MessageFilters>('/api/messages', messageParams, query);
}

/**
 * How many of the current unit's messages the user has not read, for the toolbar: asked again whenever `refresh`
 * is called (the shell does on every navigation, choosing another unit too); marking read answers the new count.
 */
@Service()
export class UnreadMessages {
  private readonly http = inject(HttpClient);
  private readonly unread = signal(0);

  readonly count = this.unread.asReadonly();

  refresh(): void {
    // A count that cannot be had now stays as it was: the page itself says what failed.
    this.http.get<UnreadCount>('/api/messages/unread').subscribe({ next: ({ unread }) => this.unread.set(unread), error: () => undefined });
  }

  markRead(id: number): Observable<UnreadCount> {
    return this.http.post<UnreadCount>(`/api/messages/${id}/read`, {}).pipe(tap(({ unread }) => this.unread.set(unread)));
  }

  markAllRead(): Observable<UnreadCount> {
    return this.http.post<UnreadCount>('/api/messages/read', {}).pipe(tap(({ unread }) => this.unread.set(unread)));
  }
}
