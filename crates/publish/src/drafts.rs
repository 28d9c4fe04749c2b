//! Drafts: checked snapshots waiting for a second pair of eyes, in the data folder's `drafts/`
//! (never served to the public). Each draft is a folder of its own with a preview manifest (the
//! published snapshots and the draft as the latest), so every screen of the widget can show it
//! through the existing `?data=` preview before anyone publishes it.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use snapshot::{parse_snapshot, Manifest, ManifestEntry, Snapshot, Text};

use crate::folder::{sha256_of, utc_now, DataFolder, FolderError, MANIFEST, SNAPSHOTS};
use crate::Draft;

pub const DRAFTS: &str = "drafts";
const ABOUT: &str = "draft.json";

/// Who prepared a draft, when, and on top of which publication.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DraftInfo {
    pub id: String,
    pub as_of: String,
    pub title: Text,
    pub author: String,
    pub created: String,
    /// The latest publication when the draft was prepared: it is published only on top of it.
    pub base: String,
}

/// Whether a draft id (from an address) is a plain name: the checker's id rule allows no more.
pub fn plain_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 64 && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') && !id.starts_with('-')
}

/// A draft's facts and its snapshot's file, on top of the latest publication in `manifest`;
/// refused if its id is already published. The same for the data folder and for a database.
pub fn new_draft(manifest: &Manifest, draft: &Draft, author: &str) -> Result<(DraftInfo, Vec<u8>), FolderError> {
    let id = draft.snapshot.id.clone();
    if manifest.snapshots.iter().any(|e| e.id == id) {
        return Err(FolderError::IdTaken(id));
    }
    if !plain_id(&id) {
        return Err(FolderError::NoSuchDraft(id));
    }
    let bytes = crate::folder::snapshot_bytes(&draft.snapshot)?;
    let info = DraftInfo {
        id,
        as_of: draft.snapshot.as_of.to_string(),
        title: draft.title.clone(),
        author: author.to_string(),
        created: utc_now(),
        base: manifest.latest.clone(),
    };
    Ok((info, bytes))
}

impl DataFolder {
    fn draft_dir(&self, id: &str) -> Result<PathBuf, FolderError> {
        if !plain_id(id) {
            return Err(FolderError::NoSuchDraft(id.to_string()));
        }
        Ok(self.dir().join(DRAFTS).join(id))
    }

    /// The site path of a draft's preview manifest, for `?data=`.
    pub fn preview_manifest(id: &str) -> String {
        format!("/data/{DRAFTS}/{id}/{MANIFEST}")
    }

    /// Keeps a checked draft (replacing an earlier draft of the same id).
    pub fn save_draft(&self, draft: &Draft, author: &str) -> Result<DraftInfo, FolderError> {
        let manifest = self.manifest_or_none()?;
        let (info, bytes) = new_draft(&manifest, draft, author)?;
        let published = manifest
            .snapshots
            .iter()
            .map(|entry| self.snapshot(entry).map(|(_, bytes)| (entry.id.clone(), bytes)))
            .collect::<Result<Vec<_>, _>>()?;
        self.write_draft(&info, &bytes, &manifest, &published)?;
        Ok(info)
    }

