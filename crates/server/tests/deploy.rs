//! The systemd unit in `deploy/` is one systemd accepts (`systemd-analyze verify`), and every
//! flag it starts the server with is one the server takes.

use std::path::Path;
use std::process::Command;

fn unit() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../deploy/reform-widget.service")).unwrap()
}

/// ExecStart's words after the binary, with the line continuations joined.
fn exec_start_args(unit: &str) -> Vec<String> {
    let joined = unit.replace("\\\n", " ");
    let line = joined.lines().find(|l| l.starts_with("ExecStart=")).expect("an ExecStart line");
    line.trim_start_matches("ExecStart=")
        .split_whitespace()
        .skip(1)
        .map(str::to_string)
        .collect()
}

#[test]
fn the_unit_passes_systemd_analyze_verify() {
    let dir = std::env::temp_dir().join(format!("widget-deploy-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("reform-widget.service");
    std::fs::write(
        &file,
        unit().replace("/opt/reform-widget/widget-server", env!("CARGO_BIN_EXE_widget-server")),
    )
    .unwrap();
    let out = Command::new("systemd-analyze")
        .args(["verify", "--man=no"])
        .arg(&file)
        .output()
        .expect("systemd-analyze (Debian's systemd) is installed");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && said.trim().is_empty(), "systemd-analyze verify: {said}");
}

#[test]
fn the_unit_starts_the_server_with_flags_it_takes() {
    let args = exec_start_args(&unit());
    assert!(
        args.contains(&"--data".to_string()) && args.contains(&"--trusted-proxy".to_string()),
        "{args:?}"
    );
    let config = server::config::Config::from_env_and_args(args).expect("every flag is the server's");
    assert_eq!(config.data_dir, Path::new("/var/lib/reform-widget/data"));
    assert!(unit().contains("KillSignal=SIGTERM") && unit().contains("ProtectSystem=strict") && unit().contains("LimitNOFILE="));
}
