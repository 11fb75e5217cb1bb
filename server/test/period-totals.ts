import type { TestHall } from './harness';

/** A unit's payment period summary as lines, to compare with what its details add up to. */
interface PeriodTotals {
  types: string[];
  persons: string[];
}

/**
 * What the unit's payment details add up to, summed here row by row (the oracle), beside what the
 * summary tables hold: a test expects the two equal after whatever wrote the details.
 */
export async function periodTotalsOf(hall: TestHall, unitId: number): Promise<{ summed: PeriodTotals; stored: PeriodTotals }> {
  const knex = hall.db.knex;
  const details: {
    fee_period: string;
    insurance_type: string;
    person_id: number;
    unit_amount_fen: number;
    person_amount_fen: number;
    paid_at: string | null;
  }[] = await knex('payment_details')
    .where({ unit_id: unitId })
    .select('fee_period', 'insurance_type', 'person_id', 'unit_amount_fen', 'person_amount_fen', 'paid_at');
  const types = new Map<string, number[]>();
  const persons = new Map<string, Set<number>>();
  for (const d of details) {
    const key = `${d.fee_period} ${d.insurance_type}`;
    const sums = types.get(key) ?? [0, 0, 0, 0, 0];
    const paid = d.paid_at ? 1 : 0;
    [1, d.unit_amount_fen, d.person_amount_fen, d.unit_amount_fen * paid, d.person_amount_fen * paid].forEach((n, i) => (sums[i] += n));
    types.set(key, sums);
    persons.set(d.fee_period, (persons.get(d.fee_period) ?? new Set()).add(d.person_id));
  }
  const summed = {
    types: [...types].map(([key, sums]) => `${key} ${sums.join(' ')}`).sort(),
    persons: [...persons].map(([period, ids]) => `${period} ${ids.size}`).sort(),
  };
  const storedTypes = await knex('unit_period_totals').where({ unit_id: unitId });
  const storedPersons = await knex('unit_period_persons').where({ unit_id: unitId });
  const stored = {
    types: storedTypes
      .map(
        (t) =>
          `${t.fee_period} ${t.insurance_type} ${[t.details, t.unit_amount_fen, t.person_amount_fen, t.unit_paid_fen, t.person_paid_fen].map(Number).join(' ')}`,
      )
      .sort(),
    persons: storedPersons.map((p) => `${p.fee_period} ${Number(p.persons)}`).sort(),
  };
  return { summed, stored };
}
