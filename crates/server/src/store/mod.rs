//! Where feedback is kept: a SQLite file (the default, one server) or PostgreSQL (several
//! servers, or a database the city's IT department runs). Both give the same answers under the
//! same rules: a submission is durable before its receipt is sent, and the client's idempotency
//! key is unique, so a retry (to any server) finds the first record and returns its receipt.
//! Schemas are versioned migrations (`crates/server/migrations/`).

mod postgres;
mod sqlite;
pub mod staff;
#[doc(hidden)]
pub mod testing;
pub mod voices;

use std::path::PathBuf;

use csv_table::{csv, Table};
use feedback::{Feedback, Kind};

use crate::summary::{self, Counted};

/// Where the store is, from `--db` / `WIDGET_DB`: a `postgres://` URL, else a SQLite file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    Sqlite(PathBuf),
    Postgres(String),
}

impl Location {
    pub fn parse(text: &str) -> Location {
        if text.starts_with("postgres://") || text.starts_with("postgresql://") {
            Location::Postgres(text.to_string())
        } else {
            Location::Sqlite(PathBuf::from(text))
        }
    }

    /// For logs: a URL without its password.
    pub fn describe(&self) -> String {
        match self {
            Location::Sqlite(path) => path.display().to_string(),
            Location::Postgres(url) => match (url.find("://"), url.rfind('@')) {
                (Some(scheme), Some(at)) if at > scheme => {
                    let credentials = &url[scheme + 3..at];
                    let user = credentials.split(':').next().unwrap_or("");
                    format!("{}{user}@{}", &url[..scheme + 3], &url[at + 1..])
                }
                _ => url.clone(),
            },
        }
    }
}

/// A store failure: the database's own message (never a submission's text).
#[derive(Debug)]
pub struct StoreError(pub String);

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl<E: std::error::Error> From<E> for StoreError {
    fn from(e: E) -> StoreError {
        StoreError(e.to_string())
    }
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// What storing a submission did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    pub receipt: String,
    /// False when the key had been seen: nothing new was written.
    pub created: bool,
    /// The stored record's private-link hash, if it has one: a retry shows its link again only
    /// when it sends the same token.
    pub follow_hash: Option<String>,
}

/// How long a private link works, in days from the message: a year, long enough for an answer
/// that waits for the next fiscal year's budget. Then its hash is forgotten.
pub const FOLLOW_DAYS: u32 = 365;

/// The hash a record is stored with: only a message with text can be followed.
fn follow_hash_of(f: &Feedback) -> Option<String> {
    f.follow.as_deref().filter(|_| !f.message.is_empty()).map(crate::token_hash)
}

/// Receipt numbers are the row id, zero-padded: short enough to read out at a counter.
pub fn receipt_for(id: i64) -> String {
    format!("KR-{id:07}")
}

pub fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::General => "general",
        Kind::CounterSurvey => "counter_survey",
    }
}

/// One stored record as staff read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub id: i64,
    /// UTC, `YYYY-MM-DDTHH:MM:SSZ`.
    pub received_at: String,
    pub kind: String,
    pub topic: String,
    pub satisfaction: Option<i64>,
    pub message: String,
    pub email: Option<String>,
    pub ward: Option<String>,
    pub section: Option<String>,
}

/// Every record as CSV for staff (UTF-8 with BOM, formula-safe), the same from either store.
fn records_csv(records: Vec<Record>) -> String {
    let header = [
        "receipt",
        "received_at",
        "kind",
        "topic",
        "satisfaction",
        "message",
        "email",
        "ward",
        "section",
    ];
    let rows = records
        .into_iter()
        .map(|r| {
            vec![
                receipt_for(r.id),
                r.received_at,
                r.kind,
                r.topic,
                r.satisfaction.map(|v| v.to_string()).unwrap_or_default(),
                r.message,
                r.email.unwrap_or_default(),
                r.ward.unwrap_or_default(),
                r.section.unwrap_or_default(),
            ]
        })
        .collect();
    csv(&Table {
        header: header.map(String::from).to_vec(),
        rows,
    })
}

/// One counter survey answer as a store reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// Japan time, `YYYY-MM`.
    pub month: String,
    pub ward: String,
    pub section: String,
    pub satisfaction: Option<i64>,
}

