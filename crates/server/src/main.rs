//! `widget-server`: starts the server from flags and environment variables.

use std::sync::Arc;
use std::time::Duration;

use server::{app, config::Config, serve, store::Store, AppState};

#[tokio::main]
async fn main() {
    // Logs go through a background writer: a slow or stalled log pipe drops lines, it never
    // holds up a request. Nothing logged carries message text, addresses or contact data.
    let (writer, _flush_on_exit) = tracing_appender::non_blocking(std::io::stderr());
    tracing_subscriber::fmt()
        .with_writer(writer)
        .with_ansi(false)
        .with_target(false)
        .init();
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().is_some_and(|a| a == "staff") {
        std::process::exit(staff_command(&args[1..]).await);
    }
    // The screen table, for the browser tests and benchmarks.
    if args.first().is_some_and(|a| a == "screens") {
        println!("{}", view_models::route::screens_json());
        return;
    }
    // `--help` prints and exits 0; a wrong flag or value is told on stderr, exit 2.
    let config = Config::from_env_and_args(args).unwrap_or_else(|e| e.exit());
    // The ふりがな dictionary takes a second or two to read: read while the rest starts.
    let dictionary = config.furigana_dictionary.clone();
    let readings = tokio::task::spawn_blocking(move || server::readings::load(dictionary.as_deref()));
    let store = match Store::open(&config.db).await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("cannot open the database {}: {e}", config.db.describe());
            std::process::exit(1);
        }
    };
    // Published data is state: the first start fills an empty data folder (or, with PostgreSQL,
    // an empty database) from the build's copy of public/data; later builds never touch it.
    let seed = config.default_data.clone();
    let shared = match (&config.db, store.postgres_pool()) {
        (server::store::Location::Postgres(url), Some(pool)) => {
            match server::publications::Publications::shared(pool, url, &config.data_dir, seed.as_deref()).await {
                Ok(p) => {
                    tracing::info!("publications kept in the database, mirrored into {}", config.data_dir.display());
                    Some(p)
                }
                Err(e) => {
                    eprintln!("publications: {}", e.message(snapshot::Locale::En));
                    std::process::exit(1);
                }
            }
        }
        _ => {
            let folder = publish::DataFolder::new(&config.data_dir);
            match std::fs::create_dir_all(&config.data_dir)
                .map_err(|e| e.to_string())
                .and_then(|_| match &seed {
                    Some(seed) => folder.seed_if_empty(seed).map_err(|e| e.message(snapshot::Locale::En)),
                    None => Ok(false),
                }) {
                Ok(true) => tracing::info!(
                    "data folder {} filled from {}",
                    config.data_dir.display(),
                    seed.as_deref().unwrap_or(std::path::Path::new("")).display()
                ),
                Ok(false) if folder.manifest().is_err() => {
                    tracing::info!("no publication yet: the staff pages make the first from a blank workbook")
                }
                Ok(false) => {}
                Err(e) => tracing::warn!(
                    "data folder {}: {e}; pages will say the figures cannot be loaded",
                    config.data_dir.display()
                ),
            }
            None
        }
    };
    if !config.static_dir.join("pkg/reform_widget_bg.wasm").exists() {
        tracing::warn!(
            "{} has no built widget: pages are served, but without their app; run scripts/build-web.sh",
            config.static_dir.display()
        );
    }
    // A publication from before the city was data names no offices: no counter survey answer can
    // be taken until one does (the workbook's 「市」 and 「庁舎」). Said once, for whoever runs it.
    if let Ok(latest) = publish::DataFolder::new(&config.data_dir).latest() {
        if latest.snapshot.city.is_none() {
            tracing::warn!(
                "publication {} names no city (its 「市」 section): pages name none, and the counter survey takes no answer until a publication lists the offices",
                latest.snapshot.id
            );
        }
    }
    // Served only once read, so every page a server sends offers the same switch.
    if readings.await.ok().flatten().is_some() {
        // The publication's texts, worked out off the first pages' path.
        let manifest = std::fs::read(config.data_dir.join(publish::folder::MANIFEST)).unwrap_or_default();
        server::readings::follow(&manifest, &config.data_dir);
    }
    let listener = match tokio::net::TcpListener::bind(config.listen).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("cannot listen on {}: {e}", config.listen);
            std::process::exit(1);
        }
    };
    let addr = listener.local_addr().map(|a| a.to_string()).unwrap_or_default();
    let export = if config.export_token.is_some() { "enabled" } else { "disabled" };
    tracing::info!(
        "widget-server on http://{addr}/ (database {}, static {}, data {}, export {export})",
        config.db.describe(),
        config.static_dir.display(),
        config.data_dir.display()
    );
    let retention_days = config.email_retention_days;
    // Connections: the open files limit first (each connection is a file), then the caps.
    let open_files = serve::raise_open_files_limit();
    let max_connections = if config.max_connections > 0 {
        config.max_connections
    } else {
        (open_files.saturating_sub(128) as usize).max(16)
    };
    let (header_timeout, per_client, trusted) = (
        config.header_timeout_secs,
        config.max_connections_per_client,
        config.trusted_proxies.clone(),
    );
    tracing::info!("limits: {max_connections} connections, {per_client} per client address, headers within {header_timeout} s (open files {open_files})");
    let state = AppState::new(config, store);
    let state = Arc::new(match shared {
        Some(p) => state.with_publications(p),
        None => state,
    });
    let follower = state.clone();
    tokio::spawn(async move { follower.publications.follow().await });
    // Personal data only as long as needed: e-mail addresses older than the retention period (and
    // private links older than a year) are deleted at start, before the first request is answered
    // (an export right after a start must not show them), and every hour after (the messages stay).
    let forget = move |state: Arc<AppState>| async move {
        let now = server::staff::session::now();
        match state.store.forget_old_emails(now, retention_days).await {
            Ok(n) if n > 0 => tracing::info!("retention: deleted {n} e-mail addresses older than {retention_days} days"),
            Err(e) => tracing::error!("retention: could not delete old e-mail addresses: {e}"),
            _ => {}
        }
        match state.store.forget_old_follow_links(now).await {
            Ok(n) if n > 0 => tracing::info!("retention: forgot {n} private links older than {} days", server::store::FOLLOW_DAYS),
            Err(e) => tracing::error!("retention: could not forget old private links: {e}"),
            _ => {}
        }
    };
    forget(state.clone()).await;
    let keeper = state.clone();
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(std::time::Duration::from_secs(3600)).await;
            forget(keeper.clone()).await;
        }
    });
    let limits = serve::Limits {
        header_timeout: Duration::from_secs(header_timeout),
        max_connections,
        max_per_client: per_client,
        shutdown_grace: Duration::from_secs(10),
    };
    serve::serve(listener, app(state.clone()), limits, trusted, serve::stop_signal()).await;
    // Every acknowledged submission is committed (each waited for its commit); the store's
    // connections close as it drops.
    drop(state);
    tracing::info!("stopped");
}

