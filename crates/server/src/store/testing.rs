//! Throwaway databases for tests: a fresh PostgreSQL database in the cluster the test command
//! starts (`pg_virtualenv` exports `PGHOST`, `PGPORT`, `PGUSER`, `PGPASSWORD`), and a fresh
//! SQLite file.

use std::path::PathBuf;

use super::Location;

/// A new, empty PostgreSQL database named after the test (dropped first if a run left it).
pub fn fresh_postgres(name: &str) -> Location {
    Location::Postgres(publish::testing::fresh_database(name))
}

/// A new SQLite file in a fresh temporary folder.
pub fn fresh_sqlite(name: &str) -> Location {
    let dir: PathBuf = std::env::temp_dir().join(format!("widget-store-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    Location::Sqlite(dir.join("feedback.sqlite3"))
}

/// Both stores, fresh, for a test that must hold on each.
pub fn both(name: &str) -> [Location; 2] {
    [fresh_sqlite(name), fresh_postgres(name)]
}
