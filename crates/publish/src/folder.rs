//! The data folder the server reads published figures from (`--data`, default `var/data`): the
//! manifest and its snapshots, kept apart from the build and changed only by atomic steps. A
//! publication writes the snapshot file first and the manifest second, each as a temporary file
//! renamed into place, so a crash at any moment leaves the old publication or the new one.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::words::words;
use sha2::{Digest, Sha256};
use snapshot::{parse_manifest, parse_snapshot, Locale, Manifest, ManifestEntry, Problem, Snapshot, Text};

/// The manifest's name inside the folder (served as `/data/index.json`).
pub const MANIFEST: &str = "index.json";
/// Where the data folder is unless `--data` or `WIDGET_DATA` says otherwise: the server, the
/// publishing command and the static export read it from here.
pub const DEFAULT_DIR: &str = "var/data";

/// The data folder `WIDGET_DATA` names, or [`DEFAULT_DIR`]; set but blank (`Environment=WIDGET_DATA=`
/// in a unit) counts as not set, as the server's settings read it.
pub fn dir_from_env() -> std::path::PathBuf {
    std::env::var("WIDGET_DATA")
        .ok()
        .filter(|v| !v.trim().is_empty())
        .unwrap_or_else(|| DEFAULT_DIR.into())
        .into()
}
/// One JSON line per publication and rollback: when, who, what, which file.
pub const LOG: &str = "publications.log";
/// Where snapshot files go, relative to the manifest.
pub const SNAPSHOTS: &str = "snapshots";

/// What can stop a publication or a rollback; nothing in the folder has changed when it does.
#[derive(Debug)]
pub enum FolderError {
    Io(String, std::io::Error),
    /// The folder's own manifest or a snapshot it names breaks a rule.
    Invalid(String, Vec<Problem>),
    /// The id is already published; published snapshots stay as they are.
    IdTaken(String),
    NothingToRollBack,
    NoSuchDraft(String),
    /// The folder has no manifest: nothing has been published into it yet.
    Empty(String),
    /// Another publication came after the draft was prepared.
    DraftOutdated {
        base: String,
        latest: String,
    },
    /// The shared store (PostgreSQL) cannot be reached: nothing was changed.
    Unavailable(String),
    /// The database holds no publications, but this folder does: they are moved with
    /// `widget-publish migrate`, never replaced by the build's.
    NotMigrated(String),
    /// A migration's target already holds publications: nothing is replaced.
    AlreadyHolds(String),
}

impl FolderError {
    pub fn message(&self, lang: Locale) -> String {
        let w = words(lang);
        match self {
            FolderError::Io(what, e) => w.folder_io(what, &e.to_string()),
            FolderError::Invalid(what, problems) => {
                let list: Vec<String> = problems
                    .iter()
                    .take(5)
                    .map(|p| format!("{}: {}", p.path, p.message_in(lang)))
                    .collect();
                format!("{what}: {}", list.join(" / "))
            }
            FolderError::IdTaken(id) => w.id_taken(id),
            FolderError::NothingToRollBack => w.nothing_to_roll_back.into(),
            FolderError::Empty(dir) => w.folder_empty(dir),
            FolderError::NoSuchDraft(id) => w.no_such_draft(id),
            FolderError::DraftOutdated { base, latest } => w.draft_outdated(base, latest),
            FolderError::Unavailable(detail) => w.store_unavailable(detail),
            FolderError::NotMigrated(dir) => w.not_migrated(dir),
            FolderError::AlreadyHolds(what) => w.already_holds(what),
        }
    }
}

pub fn sha256_of(bytes: &[u8]) -> String {
    let hex: String = Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256-{hex}")
}

/// The current time in UTC as `2026-12-02T18:21:02Z`, for the log.
pub fn utc_now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let (year, month, day) = civil_date((secs / 86_400) as i64);
    let rest = secs % 86_400;
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest / 60 % 60,
        rest % 60
    )
}

