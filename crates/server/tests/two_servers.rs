//! Two `widget-server` processes on one PostgreSQL database, as behind a load balancer. A burst
//! of submissions goes to both; one server is killed with SIGKILL mid-burst and its clients
//! retry with their keys on the other. Every submission must be stored exactly once, and every
//! receipt already given must stay the same. Then one key sent to both servers at the same
//! moment must make one record and one receipt.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Barrier, Mutex};
use std::time::Duration;

use common::process::{self, Server};
use feedback::api::Receipt;
use feedback::Submission;
use server::store::testing::fresh_postgres;
use server::store::{Location, Store};

/// Starts the real binary on `url`'s database.
fn start(url: &str) -> Server {
    let data = std::env::temp_dir().join(format!("widget-two-servers-data-{}", std::process::id()));
    process::start(&[
        "--db".as_ref(),
        url.as_ref(),
        "--static".as_ref(),
        "/nonexistent".as_ref(),
        "--data".as_ref(),
        data.as_os_str(),
    ])
}

/// One POST over a fresh connection; `None` when the server cannot be reached or hangs up.
fn post(port: u16, submission: &Submission) -> Option<(u16, Receipt)> {
    let body = serde_json::to_string(submission).unwrap();
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(20))).ok()?;
    let request = format!("POST /api/feedback HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len());
    stream.write_all(request.as_bytes()).ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    let status: u16 = response.split(' ').nth(1)?.parse().ok()?;
    let json = response.split("\r\n\r\n").nth(1)?;
    assert!(matches!(status, 200 | 201), "{status}: {json}");
    Some((status, serde_json::from_str(json).expect("a receipt")))
}

fn submission(i: usize) -> Submission {
    Submission {
        key: format!("7a000000-0000-4000-8000-{i:012}"),
        message: format!("二台の試験 {i}"),
        satisfaction: Some(4),
        ..Default::default()
    }
}

fn count(location: &Location) -> i64 {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async { Store::open(location).await.unwrap().count().await.unwrap() })
}

#[test]
fn two_servers_one_killed_mid_burst_store_every_submission_once_with_unchanged_receipts() {
    const N: usize = 600;
    const CLIENTS: usize = 8;
    let location = fresh_postgres("two_servers");
    let Location::Postgres(url) = &location else { unreachable!() };
    let a = Arc::new(Mutex::new(Some(start(url))));
    let b = start(url);
    let (port_a, port_b) = (a.lock().unwrap().as_ref().unwrap().port, b.port);
    let receipts: Arc<Mutex<Vec<Option<String>>>> = Arc::new(Mutex::new(vec![None; N]));
    let sent = Arc::new(AtomicUsize::new(0));
    let retried = Arc::new(AtomicUsize::new(0));
    let clients: Vec<_> = (0..CLIENTS)
        .map(|c| {
            let (a, receipts, sent, retried) = (a.clone(), receipts.clone(), sent.clone(), retried.clone());
            std::thread::spawn(move || {
                for i in (c..N).step_by(CLIENTS) {
                    // A third of the way through, server A is killed (SIGKILL) mid-burst.
                    if sent.fetch_add(1, Ordering::SeqCst) == N / 3 {
                        if let Some(mut killed) = a.lock().unwrap().take() {
                            killed.child.kill().unwrap();
                            killed.child.wait().unwrap();
                        }
                    }
                    let s = submission(i);
                    let first = if i % 2 == 0 { port_a } else { port_b };
                    let stored = post(first, &s).or_else(|| {
                        // The client retries with the same key; the balancer sends it to B.
                        retried.fetch_add(1, Ordering::SeqCst);
                        (0..50).find_map(|_| {
                            post(port_b, &s).or_else(|| {
                                std::thread::sleep(Duration::from_millis(100));
                                None
                            })
                        })
                    });
                    let (_, receipt) = stored.expect("stored on one server or the other");
                    receipts.lock().unwrap()[i] = Some(receipt.receipt);
                }
            })
        })
        .collect();
    for c in clients {
        c.join().unwrap();
    }
    assert!(a.lock().unwrap().is_none(), "server A was killed");
    assert!(retried.load(Ordering::SeqCst) > 0, "some submissions had to be retried on B");
    let receipts: Vec<String> = receipts
        .lock()
        .unwrap()
        .iter()
        .map(|r| r.clone().expect("every submission has a receipt"))
        .collect();
    assert_eq!(count(&location), N as i64, "every submission stored exactly once");

    // Every receipt already given is unchanged: on B, and on A once it is back.
    let a_again = start(url);
    for (i, given) in receipts.iter().enumerate() {
        let port = if i % 2 == 0 { a_again.port } else { b.port };
        let (status, receipt) = post(port, &submission(i)).unwrap();
        assert_eq!((status, &receipt.receipt, receipt.duplicate), (200, given, true), "submission {i}");
    }
    let mut unique = receipts.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), N, "one receipt per submission");
    assert_eq!(count(&location), N as i64);

    // One key at the same moment on both servers: one record, one receipt.
    for i in N..N + 40 {
        let barrier = Arc::new(Barrier::new(2));
        let both: Vec<_> = [a_again.port, b.port]
            .into_iter()
            .map(|port| {
                let barrier = barrier.clone();
                std::thread::spawn(move || {
                    barrier.wait();
                    post(port, &submission(i)).unwrap()
                })
            })
            .collect();
        let answers: Vec<(u16, Receipt)> = both.into_iter().map(|t| t.join().unwrap()).collect();
        assert_eq!(answers[0].1.receipt, answers[1].1.receipt, "key {i}");
        let mut statuses = [answers[0].0, answers[1].0];
        statuses.sort();
        assert_eq!(statuses, [200, 201], "one stored it, the other found it");
    }
    assert_eq!(count(&location), N as i64 + 40);
}

#[test]
fn a_postgres_backup_restores_into_an_empty_database() {
    let location = fresh_postgres("backup_source");
    let Location::Postgres(url) = &location else { unreachable!() };
    let server = start(url);
    for i in 0..25 {
        post(server.port, &submission(1000 + i)).unwrap();
    }
    let out = std::env::temp_dir().join(format!("widget-pg-backup-{}.dump", std::process::id()));
    let _ = std::fs::remove_file(&out);
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../../scripts/backup.sh");
    let backup = Command::new(script).arg(url).arg(&out).output().unwrap();
    assert!(backup.status.success(), "{}", String::from_utf8_lossy(&backup.stderr));
    assert!(String::from_utf8_lossy(&backup.stdout).contains("25 records"));
    let target = fresh_postgres("backup_target");
    let Location::Postgres(target_url) = &target else { unreachable!() };
    let restore = Command::new("pg_restore")
        .args(["--no-owner", "-d", target_url])
        .arg(&out)
        .output()
        .unwrap();
    assert!(restore.status.success(), "{}", String::from_utf8_lossy(&restore.stderr));
    assert_eq!(count(&target), 25, "every record restored");
    // The restored database carries its migration history: a server starts on it and a retry
    // still finds its first receipt.
    let restored = start(target_url);
    let (status, receipt) = post(restored.port, &submission(1000)).unwrap();
    assert_eq!((status, receipt.duplicate), (200, true));
    let _ = std::fs::remove_file(&out);
}
