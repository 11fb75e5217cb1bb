import type { Knex } from 'knex';
import type { FeePeriod } from '@common/fee-period';
import { AssessmentStore, type ContributionRate } from './assessment.store';

export interface ContributionConfig {
  floorFen: number;
  ceilingFen: number;
  rates: Map<string, ContributionRate>;
}

/** The base limits and the rates in force for a fee period (configuration with effective periods). */
export async function contributionConfig(db: Knex, period: FeePeriod): Promise<ContributionConfig> {
  const { limits, rates } = await new AssessmentStore(db).contributionSettings(period);
  if (!limits) throw new Error(`no contribution limits in force for ${period}`);
  return { ...limits, rates };
}
