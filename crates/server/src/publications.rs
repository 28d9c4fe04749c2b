//! Where publications are kept and changed. With SQLite (one server, the default) that is the data
//! folder. With PostgreSQL it is the database every server shares: the manifest, each snapshot's
//! file with its hash, the drafts and the log, changed by one transaction each. Every server writes
//! the database into its own data folder (its mirror) and follows each change within a second:
//! `NOTIFY widget_publications` when it happens, and a look at the version every few seconds in
//! case a notification was lost with its connection. Pages, the feed, previews and `/data/` read
//! the folder either way; staff changes go through here.

use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Duration;

use deadpool_postgres::Pool;
use publish::drafts::{new_draft, DraftInfo};
use publish::folder::{log_line, manifest_bytes, next_publication, rolled_back};
use publish::mirror::Image;
use publish::{DataFolder, Draft, FolderError};
use snapshot::{parse_manifest, parse_snapshot, ManifestEntry};

/// The channel servers listen on.
const CHANNEL: &str = "widget_publications";
/// How often a server compares its version with the database's, for a notification lost with
/// its connection (and to reconnect).
pub const CHECK_EVERY: Duration = Duration::from_secs(3);

pub enum Publications {
    Folder(DataFolder),
    Shared(Shared),
}

/// The database's publications and this server's mirror of them.
pub struct Shared {
    pool: Pool,
    url: String,
    mirror: DataFolder,
    /// The version the mirror holds (-1 before the first).
    mirrored: AtomicI64,
    /// One mirror write at a time.
    writing: tokio::sync::Mutex<()>,
}

fn unavailable(e: impl std::fmt::Display) -> FolderError {
    FolderError::Unavailable(e.to_string())
}

impl Publications {
    /// The data folder's changes, as before: one server.
    pub fn folder(dir: &std::path::Path) -> Publications {
        Publications::Folder(DataFolder::new(dir))
    }

    /// The shared publications on `pool` (migrated by the store), mirrored into `mirror_dir`. An
    /// empty database is first filled from `seed` (the build's published files), unless this
    /// server's folder already holds publications: those are moved by `widget-publish migrate`,
    /// never replaced by the build's.
    pub async fn shared(pool: Pool, url: &str, mirror_dir: &std::path::Path, seed: &std::path::Path) -> Result<Publications, FolderError> {
        let mirror = DataFolder::new(mirror_dir);
        let conn = pool.get().await.map_err(unavailable)?;
        let empty = conn
            .query_opt("SELECT version FROM publication_state", &[])
            .await
            .map_err(unavailable)?
            .is_none();
        if empty {
            if mirror.manifest().is_ok() {
                return Err(FolderError::NotMigrated(mirror_dir.display().to_string()));
            }
            // The build's published files are a data folder of their own.
            match DataFolder::new(seed).image() {
                Ok(image) => put_image(&pool, &image, false).await?,
                Err(e) => tracing::warn!(
                    "publications: the database has none, and {} cannot fill it ({}); pages will say the figures cannot be loaded",
                    seed.display(),
                    e.message(snapshot::Locale::En)
                ),
            }
        }
        let shared = Shared {
            pool,
            url: url.to_string(),
            mirror,
            mirrored: AtomicI64::new(-1),
            writing: Default::default(),
        };
        // A refused image is logged by `sync`; the server starts and serves what its folder holds.
        let _ = shared.sync().await;
        Ok(Publications::Shared(shared))
    }