/// Days since 1970-01-01 as a civil date (year, month, day): Howard Hinnant's algorithm.
pub fn civil_date(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Stops the process at a named step when `WIDGET_PUBLISH_CRASH_AT` names it: the crash tests
/// kill a publication between its writes, at every step, and check what is left.
pub(crate) fn crash_point(step: &str) {
    if std::env::var("WIDGET_PUBLISH_CRASH_AT").is_ok_and(|s| s == step) {
        std::process::abort();
    }
}

/// Writes `bytes` to `path` through a temporary file beside it, flushed to disk, then renamed
/// over `path` (atomic on one file system), then the folder flushed so the rename survives.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8], step: &str) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    {
        let mut f = std::fs::File::create(&temp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
    }
    crash_point(&format!("{step}-temp-written"));
    std::fs::rename(&temp, path)?;
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    crash_point(&format!("{step}-renamed"));
    Ok(())
}

/// The steps at which `WIDGET_PUBLISH_CRASH_AT` can stop a publication, in order.
pub const CRASH_STEPS: [&str; 5] = [
    "snapshot-temp-written",
    "snapshot-renamed",
    "manifest-temp-written",
    "manifest-renamed",
    "log-written",
];

/// `bytes` are the file `entry` names, by its hash; `what` names the file in the refusal.
pub fn hash_checked(what: &str, bytes: &[u8], entry: &ManifestEntry) -> Result<(), FolderError> {
    let hash = sha256_of(bytes);
    if hash == entry.sha256 {
        return Ok(());
    }
    let problem = Problem::new("sha256", snapshot::Code::HashMismatch, snapshot::params!["hash" => hash]);
    Err(FolderError::Invalid(what.to_string(), vec![problem]))
}

/// A publication worked out before it is written: the same steps for the data folder and for a
/// database (`widget-server` with PostgreSQL), so both keep the same rules.
pub struct NextPublication {
    pub manifest: Manifest,
    pub entry: ManifestEntry,
    /// The snapshot's file as written and served (pretty JSON, ending in a newline).
    pub snapshot_bytes: Vec<u8>,
}

/// The manifest with `snapshot` published as the latest; refused if its id is already published.
pub fn next_publication(manifest: &Manifest, snapshot: &Snapshot, title: Text) -> Result<NextPublication, FolderError> {
    if manifest.snapshots.iter().any(|e| e.id == snapshot.id) {
        return Err(FolderError::IdTaken(snapshot.id.clone()));
    }
    let snapshot_bytes = snapshot_bytes(snapshot)?;
    let entry = ManifestEntry {
        id: snapshot.id.clone(),
        as_of: snapshot.as_of.clone(),
        file: format!("{SNAPSHOTS}/{}.json", snapshot.id),
        title,
        sha256: sha256_of(&snapshot_bytes),
    };
    let mut manifest = manifest.clone();
    manifest.snapshots.push(entry.clone());
    manifest.latest = entry.id.clone();
    Ok(NextPublication {
        manifest,
        entry,
        snapshot_bytes,
    })
}

/// A rollback worked out: the manifest without its latest entry, the entry removed and the one
/// now latest.
pub struct RolledBack {
    pub manifest: Manifest,
    pub removed: ManifestEntry,
    pub now: ManifestEntry,
}

pub fn rolled_back(manifest: &Manifest) -> Result<RolledBack, FolderError> {
    if manifest.snapshots.len() < 2 {
        return Err(FolderError::NothingToRollBack);
    }
    let mut manifest = manifest.clone();
    let at = manifest
        .snapshots
        .iter()
        .position(|e| e.id == manifest.latest)
        .unwrap_or(manifest.snapshots.len() - 1);
    let removed = manifest.snapshots.remove(at);
    // Entries are listed in the order they were published: the last one left came before.
    let now = manifest.snapshots.last().cloned().expect("one is left");
    manifest.latest = now.id.clone();
    Ok(RolledBack { manifest, removed, now })
}

/// A snapshot's file: pretty JSON ending in a newline, read back rule for rule (what is written
/// must be what the widget reads).
pub fn snapshot_bytes(snapshot: &Snapshot) -> Result<Vec<u8>, FolderError> {
    let mut bytes = serde_json::to_vec_pretty(snapshot).expect("a snapshot serialises");
    bytes.push(b'\n');
    parse_snapshot(&bytes).map_err(|p| FolderError::Invalid(snapshot.id.clone(), p))?;
    Ok(bytes)
}