/// Answers (sorted by month, ward, counter) counted per cell.
fn count_answers(answers: impl IntoIterator<Item = Answer>) -> Vec<Counted> {
    let mut out: Vec<Counted> = vec![];
    for Answer {
        month,
        ward,
        section,
        satisfaction,
    } in answers
    {
        let Ok(summary::Month(month)) = month.parse() else { continue };
        let satisfied = u32::from(satisfaction.is_some_and(summary::satisfied));
        match out
            .last_mut()
            .filter(|c| c.month == month && c.ward == ward && c.section == section)
        {
            Some(c) => {
                c.answers += 1;
                c.satisfied += satisfied;
            }
            None => out.push(Counted {
                month,
                ward,
                section,
                answers: 1,
                satisfied,
            }),
        }
    }
    out
}

pub enum Store {
    Sqlite(sqlite::SqliteStore),
    Postgres(postgres::PostgresStore),
}

impl Store {
    /// The PostgreSQL pool, when the store is one: publications are kept beside the feedback.
    pub fn postgres_pool(&self) -> Option<deadpool_postgres::Pool> {
        match self {
            Store::Postgres(s) => Some(s.pool.clone()),
            Store::Sqlite(_) => None,
        }
    }

    /// Opens the store and brings its schema up to date.
    pub async fn open(location: &Location) -> Result<Store> {
        match location {
            Location::Sqlite(path) => {
                let path = path.clone();
                Ok(Store::Sqlite(blocking(move || sqlite::SqliteStore::open(&path)).await?))
            }
            Location::Postgres(url) => Ok(Store::Postgres(postgres::PostgresStore::open(url).await?)),
        }
    }

    pub async fn insert(&self, feedback: Feedback) -> Result<Stored> {
        match self {
            Store::Sqlite(s) => s.insert(feedback).await,
            Store::Postgres(s) => s.insert(&feedback).await,
        }
    }

    pub async fn count(&self) -> Result<i64> {
        match self {
            Store::Sqlite(s) => s.read(|s| s.count()).await,
            Store::Postgres(s) => s.count().await,
        }
    }

    /// Deletes e-mail addresses received more than `days` before `now` (seconds since the
    /// epoch); the messages stay. Returns how many addresses were deleted.
    pub async fn forget_old_emails(&self, now: i64, days: u32) -> Result<usize> {
        let cutoff = now - i64::from(days) * 86_400;
        match self {
            Store::Sqlite(s) => s.read(move |s| s.forget_emails_before(cutoff)).await,
            Store::Postgres(s) => s.forget_emails_before(cutoff).await,
        }
    }

    /// Forgets private links to messages received more than [`FOLLOW_DAYS`] before `now`
    /// (seconds since the epoch): such a link then finds nothing. Returns how many.
    pub async fn forget_old_follow_links(&self, now: i64) -> Result<usize> {
        let cutoff = now - i64::from(FOLLOW_DAYS) * 86_400;
        match self {
            Store::Sqlite(s) => s.read(move |s| s.forget_follow_links_before(cutoff)).await,
            Store::Postgres(s) => s.forget_follow_links_before(cutoff).await,
        }
    }

    /// Counter survey answers per month (Japan time), ward and counter, from `from` to `to`
    /// (inclusive, `YYYY-MM`), with how many count as satisfied.
    pub async fn counter_survey_counts(&self, from: String, to: String) -> Result<Vec<Counted>> {
        let answers = match self {
            Store::Sqlite(s) => s.read(move |s| s.counter_survey_answers(&from, &to)).await?,
            Store::Postgres(s) => s.counter_survey_answers(&from, &to).await?,
        };
        Ok(count_answers(answers))
    }

    pub async fn export_csv(&self) -> Result<String> {
        let records = match self {
            Store::Sqlite(s) => s.read(|s| s.records()).await?,
            Store::Postgres(s) => s.records().await?,
        };
        Ok(records_csv(records))
    }
}

/// SQLite calls block: they run on tokio's blocking threads.
async fn blocking<T: Send + 'static>(work: impl FnOnce() -> Result<T> + Send + 'static) -> Result<T> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| StoreError(format!("the task stopped ({e})")))?
}

#[cfg(test)]
mod tests;
