//! The real `widget-server` binary as a process, for tests of what only a process shows
//! (signals, connections, several servers): started on a free port, its log kept.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};

pub struct Server {
    pub child: Child,
    pub port: u16,
    /// Everything it has logged so far (read continuously, so it never blocks on a full pipe).
    pub log: Arc<Mutex<String>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts the binary on a free port with `args` after the listen address and a high rate limit,
/// and waits for its "listening" log line.
pub fn start(args: &[&std::ffi::OsStr]) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_widget-server"))
        .args(["--listen", "127.0.0.1:0", "--rate-limit", "100000000"])
        .args(args)
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let port = loop {
        let line = lines.next().expect("the server logs that it listens").unwrap();
        if let Some(rest) = line.split("widget-server on http://127.0.0.1:").nth(1) {
            break rest.split('/').next().unwrap().parse().unwrap();
        }
    };
    let log = Arc::new(Mutex::new(String::new()));
    let keep = log.clone();
    std::thread::spawn(move || {
        for line in lines.map_while(Result::ok) {
            keep.lock().unwrap().push_str(&(line + "\n"));
        }
    });
    Server { child, port, log }
}

/// A fresh folder for a server's database and data, `widget-<name>-<pid>` in the temporary folder.
pub fn folder(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("widget-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The binary with its SQLite file and data folder in `dir` (no built widget), and `extra` flags.
pub fn start_in(dir: &std::path::Path, extra: &[&str]) -> Server {
    let (db, data) = (dir.join("feedback.sqlite3"), dir.join("data"));
    let mut args: Vec<&std::ffi::OsStr> = vec![
        "--static".as_ref(),
        "/nonexistent".as_ref(),
        "--db".as_ref(),
        db.as_os_str(),
        "--data".as_ref(),
        data.as_os_str(),
    ];
    args.extend(extra.iter().map(|a| std::ffi::OsStr::new(*a)));
    start(&args)
}
