//! Where publications are kept and changed. With SQLite (one server, the default) that is the data
//! folder. With PostgreSQL it is the database every server shares (`publish::shared`): every
//! server writes the database into its own data folder (its mirror) and follows each change
//! within a second: `NOTIFY widget_publications` when it happens, and a look at the version every
//! few seconds in case a notification was lost with its connection. Pages, the feed, previews and
//! `/data/` read the folder either way; staff changes go through here.

use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Duration;

use publish::drafts::DraftInfo;
use publish::shared::{SharedStore, CHANNEL};
use publish::{DataFolder, Draft, FolderError};
use snapshot::ManifestEntry;

/// How often a server compares its version with the database's, for a notification lost with
/// its connection (and to reconnect).
pub const CHECK_EVERY: Duration = Duration::from_secs(3);

pub enum Publications {
    Folder(DataFolder),
    Shared(Shared),
}

/// The database's publications and this server's mirror of them.
pub struct Shared {
    store: SharedStore,
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

    /// The shared publications on `pool`, mirrored into `mirror_dir`. An empty database is first
    /// filled from `seed` (the build's published files), unless this server's folder already
    /// holds publications: those are moved by `widget-publish migrate`, never replaced by the
    /// build's.
    pub async fn shared(
        pool: deadpool_postgres::Pool,
        url: &str,
        mirror_dir: &std::path::Path,
        seed: Option<&std::path::Path>,
    ) -> Result<Publications, FolderError> {
        let store = SharedStore::on(pool).await?;
        let mirror = DataFolder::new(mirror_dir);
        if store.version().await?.is_none() {
            if mirror.manifest().is_ok() {
                return Err(FolderError::NotMigrated(mirror_dir.display().to_string()));
            }
            // The build's published files are a data folder of their own; without them the city
            // starts with none, and makes its first publication on the staff pages.
            match seed.map(|seed| (seed, DataFolder::new(seed).image())) {
                None => tracing::info!("publications: none yet; the staff pages make the first from a blank workbook"),
                Some((_, Ok(image))) => {
                    store.fill(&image).await?;
                }
                Some((seed, Err(e))) => tracing::warn!(
                    "publications: the database has none, and {} cannot fill it ({}); pages will say the figures cannot be loaded",
                    seed.display(),
                    e.message(snapshot::Locale::En)
                ),
            }
        }
        let shared = Shared {
            store,
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
            Publications::Shared(s) => s.followed(s.store.save_draft(draft, author).await).await,
        }
    }

    pub async fn discard_draft(&self, id: &str) -> Result<(), FolderError> {
        match self {
            Publications::Folder(f) => {
                let (f, id) = (f.clone(), id.to_string());
                blocking(move || f.discard_draft(&id)).await
            }
            Publications::Shared(s) => s.followed(s.store.discard_draft(id).await).await,
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
            Publications::Shared(s) => s.followed(s.store.publish_draft(id, who).await).await,
        }
    }

    /// Makes the previous publication the latest again.
    pub async fn rollback(&self, who: &str) -> Result<(ManifestEntry, ManifestEntry), FolderError> {
        match self {
            Publications::Folder(f) => {
                let (f, who) = (f.clone(), who.to_string());
                blocking(move || f.rollback(&who)).await
            }
            Publications::Shared(s) => s.followed(s.store.rollback(who).await).await,
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

impl Shared {
    /// After a change this server made: its own folder follows at once, before the answer.
    async fn followed<T>(&self, done: Result<T, FolderError>) -> Result<T, FolderError> {
        let done = done?;
        if let Err(e) = self.sync().await {
            tracing::error!(
                "publications: the change is stored, but this server's folder could not follow it yet: {}",
                e.message(snapshot::Locale::En)
            );
        }
        Ok(done)
    }

    /// Writes the database's publications into this server's folder if they changed since it
    /// last did. A tampered or missing snapshot refuses the whole change: the folder keeps the
    /// publication it had, and the refusal is logged.
    pub async fn sync(&self) -> Result<bool, FolderError> {
        let _one = self.writing.lock().await;
        let known = self.mirrored.load(Ordering::SeqCst);
        if self.store.version().await? == Some(known) {
            return Ok(false);
        }
        let Some((image, version)) = self.store.image().await? else {
            return Ok(false); // nothing published yet
        };
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
                let config = publish::shared::connection_config(&self.url).map_err(unavailable)?;
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

async fn blocking<T: Send + 'static>(f: impl FnOnce() -> Result<T, FolderError> + Send + 'static) -> Result<T, FolderError> {
    tokio::task::spawn_blocking(f).await.unwrap_or_else(|e| Err(unavailable(e)))
}
