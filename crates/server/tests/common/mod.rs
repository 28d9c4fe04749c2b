//! A router over a temporary folder (the published files, a fresh SQLite file) for the tests.
#![allow(dead_code)]

pub mod process;
pub mod staff;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::body::Body;
use axum::extract::connect_info::MockConnectInfo;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use server::{
    app,
    config::Config,
    store::{Location, Store},
    AppState,
};
use tower::ServiceExt;

pub struct Harness {
    pub router: axum::Router,
    pub state: Arc<AppState>,
    pub db: PathBuf,
    pub dir: PathBuf,
}

impl Drop for Harness {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

pub async fn harness(name: &str, edit: impl FnOnce(&mut Config)) -> Harness {
    let dir = std::env::temp_dir().join(format!("widget-server-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("static")).unwrap();
    // The published files in a data folder of their own, as the server's first start fills it
    // (the built widget in static/ carries none).
    let public = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public/data");
    std::fs::create_dir_all(dir.join("data")).unwrap();
    assert!(publish::DataFolder::new(dir.join("data")).seed_if_empty(&public).unwrap());
    let mut config = Config {
        db: Location::Sqlite(dir.join("feedback.sqlite3")),
        static_dir: dir.join("static"),
        data_dir: dir.join("data"),
        ..Config::default()
    };
    edit(&mut config);
    let store = Store::open(&config.db).await.unwrap();
    let state = Arc::new(AppState::new(config, store));
    let router = app(state.clone()).layer(MockConnectInfo(SocketAddr::from(([127, 0, 0, 1], 40000))));
    Harness {
        router,
        state,
        db: dir.join("feedback.sqlite3"),
        dir,
    }
}

pub async fn send(h: &Harness, req: Request<Body>) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
    let res = h.router.clone().oneshot(req).await.unwrap();
    let (parts, body) = res.into_parts();
    (parts.status, parts.headers, body.collect().await.unwrap().to_bytes().to_vec())
}

/// A page's HTML as a reader's browser gets it from this site (its status not looked at).
pub async fn page_html(h: &Harness, path: &str) -> String {
    let req = Request::get(path)
        .header(axum::http::header::HOST, "127.0.0.1:8080")
        .body(Body::empty())
        .unwrap();
    String::from_utf8(send(h, req).await.2).unwrap()
}
