//! `widget-server`: starts the server from flags and environment variables.

use std::net::SocketAddr;
use std::sync::Arc;

use server::{app, config::Config, rate_limit::RateLimit, store::Store, AppState};

#[tokio::main]
async fn main() {
    // Logs go through a background writer: a slow or stalled log pipe drops lines, it never
    // holds up a request. Nothing logged carries message text, addresses or contact data.
    let (writer, _flush_on_exit) = tracing_appender::non_blocking(std::io::stderr());
    tracing_subscriber::fmt().with_writer(writer).with_ansi(false).with_target(false).init();
    let config = match Config::from_env_and_args(std::env::args().skip(1)) {
        Ok(c) => c,
        Err(message) => {
            eprintln!("{message}");
            std::process::exit(2);
        }
    };
    let store = match Store::open(&config.db).await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("cannot open the database {}: {e}", config.db.describe());
            std::process::exit(1);
        }
    };
    // Published data is state: the first start fills an empty data folder from the build's copy
    // of public/data; later builds never touch it.
    let folder = publish::DataFolder::new(&config.data_dir);
    match std::fs::create_dir_all(&config.data_dir).map_err(|e| e.to_string()).and_then(|_| folder.seed_if_empty(&config.static_dir.join("data")).map_err(|e| e.message(snapshot::Lang::En))) {
        Ok(true) => tracing::info!("data folder {} filled from {}", config.data_dir.display(), config.static_dir.join("data").display()),
        Ok(false) => {}
        Err(e) => tracing::warn!("data folder {}: {e}; pages will say the figures cannot be loaded", config.data_dir.display()),
    }
    if !config.static_dir.join("pkg/reform_widget_bg.wasm").exists() {
        tracing::warn!("{} has no built widget: pages are served, but without their app; run scripts/build-web.sh", config.static_dir.display());
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
    tracing::info!("widget-server on http://{addr}/ (database {}, static {}, data {}, export {export})", config.db.describe(), config.static_dir.display(), config.data_dir.display());
    let retention_days = config.email_retention_days;
    let state = Arc::new(AppState { limit: RateLimit::new(config.rate_limit_per_minute), config, store, pages: Default::default() });
    // Personal data only as long as needed: e-mail addresses older than the retention period are
    // deleted at start, before the first request is answered (an export right after a start must
    // not show them), and every hour after (the messages stay).
    let forget = move |state: Arc<AppState>| async move {
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
        match state.store.forget_old_emails(now, retention_days).await {
            Ok(n) if n > 0 => tracing::info!("retention: deleted {n} e-mail addresses older than {retention_days} days"),
            Err(e) => tracing::error!("retention: could not delete old e-mail addresses: {e}"),
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
    let service = app(state).into_make_service_with_connect_info::<SocketAddr>();
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    if let Err(e) = axum::serve(listener, service).with_graceful_shutdown(shutdown).await {
        tracing::error!("server error: {e}");
        std::process::exit(1);
    }
}
