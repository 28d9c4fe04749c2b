//! `widget-export`: writes the static export (every screen × language as HTML, the built widget
//! and the data) into a folder any web server can serve.

use std::path::PathBuf;

use server::static_site::{export, ExportOptions};

const USAGE: &str = "widget-export --out DIR [--manifest FILE] [--dist DIR] [--origin URL]
  --out DIR        folder to write (created; existing files are overwritten)
  --data DIR|URL   the published data folder (WIDGET_DATA, default var/data), or the
                   postgres:// database where several servers keep publications
  --manifest FILE  another manifest to publish, its snapshots beside it (default DIR/index.json)
  --dist DIR       the built browser side from scripts/build-web.sh (default dist)
  --origin URL     the site's address, for printed pages and embed snippets (default none)
  --data-license URL  the licence the city publishes its figures under, for search engines'
                   dataset listings (WIDGET_DATA_LICENSE, default none)";

fn fail(message: &str) -> ! {
    eprintln!("{message}\n{USAGE}");
    std::process::exit(2);
}

#[tokio::main]
async fn main() {
    let mut data = publish::folder::dir_from_env().display().to_string();
    let mut manifest = None;
    let mut options = ExportOptions {
        dist: "dist".into(),
        manifest: PathBuf::new(),
        out: PathBuf::new(),
        origin: String::new(),
        data_license: None,
    };
    if let Some(v) = std::env::var("WIDGET_DATA_LICENSE").ok().filter(|v| !v.trim().is_empty()) {
        options.data_license = Some(server::config::parse_license("WIDGET_DATA_LICENSE", &v).unwrap_or_else(|e| fail(&e)));
    }
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let Some(value) = args.next() else {
            eprintln!("{flag} needs a value\n{USAGE}");
            std::process::exit(2);
        };
        match flag.as_str() {
            "--out" => options.out = value.into(),
            "--manifest" => manifest = Some(value.into()),
            "--data" => data = value,
            "--dist" => options.dist = value.into(),
            "--origin" => options.origin = value.trim_end_matches('/').to_string(),
            "--data-license" => {
                options.data_license = Some(server::config::parse_license("--data-license", &value).unwrap_or_else(|e| fail(&e)))
            }
            _ => {
                eprintln!("unknown option {flag:?}\n{USAGE}");
                std::process::exit(2);
            }
        }
    }
    if options.out.as_os_str().is_empty() {
        eprintln!("--out is required\n{USAGE}");
        std::process::exit(2);
    }
    if !options.dist.join("pkg/reform_widget_bg.wasm").exists() {
        eprintln!("{} has no built widget: run scripts/build-web.sh first", options.dist.display());
        std::process::exit(1);
    }
    // A database's publications are written into a folder first, as a server's mirror.
    let copy = std::env::temp_dir().join(format!("widget-export-{}", std::process::id()));
    options.manifest = match manifest {
        Some(m) => m,
        None if publish::shared::is_database(&data) => {
            match async { publish::shared::SharedStore::open(&data).await?.copy_into(&copy).await }.await {
                Ok(folder) => folder.manifest_path(),
                Err(e) => {
                    eprintln!("{}", e.message(snapshot::Locale::En));
                    std::process::exit(1);
                }
            }
        }
        None => PathBuf::from(&data).join(publish::folder::MANIFEST),
    };
    let exported = export(&options).await;
    let _ = std::fs::remove_dir_all(&copy);
    match exported {
        Ok(pages) => println!("wrote {} pages to {}", pages.len(), options.out.display()),
        Err(e) => {
            eprintln!("export failed: {e}");
            std::process::exit(1);
        }
    }
}
