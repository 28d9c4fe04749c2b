//! Prints the generated API document (`crates/server/openapi.json` is its committed copy).

fn main() {
    print!("{}", server::openapi::document_text());
}
