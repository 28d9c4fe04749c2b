//! Accepting connections as a hardened front server does (nginx's defaults are the anchor,
//! tighter where it costs readers nothing): a time limit for a request's headers, which also
//! closes a keep-alive connection left idle; caps on open connections, overall and per client
//! address; a log line when a limit is hit; and a graceful stop on SIGTERM or Ctrl-C that
//! finishes the requests in flight within a bound. axum's own `serve` has none of these knobs,
//! so connections are served here with hyper's, one task each.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::connect_info::ConnectInfo;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tower::ServiceExt;

/// The limits one server keeps, from the settings.
#[derive(Debug, Clone)]
pub struct Limits {
    /// A request's headers must arrive within this; an idle keep-alive connection waits no longer
    /// for its next request either (hyper times the wait for headers from when it starts).
    pub header_timeout: Duration,
    pub max_connections: usize,
    /// Per client address; a trusted proxy's connections are not counted (it limits its own).
    pub max_per_client: usize,
    /// How long a stop waits for requests in flight.
    pub shutdown_grace: Duration,
}

/// Open connections, overall and per address. A slot is given back when its guard drops.
#[derive(Default)]
pub struct Connections {
    open: Mutex<(usize, HashMap<IpAddr, usize>)>,
}

/// Why a connection was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    Full,
    ClientFull,
}

pub struct Slot {
    connections: Arc<Connections>,
    ip: Option<IpAddr>,
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut open = self.connections.open.lock().unwrap_or_else(|p| p.into_inner());
        open.0 -= 1;
        if let Some(ip) = self.ip {
            if let Some(n) = open.1.get_mut(&ip) {
                *n -= 1;
                if *n == 0 {
                    open.1.remove(&ip);
                }
            }
        }
    }
}

impl Connections {
    /// A slot for a connection from `ip` (`None`: a trusted proxy, counted overall only).
    pub fn admit(self: &Arc<Self>, ip: Option<IpAddr>, limits: &Limits) -> Result<Slot, Refusal> {
        let mut open = self.open.lock().unwrap_or_else(|p| p.into_inner());
        if open.0 >= limits.max_connections {
            return Err(Refusal::Full);
        }
        if let Some(ip) = ip {
            let n = open.1.entry(ip).or_insert(0);
            if *n >= limits.max_per_client {
                return Err(Refusal::ClientFull);
            }
            *n += 1;
        }
        open.0 += 1;
        Ok(Slot {
            connections: self.clone(),
            ip,
        })
    }

    pub fn open(&self) -> usize {
        self.open.lock().unwrap_or_else(|p| p.into_inner()).0
    }
}

/// Raises the soft limit on open files to the hard limit (a systemd service starts at 1,024);
/// returns the limit now in force.
pub fn raise_open_files_limit() -> u64 {
    match rlimit::increase_nofile_limit(u64::MAX) {
        Ok(n) => n,
        Err(e) => {
            tracing::warn!("could not raise the open files limit: {e}");
            rlimit::getrlimit(rlimit::Resource::NOFILE).map(|(soft, _)| soft).unwrap_or(1024)
        }
    }
}

/// Logs a refusal at most once a second, with how many there were: a flood must not become a
/// flood of log lines.
struct RefusalLog {
    last: Instant,
    count: u64,
}

impl RefusalLog {
    fn note(&mut self, why: Refusal, open: usize) {
        self.count += 1;
        if self.last.elapsed() >= Duration::from_secs(1) {
            let what = match why {
                Refusal::Full => "the server's connection limit",
                Refusal::ClientFull => "one client address's connection limit",
            };
            tracing::warn!("limit: {} connection(s) refused at {what} ({open} open)", self.count);
            self.last = Instant::now();
            self.count = 0;
        }
    }
}

/// Serves `app` on `listener` until `stop` resolves; then stops accepting, lets the requests in
/// flight finish within `limits.shutdown_grace`, and returns.
pub async fn serve(listener: TcpListener, app: Router, limits: Limits, trusted: Vec<IpAddr>, stop: impl std::future::Future<Output = ()>) {
    let connections = Arc::new(Connections::default());
    let graceful = GracefulShutdown::new();
    let mut refusals = RefusalLog {
        last: Instant::now() - Duration::from_secs(2),
        count: 0,
    };
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        .keep_alive(true);
    tokio::pin!(stop);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                Err(e) => {
                    // Out of file descriptors, most often: wait a moment rather than spin.
                    tracing::warn!("limit: accepting a connection failed: {e}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = &mut stop => break,
        };
        let ip = Some(peer.ip()).filter(|ip| !trusted.contains(ip));
        let slot = match connections.admit(ip, &limits) {
            Ok(slot) => slot,
            Err(why) => {
                refusals.note(why, connections.open());
                continue; // dropping the stream closes it
            }
        };
        let service = app.clone().map_request(move |mut req: hyper::Request<Incoming>| {
            req.extensions_mut().insert(ConnectInfo(peer));
            req
        });
        let connection = builder.serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            // Errors here are a client going away or a header timeout: nothing to do but close.
            let _ = connection.await;
            drop(slot);
        });
    }
    drop(listener);
    tracing::info!("stopping: finishing {} open connection(s)", connections.open());
    if tokio::time::timeout(limits.shutdown_grace, graceful.shutdown()).await.is_err() {
        tracing::warn!("stopping: requests still running after {:?} were cut", limits.shutdown_grace);
    }
}

/// Resolves on SIGTERM (systemd, Docker, Kubernetes) or Ctrl-C.
pub async fn stop_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(max: usize, per: usize) -> Limits {
        Limits {
            header_timeout: Duration::from_secs(1),
            max_connections: max,
            max_per_client: per,
            shutdown_grace: Duration::from_secs(1),
        }
    }

    #[test]
    fn connections_are_capped_overall_and_per_address_and_given_back() {
        let c = Arc::new(Connections::default());
        let (a, b): (IpAddr, IpAddr) = ("10.0.0.1".parse().unwrap(), "10.0.0.2".parse().unwrap());
        let l = limits(3, 2);
        let first = c.admit(Some(a), &l).unwrap();
        let _second = c.admit(Some(a), &l).unwrap();
        assert_eq!(c.admit(Some(a), &l).err(), Some(Refusal::ClientFull));
        let _third = c.admit(Some(b), &l).unwrap();
        assert_eq!(c.admit(Some(b), &l).err(), Some(Refusal::Full));
        assert_eq!(c.admit(None, &l).err(), Some(Refusal::Full), "a proxy counts overall");
        drop(first);
        assert_eq!(c.open(), 2);
        assert!(c.admit(Some(a), &l).is_ok(), "a slot given back is free again");
    }
}
