//! Staff accounts and their sessions, in either store: who may prepare drafts (editors) and
//! publish them (publishers). Passwords are kept as Argon2 hashes (`crate::staff::password`);
//! a session is kept as a hash of its token, so a copy of the database signs no one in.

use rusqlite::{params, OptionalExtension};

use super::{Result, Store, StoreError};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Prepares drafts from workbooks.
    Editor,
    /// Also publishes drafts others prepared, and rolls back.
    Publisher,
}

impl Role {
    pub fn parse(text: &str) -> Option<Role> {
        match text {
            "editor" => Some(Role::Editor),
            "publisher" => Some(Role::Publisher),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Role::Editor => "editor",
            Role::Publisher => "publisher",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Account {
    pub name: String,
    pub role: Role,
    pub password_hash: String,
    pub failed: i64,
    /// Seconds since the epoch; 0 when not locked.
    pub locked_until: i64,
}

/// A signed-in member of staff, as a session names them.
#[derive(Debug, Clone)]
pub struct Session {
    pub name: String,
    pub role: Role,
    /// The form token every staff form carries (against posts from other sites).
    pub csrf: String,
}

/// The statements are written once, with PostgreSQL's `$1`; SQLite reads `?1` the same way.
pub(super) fn lite(sql: &str) -> String {
    sql.replace('$', "?")
}

fn role_of(text: String) -> Result<Role> {
    Role::parse(&text).ok_or_else(|| StoreError(format!("unknown role {text:?}")))
}

impl Store {
    /// Adds an account, or replaces its role and password (and unlocks it).
    pub async fn staff_put(&self, name: &str, role: Role, password_hash: &str) -> Result<()> {
        let (name, hash) = (name.to_string(), password_hash.to_string());
        let sql = "INSERT INTO staff (name, role, password_hash, failed, locked_until) VALUES ($1, $2, $3, 0, 0)
                   ON CONFLICT (name) DO UPDATE SET role = excluded.role, password_hash = excluded.password_hash, failed = 0, locked_until = 0";
        match self {
            Store::Sqlite(s) => {
                s.read(move |s| Ok(s.reader().execute(&lite(sql), params![name, role.name(), hash]).map(|_| ())?))
                    .await
            }
            Store::Postgres(s) => Ok(s.pool.get().await?.execute(sql, &[&name, &role.name(), &hash]).await.map(|_| ())?),
        }
    }

    pub async fn staff_get(&self, name: &str) -> Result<Option<Account>> {
        let name = name.to_string();
        let sql = "SELECT name, role, password_hash, failed, locked_until FROM staff WHERE name = $1";
        let row = match self {
            Store::Sqlite(s) => {
                s.read(move |s| {
                    Ok(s.reader()
                        .query_row(&lite(sql), params![name], |r| {
                            Ok((
                                r.get::<_, String>(0)?,
                                r.get::<_, String>(1)?,
                                r.get::<_, String>(2)?,
                                r.get::<_, i64>(3)?,
                                r.get::<_, i64>(4)?,
                            ))
                        })
                        .optional()?)
                })
                .await?
            }
            Store::Postgres(s) => s
                .pool
                .get()
                .await?
                .query_opt(sql, &[&name])
                .await?
                .map(|r| (r.get(0), r.get(1), r.get(2), i64::from(r.get::<_, i32>(3)), r.get(4))),
        };
        row.map(|(name, role, password_hash, failed, locked_until)| {
            Ok(Account {
                name,
                role: role_of(role)?,
                password_hash,
                failed,
                locked_until,
            })
        })
        .transpose()
    }

    /// Counts a failed sign-in; the `lock_after`th in a row locks the account until `lock_until`.
    pub async fn staff_failed(&self, name: &str, lock_after: i64, lock_until: i64) -> Result<()> {
        let name = name.to_string();
        let sql =
            "UPDATE staff SET failed = failed + 1, locked_until = CASE WHEN failed + 1 >= $2 THEN $3 ELSE locked_until END WHERE name = $1";
        match self {
            Store::Sqlite(s) => {
                s.read(move |s| Ok(s.reader().execute(&lite(sql), params![name, lock_after, lock_until]).map(|_| ())?))
                    .await
            }
            Store::Postgres(s) => Ok(s
                .pool
                .get()
                .await?
                .execute(sql, &[&name, &(lock_after as i32), &lock_until])
                .await
                .map(|_| ())?),
        }
    }

    /// A good sign-in starts the count again (after a lock has run out).
    pub async fn staff_signed_in(&self, name: &str) -> Result<()> {
        let name = name.to_string();
        let sql = "UPDATE staff SET failed = 0, locked_until = 0 WHERE name = $1";
        match self {
            Store::Sqlite(s) => {
                s.read(move |s| Ok(s.reader().execute(&lite(sql), params![name]).map(|_| ())?))
                    .await
            }
            Store::Postgres(s) => Ok(s.pool.get().await?.execute(sql, &[&name]).await.map(|_| ())?),
        }
    }

    pub async fn session_put(&self, token_hash: &str, name: &str, csrf: &str, expires: i64) -> Result<()> {
        let (t, n, c) = (token_hash.to_string(), name.to_string(), csrf.to_string());
        let sql = "INSERT INTO staff_sessions (token_hash, name, csrf, expires) VALUES ($1, $2, $3, $4)";
        match self {
            Store::Sqlite(s) => {
                s.read(move |s| Ok(s.reader().execute(&lite(sql), params![t, n, c, expires]).map(|_| ())?))
                    .await
            }
            Store::Postgres(s) => Ok(s.pool.get().await?.execute(sql, &[&t, &n, &c, &expires]).await.map(|_| ())?),
        }
    }

    /// The session a token hash names, if it has not expired (expired ones are deleted on the way).
    pub async fn session_get(&self, token_hash: &str, now: i64) -> Result<Option<Session>> {
        let t = token_hash.to_string();
        let purge = "DELETE FROM staff_sessions WHERE expires <= $1";
        let sql = "SELECT s.name, a.role, s.csrf FROM staff_sessions s JOIN staff a ON a.name = s.name WHERE s.token_hash = $1 AND s.expires > $2";
        let row = match self {
            Store::Sqlite(s) => {
                s.read(move |s| {
                    let conn = s.reader();
                    conn.execute(&lite(purge), params![now])?;
                    Ok(conn
                        .query_row(&lite(sql), params![t, now], |r| {
                            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?))
                        })
                        .optional()?)
                })
                .await?
            }
            Store::Postgres(s) => {
                let conn = s.pool.get().await?;
                conn.execute(purge, &[&now]).await?;
                conn.query_opt(sql, &[&t, &now]).await?.map(|r| (r.get(0), r.get(1), r.get(2)))
            }
        };
        row.map(|(name, role, csrf)| {
            Ok(Session {
                name,
                role: role_of(role)?,
                csrf,
            })
        })
        .transpose()
    }

    pub async fn session_delete(&self, token_hash: &str) -> Result<()> {
        let t = token_hash.to_string();
        let sql = "DELETE FROM staff_sessions WHERE token_hash = $1";
        match self {
            Store::Sqlite(s) => s.read(move |s| Ok(s.reader().execute(&lite(sql), params![t]).map(|_| ())?)).await,
            Store::Postgres(s) => Ok(s.pool.get().await?.execute(sql, &[&t]).await.map(|_| ())?),
        }
    }
}
