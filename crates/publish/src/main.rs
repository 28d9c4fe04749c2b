//! `widget-publish`: the clerks' workbook and publishing from the command line.
//! `new` writes a city's first, blank workbook; `workbook` writes the latest snapshot as .xlsx;
//! `import` reads a filled one (.xlsx, .ods or a
//! folder of CSV files), reports every problem by sheet and cell, and with `--publish` publishes;
//! `rollback` makes the previous publication the latest again; `check` runs the checker's rules
//! on the data folder; `migrate` moves a data folder into PostgreSQL, where several servers keep
//! publications. `--data` takes a folder or a `postgres://` URL alike. Exit status 0 only when
//! nothing is wrong.

use std::path::PathBuf;
use std::process::ExitCode;

use publish::shared::{is_database, SharedStore};
use publish::words::words;
use publish::{workbook, DataFolder, FolderError};
use snapshot::Locale;

const USAGE: &str = "widget-publish new --out FILE.xlsx
    a blank workbook for a city's first publication (import it into an empty data folder)
widget-publish workbook [--data DIR] --out FILE.xlsx
    the latest published snapshot as a workbook for clerks to fill in
widget-publish import FILE|CSV-FOLDER [--data DIR] --id ID --as-of DATE [--publish] [--out DRAFT.json]
    builds the next snapshot from a filled workbook (.xlsx, .ods, or a folder of CSV files, one
    per sheet, UTF-8 or Shift_JIS); problems name their sheet and cell; --publish publishes it
widget-publish rollback [--data DIR]
    makes the previous publication the latest again
widget-publish check [--data DIR]
    checks the data folder as the server serves it
widget-publish migrate --from DIR --to postgres://...
    copies a data folder's publications, drafts and log into an empty database (where servers
    given that database as --db keep them), then checks every snapshot's hash as stored
options: --data DIR|URL (WIDGET_DATA, default var/data; a postgres:// URL where several servers
         share publications), --lang ja|en (default ja),
         --who NAME (the log's name for who published; default the operating-system user)";

struct Args {
    command: String,
    file: Option<PathBuf>,
    data: String,
    from: Option<PathBuf>,
    to: Option<String>,
    out: Option<PathBuf>,
    id: Option<String>,
    as_of: Option<String>,
    publish: bool,
    lang: Locale,
    who: String,
}

fn parse(mut raw: impl Iterator<Item = String>) -> Result<Args, String> {
    let command = raw.next().ok_or("no command")?;
    let user = ["USER", "LOGNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok())
        .unwrap_or_else(|| "unknown".into());
    let mut a = Args {
        command,
        file: None,
        data: publish::folder::dir_from_env().display().to_string(),
        from: None,
        to: None,
        out: None,
        id: None,
        as_of: None,
        publish: false,
        lang: Locale::Ja,
        who: user,
    };
    while let Some(arg) = raw.next() {
        let mut value = |name: &str| raw.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--data" => a.data = value("--data")?,
            "--from" => a.from = Some(value("--from")?.into()),
            "--to" => a.to = Some(value("--to")?),
            "--out" => a.out = Some(value("--out")?.into()),
            "--id" => a.id = Some(value("--id")?),
            "--as-of" => a.as_of = Some(value("--as-of")?),
            "--who" => a.who = value("--who")?,
            "--lang" => a.lang = if value("--lang")? == "en" { Locale::En } else { Locale::Ja },
            "--publish" => a.publish = true,
            "-h" | "--help" => return Err(String::new()),
            flag if flag.starts_with("--") => return Err(format!("unknown option {flag:?}")),
            file if a.file.is_none() => a.file = Some(file.into()),
            extra => return Err(format!("unexpected {extra:?}")),
        }
    }
    Ok(a)
}

/// Where publications are: a folder, or a database with a working copy of it in a temporary
/// folder (what the workbook and the import read; changes go to the database).
enum Source {
    Folder,
    Database(SharedStore, tokio::runtime::Runtime),
}

fn runtime() -> Result<tokio::runtime::Runtime, String> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())
}

fn open(a: &Args) -> Result<(DataFolder, Source), FolderError> {
    if !is_database(&a.data) {
        return Ok((DataFolder::new(&a.data), Source::Folder));
    }
    let rt = runtime().map_err(FolderError::Unavailable)?;
    let store = rt.block_on(SharedStore::open(&a.data))?;
    let copy = rt.block_on(store.copy_into(&std::env::temp_dir().join(format!("widget-publish-{}", std::process::id()))))?;
    Ok((copy, Source::Database(store, rt)))
}

