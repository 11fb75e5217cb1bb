import type { Knex } from 'knex';
import type { Dialect } from '../dialect';
import * as core from './001_core';
import * as batchUploads from './002_batch_uploads';
import * as assessments from './003_assessments';
import * as paymentIndexes from './004_payment_indexes';
import * as auditIndexes from './005_audit_indexes';
import * as certificates from './006_certificates';
import * as unitDataVersion from './007_unit_data_version';
import * as accounts from './008_accounts';
import * as personPerUnit from './009_person_per_unit';
import * as onePending from './010_one_pending';
import * as uploadBounds from './011_upload_bounds';
import * as employeeNumber from './012_employee_number';
import * as unitRegistration from './013_unit_registration';
import * as baseDeclaration from './014_base_declaration';
import * as messages from './015_messages';
import * as receipts from './016_receipts';
import * as personAccounts from './017_person_accounts';
import * as cityScale from './021_city_scale';
import * as personCertificates from './018_person_certificates';
import * as residents from './019_residents';
import * as paymentOrders from './020_payment_orders';
import * as unitLists from './022_unit_lists';
import * as unitPeriodTotals from './023_unit_period_totals';
import * as paymentDetailWrites from './024_payment_detail_writes';
import * as consoleByDay from './025_console_by_day';
import * as sessionChanges from './026_session_changes';

export interface Migration {
  up(knex: Knex, dialect: Dialect): Promise<void>;
  down(knex: Knex, dialect: Dialect): Promise<void>;
}

/** Listed here rather than read from disk, so migrations run the same under tsx, tests and bundles. */
const MIGRATIONS: Record<string, Migration> = {
  '001_core': core,
  '002_batch_uploads': batchUploads,
  '003_assessments': assessments,
  '004_payment_indexes': paymentIndexes,
  '005_audit_indexes': auditIndexes,
  '006_certificates': certificates,
  '007_unit_data_version': unitDataVersion,
  '008_accounts': accounts,
  '009_person_per_unit': personPerUnit,
  '010_one_pending': onePending,
  '011_upload_bounds': uploadBounds,
  '012_employee_number': employeeNumber,
  '013_unit_registration': unitRegistration,
  '014_base_declaration': baseDeclaration,
  '015_messages': messages,
  '016_receipts': receipts,
  '017_person_accounts': personAccounts,
  '021_city_scale': cityScale,
  '018_person_certificates': personCertificates,
  '019_residents': residents,
  '020_payment_orders': paymentOrders,
  '022_unit_lists': unitLists,
  '023_unit_period_totals': unitPeriodTotals,
  '024_payment_detail_writes': paymentDetailWrites,
  '025_console_by_day': consoleByDay,
  '026_session_changes': sessionChanges,
};

export function migrationSource(dialect: Dialect): Knex.MigrationSource<string> {
  return {
    getMigrations: async () => Object.keys(MIGRATIONS).sort(),
    getMigrationName: (name) => name,
    getMigration: async (name) => ({
      up: (knex: Knex) => MIGRATIONS[name].up(knex, dialect),
      down: (knex: Knex) => MIGRATIONS[name].down(knex, dialect),
    }),
  };
}
