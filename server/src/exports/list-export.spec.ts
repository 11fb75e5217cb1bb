import type { IncomingMessage } from 'node:http';
import { pino } from 'pino';
import { unitIdOf } from '../../test/declarations';
import { createTestHall, type HallClient, type TestHall } from '../../test/harness';
import { AuditService } from '../audit/audit.service';

interface LogLine {
  level: number;
  msg: string;
  requestId?: string;
}

describe('a download the browser closes early', () => {
  const log: LogLine[] = [];
  let hall: TestHall;
  let admin: HallClient;

  beforeAll(async () => {
    hall = await createTestHall({ logger: pino({ level: 'info' }, { write: (line: string) => log.push(JSON.parse(line)) }) });
    // Twenty pages of audit trail: the export is still being written when the browser goes away.
    const unitId = await unitIdOf(hall, 0);
    await new AuditService(hall.db.knex).recordAll(
      Array.from({ length: 10_000 }, (_, i) => ({
        at: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
        userId: null,
        unitId,
        action: 'submission_submitted',
        entityType: 'submission',
        entityId: i,
        after: { name: `职工${i}` },
      })),
    );
    admin = await hall.client();
    await admin.signInUnitAdmin(0);
  });
  afterAll(() => hall.close());

  it('is logged as info, not as an error', async () => {
    let received = 0;
    await new Promise<void>((resolve) => {
      admin.agent
        .get('/api/audit/export')
        .buffer(false)
        .parse((res, done) => {
          // Unbuffered, superagent hands over the response stream itself.
          const download = res as unknown as IncomingMessage;
          download.once('data', (chunk: Buffer) => {
            received = chunk.length;
            // The browser goes away after the first bytes.
            download.destroy();
            done(null, null);
          });
        })
        .end(() => resolve());
    });
    expect(received).toBeGreaterThan(0);

    // The export's own line about this request comes once it has noticed and given up.
    const deadline = Date.now() + 5000;
    while (!log.some((l) => l.requestId) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const aboutExport = log.filter((l) => l.requestId);
    expect(aboutExport.map((l) => l.level)).toEqual([30]);
    expect(log.filter((l) => l.level >= 40).map((l) => l.msg)).toEqual([]);
  });
});
