import type { Knex } from 'knex';
import type { ReviewerHome, UnitHome } from '@common/api/home';
import { currentFeePeriod } from '@common/fee-period';
import type { Clock } from '../clock';
import { SubmissionService } from '../submissions/submissions.service';
import { UnitService } from '../unit/unit.service';
import { HomeStore } from './home.store';

/** How far back the unit's home shows rejected submissions, and how many of them. */
const REJECTED_SHOWN_DAYS = 30;
const REJECTED_SHOWN = 5;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The figures on the first page each role sees. */
export class HomeService {
  private readonly home: HomeStore;
  private readonly units: UnitService;
  private readonly submissions: SubmissionService;

  /** The feature's wiring on a knex handle. */
  constructor(
    db: Knex,
    private readonly clock: Clock,
  ) {
    this.home = new HomeStore(db);
    this.units = new UnitService(db, clock);
    this.submissions = new SubmissionService(db, clock);
  }

  async unitHome(unitId: number): Promise<UnitHome> {
    const now = this.clock.now();
    const period = currentFeePeriod(now);
    const [insuredCount, pendingCount, dueThisMonthFen, rejected] = await Promise.all([
      this.home.insuredCount(unitId, period),
      this.home.pendingCount(unitId),
      this.home.amountDueFen(unitId, period),
      this.submissions.recentlyRejected(unitId, new Date(now.getTime() - REJECTED_SHOWN_DAYS * DAY_MS), REJECTED_SHOWN),
    ]);
    return { period, insuredCount, pendingCount, dueThisMonthFen, rejected };
  }

  async reviewerHome(): Promise<ReviewerHome> {
    const [pendingCount, unitCount] = await Promise.all([this.home.pendingCount(), this.units.count()]);
    return { pendingCount, unitCount };
  }
}
