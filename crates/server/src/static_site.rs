//! The static export: every screen × language pre-rendered as HTML files, with the built browser
//! side and the published data, into a folder any web server can serve (for cities that host
//! files only). Japanese pages live at `/plan/index.html`, the others under a language folder
//! (`/en/plan/index.html`). Once the app runs there it reads the manifest and moves to a snapshot
//! published after the export. Forms need `widget-server`: a static host cannot store feedback.

use std::path::{Path, PathBuf};

use reform_widget::data::ServerData;
use reform_widget::render::{render_page, PageOptions};
use view_models::request::PageRequest;
use view_models::route::{page_paths, static_path};
use view_models::Locale;

/// Every screen's path.

#[derive(Debug, Clone)]
pub struct ExportOptions {
    /// The built browser side (`scripts/build-web.sh`'s `dist/`).
    pub dist: PathBuf,
    /// The manifest to publish, normally the data folder's (`var/data/index.json`); its folder
    /// (with the snapshots it names, without the publication log) becomes `data/`.
    pub manifest: PathBuf,
    pub out: PathBuf,
    /// The site's address, for the print header and embed snippets (may be empty).
    pub origin: String,
    /// The licence the city publishes its figures under, for the dataset description.
    pub data_license: Option<String>,
}

/// Copies a folder, leaving out what is not for the public: the publication log (staff names),
/// drafts not yet published, and hidden files (a publication's temporary files).
fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') || name == publish::folder::LOG || name == publish::drafts::DRAFTS {
            continue;
        }
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

/// Links in a page rendered for `locale` pointed at the server's addresses (`/plan`,
/// `/plan?lang=en`); on a static host they point at the exported files instead.
fn static_links(html: &str, locale: Locale) -> String {
    let mut html = html.to_string();
    // The menu first: the language links below then point at other languages' files on purpose.
    if locale != Locale::Ja {
        for route in page_paths() {
            html = html.replace(&format!("href=\"{route}\""), &format!("href=\"{}\"", static_path(locale, route)));
        }
    }
    for route in page_paths() {
        for l in Locale::ALL {
            html = html.replace(
                &format!("href=\"{route}?lang={}\"", l.code()),
                &format!("href=\"{}\"", static_path(l, route)),
            );
        }
    }
    html
}

/// Writes the export; returns the pages written.
pub async fn export(options: &ExportOptions) -> Result<Vec<PathBuf>, String> {
    let fail = |what: &str, e: std::io::Error| format!("{what}: {e}");
    let manifest_dir = options.manifest.parent().ok_or("the manifest has no folder")?;
    snapshot::parse_manifest(&std::fs::read(&options.manifest).map_err(|e| fail(&options.manifest.display().to_string(), e))?)
        .map_err(|p| format!("{}: {}: {}", options.manifest.display(), p[0].path, p[0].message))?;
    copy_dir(&options.dist, &options.out).map_err(|e| fail("copying the built widget", e))?;
    let data = options.out.join("data");
    let _ = std::fs::remove_dir_all(&data);
    copy_dir(manifest_dir, &data).map_err(|e| fail("copying the data", e))?;
    if options.manifest.file_name() != Some(std::ffi::OsStr::new("index.json")) {
        std::fs::copy(&options.manifest, data.join("index.json")).map_err(|e| fail("copying the manifest", e))?;
    }
    let mut written = vec![];
    let data_state = reform_widget::data::files::load(
        &ServerData {
            static_dir: options.out.clone(),
            data_dir: data.clone(),
            drafts_allowed: false,
        },
        None,
        None,
    );
    // The screens the publication has data for (no konbini page for a city without the series).
    let routes: Vec<&str> = match &data_state {
        reform_widget::data::LoadState::Ready { snapshot, .. } => view_models::route::page_paths_of(snapshot).collect(),
        reform_widget::data::LoadState::Failed(_) => page_paths().collect(),
    };
    for locale in Locale::ALL {
        for &route in &routes {
            let path = static_path(locale, route);
            let request = PageRequest::new(&path, "", &options.origin);
            let page = render_page(
                request,
                ServerData {
                    static_dir: options.out.clone(),
                    data_dir: data.clone(),
                    drafts_allowed: false,
                },
                PageOptions {
                    hydrate: true,
                    app_on_every_screen: true,
                    data_license: options.data_license.clone(),
                    ..Default::default()
                },
            )
            .await;
            if page.status != 200 {
                return Err(format!("{path}: rendered with status {}", page.status));
            }
            let file = options.out.join(path.trim_start_matches('/')).join("index.html");
            std::fs::create_dir_all(file.parent().expect("a folder")).map_err(|e| fail(&file.display().to_string(), e))?;
            std::fs::write(&file, static_links(&page.html, locale)).map_err(|e| fail(&file.display().to_string(), e))?;
            // The printed page's QR code, as the file its address names (a static host has no
            // server to draw it).
            let qr = options.out.join(view_models::route::qr_path(route, locale).trim_start_matches('/'));
            std::fs::create_dir_all(qr.parent().expect("a folder")).map_err(|e| fail(&qr.display().to_string(), e))?;
            let svg = crate::share::qr_svg(&format!("{}{path}", options.origin)).unwrap_or_default();
            std::fs::write(&qr, svg).map_err(|e| fail(&qr.display().to_string(), e))?;
            written.push(file);
        }
        // Each chart card's CSV as a file at the address the dataset description names.
        if let reform_widget::data::LoadState::Ready { snapshot, .. } = &data_state {
            for card in view_models::screens::contexts::embeddable_ids(snapshot)
                .iter()
                .filter_map(|id| view_models::screens::contexts::embed_card(snapshot, id, locale))
            {
                let file = options
                    .out
                    .join(view_models::route::csv_path(&card.id, locale).trim_start_matches('/'));
                std::fs::create_dir_all(file.parent().expect("a folder")).map_err(|e| fail(&file.display().to_string(), e))?;
                std::fs::write(&file, &card.csv).map_err(|e| fail(&file.display().to_string(), e))?;
            }
        }
    }
    // The city's logo and accent of every publication, as their pages name them.
    let folder = publish::DataFolder::new(&data);
    if let Ok((manifest, _)) = folder.manifest() {
        let dir = options.out.join(view_models::city::FILES.trim_matches('/'));
        for f in crate::city_files::of_publications(&folder, &manifest) {
            std::fs::create_dir_all(&dir).map_err(|e| fail(&dir.display().to_string(), e))?;
            let file = dir.join(&f.name);
            std::fs::write(&file, f.text).map_err(|e| fail(&file.display().to_string(), e))?;
        }
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_point_at_the_exported_files() {
        let html = r#"<a href="/plan?lang=en">English</a><a href="/plan?lang=ja">日本語</a><a href="/konbini">x</a><a href="/feedback?topic=a">f</a>"#;
        let en = static_links(html, Locale::En);
        assert!(en.contains(r#"href="/en/plan/""#) && en.contains(r#"href="/plan">日本語"#) && en.contains(r#"href="/en/konbini/""#));
        assert!(en.contains(r#"href="/feedback?topic=a""#), "other links stay");
        assert!(static_links(html, Locale::Ja).contains(r#"href="/konbini""#));
    }
}
