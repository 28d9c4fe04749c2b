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

/// `scripts/run.sh` rebuilds the browser side only when `scripts/web-inputs.sh` prints another
/// fingerprint: the same tree gives the same one, and any change to a file it is built from, a
/// new file or a renamed one gives another, while a file it is not built from changes nothing.
#[test]
fn the_browser_side_is_rebuilt_exactly_when_what_it_is_built_from_changed() {
    let root = std::env::temp_dir().join(format!("widget-web-inputs-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    for (file, text) in [
        ("src/lib.rs", "fn a() {}"),
        ("style/main.css", "a { color: red }"),
        ("public/read.js", "x"),
        ("Cargo.lock", "lock"),
    ] {
        std::fs::create_dir_all(root.join(file).parent().unwrap()).unwrap();
        std::fs::write(root.join(file), text).unwrap();
    }
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/web-inputs.sh");
    let print = || {
        let out = Command::new(&script).arg(&root).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let first = print();
    assert_eq!(first.trim().len(), 64, "{first}");
    assert_eq!(print(), first, "nothing changed");
    std::fs::write(root.join("style/main.css"), "a { color: blue }").unwrap();
    let restyled = print();
    assert_ne!(restyled, first, "a changed stylesheet");
    std::fs::write(root.join("style/main.css"), "a { color: red }").unwrap();
    assert_eq!(print(), first, "the same contents again");
    std::fs::create_dir_all(root.join("crates/server/src")).unwrap();
    std::fs::write(root.join("crates/server/src/main.rs"), "fn main() {}").unwrap();
    assert_eq!(print(), first, "the server's code is not built into dist/");
    std::fs::rename(root.join("public/read.js"), root.join("public/read2.js")).unwrap();
    assert_ne!(print(), first, "a renamed file");
    std::fs::rename(root.join("public/read2.js"), root.join("public/read.js")).unwrap();
    std::fs::write(root.join("src/new.rs"), "").unwrap();
    assert_ne!(print(), first, "a new file");
    let run = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/run.sh")).unwrap();
    assert!(run.contains("want=$(./scripts/web-inputs.sh)"), "run.sh decides with it");
    let _ = std::fs::remove_dir_all(&root);
}
