//! Feedback in a SQLite file: WAL with `synchronous=FULL`, so a message is on disk before it is
//! acknowledged and survives `kill -9`. Submissions arriving together are written by one writer
//! thread in one transaction (group commit): one fsync acknowledges the whole group, which is
//! what lets a small server take thousands a second. Reads use their own connection.

use std::path::Path;
use std::sync::{mpsc, Arc, Mutex};

use feedback::Feedback;
use rusqlite::{params, Connection, OptionalExtension};
use rusqlite_migration::{Migrations, M};
use tokio::sync::oneshot;

use super::{follow_hash_of, kind_name, receipt_for, Answer, Record, Result, StoreError, Stored};

/// Most submissions one transaction takes; more wait for the next.
const MAX_GROUP: usize = 256;

type Job = (Feedback, oneshot::Sender<Result<Stored>>);

#[derive(Clone)]
pub struct SqliteStore {
    writer: mpsc::Sender<Job>,
    reader: Arc<Mutex<Connection>>,
}

fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(include_str!("../../migrations/sqlite/V1__feedback.sql")),
        M::up(include_str!("../../migrations/sqlite/V2__counter_survey.sql")),
        M::up(include_str!("../../migrations/sqlite/V3__received_at_index.sql")),
        M::up(include_str!("../../migrations/sqlite/V4__staff.sql")),
        M::up(include_str!("../../migrations/sqlite/V5__voices.sql")),
        M::up(include_str!("../../migrations/sqlite/V6__follow.sql")),
    ])
}

fn connect(path: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open(path)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(conn)
}

/// Files written before migrations were versioned (schema version 0) already have the tables:
/// they are marked at the version their columns match, so the next migrations apply cleanly.
fn adopt_unversioned(conn: &Connection) -> Result<()> {
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let has_table: bool = conn.query_row(
        "SELECT COUNT(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'feedback'",
        [],
        |r| r.get(0),
    )?;
    if version == 0 && has_table {
        let has_ward: bool = conn.query_row(
            "SELECT COUNT(*) > 0 FROM pragma_table_info('feedback') WHERE name = 'ward'",
            [],
            |r| r.get(0),
        )?;
        conn.pragma_update(None, "user_version", if has_ward { 2 } else { 1 })?;
    }
    Ok(())
}

