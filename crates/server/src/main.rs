//! `widget-server`: starts the server from flags and environment variables.

use std::net::SocketAddr;
use std::sync::Arc;

use server::{app, config::Config, rate_limit::RateLimit, store::Store, AppState};

#[tokio::main]
async fn main() {
    let config = match Config::from_env_and_args(std::env::args().skip(1)) {
        Ok(c) => c,
        Err(message) => {
            eprintln!("{message}");
            std::process::exit(2);
        }
    };
    let store = match Store::open(&config.db) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("cannot open the database {}: {e}", config.db.display());
            std::process::exit(1);
        }
    };
    if !config.static_dir.join("index.html").exists() {
        eprintln!("warning: {} has no index.html; build the widget with `trunk build --release`", config.static_dir.display());
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
    eprintln!("widget-server on http://{addr}/ (database {}, static {}, export {export})", config.db.display(), config.static_dir.display());
    let state = Arc::new(AppState { limit: RateLimit::new(config.rate_limit_per_minute), config, store, pages: Default::default() });
    let service = app(state).into_make_service_with_connect_info::<SocketAddr>();
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    if let Err(e) = axum::serve(listener, service).with_graceful_shutdown(shutdown).await {
        eprintln!("server error: {e}");
        std::process::exit(1);
    }
}
