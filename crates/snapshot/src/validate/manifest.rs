//! The manifest's rules: its entries, their files and hashes, and the latest snapshot.

use super::*;

impl Checker {
    pub(super) fn manifest(&mut self, m: &Manifest) {
        if m.format_version != FORMAT_VERSION {
            self.at("format_version", |c| {
                c.report(
                    Code::UnsupportedVersion,
                    params!["found" => m.format_version, "supported" => FORMAT_VERSION],
                )
            });
        }
        self.at("snapshots", |c| c.list_len(m.snapshots.len(), 1, 1000));
        let ids = self.unique_ids("snapshots", m.snapshots.iter().map(|e| e.id.as_str()));
        self.at("snapshots", |c| {
            c.each(&m.snapshots, 1000, |c, _i, e| {
                c.at("as_of", |c| c.date(&e.as_of));
                c.at("file", |c| {
                    if !is_safe_relative_path(&e.file) {
                        c.report(Code::BadFilePath, params!["file" => quoted(&e.file)]);
                    }
                });
                c.at("title", |c| c.text(&e.title, MAX_NAME_CHARS));
                c.at("sha256", |c| {
                    if !is_sha256(&e.sha256) {
                        c.report(Code::BadHash, vec![]);
                    }
                });
            });
        });
        if !ids.contains(&m.latest) {
            self.at("latest", |c| c.report(Code::NoSuchSnapshot, params!["id" => quoted(&m.latest)]));
        }
    }
}
