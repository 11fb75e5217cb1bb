import { DatePipe } from '@angular/common';
import { Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import type { Message } from '@common/api/messages';
import { TranslatePipe } from '@ngx-translate/core';
import { z } from 'zod';
import { CORRECT_AT } from '../../shared/correction/correction';
import { ListPage } from '../../shared/list-page/list-page';
import { listState, queryParam } from '../../shared/list-page/list-state';
import { rowsOf, valueOf } from '../../shared/resource-value';
import { MessageText } from '../message-text/message-text';
import { messagePageResource, UnreadMessages } from '../messages-api';

/** 消息: the current unit's messages, newest first; the user marks them read one by one or all at once. */
@Component({
  selector: 'app-messages-page',
  imports: [DatePipe, MatButtonModule, MatIconModule, MatSlideToggleModule, MatTableModule, RouterLink, TranslatePipe, ListPage, MessageText],
  templateUrl: './messages-page.html',
  styleUrl: './messages-page.scss',
})
export class MessagesPage {
  private readonly unread = inject(UnreadMessages);

  protected readonly columns = ['at', 'text', 'actions'];
  /** Unread only, and the page, in the URL. */
  protected readonly list = listState({ unread: queryParam(z.enum(['true']).optional()) });
  protected readonly paging = this.list.paging;
  protected readonly messages = messagePageResource(() => ({ unread: this.list.values().unread === 'true', ...this.paging.params() }));
  protected readonly rows = rowsOf(this.messages);
  protected readonly unreadCount = computed(() => valueOf(this.messages)?.unread ?? 0);

  /** A rejection leads to its correction: the form of its kind, naming the rejected submission. */
  protected correctionOf(message: Message): { path: string; id: number } | null {
    return message.kind === 'submission-rejected' ? { path: CORRECT_AT[message.params.submissionKind], id: message.params.submissionId } : null;
  }

  protected showUnread(only: boolean): void {
    void this.list.set({ unread: only ? 'true' : undefined });
  }

  protected markRead(message: Message): void {
    this.unread.markRead(message.id).subscribe(() => this.messages.reload());
  }

  protected markAllRead(): void {
    this.unread.markAllRead().subscribe(() => this.messages.reload());
  }
}