/// A manifest's file, read back rule for rule.
pub fn manifest_bytes(manifest: &Manifest) -> Result<Vec<u8>, FolderError> {
    let mut bytes = serde_json::to_vec_pretty(manifest).expect("a manifest serialises");
    bytes.push(b'\n');
    parse_manifest(&bytes).map_err(|p| FolderError::Invalid(MANIFEST.into(), p))?;
    Ok(bytes)
}

/// One line of the publications log: when, who, what, which file.
pub fn log_line(action: &str, who: &str, entry: &ManifestEntry) -> String {
    serde_json::json!({ "at": utc_now(), "action": action, "who": who, "id": entry.id, "file": entry.file, "sha256": entry.sha256 })
        .to_string()
}

#[derive(Debug, Clone)]
pub struct DataFolder {
    dir: PathBuf,
}

/// The latest publication: the manifest, its latest snapshot and that file's bytes.
pub struct Latest {
    pub manifest: Manifest,
    pub snapshot: Snapshot,
    pub bytes: Vec<u8>,
}

/// The manifest of a city that has published nothing yet: no publication, no latest.
pub fn no_manifest() -> Manifest {
    Manifest {
        format_version: snapshot::FORMAT_VERSION,
        latest: String::new(),
        snapshots: vec![],
    }
}

impl DataFolder {
    pub fn new(dir: impl Into<PathBuf>) -> DataFolder {
        DataFolder { dir: dir.into() }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn manifest_path(&self) -> PathBuf {
        self.dir.join(MANIFEST)
    }

    pub(crate) fn io(&self, what: &Path) -> impl Fn(std::io::Error) -> FolderError + '_ {
        let what = what.display().to_string();
        move |e| FolderError::Io(what.clone(), e)
    }

    /// Fills the folder from `seed` (the published files the build carries, `public/data`) when
    /// it has no manifest yet: the first start. The snapshots go first and the manifest last,
    /// so an interrupted first start simply seeds again. Returns whether it seeded.
    pub fn seed_if_empty(&self, seed: &Path) -> Result<bool, FolderError> {
        if self.manifest_path().exists() {
            return Ok(false);
        }
        let seed_manifest = seed.join(MANIFEST);
        let bytes = std::fs::read(&seed_manifest).map_err(self.io(&seed_manifest))?;
        let manifest = parse_manifest(&bytes).map_err(|p| FolderError::Invalid(seed_manifest.display().to_string(), p))?;
        for entry in &manifest.snapshots {
            let (from, to) = (seed.join(&entry.file), self.dir.join(&entry.file));
            std::fs::create_dir_all(to.parent().unwrap_or(&self.dir)).map_err(self.io(&to))?;
            let file = std::fs::read(&from).map_err(self.io(&from))?;
            write_atomically(&to, &file, "seed").map_err(self.io(&to))?;
        }
        write_atomically(&self.manifest_path(), &bytes, "seed").map_err(self.io(&self.manifest_path()))?;
        Ok(true)
    }