    /// Writes a draft's folder: its snapshot, its facts and a preview manifest (the published
    /// snapshots, `published` by id, and the draft as the latest), all at once (a temporary folder
    /// renamed into place).
    pub fn write_draft(
        &self,
        info: &DraftInfo,
        bytes: &[u8],
        manifest: &Manifest,
        published: &[(String, Vec<u8>)],
    ) -> Result<(), FolderError> {
        let id = &info.id;
        let dir = self.draft_dir(id)?;
        let temp = self.dir().join(DRAFTS).join(format!(".{id}.{}.tmp", std::process::id()));
        let io = |e: std::io::Error| FolderError::Io(dir.display().to_string(), e);
        let _ = std::fs::remove_dir_all(&temp);
        std::fs::create_dir_all(temp.join(SNAPSHOTS)).map_err(io)?;
        let mut entries = vec![];
        for entry in &manifest.snapshots {
            let Some((_, bytes)) = published.iter().find(|(p, _)| *p == entry.id) else {
                return Err(FolderError::Invalid(entry.file.clone(), vec![]));
            };
            let file = format!("{SNAPSHOTS}/{}.json", entry.id);
            std::fs::write(temp.join(&file), bytes).map_err(io)?;
            entries.push(ManifestEntry { file, ..entry.clone() });
        }
        let file = format!("{SNAPSHOTS}/{id}.json");
        std::fs::write(temp.join(&file), bytes).map_err(io)?;
        entries.push(ManifestEntry {
            id: id.clone(),
            as_of: snapshot::AsOf::parse(&info.as_of),
            file,
            title: info.title.clone(),
            sha256: sha256_of(bytes),
        });
        let preview = Manifest {
            format_version: manifest.format_version,
            latest: id.clone(),
            snapshots: entries,
        };
        std::fs::write(
            temp.join(MANIFEST),
            serde_json::to_vec_pretty(&preview).expect("a manifest serialises"),
        )
        .map_err(io)?;
        std::fs::write(temp.join(ABOUT), serde_json::to_vec_pretty(info).expect("serialises")).map_err(io)?;
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::rename(&temp, &dir).map_err(io)?;
        Ok(())
    }

    /// A draft's snapshot file as kept.
    pub fn draft_bytes(&self, id: &str) -> Result<Vec<u8>, FolderError> {
        let dir = self.draft_dir(id)?;
        std::fs::read(dir.join(SNAPSHOTS).join(format!("{id}.json"))).map_err(|_| FolderError::NoSuchDraft(id.to_string()))
    }

    /// Every draft, newest first.
    pub fn drafts(&self) -> Vec<DraftInfo> {
        let mut out: Vec<DraftInfo> = std::fs::read_dir(self.dir().join(DRAFTS))
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
            .filter_map(|e| std::fs::read(e.path().join(ABOUT)).ok())
            .filter_map(|b| serde_json::from_slice(&b).ok())
            .collect();
        out.sort_by(|a, b| b.created.cmp(&a.created));
        out
    }

    /// A draft and its snapshot.
    pub fn draft(&self, id: &str) -> Result<(DraftInfo, Snapshot), FolderError> {
        let dir = self.draft_dir(id)?;
        let missing = || FolderError::NoSuchDraft(id.to_string());
        let info: DraftInfo = std::fs::read(dir.join(ABOUT))
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .ok_or_else(missing)?;
        let bytes = std::fs::read(dir.join(SNAPSHOTS).join(format!("{id}.json"))).map_err(|_| missing())?;
        let snapshot = parse_snapshot(&bytes).map_err(|p| FolderError::Invalid(id.to_string(), p))?;
        Ok((info, snapshot))
    }

    pub fn discard_draft(&self, id: &str) -> Result<(), FolderError> {
        let dir = self.draft_dir(id)?;
        if !dir.exists() {
            return Err(FolderError::NoSuchDraft(id.to_string()));
        }
        std::fs::remove_dir_all(&dir).map_err(|e| FolderError::Io(dir.display().to_string(), e))
    }

    /// Publishes a draft, only on top of the publication it was prepared from (a draft made
    /// before another publication would silently undo it), then removes the draft.
    pub fn publish_draft(&self, id: &str, who: &str) -> Result<ManifestEntry, FolderError> {
        let (info, snapshot) = self.draft(id)?;
        let manifest = self.manifest_or_none()?;
        if manifest.latest != info.base {
            return Err(FolderError::DraftOutdated {
                base: info.base,
                latest: manifest.latest,
            });
        }
        let entry = self.publish(&snapshot, info.title, who)?;
        let _ = self.discard_draft(id);
        Ok(entry)
    }
}
