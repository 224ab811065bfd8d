import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';

const POSTGRES_IDS: TestDatabaseId[] = [
  'POSTGRES_18',
  'POSTGRES_17',
  'POSTGRES_16',
  'POSTGRES_15',
  'POSTGRES_14',
  'POSTGRES_13',
  'POSTGRES_12',
  'POSTGRES_11',
  'POSTGRES_9',
];

/**
 * The databases every Weibao store test runs on: embedded SQLite always, and the
 * PostgreSQL that `scripts/test.sh` starts.
 *
 * `TestDatabases` silently drops an engine whose connection string is not set. When
 * `WEIBAO_TEST_REQUIRE_POSTGRES=1` (set by scripts/test.sh) that is an error instead,
 * so the run fails rather than quietly testing SQLite alone.
 *
 * Call it at the top level of a test file: it registers jest hooks.
 */
export function createWeibaoTestDatabases(): TestDatabases {
  const databases = TestDatabases.create({
    ids: [...POSTGRES_IDS, 'SQLITE_3'],
    disableDocker: true,
  });
  const ids = databases.eachSupportedId().map(([id]) => id);
  if (
    process.env.WEIBAO_TEST_REQUIRE_POSTGRES === '1' &&
    !ids.some(id => id.startsWith('POSTGRES'))
  ) {
    throw new Error(
      'WEIBAO_TEST_REQUIRE_POSTGRES=1 but no BACKSTAGE_TEST_DATABASE_POSTGRES<N>_CONNECTION_STRING ' +
        'is set: PostgreSQL is not running for this test run (start it with scripts/test.sh)',
    );
  }
  return databases;
}
