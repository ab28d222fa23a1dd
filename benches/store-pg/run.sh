#!/usr/bin/env bash
# Store benchmark, PostgreSQL beside SQLite: ingest objects/s and p50/p99 of 1,000-object pages.
#
#   benches/store-pg/run.sh [OBJECTS] [SECONDS_PER_BACKEND] [sqlite|pg|both]
#
# Defaults: 5,000,000 objects, at most 600 s of ingest per backend (the run stops at whichever
# comes first and reports the size it reached). PostgreSQL: a scratch database on
# $WARD_TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test), dropped at the end;
# SQLite: a temporary folder. Builds only ward-store-pg (release profile).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
cargo bench -q -p ward-store-pg --bench store_pg -- "${1:-5000000}" "${2:-600}" "${3:-both}"
