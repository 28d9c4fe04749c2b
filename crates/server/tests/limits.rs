//! The real `widget-server` under careless and hostile traffic: connections that never finish
//! their headers are closed after the limit, one address cannot hold more than its share, and a
//! SIGTERM in the middle of a burst finishes what is in flight, exits 0, and loses nothing that
//! was acknowledged.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::process::{self, Server};
use feedback::Submission;

fn folder(name: &str) -> PathBuf {
    process::folder(&format!("limits-{name}"))
}

fn start(dir: &std::path::Path, extra: &[&str]) -> Server {
    process::start_in(dir, extra)
}

fn get(port: u16, path: &str) -> Option<u16> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
    stream
        .write_all(format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n").as_bytes())
        .ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    response.split(' ').nth(1)?.parse().ok()
}

/// Seconds until the server closes `stream` (a read that ends), at most `limit`.
fn closed_within(stream: &mut TcpStream, limit: Duration) -> Option<Duration> {
    let started = Instant::now();
    stream.set_read_timeout(Some(limit)).unwrap();
    let mut buf = [0u8; 512];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => return Some(started.elapsed()),
            Ok(_) => continue, // a 408 or similar on the way out
            Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => return None,
            Err(_) => return Some(started.elapsed()),
        }
    }
}

#[test]
fn half_open_connections_are_closed_after_the_header_limit_and_one_address_gets_its_share() {
    let dir = folder("half-open");
    let server = start(&dir, &["--header-timeout", "1", "--max-connections-per-client", "4"]);
    // Four connections that start a request and never finish its headers.
    let mut held: Vec<TcpStream> = (0..4)
        .map(|_| {
            let mut s = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
            s.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n").unwrap();
            s
        })
        .collect();
    std::thread::sleep(Duration::from_millis(200));
    // A fifth from the same address is closed at once: its share is taken.
    let mut fifth = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    let refused = closed_within(&mut fifth, Duration::from_millis(800));
    assert!(refused.is_some(), "the fifth connection from one address is closed at once");
    // The four are closed by the server after the header limit, not held.
    for s in &mut held {
        let after = closed_within(s, Duration::from_secs(5)).expect("closed by the server");
        assert!(after < Duration::from_secs(3), "closed after {after:?}");
    }
    // The server still answers, and said why it refused.
    assert_eq!(get(server.port, "/api/health"), Some(200));
    let log = server.log.lock().unwrap().clone();
    assert!(
        log.contains("limit: 1 connection(s) refused at one client address's connection limit"),
        "{log}"
    );
}

#[test]
fn sigterm_mid_burst_finishes_in_flight_exits_zero_and_loses_no_acknowledged_submission() {
    const N: usize = 600;
    let dir = folder("sigterm");
    let server = Arc::new(Mutex::new(start(&dir, &[])));
    let port = server.lock().unwrap().port;
    let acknowledged: Arc<Mutex<Vec<String>>> = Arc::new(Mutex::new(vec![]));
    let next = Arc::new(AtomicUsize::new(0));
    let stopped_at = Arc::new(Mutex::new(None::<Instant>));
    let clients: Vec<_> = (0..8)
        .map(|_| {
            let (server, acknowledged, next, stopped_at) = (server.clone(), acknowledged.clone(), next.clone(), stopped_at.clone());
            std::thread::spawn(move || loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                if i >= N {
                    return;
                }
                if i == N / 3 {
                    // SIGTERM, as systemd, Docker and Kubernetes stop a service.
                    let pid = server.lock().unwrap().child.id();
                    assert!(Command::new("kill").args(["-TERM", &pid.to_string()]).status().unwrap().success());
                    *stopped_at.lock().unwrap() = Some(Instant::now());
                }
                let s = Submission { key: format!("5e000000-0000-4000-8000-{i:012}"), message: format!("停止の試験 {i}"), ..Default::default() };
                let body = serde_json::to_string(&s).unwrap();
                let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) else { continue };
                let _ = stream.set_read_timeout(Some(Duration::from_secs(20)));
                let request = format!("POST /api/feedback HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len());
                if stream.write_all(request.as_bytes()).is_err() {
                    continue;
                }
                let mut response = String::new();
                let _ = stream.read_to_string(&mut response);
                if response.starts_with("HTTP/1.1 201") || response.starts_with("HTTP/1.1 200") {
                    acknowledged.lock().unwrap().push(s.key);
                }
            })
        })
        .collect();
    for c in clients {
        c.join().unwrap();
    }
    let status = {
        let mut s = server.lock().unwrap();
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            if let Some(status) = s.child.try_wait().unwrap() {
                break status;
            }
            assert!(Instant::now() < deadline, "the server stops within the bound");
            std::thread::sleep(Duration::from_millis(50));
        }
    };
    let took = stopped_at.lock().unwrap().unwrap().elapsed();
    assert!(status.success(), "exit status {status:?}");
    let acknowledged = acknowledged.lock().unwrap().clone();
    assert!(
        acknowledged.len() >= N / 3 - 8,
        "{} acknowledged before the stop",
        acknowledged.len()
    );
    let conn = rusqlite::Connection::open(dir.join("feedback.sqlite3")).unwrap();
    for key in &acknowledged {
        let n: i64 = conn
            .query_row("SELECT COUNT(*) FROM feedback WHERE idempotency_key = ?1", [key], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 1, "{key}: acknowledged, so stored once");
    }
    println!(
        "       ({} acknowledged of {N}; stopped {took:?} after SIGTERM)",
        acknowledged.len()
    );
    // A restart serves again, with everything there.
    let again = start(&dir, &[]);
    assert_eq!(get(again.port, "/api/health"), Some(200));
    let stored: i64 = conn.query_row("SELECT COUNT(*) FROM feedback", [], |r| r.get(0)).unwrap();
    assert!(stored as usize >= acknowledged.len());
}