impl SqliteStore {
    pub fn open(path: &Path) -> Result<SqliteStore> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            let _ = std::fs::create_dir_all(dir);
        }
        let mut conn = connect(path)?;
        adopt_unversioned(&conn)?;
        migrations()
            .to_latest(&mut conn)
            .map_err(|e| StoreError(format!("migrating {}: {e}", path.display())))?;
        let reader = connect(path)?;
        let (writer, jobs) = mpsc::channel::<Job>();
        std::thread::Builder::new()
            .name("sqlite-writer".into())
            .spawn(move || write_groups(conn, jobs))?;
        Ok(SqliteStore {
            writer,
            reader: Arc::new(Mutex::new(reader)),
        })
    }

    pub async fn insert(&self, feedback: Feedback) -> Result<Stored> {
        let (reply, answer) = oneshot::channel();
        self.writer
            .send((feedback, reply))
            .map_err(|_| StoreError("the writer has stopped".into()))?;
        answer.await.map_err(|_| StoreError("the writer has stopped".into()))?
    }

    /// Runs a query on the read connection, off the async threads.
    pub async fn read<T: Send + 'static>(&self, query: impl FnOnce(&SqliteStore) -> Result<T> + Send + 'static) -> Result<T> {
        let store = self.clone();
        super::blocking(move || query(&store)).await
    }

    pub(super) fn reader(&self) -> std::sync::MutexGuard<'_, Connection> {
        self.reader.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn count(&self) -> Result<i64> {
        Ok(self.reader().query_row("SELECT COUNT(*) FROM feedback", [], |r| r.get(0))?)
    }

    pub fn forget_emails_before(&self, cutoff: i64) -> Result<usize> {
        Ok(self.reader().execute(
            "UPDATE feedback SET email = NULL WHERE email IS NOT NULL AND received_at < strftime('%Y-%m-%dT%H:%M:%SZ', ?1, 'unixepoch')",
            [cutoff],
        )?)
    }

    pub fn forget_follow_links_before(&self, cutoff: i64) -> Result<usize> {
        Ok(self.reader().execute(
            "UPDATE feedback SET follow_hash = NULL WHERE follow_hash IS NOT NULL AND received_at < strftime('%Y-%m-%dT%H:%M:%SZ', ?1, 'unixepoch')",
            [cutoff],
        )?)
    }

    pub fn counter_survey_answers(&self, from: &str, to: &str) -> Result<Vec<Answer>> {
        let conn = self.reader();
        let mut stmt = conn.prepare(
            "SELECT strftime('%Y-%m', received_at, '+9 hours') AS month, ward, section, satisfaction FROM feedback
             WHERE kind = 'counter_survey' AND ward IS NOT NULL AND section IS NOT NULL AND month BETWEEN ?1 AND ?2
             ORDER BY month, ward, section",
        )?;
        let rows = stmt.query_map([from, to], |r| {
            Ok(Answer {
                month: r.get(0)?,
                ward: r.get(1)?,
                section: r.get(2)?,
                satisfaction: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn records(&self) -> Result<Vec<Record>> {
        let conn = self.reader();
        let mut stmt =
            conn.prepare("SELECT id, received_at, kind, topic, satisfaction, message, email, ward, section FROM feedback ORDER BY id")?;
        let rows = stmt.query_map([], |r| {
            Ok(Record {
                id: r.get(0)?,
                received_at: r.get(1)?,
                kind: r.get(2)?,
                topic: r.get(3)?,
                satisfaction: r.get(4)?,
                message: r.get(5)?,
                email: r.get(6)?,
                ward: r.get(7)?,
                section: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

fn insert_one(conn: &Connection, f: &Feedback) -> rusqlite::Result<Stored> {
    let inserted = conn.execute(
        "INSERT INTO feedback (idempotency_key, kind, topic, message, satisfaction, email, ward, section, follow_hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT(idempotency_key) DO NOTHING",
        params![f.key, kind_name(f.kind), f.topic, f.message, f.satisfaction, f.email, f.ward, f.section, follow_hash_of(f)],
    )?;
    let row: Option<(i64, Option<String>)> = conn
        .query_row("SELECT id, follow_hash FROM feedback WHERE idempotency_key = ?1", [&f.key], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    let (id, follow_hash) = row.ok_or(rusqlite::Error::QueryReturnedNoRows)?;
    Ok(Stored {
        receipt: receipt_for(id),
        created: inserted == 1,
        follow_hash,
    })
}

/// Writes the group in one transaction; every receipt is sent only after its commit.
fn write_group(conn: &mut Connection, group: &[Feedback]) -> rusqlite::Result<Vec<Stored>> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let stored = group.iter().map(|f| insert_one(&tx, f)).collect::<rusqlite::Result<Vec<_>>>()?;
    tx.commit()?;
    Ok(stored)
}

/// The writer thread: takes whatever is waiting (up to `MAX_GROUP`), writes it as one group,
/// answers each. A failed group is retried one by one, so one bad row fails only itself.
fn write_groups(mut conn: Connection, jobs: mpsc::Receiver<Job>) {
    while let Ok(first) = jobs.recv() {
        let mut group = vec![first];
        while group.len() < MAX_GROUP {
            match jobs.try_recv() {
                Ok(job) => group.push(job),
                Err(_) => break,
            }
        }
        let (items, replies): (Vec<Feedback>, Vec<_>) = group.into_iter().unzip();
        match write_group(&mut conn, &items) {
            Ok(stored) => {
                for (reply, s) in replies.into_iter().zip(stored) {
                    let _ = reply.send(Ok(s));
                }
            }
            Err(_) => {
                for (f, reply) in items.iter().zip(replies) {
                    let _ = reply.send(
                        write_group(&mut conn, std::slice::from_ref(f))
                            .map(|mut s| s.remove(0))
                            .map_err(StoreError::from),
                    );
                }
            }
        }
    }
}
