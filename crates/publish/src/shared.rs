//! Publications kept in PostgreSQL, where several servers read them: the manifest, every
//! snapshot's file with its hash, the drafts and the log (`migrations/`). Every change is one
//! transaction on the locked state row, so changes from every server happen one after the other,
//! each on the manifest as the one before left it; its version goes up and `NOTIFY
//! widget_publications` tells the servers, which write the database into their own folders
//! (`crate::mirror`). The rules are the data folder's, from the same functions.

use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod};
use snapshot::{parse_manifest, parse_snapshot, Manifest, ManifestEntry, Snapshot, Text};
use tokio_postgres::NoTls;

use crate::drafts::{new_draft, DraftInfo};
use crate::folder::{crash_point, log_line, manifest_bytes, next_publication, rolled_back, FolderError, MANIFEST};
use crate::mirror::Image;
use crate::Draft;

mod embedded {
    refinery::embed_migrations!("migrations");
}

/// The steps at which `WIDGET_PUBLISH_CRASH_AT` can stop a change, in order.
pub const CRASH_STEPS: [&str; 2] = ["database-before-commit", "database-committed"];

/// The channel servers listen on.
pub const CHANNEL: &str = "widget_publications";
/// The publications' own migration history, beside the server's feedback tables.
const HISTORY: &str = "refinery_publications_history";
/// Taken while migrating: the server's store takes the same, so servers and tools that start
/// together migrate one after the other.
pub const MIGRATION_LOCK: i64 = 0x006b_7265_666f_726d; // "kreform"

fn unavailable(e: impl std::fmt::Display) -> FolderError {
    FolderError::Unavailable(e.to_string())
}

/// How long a connection may take before the database counts as out of reach: a host that drops
/// packets would otherwise hold a clerk's request (and a server's follower) for minutes.
pub const CONNECT_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

/// `url`'s connection settings, with [`CONNECT_TIMEOUT`] unless the URL sets its own. Every
/// connection to the database (the server's pool, its listener, `widget-publish`) is made from it.
pub fn connection_config(url: &str) -> Result<tokio_postgres::Config, tokio_postgres::Error> {
    let mut config: tokio_postgres::Config = url.parse()?;
    if config.get_connect_timeout().is_none() {
        config.connect_timeout(CONNECT_TIMEOUT);
    }
    Ok(config)
}

/// Whether `text` names a database rather than a folder.
pub fn is_database(text: &str) -> bool {
    text.starts_with("postgres://") || text.starts_with("postgresql://")
}

#[derive(Clone)]
pub struct SharedStore {
    pool: Pool,
}

type Step<'a, T> = std::pin::Pin<Box<dyn std::future::Future<Output = Result<T, FolderError>> + Send + 'a>>;

/// The state's manifest: none before the first publication (empty bytes, drafts may wait).
pub(crate) fn manifest_of(bytes: &[u8]) -> Result<Manifest, FolderError> {
    if bytes.is_empty() {
        return Ok(crate::folder::no_manifest());
    }
    parse_manifest(bytes).map_err(|p| FolderError::Invalid(MANIFEST.into(), p))
}

impl SharedStore {
    /// Connects to `url` and brings the publications' tables up to date (for `widget-publish`).
    pub async fn open(url: &str) -> Result<SharedStore, FolderError> {
        let config = connection_config(url).map_err(unavailable)?;
        let manager = Manager::from_config(
            config,
            NoTls,
            ManagerConfig {
                recycling_method: RecyclingMethod::Fast,
            },
        );
        let pool = Pool::builder(manager).max_size(4).build().map_err(unavailable)?;
        SharedStore::on(pool).await
    }

    /// The publications on a pool the server already has, their tables brought up to date.
    pub async fn on(pool: Pool) -> Result<SharedStore, FolderError> {
        let mut conn = pool.get().await.map_err(unavailable)?;
        conn.execute("SELECT pg_advisory_lock($1)", &[&MIGRATION_LOCK])
            .await
            .map_err(unavailable)?;
        let migrated = embedded::migrations::runner()
            .set_migration_table_name(HISTORY)
            .run_async(&mut **conn)
            .await
            .map_err(|e| FolderError::Unavailable(format!("migrating: {e}")));
        conn.execute("SELECT pg_advisory_unlock($1)", &[&MIGRATION_LOCK])
            .await
            .map_err(unavailable)?;
        migrated?;
        drop(conn);
        Ok(SharedStore { pool })
    }