const STAFF_USAGE: &str = "widget-server staff add NAME --role editor|publisher [--db FILE|URL]
  adds a member of staff for the staff pages (/staff/sign-in), or gives them a new role and
  password; the password (at least 12 characters) is read from standard input";

/// `widget-server staff add NAME --role editor|publisher`: the password comes from standard
/// input, so it is never in the shell's history or the process list.
async fn staff_command(args: &[String]) -> i32 {
    let (name, role, rest) = match args {
        [add, name, flag, role, rest @ ..] if add == "add" && flag == "--role" => (name.trim().to_string(), role, rest),
        _ => {
            eprintln!("{STAFF_USAGE}");
            return 2;
        }
    };
    let Some(role) = server::store::staff::Role::parse(role) else {
        eprintln!("--role must be editor or publisher\n{STAFF_USAGE}");
        return 2;
    };
    if name.is_empty() || name.chars().count() > 64 || name.chars().any(char::is_control) {
        eprintln!("the name must be 1 to 64 characters");
        return 2;
    }
    let config = Config::from_env_and_args(rest.iter().cloned()).unwrap_or_else(|e| e.exit());
    let mut password = String::new();
    if std::io::stdin().read_line(&mut password).is_err() {
        eprintln!("could not read the password from standard input");
        return 1;
    }
    let password = password.trim_end_matches(['\r', '\n']).to_string();
    let hash = match tokio::task::spawn_blocking(move || server::staff::password::hash(&password)).await {
        Ok(Ok(h)) => h,
        Ok(Err(why)) => {
            eprintln!("{why}");
            return 2;
        }
        Err(_) => return 1,
    };
    let store = match Store::open(&config.db).await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("cannot open the database {}: {e}", config.db.describe());
            return 1;
        }
    };
    match store.staff_put(&name, role, &hash).await {
        Ok(()) => {
            println!("staff {name:?} can sign in as {}", role.name());
            0
        }
        Err(e) => {
            eprintln!("could not store the account: {e}");
            1
        }
    }
}
