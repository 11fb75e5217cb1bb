import type { Knex } from 'knex';
import type { FeePeriod } from '@common/fee-period';

export interface ContributionConfig {
  floorFen: number;
  ceilingFen: number;
  rates: Map<string, { unitRateBp: number; personRateBp: number }>;
}

interface RateRow {
  insurance_type: string;
  unit_rate_bp: number;
  person_rate_bp: number;
}

/** The base limits and the rates in force for a fee period (configuration with effective periods). */
export async function contributionConfig(db: Knex, period: FeePeriod): Promise<ContributionConfig> {
  const inForce = (query: Knex.QueryBuilder) =>
    query.where('effective_from', '<=', period).andWhere((q) => q.whereNull('effective_to').orWhere('effective_to', '>=', period));
  const limits = await inForce(db('contribution_limits')).orderBy('effective_from', 'desc').first();
  if (!limits) throw new Error(`no contribution limits in force for ${period}`);
  const rates = await inForce(db('contribution_rates')).orderBy('effective_from', 'asc');
  return {
    floorFen: limits.floor_fen,
    ceilingFen: limits.ceiling_fen,
    rates: new Map(rates.map((r: RateRow) => [r.insurance_type, { unitRateBp: r.unit_rate_bp, personRateBp: r.person_rate_bp }])),
  };
}