    /// The version every change raises, `None` before anything is published.
    pub async fn version(&self) -> Result<Option<i64>, FolderError> {
        let conn = self.pool.get().await.map_err(unavailable)?;
        let row = conn
            .query_opt("SELECT version FROM publication_state", &[])
            .await
            .map_err(unavailable)?;
        Ok(row.map(|r| r.get(0)))
    }

    /// One change in one transaction (see the module's first lines).
    async fn change<T, F>(&self, step: F) -> Result<T, FolderError>
    where
        F: for<'a> FnOnce(&'a tokio_postgres::Transaction<'a>, Manifest) -> Step<'a, T>,
    {
        let mut conn = self.pool.get().await.map_err(unavailable)?;
        let tx = conn.transaction().await.map_err(unavailable)?;
        // A city started without default data has no state yet: its first change (the first
        // workbook's draft) makes it, with nothing published (empty manifest bytes), one server
        // at a time.
        tx.execute("LOCK TABLE publication_state IN SHARE ROW EXCLUSIVE MODE", &[])
            .await
            .map_err(unavailable)?;
        tx.execute(
            "INSERT INTO publication_state (manifest, version) VALUES ('', 0) ON CONFLICT (singleton) DO NOTHING",
            &[],
        )
        .await
        .map_err(unavailable)?;
        let row = tx
            .query_one("SELECT manifest FROM publication_state FOR UPDATE", &[])
            .await
            .map_err(unavailable)?;
        let bytes: Vec<u8> = row.get(0);
        let manifest = manifest_of(&bytes)?;
        let out = step(&tx, manifest).await?;
        let version: i64 = tx
            .query_one("UPDATE publication_state SET version = version + 1 RETURNING version", &[])
            .await
            .map_err(unavailable)?
            .get(0);
        tx.execute(&format!("NOTIFY {CHANNEL}, '{version}'"), &[])
            .await
            .map_err(unavailable)?;
        crash_point("database-before-commit");
        tx.commit().await.map_err(unavailable)?;
        crash_point("database-committed");
        Ok(out)
    }

    /// Keeps a checked draft (replacing an earlier draft of the same id).
    pub async fn save_draft(&self, draft: Draft, author: &str) -> Result<DraftInfo, FolderError> {
        let author = author.to_string();
        self.change(move |tx, manifest| {
            Box::pin(async move {
                let (info, bytes) = new_draft(&manifest, &draft, &author)?;
                let json = serde_json::to_string(&info).expect("serialises");
                tx.execute(
                    "INSERT INTO publication_drafts (id, info, bytes) VALUES ($1, $2, $3)
                     ON CONFLICT (id) DO UPDATE SET info = EXCLUDED.info, bytes = EXCLUDED.bytes",
                    &[&info.id, &json, &bytes],
                )
                .await
                .map_err(unavailable)?;
                Ok(info)
            })
        })
        .await
    }

    pub async fn discard_draft(&self, id: &str) -> Result<(), FolderError> {
        let id = id.to_string();
        self.change(move |tx, _| {
            Box::pin(async move {
                let n = tx
                    .execute("DELETE FROM publication_drafts WHERE id = $1", &[&id])
                    .await
                    .map_err(unavailable)?;
                if n == 0 {
                    return Err(FolderError::NoSuchDraft(id));
                }
                Ok(())
            })
        })
        .await
    }

    /// Publishes a draft, only on top of the publication it was prepared from; two publishers
    /// at once get one publication and one `DraftOutdated`.
    pub async fn publish_draft(&self, id: &str, who: &str) -> Result<ManifestEntry, FolderError> {
        let (id, who) = (id.to_string(), who.to_string());
        self.change(move |tx, manifest| {
            Box::pin(async move {
                let row = tx
                    .query_opt("SELECT info, bytes FROM publication_drafts WHERE id = $1", &[&id])
                    .await
                    .map_err(unavailable)?
                    .ok_or_else(|| FolderError::NoSuchDraft(id.clone()))?;
                let info: DraftInfo = serde_json::from_str(row.get(0)).map_err(unavailable)?;
                let bytes: Vec<u8> = row.get(1);
                if manifest.latest != info.base {
                    return Err(FolderError::DraftOutdated {
                        base: info.base,
                        latest: manifest.latest,
                    });
                }
                let snapshot = parse_snapshot(&bytes).map_err(|p| FolderError::Invalid(id.clone(), p))?;
                let entry = publish_in(tx, &manifest, &snapshot, info.title, &who).await?;
                tx.execute("DELETE FROM publication_drafts WHERE id = $1", &[&id])
                    .await
                    .map_err(unavailable)?;
                Ok(entry)
            })
        })
        .await
    }

