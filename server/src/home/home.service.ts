import type { Knex } from 'knex';
import type { ReviewerHome, UnitHome } from '@common/api/home';
import { currentFeePeriod } from '@common/fee-period';
import type { Clock } from '../clock';
import { DeclarationService } from '../declarations/declarations.service';
import { UnitStore } from '../unit/unit.store';
import { HomeStore } from './home.store';

/** How far back the unit's home shows rejected submissions, and how many of them. */
const REJECTED_SHOWN_DAYS = 30;
const REJECTED_SHOWN = 5;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The figures on the first page each role sees. */
export class HomeService {
  constructor(
    private readonly home: HomeStore,
    private readonly units: UnitStore,
    private readonly declarations: DeclarationService,
    private readonly clock: Clock,
  ) {}

  async unitHome(unitId: number): Promise<UnitHome> {
    const now = this.clock.now();
    const period = currentFeePeriod(now);
    const [insuredCount, pendingCount, dueThisMonthFen, rejected] = await Promise.all([
      this.home.insuredCount(unitId, period),
      this.home.pendingCount(unitId),
      this.home.amountDueFen(unitId, period),
      this.declarations.recentlyRejected(unitId, new Date(now.getTime() - REJECTED_SHOWN_DAYS * DAY_MS), REJECTED_SHOWN),
    ]);
    return { period, insuredCount, pendingCount, dueThisMonthFen, rejected };
  }

  async reviewerHome(): Promise<ReviewerHome> {
    const [pendingCount, unitCount] = await Promise.all([this.home.pendingCount(), this.units.count()]);
    return { pendingCount, unitCount };
  }
}

/** The home feature's wiring on a knex handle. */
export function createHomeService(db: Knex, clock: Clock): HomeService {
  return new HomeService(new HomeStore(db), new UnitStore(db), new DeclarationService(db, clock), clock);
}
