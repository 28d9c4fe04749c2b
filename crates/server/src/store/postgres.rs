//! Feedback in PostgreSQL, for several servers on one database. A pool of connections; each
//! insert commits before its receipt is sent (PostgreSQL's `synchronous_commit` decides how
//! durable that is: `on` by default). The idempotency key's unique index makes two servers that
//! receive one key at the same moment store one row: the second waits for the first to commit,
//! then finds its row and returns the same receipt.

use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod};
use feedback::Feedback;
use tokio_postgres::NoTls;

use super::{follow_hash_of, kind_name, receipt_for, Answer, Record, Result, StoreError, Stored};

mod embedded {
    refinery::embed_migrations!("migrations/postgres");
}

/// Connections per server: enough for a burst, well under PostgreSQL's default
/// `max_connections` of 100 for a few servers.
const POOL_SIZE: usize = 16;
/// Taken while migrating, so servers that start together migrate one after the other (the
/// publications' tables are migrated under the same lock).
use publish::shared::MIGRATION_LOCK;

#[derive(Clone)]
pub struct PostgresStore {
    pub(super) pool: Pool,
}

impl PostgresStore {
    pub async fn open(url: &str) -> Result<PostgresStore> {
        let config = publish::shared::connection_config(url)?;
        let manager = Manager::from_config(
            config,
            NoTls,
            ManagerConfig {
                recycling_method: RecyclingMethod::Fast,
            },
        );
        let pool = Pool::builder(manager)
            .max_size(POOL_SIZE)
            .build()
            .map_err(|e| StoreError(e.to_string()))?;
        let mut conn = pool.get().await?;
        conn.execute("SELECT pg_advisory_lock($1)", &[&MIGRATION_LOCK]).await?;
        let migrated = embedded::migrations::runner()
            .run_async(&mut **conn)
            .await
            .map_err(|e| StoreError(format!("migrating: {e}")));
        conn.execute("SELECT pg_advisory_unlock($1)", &[&MIGRATION_LOCK]).await?;
        migrated?;
        Ok(PostgresStore { pool })
    }

    pub async fn insert(&self, f: &Feedback) -> Result<Stored> {
        let conn = self.pool.get().await?;
        let satisfaction = f.satisfaction.map(i16::from);
        let inserted = conn
            .query_opt(
                "INSERT INTO feedback (idempotency_key, kind, topic, message, satisfaction, email, ward, section, follow_hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                 ON CONFLICT (idempotency_key) DO NOTHING RETURNING id, follow_hash",
                &[&f.key, &kind_name(f.kind), &f.topic, &f.message, &satisfaction, &f.email, &f.ward, &f.section, &follow_hash_of(f)],
            )
            .await?;
        if let Some(row) = inserted {
            return Ok(Stored {
                receipt: receipt_for(row.get(0)),
                created: true,
                follow_hash: row.get(1),
            });
        }
        // Another request stored this key first (and has committed: the insert waited for it).
        let row = conn
            .query_one("SELECT id, follow_hash FROM feedback WHERE idempotency_key = $1", &[&f.key])
            .await?;
        Ok(Stored {
            receipt: receipt_for(row.get(0)),
            created: false,
            follow_hash: row.get(1),
        })
    }

    pub async fn count(&self) -> Result<i64> {
        Ok(self.pool.get().await?.query_one("SELECT COUNT(*) FROM feedback", &[]).await?.get(0))
    }

    pub async fn forget_emails_before(&self, cutoff: i64) -> Result<usize> {
        let conn = self.pool.get().await?;
        let n = conn
            .execute(
                "UPDATE feedback SET email = NULL WHERE email IS NOT NULL AND received_at < to_timestamp($1)",
                &[&(cutoff as f64)],
            )
            .await?;
        Ok(n as usize)
    }

    pub async fn forget_follow_links_before(&self, cutoff: i64) -> Result<usize> {
        let conn = self.pool.get().await?;
        let n = conn
            .execute(
                "UPDATE feedback SET follow_hash = NULL WHERE follow_hash IS NOT NULL AND received_at < to_timestamp($1)",
                &[&(cutoff as f64)],
            )
            .await?;
        Ok(n as usize)
    }

    pub async fn counter_survey_answers(&self, from: &str, to: &str) -> Result<Vec<Answer>> {
        let rows = self
            .pool
            .get()
            .await?
            .query(
                "SELECT to_char(received_at AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM') AS month, ward, section, satisfaction::BIGINT FROM feedback
                 WHERE kind = 'counter_survey' AND ward IS NOT NULL AND section IS NOT NULL
                   AND to_char(received_at AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM') BETWEEN $1 AND $2
                 ORDER BY month, ward, section",
                &[&from, &to],
            )
            .await?;
        Ok(rows
            .iter()
            .map(|r| Answer {
                month: r.get(0),
                ward: r.get(1),
                section: r.get(2),
                satisfaction: r.get(3),
            })
            .collect())
    }

    pub async fn records(&self) -> Result<Vec<Record>> {
        let rows = self
            .pool
            .get()
            .await?
            .query(
                "SELECT id, to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), kind, topic, satisfaction::BIGINT, message, email, ward, section FROM feedback ORDER BY id",
                &[],
            )
            .await?;
        Ok(rows
            .iter()
            .map(|r| Record {
                id: r.get(0),
                received_at: r.get(1),
                kind: r.get(2),
                topic: r.get(3),
                satisfaction: r.get(4),
                message: r.get(5),
                email: r.get(6),
                ward: r.get(7),
                section: r.get(8),
            })
            .collect())
    }
}