fn run(a: Args) -> Result<(), String> {
    let fail = |e: publish::FolderError| e.message(a.lang);
    let w = words(a.lang);
    if a.command == "migrate" {
        let from = a.from.as_ref().ok_or("--from DIR is required")?;
        let to =
            a.to.as_deref()
                .filter(|t| is_database(t))
                .ok_or("--to postgres://... is required")?;
        let image = DataFolder::new(from).image().map_err(fail)?;
        let rt = runtime()?;
        let n = rt
            .block_on(async { SharedStore::open(to).await?.migrate(&image).await })
            .map_err(fail)?;
        println!(
            "{}",
            w.migrated(&n.to_string(), &image.drafts.len().to_string(), &image.log.len().to_string())
        );
        return Ok(());
    }
    let (folder, source) = open(&a).map_err(fail)?;
    let result = run_on(&a, &folder, &source);
    if let Source::Database(..) = source {
        let _ = std::fs::remove_dir_all(folder.dir());
    }
    result
}

fn run_on(a: &Args, folder: &DataFolder, source: &Source) -> Result<(), String> {
    let fail = |e: publish::FolderError| e.message(a.lang);
    let w = words(a.lang);
    match a.command.as_str() {
        "new" => {
            // A city's first workbook: nothing published to start from.
            let out = a.out.as_ref().ok_or("--out FILE.xlsx is required")?;
            let blank = publish::blank::skeleton(publish::blank::this_fiscal_year());
            let bytes = workbook::write::workbook(&blank).map_err(|e| e.to_string())?;
            std::fs::write(out, bytes).map_err(|e| format!("{}: {e}", out.display()))?;
            println!("{}", w.blank_written(&out.display().to_string()));
            Ok(())
        }
        "workbook" => {
            let out = a.out.as_ref().ok_or("--out FILE.xlsx is required")?;
            let latest = folder.latest().map_err(fail)?;
            let bytes = workbook::write::workbook(&latest.snapshot).map_err(|e| e.to_string())?;
            std::fs::write(out, bytes).map_err(|e| format!("{}: {e}", out.display()))?;
            println!(
                "{}",
                w.wrote_workbook(&out.display().to_string(), &latest.snapshot.as_of.to_string())
            );
            Ok(())
        }
        "import" => {
            let file = a.file.as_ref().ok_or("the workbook to import is required")?;
            let (id, as_of) = (
                a.id.as_ref().ok_or("--id is required")?,
                a.as_of.as_ref().ok_or("--as-of is required")?,
            );
            let book = workbook::read::read_path(file);
            let draft = book.and_then(|b| publish::prepare(folder, &b, id, as_of));
            let draft = match draft {
                Ok(d) => d,
                Err(problems) => {
                    for p in &problems {
                        println!("{}: {}", file.display(), p.message(a.lang));
                    }
                    return Err(w.import_failed(&problems.len().to_string()));
                }
            };
            if let Some(out) = &a.out {
                let json = serde_json::to_vec_pretty(&draft.snapshot).map_err(|e| e.to_string())?;
                std::fs::write(out, json).map_err(|e| format!("{}: {e}", out.display()))?;
            }
            if a.publish {
                let entry = match source {
                    Source::Folder => folder.publish(&draft.snapshot, draft.title, &a.who),
                    Source::Database(store, rt) => rt.block_on(store.publish(draft.snapshot, draft.title, &a.who)),
                }
                .map_err(fail)?;
                println!("{}", w.published(&entry.id, &entry.as_of.to_string(), &entry.sha256));
            } else {
                println!("{}", w.no_problems(id, as_of));
            }
            Ok(())
        }
        "rollback" => {
            let (removed, now) = match source {
                Source::Folder => folder.rollback(&a.who),
                Source::Database(store, rt) => rt.block_on(store.rollback(&a.who)),
            }
            .map_err(fail)?;
            println!("{}", w.rolled_back(&removed.id, &now.id));
            Ok(())
        }
        "check" => {
            // A database's copy was checked by hash as it was written; this checks every rule.
            folder.check().map_err(fail)?;
            match source {
                Source::Folder => println!("ok {}", folder.manifest_path().display()),
                Source::Database(..) => println!("ok {}", a.data.split('@').next_back().unwrap_or("")),
            }
            Ok(())
        }
        other => Err(format!("unknown command {other:?}")),
    }
}

fn main() -> ExitCode {
    let args = match parse(std::env::args().skip(1)) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{}{USAGE}", if e.is_empty() { String::new() } else { format!("{e}\n") });
            return ExitCode::from(2);
        }
    };
    let lang = args.lang;
    match run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{}{e}", words(lang).error_prefix);
            ExitCode::FAILURE
        }
    }
}
