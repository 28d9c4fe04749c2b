//! Throwaway databases for tests: a fresh PostgreSQL database in the cluster the test command
//! starts (`pg_virtualenv` exports `PGHOST`, `PGPORT`, `PGUSER`, `PGPASSWORD`), and a fresh
//! SQLite file.

use std::path::PathBuf;

use super::Location;

fn env(name: &str, default: &str) -> String {
    std::env::var(name)
        .ok()
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| default.to_string())
}

/// The cluster's URL for `database`.
pub fn postgres_url(database: &str) -> String {
    let (host, port, user, password) = (
        env("PGHOST", ""),
        env("PGPORT", "5432"),
        env("PGUSER", "postgres"),
        env("PGPASSWORD", ""),
    );
    assert!(
        !host.is_empty(),
        "PostgreSQL tests need a cluster: run them under `pg_virtualenv` (scripts/test.sh does)"
    );
    let host = if host.starts_with('/') { "localhost".to_string() } else { host };
    format!("postgres://{user}:{password}@{host}:{port}/{database}")
}

/// A new, empty PostgreSQL database named after the test (dropped first if a run left it).
pub fn fresh_postgres(name: &str) -> Location {
    let database = format!(
        "widget_{}_{}",
        name.replace(|c: char| !c.is_ascii_alphanumeric(), "_"),
        std::process::id()
    );
    let admin_url = postgres_url(&env("PGDATABASE", "postgres"));
    let statements = [
        format!("DROP DATABASE IF EXISTS {database} WITH (FORCE)"),
        format!("CREATE DATABASE {database}"),
    ];
    // On a thread and runtime of its own: callers may be sync or async.
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        runtime.block_on(async {
            let (admin, connection) = tokio_postgres::connect(&admin_url, tokio_postgres::NoTls)
                .await
                .expect("the test cluster answers");
            tokio::spawn(connection);
            for statement in statements {
                admin.batch_execute(&statement).await.expect("a fresh database");
            }
        })
    })
    .join()
    .expect("created");
    Location::Postgres(postgres_url(&database))
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
