#!/bin/sh
# Three hall instances on one PostgreSQL database behind a round-robin proxy; a smoke test and races
# through it (scripts/cluster-check.ts). CLUSTER_POSTGRES_URL names the database (a schema of the
# check's own is made in it and dropped), CLUSTER_PORT the proxy's port (the instances take the next three).
set -eu
cd "$(dirname "$0")/.."
exec node_modules/.bin/node --import tsx scripts/cluster-check.ts