    pub async fn save_draft(&self, draft: Draft, author: &str) -> Result<DraftInfo, FolderError> {
        match self {
            Publications::Folder(f) => {
                let (f, author) = (f.clone(), author.to_string());
                blocking(move || f.save_draft(&draft, &author)).await
            }
            Publications::Shared(s) => {
                let author = author.to_string();
                let info = s
                    .change(move |tx, manifest| {
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
                    .await?;
                Ok(info)
            }
        }
    }

    pub async fn discard_draft(&self, id: &str) -> Result<(), FolderError> {
        match self {
            Publications::Folder(f) => {
                let (f, id) = (f.clone(), id.to_string());
                blocking(move || f.discard_draft(&id)).await
            }
            Publications::Shared(s) => {
                let id = id.to_string();
                s.change(move |tx, _| {
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
        }
    }

    /// Publishes a draft, only on top of the publication it was prepared from; two publishers at
    /// once get one publication and one `DraftOutdated`.
    pub async fn publish_draft(&self, id: &str, who: &str) -> Result<ManifestEntry, FolderError> {
        match self {
            Publications::Folder(f) => {
                let (f, id, who) = (f.clone(), id.to_string(), who.to_string());
                blocking(move || f.publish_draft(&id, &who)).await
            }
            Publications::Shared(s) => {
                let (id, who) = (id.to_string(), who.to_string());
                s.change(move |tx, manifest| {
                    Box::pin(async move {
                        let row = tx
                            .query_opt("SELECT info, bytes FROM publication_drafts WHERE id = $1", &[&id])
                            .await
                            .map_err(unavailable)?
                            .ok_or_else(|| FolderError::NoSuchDraft(id.to_string()))?;
                        let info: DraftInfo = serde_json::from_str(row.get(0)).map_err(unavailable)?;
                        let bytes: Vec<u8> = row.get(1);
                        if manifest.latest != info.base {
                            return Err(FolderError::DraftOutdated {
                                base: info.base,
                                latest: manifest.latest,
                            });
                        }
                        let snapshot = parse_snapshot(&bytes).map_err(|p| FolderError::Invalid(id.to_string(), p))?;
                        let next = next_publication(&manifest, &snapshot, info.title)?;
                        put_snapshot(tx, &next.entry, &next.snapshot_bytes).await?;
                        put_manifest(tx, &manifest_bytes(&next.manifest)?).await?;
                        put_log(tx, &log_line("publish", &who, &next.entry)).await?;
                        tx.execute("DELETE FROM publication_drafts WHERE id = $1", &[&id])
                            .await
                            .map_err(unavailable)?;
                        Ok(next.entry)
                    })
                })
                .await
            }
        }
    }

    /// Makes the previous publication the latest again.
    pub async fn rollback(&self, who: &str) -> Result<(ManifestEntry, ManifestEntry), FolderError> {
        match self {
            Publications::Folder(f) => {
                let (f, who) = (f.clone(), who.to_string());
                blocking(move || f.rollback(&who)).await
            }
            Publications::Shared(s) => {
                let who = who.to_string();
                s.change(move |tx, manifest| {
                    Box::pin(async move {
                        let back = rolled_back(&manifest)?;
                        put_manifest(tx, &manifest_bytes(&back.manifest)?).await?;
                        put_log(tx, &log_line("rollback", &who, &back.removed)).await?;
                        Ok((back.removed, back.now))
                    })
                })
                .await
            }
        }
    }

    /// Follows the database: writes each change into this server's folder (see the module's
    /// first lines). Returns at once for a folder.
    pub async fn follow(&self) {
        if let Publications::Shared(s) = self {
            s.follow().await
        }
    }
}

type Step<'a, T> = std::pin::Pin<Box<dyn std::future::Future<Output = Result<T, FolderError>> + Send + 'a>>;

impl Shared {
    /// One change in one transaction: the state row is locked first, so changes from every
    /// server happen one after the other, each on the manifest as the one before left it. The
    /// version goes up and the others are told; then this server's folder follows at once.
    async fn change<T, F>(&self, step: F) -> Result<T, FolderError>
    where
        F: for<'a> FnOnce(&'a tokio_postgres::Transaction<'a>, snapshot::Manifest) -> Step<'a, T>,
    {
        let mut conn = self.pool.get().await.map_err(unavailable)?;
        let tx = conn.transaction().await.map_err(unavailable)?;
        let row = tx
            .query_opt("SELECT manifest FROM publication_state FOR UPDATE", &[])
            .await
            .map_err(unavailable)?
            .ok_or_else(|| FolderError::Empty("PostgreSQL".into()))?;
        let bytes: Vec<u8> = row.get(0);
        let manifest = parse_manifest(&bytes).map_err(|p| FolderError::Invalid(publish::folder::MANIFEST.into(), p))?;
        let out = step(&tx, manifest).await?;
        let version: i64 = tx
            .query_one("UPDATE publication_state SET version = version + 1 RETURNING version", &[])
            .await
            .map_err(unavailable)?
            .get(0);
        tx.execute(&format!("NOTIFY {CHANNEL}, '{version}'"), &[])
            .await
            .map_err(unavailable)?;
        tx.commit().await.map_err(unavailable)?;
        if let Err(e) = self.sync().await {
            tracing::error!(
                "publications: the change is stored, but this server's folder could not follow it yet: {}",
                e.message(snapshot::Locale::En)
            );
        }
        Ok(out)
    }

    /// Writes the database's publications into this server's folder if they changed since it
    /// last did. A tampered or missing snapshot refuses the whole change: the folder keeps the
    /// publication it had, and the refusal is logged.
    pub async fn sync(&self) -> Result<bool, FolderError> {
        let _one = self.writing.lock().await;
        let conn = self.pool.get().await.map_err(unavailable)?;
        let Some(row) = conn
            .query_opt("SELECT version FROM publication_state", &[])
            .await
            .map_err(unavailable)?
        else {
            return Ok(false); // nothing published yet
        };
        let version: i64 = row.get(0);
        if version == self.mirrored.load(Ordering::SeqCst) {
            return Ok(false);
        }
        let image = read_image(&conn).await?;
        let mirror = self.mirror.clone();
        match blocking(move || mirror.mirror(&image)).await {
            Ok(()) => {
                self.mirrored.store(version, Ordering::SeqCst);
                Ok(true)
            }
            Err(e) => {
                tracing::error!(
                    "publications: version {version} refused, the folder keeps what it had: {}",
                    e.message(snapshot::Locale::En)
                );
                Err(e)
            }
        }
    }

    /// Listens for changes, and looks at the version every [`CHECK_EVERY`] in case a
    /// notification was lost; reconnects after a lost connection. Runs for the server's life.
    async fn follow(&self) {
        use futures_util::StreamExt;
        loop {
            let (tx, mut told) = tokio::sync::mpsc::unbounded_channel::<()>();
            let listening = async {
                let config: tokio_postgres::Config = self.url.parse().map_err(unavailable)?;
                let (client, mut connection) = config.connect(tokio_postgres::NoTls).await.map_err(unavailable)?;
                let driver = tokio::spawn(async move {
                    let mut messages = futures_util::stream::poll_fn(move |cx| connection.poll_message(cx));
                    while let Some(Ok(message)) = messages.next().await {
                        if matches!(message, tokio_postgres::AsyncMessage::Notification(_)) && tx.send(()).is_err() {
                            break;
                        }
                    }
                });
                client.batch_execute(&format!("LISTEN {CHANNEL}")).await.map_err(unavailable)?;
                Ok::<_, FolderError>((client, driver))
            }
            .await;
            let (_client, driver) = match listening {
                Ok(l) => l,
                Err(e) => {
                    tracing::warn!(
                        "publications: cannot listen for changes ({}); trying again",
                        e.message(snapshot::Locale::En)
                    );
                    tokio::time::sleep(CHECK_EVERY).await;
                    let _ = self.sync().await;
                    continue;
                }
            };
            // Whatever changed while this server was not listening.
            let _ = self.sync().await;
            loop {
                tokio::select! {
                    heard = told.recv() => {
                        if heard.is_none() {
                            break;
                        }
                        while told.try_recv().is_ok() {}
                        let _ = self.sync().await;
                    }
                    _ = tokio::time::sleep(CHECK_EVERY) => {
                        if driver.is_finished() {
                            break;
                        }
                        let _ = self.sync().await;
                    }
                }
            }
            tracing::warn!("publications: the connection that listens for changes was lost; reconnecting");
        }
    }
}

/// The database's publications as one image.
async fn read_image(conn: &deadpool_postgres::Object) -> Result<Image, FolderError> {
    let manifest: Vec<u8> = conn
        .query_one("SELECT manifest FROM publication_state", &[])
        .await
        .map_err(unavailable)?
        .get(0);
    let listed = parse_manifest(&manifest).map_err(|p| FolderError::Invalid(publish::folder::MANIFEST.into(), p))?;
    let ids: Vec<String> = listed.snapshots.iter().map(|e| e.id.clone()).collect();
    let snapshots = conn
        .query("SELECT id, bytes FROM publication_snapshots WHERE id = ANY($1)", &[&ids])
        .await
        .map_err(unavailable)?
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    let mut drafts = vec![];
    for r in conn
        .query("SELECT info, bytes FROM publication_drafts ORDER BY id", &[])
        .await
        .map_err(unavailable)?
    {
        let info: DraftInfo = serde_json::from_str(r.get(0)).map_err(unavailable)?;
        drafts.push((info, r.get(1)));
    }
    let log = conn
        .query("SELECT line FROM publication_log ORDER BY seq", &[])
        .await
        .map_err(unavailable)?
        .iter()
        .map(|r| r.get(0))
        .collect();
    Ok(Image {
        manifest,
        snapshots,
        drafts,
        log,
    })
}

/// Stores a whole image (the first start, a migration, a restore) in one transaction, checked
/// first. With `replace`, what the database held is replaced; without, an image already there
/// (another server seeded it first) is left as it is.
pub async fn put_image(pool: &Pool, image: &Image, replace: bool) -> Result<(), FolderError> {
    let manifest = image.checked_manifest()?;
    let mut conn = pool.get().await.map_err(unavailable)?;
    let tx = conn.transaction().await.map_err(unavailable)?;
    // Servers starting together on an empty database: one fills it, the others find it filled.
    tx.execute("LOCK TABLE publication_state IN EXCLUSIVE MODE", &[])
        .await
        .map_err(unavailable)?;
    let there = tx
        .query_opt("SELECT version FROM publication_state", &[])
        .await
        .map_err(unavailable)?;
    if there.is_some() && !replace {
        return Ok(());
    }
    for table in [
        "publication_snapshots",
        "publication_drafts",
        "publication_log",
        "publication_state",
    ] {
        tx.execute(&format!("DELETE FROM {table}"), &[]).await.map_err(unavailable)?;
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
    let version = there.map_or(1, |r| r.get::<_, i64>(0) + 1);
    tx.execute(
        "INSERT INTO publication_state (singleton, manifest, version) VALUES (TRUE, $1, $2)",
        &[&image.manifest, &version],
    )
    .await
    .map_err(unavailable)?;
    tx.execute(&format!("NOTIFY {CHANNEL}, '{version}'"), &[])
        .await
        .map_err(unavailable)?;
    tx.commit().await.map_err(unavailable)
}

/// Copies a folder's image into an empty database, then reads it back and checks that every
/// snapshot's bytes match the manifest's hash and the drafts and log are all there. Refused when
/// the database already holds publications: nothing is replaced. Returns how many snapshots.
pub async fn migrate(pool: &Pool, image: &Image) -> Result<usize, FolderError> {
    let manifest = image.checked_manifest()?;
    {
        let conn = pool.get().await.map_err(unavailable)?;
        if conn
            .query_opt("SELECT version FROM publication_state", &[])
            .await
            .map_err(unavailable)?
            .is_some()
        {
            return Err(FolderError::AlreadyHolds("PostgreSQL".into()));
        }
    }
    put_image(pool, image, false).await?;
    let conn = pool.get().await.map_err(unavailable)?;
    let stored = read_image(&conn).await?;
    stored.checked_manifest()?;
    let same = stored.manifest == image.manifest && stored.drafts.len() == image.drafts.len() && stored.log == image.log;
    if !same {
        return Err(FolderError::Unavailable("what was read back differs from the folder".into()));
    }
    Ok(manifest.snapshots.len())
}

async fn put_snapshot(tx: &tokio_postgres::Transaction<'_>, entry: &ManifestEntry, bytes: &[u8]) -> Result<(), FolderError> {
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

async fn blocking<T: Send + 'static>(f: impl FnOnce() -> Result<T, FolderError> + Send + 'static) -> Result<T, FolderError> {
    tokio::task::spawn_blocking(f).await.unwrap_or_else(|e| Err(unavailable(e)))
}
