import type { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatSlideToggleHarness } from '@angular/material/slide-toggle/testing';
import { Router } from '@angular/router';
import type { Message } from '@common/api/messages';
import { answeredDuring, paramsOf } from '../../../testing/http';
import { testId, type Page } from '../../../testing/page';
import { configureFeature, openPage } from '../../../testing/routed-page';
import { signIn, UNIT_ADMIN } from '../../../testing/sessions';
import { messagesRoutes } from '../messages.routes';

const REJECTED: Message = {
  id: 9,
  createdAt: '2026-11-20T02:05:00.000Z',
  read: false,
  kind: 'submission-rejected',
  params: { submissionId: 31, submissionKind: 'addition', personName: '王小明', reason: '工资低于合同工资' },
};
const APPROVED: Message = {
  id: 8,
  createdAt: '2026-11-19T16:00:00.000Z',
  read: true,
  kind: 'submission-approved',
  params: { submissionId: 30, submissionKind: 'bank-account-change', personName: null },
};
const BATCH: Message = {
  id: 7,
  createdAt: '2026-11-18T01:00:00.000Z',
  read: true,
  kind: 'batch-rejected',
  params: { batchId: 4, count: 12, reason: '格式有误' },
};
const CONTACT: Message = {
  id: 6,
  createdAt: '2026-11-17T01:00:00.000Z',
  read: true,
  kind: 'change-applied',
  params: { change: 'contact-change', personName: '李四', by: '林小红' },
};
const CUTOFF: Message = {
  id: 5,
  createdAt: '2026-11-16T01:00:00.000Z',
  read: false,
  kind: 'deadline',
  params: { deadline: 'cutoff', date: '2026-11-25', period: '202611' },
};

describe('MessagesPage', () => {
  let http: HttpTestingController;
  let page: Page;

  const isList = (url: string) => url === '/api/messages';
  const answer = (items: Message[], unread: number) => (request: TestRequest) =>
    request.flush({ items, total: items.length, page: 0, pageSize: 20, unread });

  beforeEach(() => {
    http = configureFeature('messages', messagesRoutes);
    signIn(UNIT_ADMIN);
  });
  afterEach(() => http.verify());

  async function open(items: Message[], unread: number, url = '/messages'): Promise<TestRequest> {
    page = await openPage(url);
    const list = http.expectOne((r) => isList(r.url));
    answer(items, unread)(list);
    await page.stable();
    return list;
  }

  it('words every kind of message in the reader’s language from its kind and parameters, newest first', async () => {
    await open([REJECTED, APPROVED, BATCH, CONTACT, CUTOFF], 2);
    expect(page.texts('message-text')).toEqual([
      '王小明的增员被驳回：工资低于合同工资。请更正后重新提交。',
      '本单位的银行账户变更已审核通过并生效。',
      '批次 4 被驳回（12 条）：格式有误。',
      '林小红 修改了李四的联系方式。',
      '2026-11 的截止日为 2026-11-25，此后提交的增员从下月起生效。',
    ]);
    expect(page.text('messages-unread')).toBe('2 条未读');
    const rows = Array.from(page.element.querySelectorAll('[data-testid="message-row"]'), (row) => row.classList.contains('unread'));
    expect(rows).toEqual([true, false, false, false, true]);
  });

  it('leads from a rejection to its correction, and only from a rejection', async () => {
    await open([REJECTED, APPROVED], 1);
    const links = Array.from(page.element.querySelectorAll('[data-testid="message-correct"]'), (a) => a.getAttribute('href'));
    expect(links).toEqual(['/additions?corrects=31']);
  });

  it('marks one message read, then all, and lists again', async () => {
    await open([REJECTED, CUTOFF], 2);
    const read = answeredDuring(page.click('message-read'), '/api/messages/9/read', (r) => r.flush({ unread: 1 }));
    await answeredDuring(read, (r) => isList(r.url), answer([{ ...REJECTED, read: true }, CUTOFF], 1));
    await page.stable();
    expect(page.text('messages-unread')).toBe('1 条未读');

    const all = answeredDuring(page.click('messages-read-all'), '/api/messages/read', (r) => r.flush({ unread: 0 }));
    await answeredDuring(
      all,
      (r) => isList(r.url),
      answer(
        [
          { ...REJECTED, read: true },
          { ...CUTOFF, read: true },
        ],
        0,
      ),
    );
    await page.stable();
    expect(page.text('messages-unread')).toBe('0 条未读');
    expect(page.texts('message-read')).toEqual([]);
  });

  it('keeps "unread only" and the page in the URL', async () => {
    const first = await open([REJECTED], 1, '/messages?unread=true&page=2');
    expect(paramsOf(first)).toEqual({ unread: 'true', page: '1', pageSize: '20' });
    const toggle = await page.loader.getHarness(MatSlideToggleHarness.with({ selector: testId('messages-unread-only') }));
    expect(await toggle.isChecked()).toBeTrue();
    await answeredDuring(toggle.toggle(), (r) => isList(r.url), answer([REJECTED, APPROVED], 1));
    expect(TestBed.inject(Router).url).toBe('/messages');
  });
});
