//! Feedback in a SQLite file: WAL with `synchronous=FULL`, so a message is on disk before it is
//! acknowledged and survives `kill -9`. The idempotency key is unique: a retry finds the
//! first record and returns its receipt.

use std::path::Path;
use std::sync::Mutex;

use feedback::{Feedback, Kind};
use rusqlite::{params, Connection};
use view_models::export::{csv, Table};

pub struct Store {
    conn: Mutex<Connection>,
}

/// What storing a submission did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    pub receipt: String,
    /// False when the key had been seen: nothing new was written.
    pub created: bool,
}

/// Receipt numbers are the row id, zero-padded: short enough to read out at a counter.
pub fn receipt_for(id: i64) -> String {
    format!("KR-{id:07}")
}

impl Store {
    pub fn open(path: &Path) -> rusqlite::Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            let _ = std::fs::create_dir_all(dir);
        }
        let conn = Connection::open(path)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS feedback (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                idempotency_key TEXT NOT NULL UNIQUE,
                kind TEXT NOT NULL,
                topic TEXT NOT NULL,
                message TEXT NOT NULL,
                satisfaction INTEGER,
                email TEXT,
                received_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
            );",
        )?;
        // Databases from before the counter survey lack its two columns.
        for column in ["ward", "section"] {
            let has: bool = conn.query_row("SELECT COUNT(*) FROM pragma_table_info('feedback') WHERE name = ?1", [column], |r| r.get::<_, i64>(0)).map(|n| n > 0)?;
            if !has {
                conn.execute_batch(&format!("ALTER TABLE feedback ADD COLUMN {column} TEXT"))?;
            }
        }
        Ok(Store { conn: Mutex::new(conn) })
    }

    pub fn insert(&self, f: &Feedback) -> rusqlite::Result<Stored> {
        let conn = self.conn.lock().unwrap_or_else(|p| p.into_inner());
        let kind = match f.kind {
            Kind::General => "general",
            Kind::CounterSurvey => "counter_survey",
        };
        let inserted = conn.execute(
            "INSERT INTO feedback (idempotency_key, kind, topic, message, satisfaction, email, ward, section) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT(idempotency_key) DO NOTHING",
            params![f.key, kind, f.topic, f.message, f.satisfaction, f.email, f.ward, f.section],
        )?;
        let id: i64 = conn.query_row("SELECT id FROM feedback WHERE idempotency_key = ?1", [&f.key], |r| r.get(0))?;
        Ok(Stored { receipt: receipt_for(id), created: inserted == 1 })
    }

    /// Deletes e-mail addresses received more than `days` before `now` (seconds since the
    /// epoch); the messages stay. Returns how many addresses were deleted.
    pub fn forget_old_emails(&self, now: i64, days: u32) -> rusqlite::Result<usize> {
        let conn = self.conn.lock().unwrap_or_else(|p| p.into_inner());
        let cutoff = now - i64::from(days) * 86_400;
        conn.execute(
            "UPDATE feedback SET email = NULL WHERE email IS NOT NULL AND received_at < strftime('%Y-%m-%dT%H:%M:%SZ', ?1, 'unixepoch')",
            [cutoff],
        )
    }

    /// Counter survey answers per month (Japan time), ward and counter, from `from` to `to`
    /// (inclusive, `YYYY-MM`), with how many count as satisfied.
    pub fn counter_survey_counts(&self, from: &str, to: &str) -> rusqlite::Result<Vec<crate::summary::Counted>> {
        let conn = self.conn.lock().unwrap_or_else(|p| p.into_inner());
        let mut stmt = conn.prepare(
            "SELECT strftime('%Y-%m', received_at, '+9 hours') AS month, ward, section, satisfaction FROM feedback
             WHERE kind = 'counter_survey' AND ward IS NOT NULL AND section IS NOT NULL AND month BETWEEN ?1 AND ?2
             ORDER BY month, ward, section",
        )?;
        let rows = stmt.query_map([from, to], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, Option<i64>>(3)?)))?;
        let mut out: Vec<crate::summary::Counted> = vec![];
        for row in rows {
            let (month, ward, section, satisfaction) = row?;
            let Ok(month) = crate::summary::parse_month(&month) else { continue };
            let satisfied = u32::from(satisfaction.is_some_and(crate::summary::satisfied));
            match out.last_mut().filter(|c| c.month == month && c.ward == ward && c.section == section) {
                Some(c) => {
                    c.answers += 1;
                    c.satisfied += satisfied;
                }
                None => out.push(crate::summary::Counted { month, ward, section, answers: 1, satisfied }),
            }
        }
        Ok(out)
    }

    pub fn count(&self) -> rusqlite::Result<i64> {
        let conn = self.conn.lock().unwrap_or_else(|p| p.into_inner());
        conn.query_row("SELECT COUNT(*) FROM feedback", [], |r| r.get(0))
    }

    /// Every record as CSV for staff, written by the same formula-safe writer as the widget's
    /// downloads (UTF-8 with BOM).
    pub fn export_csv(&self) -> rusqlite::Result<String> {
        let conn = self.conn.lock().unwrap_or_else(|p| p.into_inner());
        let mut stmt = conn.prepare("SELECT id, received_at, kind, topic, satisfaction, message, email, ward, section FROM feedback ORDER BY id")?;
        let rows = stmt.query_map([], |r| {
            Ok(vec![
                receipt_for(r.get(0)?),
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<i64>>(4)?.map(|v| v.to_string()).unwrap_or_default(),
                r.get::<_, String>(5)?,
                r.get::<_, Option<String>>(6)?.unwrap_or_default(),
                r.get::<_, Option<String>>(7)?.unwrap_or_default(),
                r.get::<_, Option<String>>(8)?.unwrap_or_default(),
            ])
        })?;
        let header = ["receipt", "received_at", "kind", "topic", "satisfaction", "message", "email", "ward", "section"];
        let table = Table { header: header.map(String::from).to_vec(), rows: rows.collect::<rusqlite::Result<_>>()? };
        Ok(csv(&table))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use feedback::Feedback;

    fn message(key: &str, email: &str) -> Feedback {
        Feedback { key: key.into(), kind: Kind::General, topic: String::new(), message: format!("message {key}"), satisfaction: None, email: Some(email.into()).filter(|e: &String| !e.is_empty()), ward: None, section: None }
    }

    #[test]
    fn e_mail_addresses_are_forgotten_after_the_retention_period_and_messages_stay() {
        let dir = std::env::temp_dir().join(format!("store-retention-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let store = Store::open(&dir.join("f.sqlite3")).unwrap();
        store.insert(&message("00000000-0000-4000-8000-000000000001", "a@example.jp")).unwrap();
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
        let day = 86_400;
        assert_eq!(store.forget_old_emails(now + 89 * day, 90).unwrap(), 0, "kept within 90 days");
        assert!(store.export_csv().unwrap().contains("a@example.jp"));
        // The clock moved on 91 days: the address goes, the message stays.
        assert_eq!(store.forget_old_emails(now + 91 * day, 90).unwrap(), 1);
        let csv = store.export_csv().unwrap();
        assert!(!csv.contains("a@example.jp") && csv.contains("message 00000000-0000-4000-8000-000000000001"), "{csv}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
