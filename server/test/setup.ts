import { announceEngine } from './harness';

// Long enough for a PostgreSQL schema to be migrated and seeded per test file.
jasmine.DEFAULT_TIMEOUT_INTERVAL = 30_000;
announceEngine();
