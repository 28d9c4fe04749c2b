//! Prints the JSON Schema (2020-12) of the snapshot or the manifest, generated from the Rust types.
//! `snapshot-schema snapshot` / `snapshot-schema manifest`.

fn main() -> std::process::ExitCode {
    let which = std::env::args().nth(1).unwrap_or_default();
    let schema = match which.as_str() {
        "snapshot" => snapshot::schema::snapshot_schema(),
        "manifest" => snapshot::schema::manifest_schema(),
        _ => {
            eprintln!("usage: snapshot-schema snapshot|manifest");
            return std::process::ExitCode::from(2);
        }
    };
    print!("{schema}");
    std::process::ExitCode::SUCCESS
}