    /// Publishes a checked snapshot as the new latest (`widget-publish import --publish`).
    pub async fn publish(&self, snapshot: Snapshot, title: Text, who: &str) -> Result<ManifestEntry, FolderError> {
        let who = who.to_string();
        self.change(move |tx, manifest| Box::pin(async move { publish_in(tx, &manifest, &snapshot, title, &who).await }))
            .await
    }

    /// Makes the previous publication the latest again.
    pub async fn rollback(&self, who: &str) -> Result<(ManifestEntry, ManifestEntry), FolderError> {
        let who = who.to_string();
        self.change(move |tx, manifest| {
            Box::pin(async move {
                let back = rolled_back(&manifest)?;
                put_manifest(tx, &manifest_bytes(&back.manifest)?).await?;
                put_log(tx, &log_line("rollback", &who, &back.removed)).await?;
                Ok((back.removed, back.now))
            })
        })
        .await
    }

    /// Everything the database holds, as one image, with the version it was read at.
    pub async fn image(&self) -> Result<Option<(Image, i64)>, FolderError> {
        let mut conn = self.pool.get().await.map_err(unavailable)?;
        // One snapshot of the database: a change committed meanwhile is read next time.
        let tx = conn
            .build_transaction()
            .isolation_level(tokio_postgres::IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()
            .await
            .map_err(unavailable)?;
        let Some(row) = tx
            .query_opt("SELECT manifest, version FROM publication_state", &[])
            .await
            .map_err(unavailable)?
        else {
            return Ok(None);
        };
        let (manifest, version): (Vec<u8>, i64) = (row.get(0), row.get(1));
        let listed = manifest_of(&manifest)?;
        let ids: Vec<String> = listed.snapshots.iter().map(|e| e.id.clone()).collect();
        let snapshots = tx
            .query("SELECT id, bytes FROM publication_snapshots WHERE id = ANY($1)", &[&ids])
            .await
            .map_err(unavailable)?
            .iter()
            .map(|r| (r.get(0), r.get(1)))
            .collect();
        let mut drafts = vec![];
        for r in tx
            .query("SELECT info, bytes FROM publication_drafts ORDER BY id", &[])
            .await
            .map_err(unavailable)?
        {
            let info: DraftInfo = serde_json::from_str(r.get(0)).map_err(unavailable)?;
            drafts.push((info, r.get(1)));
        }
        let log = tx
            .query("SELECT line FROM publication_log ORDER BY seq", &[])
            .await
            .map_err(unavailable)?
            .iter()
            .map(|r| r.get(0))
            .collect();
        tx.commit().await.map_err(unavailable)?;
        let image = Image {
            manifest,
            snapshots,
            drafts,
            log,
        };
        Ok(Some((image, version)))
    }

    /// The database's publications written into `dir` (emptied first), as a server's folder holds
    /// them: the working copy the tools that read a folder (the workbook, the import, the static
    /// export) read.
    pub async fn copy_into(&self, dir: &std::path::Path) -> Result<crate::DataFolder, FolderError> {
        let (image, _) = self.image().await?.ok_or_else(|| FolderError::Empty("PostgreSQL".into()))?;
        let copy = crate::DataFolder::new(dir);
        let _ = std::fs::remove_dir_all(dir);
        copy.mirror(&image)?;
        Ok(copy)
    }

    /// Stores a whole image, checked first, in one transaction, unless the database already
    /// holds publications (servers starting together on an empty database: one fills it, the
    /// others find it filled). Returns whether it stored it.
    pub async fn fill(&self, image: &Image) -> Result<bool, FolderError> {
        let manifest = image.checked_manifest()?;
        let mut conn = self.pool.get().await.map_err(unavailable)?;
        let tx = conn.transaction().await.map_err(unavailable)?;
        tx.execute("LOCK TABLE publication_state IN EXCLUSIVE MODE", &[])
            .await
            .map_err(unavailable)?;
        if tx
            .query_opt("SELECT version FROM publication_state", &[])
            .await
            .map_err(unavailable)?
            .is_some()
        {
            return Ok(false);
        }
        for entry in &manifest.snapshots {
            let bytes = &image.snapshots.iter().find(|(id, _)| *id == entry.id).expect("checked").1;
            put_snapshot(&tx, entry, bytes).await?;
        }
        for (info, bytes) in &image.drafts {
            let json = serde_json::to_string(info).expect("serialises");
            tx.execute(
                "INSERT INTO publication_drafts (id, info, bytes) VALUES ($1, $2, $3)",
                &[&info.id, &json, bytes],
            )
            .await
            .map_err(unavailable)?;
        }
        for line in &image.log {
            put_log(&tx, line).await?;
        }
        tx.execute(
            "INSERT INTO publication_state (singleton, manifest, version) VALUES (TRUE, $1, 1)",
            &[&image.manifest],
        )
        .await
        .map_err(unavailable)?;
        tx.execute(&format!("NOTIFY {CHANNEL}, '1'"), &[]).await.map_err(unavailable)?;
        tx.commit().await.map_err(unavailable)?;
        Ok(true)
    }

    /// Moves a folder's image into an empty database (`widget-publish migrate`), then reads it
    /// back and checks every snapshot's hash and that the manifest, drafts and log are all there.
    /// Refused when the database already holds publications: nothing is replaced. Returns how
    /// many publications.
    pub async fn migrate(&self, image: &Image) -> Result<usize, FolderError> {
        let listed = image.checked_manifest()?.snapshots.len();
        if !self.fill(image).await? {
            return Err(FolderError::AlreadyHolds("PostgreSQL".into()));
        }
        let (stored, _) = self.image().await?.ok_or_else(|| FolderError::Empty("PostgreSQL".into()))?;
        stored.checked_manifest()?;
        if stored.manifest != image.manifest || stored.drafts != image.drafts || stored.log != image.log {
            return Err(FolderError::Unavailable("what was read back differs from the folder".into()));
        }
        Ok(listed)
    }
}

/// The publication step inside a change: the snapshot's row, the manifest, the log line.
async fn publish_in(
    tx: &tokio_postgres::Transaction<'_>,
    manifest: &Manifest,
    snapshot: &Snapshot,
    title: Text,
    who: &str,
) -> Result<ManifestEntry, FolderError> {
    let next = next_publication(manifest, snapshot, title)?;
    put_snapshot(tx, &next.entry, &next.snapshot_bytes).await?;
    put_manifest(tx, &manifest_bytes(&next.manifest)?).await?;
    put_log(tx, &log_line("publish", who, &next.entry)).await?;
    Ok(next.entry)
}

async fn put_snapshot(tx: &tokio_postgres::Transaction<'_>, entry: &ManifestEntry, bytes: &[u8]) -> Result<(), FolderError> {
    // A rolled-back id may be published again: its row is replaced.
    tx.execute(
        "INSERT INTO publication_snapshots (id, bytes, sha256) VALUES ($1, $2, $3)
         ON CONFLICT (id) DO UPDATE SET bytes = EXCLUDED.bytes, sha256 = EXCLUDED.sha256",
        &[&entry.id, &bytes, &entry.sha256],
    )
    .await
    .map_err(unavailable)?;
    Ok(())
}

async fn put_manifest(tx: &tokio_postgres::Transaction<'_>, bytes: &[u8]) -> Result<(), FolderError> {
    tx.execute("UPDATE publication_state SET manifest = $1", &[&bytes])
        .await
        .map_err(unavailable)?;
    Ok(())
}

async fn put_log(tx: &tokio_postgres::Transaction<'_>, line: &str) -> Result<(), FolderError> {
    tx.execute("INSERT INTO publication_log (line) VALUES ($1)", &[&line])
        .await
        .map_err(unavailable)?;
    Ok(())
}