    pub fn manifest(&self) -> Result<(Manifest, Vec<u8>), FolderError> {
        let path = self.manifest_path();
        let bytes = std::fs::read(&path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => FolderError::Empty(self.dir.display().to_string()),
            _ => FolderError::Io(path.display().to_string(), e),
        })?;
        let manifest = parse_manifest(&bytes).map_err(|p| FolderError::Invalid(path.display().to_string(), p))?;
        Ok((manifest, bytes))
    }

    /// The manifest, or an empty one for a folder nothing was published in yet (a city's first
    /// publication goes into it).
    pub fn manifest_or_none(&self) -> Result<Manifest, FolderError> {
        match self.manifest() {
            Ok((manifest, _)) => Ok(manifest),
            Err(FolderError::Empty(_)) => Ok(no_manifest()),
            Err(e) => Err(e),
        }
    }

    /// The snapshot a manifest entry names, checked against its hash.
    pub fn snapshot(&self, entry: &ManifestEntry) -> Result<(Snapshot, Vec<u8>), FolderError> {
        let path = self.dir.join(&entry.file);
        let bytes = std::fs::read(&path).map_err(self.io(&path))?;
        hash_checked(&path.display().to_string(), &bytes, entry)?;
        let snapshot = parse_snapshot(&bytes).map_err(|p| FolderError::Invalid(path.display().to_string(), p))?;
        Ok((snapshot, bytes))
    }

    pub fn latest(&self) -> Result<Latest, FolderError> {
        let (manifest, _) = self.manifest()?;
        let entry = manifest.snapshots.iter().find(|e| e.id == manifest.latest).cloned();
        let entry = entry.ok_or_else(|| FolderError::Invalid(self.manifest_path().display().to_string(), vec![]))?;
        let (snapshot, bytes) = self.snapshot(&entry)?;
        Ok(Latest { manifest, snapshot, bytes })
    }

    /// Publishes a checked snapshot as the new latest: its file, then the manifest, then a log
    /// line. Earlier snapshots stay listed, for the as-of picker.
    pub fn publish(&self, snapshot: &Snapshot, title: Text, who: &str) -> Result<ManifestEntry, FolderError> {
        let manifest = self.manifest_or_none()?;
        let next = next_publication(&manifest, snapshot, title)?;
        let file = self.dir.join(&next.entry.file);
        std::fs::create_dir_all(self.dir.join(SNAPSHOTS)).map_err(self.io(&file))?;
        write_atomically(&file, &next.snapshot_bytes, "snapshot").map_err(self.io(&file))?;
        self.write_manifest(&next.manifest)?;
        self.log(&log_line("publish", who, &next.entry))?;
        Ok(next.entry)
    }

    /// Makes the previous snapshot the latest again: the latest entry leaves the manifest (its
    /// file stays on disk, and in the log), by the same atomic step. Returns the entry removed
    /// and the one now latest.
    pub fn rollback(&self, who: &str) -> Result<(ManifestEntry, ManifestEntry), FolderError> {
        let (manifest, _) = self.manifest()?;
        let back = rolled_back(&manifest)?;
        self.snapshot(&back.now)?;
        self.write_manifest(&back.manifest)?;
        self.log(&log_line("rollback", who, &back.removed))?;
        Ok((back.removed, back.now))
    }

    fn write_manifest(&self, manifest: &Manifest) -> Result<(), FolderError> {
        let bytes = manifest_bytes(manifest)?;
        write_atomically(&self.manifest_path(), &bytes, "manifest").map_err(self.io(&self.manifest_path()))
    }

    /// Appends one line to the log. The publication has already happened when this runs; a log
    /// that cannot be written is reported, and the publication stands.
    fn log(&self, line: &str) -> Result<(), FolderError> {
        let path = self.dir.join(LOG);
        let mut f = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .map_err(self.io(&path))?;
        writeln!(f, "{line}").and_then(|_| f.sync_all()).map_err(self.io(&path))?;
        crash_point("log-written");
        Ok(())
    }

    /// The log's lines, oldest first (for the staff pages and the tests).
    pub fn log_lines(&self) -> Vec<serde_json::Value> {
        std::fs::read_to_string(self.dir.join(LOG))
            .unwrap_or_default()
            .lines()
            .filter_map(|l| serde_json::from_str(l).ok())
            .collect()
    }

    /// Every rule the checker has, for the folder as served: the manifest parses and validates,
    /// and every file it lists exists, parses, carries the listed id and date, and matches its hash.
    pub fn check(&self) -> Result<(), FolderError> {
        let (manifest, _) = self.manifest()?;
        for entry in &manifest.snapshots {
            let (s, _) = self.snapshot(entry)?;
            if s.id != entry.id || s.as_of != entry.as_of {
                let p = Problem::new("id", snapshot::Code::IdMismatch, snapshot::params!["id" => format!("{:?}", s.id)]);
                return Err(FolderError::Invalid(entry.file.clone(), vec![p]));
            }
        }
        Ok(())
    }
}
