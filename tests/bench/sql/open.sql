-- store_open on an existing database (src/store.c: store_check_sql,
-- store_configure): what every aimap command does first, after setting
-- the busy timeout (store_connect).
.timeout 10000
PRAGMA application_id;
PRAGMA user_version;
SELECT count(*) FROM sqlite_master;
PRAGMA journal_mode = WAL;
PRAGMA synchronous = FULL;
PRAGMA foreign_keys = ON;
