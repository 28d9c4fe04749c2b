//! A data folder as another store keeps it (the database that several servers share): what the
//! folder holds that cannot be rebuilt, read out as one [`Image`] and written back. A server on
//! PostgreSQL writes the database's image into its own folder, which its pages, feed, previews and
//! `/data/` read as they read any data folder.

use snapshot::Manifest;

use crate::drafts::{DraftInfo, DRAFTS};
use crate::folder::{hash_checked, sha256_of, write_atomically, DataFolder, FolderError, LOG};

/// The steps at which `WIDGET_PUBLISH_CRASH_AT` can stop a mirror's write, in order.
pub const CRASH_STEPS: [&str; 6] = [
    "mirror-snapshot-temp-written",
    "mirror-snapshot-renamed",
    "mirror-log-temp-written",
    "mirror-log-renamed",
    "mirror-manifest-temp-written",
    "mirror-manifest-renamed",
];

/// Everything a data folder holds that cannot be rebuilt.
#[derive(Debug, Clone, PartialEq)]
pub struct Image {
    /// The manifest's file as published.
    pub manifest: Vec<u8>,
    /// The file of every snapshot the manifest lists, by id.
    pub snapshots: Vec<(String, Vec<u8>)>,
    /// Each draft's facts and snapshot file.
    pub drafts: Vec<(DraftInfo, Vec<u8>)>,
    /// The publications log, one JSON line each, oldest first.
    pub log: Vec<String>,
}

impl Image {
    /// The manifest, once every snapshot it lists is here and matches its hash: a tampered or
    /// missing file refuses the whole image, so a folder never names a file it does not hold.
    pub fn checked_manifest(&self) -> Result<Manifest, FolderError> {
        let manifest = crate::shared::manifest_of(&self.manifest)?;
        for entry in &manifest.snapshots {
            let Some((_, bytes)) = self.snapshots.iter().find(|(id, _)| *id == entry.id) else {
                return Err(FolderError::Invalid(entry.file.clone(), vec![]));
            };
            hash_checked(&entry.file, bytes, entry)?;
        }
        Ok(manifest)
    }
}

impl DataFolder {
    /// The folder's image: its manifest, the snapshots it lists (each checked against its hash),
    /// its drafts and its log.
    pub fn image(&self) -> Result<Image, FolderError> {
        let (manifest, bytes) = self.manifest()?;
        let snapshots = manifest
            .snapshots
            .iter()
            .map(|entry| self.snapshot(entry).map(|(_, file)| (entry.id.clone(), file)))
            .collect::<Result<Vec<_>, _>>()?;
        let drafts = self
            .drafts()
            .into_iter()
            .map(|info| self.draft_bytes(&info.id).map(|file| (info, file)))
            .collect::<Result<Vec<_>, _>>()?;
        let log = std::fs::read_to_string(self.dir().join(LOG))
            .unwrap_or_default()
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(String::from)
            .collect();
        Ok(Image {
            manifest: bytes,
            snapshots,
            drafts,
            log,
        })
    }

    /// Makes the folder hold `image`, by the folder's atomic steps: the snapshots first (a file
    /// already there with the right hash stays), then the drafts and the log, the manifest last.
    /// A reader sees the old publication or the new one, never a mix. Nothing is written when
    /// the image fails its check.
    pub fn mirror(&self, image: &Image) -> Result<(), FolderError> {
        let manifest = image.checked_manifest()?;
        std::fs::create_dir_all(self.dir()).map_err(self.io(self.dir()))?;
        for entry in &manifest.snapshots {
            let path = self.dir().join(&entry.file);
            let bytes = &image.snapshots.iter().find(|(id, _)| *id == entry.id).expect("checked").1;
            if std::fs::read(&path).is_ok_and(|have| sha256_of(&have) == entry.sha256) {
                continue;
            }
            std::fs::create_dir_all(path.parent().unwrap_or(self.dir())).map_err(self.io(&path))?;
            write_atomically(&path, bytes, "mirror-snapshot").map_err(self.io(&path))?;
        }
        for (info, bytes) in &image.drafts {
            self.write_draft(info, bytes, &manifest, &image.snapshots)?;
        }
        let drafts = self.dir().join(DRAFTS);
        for gone in std::fs::read_dir(&drafts).into_iter().flatten().flatten() {
            let name = gone.file_name().to_string_lossy().into_owned();
            if !name.starts_with('.') && !image.drafts.iter().any(|(info, _)| info.id == name) {
                std::fs::remove_dir_all(gone.path()).map_err(self.io(&gone.path()))?;
            }
        }
        let log: String = image.log.iter().map(|l| format!("{l}\n")).collect();
        let log_path = self.dir().join(LOG);
        if std::fs::read_to_string(&log_path).ok().as_deref() != Some(log.as_str()) {
            write_atomically(&log_path, log.as_bytes(), "mirror-log").map_err(self.io(&log_path))?;
        }
        let manifest_path = self.manifest_path();
        // Nothing published yet (drafts only): no manifest, as in a folder that has none.
        if image.manifest.is_empty() {
            return Ok(());
        }
        if std::fs::read(&manifest_path).ok().as_deref() != Some(&image.manifest[..]) {
            write_atomically(&manifest_path, &image.manifest, "mirror-manifest").map_err(self.io(&manifest_path))?;
        }
        Ok(())
    }
}
