//! Prints the generated API document for the default data's city (`crates/server/openapi.json`
//! is its committed copy).

fn main() {
    let offices = server::openapi::default_offices();
    print!(
        "{}",
        server::openapi::document_text(&offices.iter().map(String::as_str).collect::<Vec<_>>())
    );
}
