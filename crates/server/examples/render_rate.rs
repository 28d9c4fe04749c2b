//! Uncached renders per second in one process: with the publication parsed once (as served) and
//! parsed again for every render (as before parse-once). `bench/hostile-traffic.sh` prints both;
//! figures only, never a verdict.

use std::time::Instant;

use reform_widget::data::{files, ServerData};
use reform_widget::render::{render_page, PageOptions};
use view_models::request::PageRequest;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let data = ServerData {
        static_dir: root.join("dist"),
        data_dir: root.join("public/data"),
        drafts_allowed: false,
    };
    let rounds = 5;
    let per_round = 100;
    for (label, keep) in [
        ("parsed for every render (before)", false),
        ("parsed once per publication (now)", true),
    ] {
        files::keep_parses(keep);
        let mut rates = vec![];
        for _ in 0..rounds {
            let start = Instant::now();
            for path in ["/", "/konbini", "/feedback", "/plan"].iter().cycle().take(per_round) {
                let page = render_page(
                    PageRequest::new(path, "", "http://127.0.0.1"),
                    data.clone(),
                    PageOptions {
                        hydrate: true,
                        ..Default::default()
                    },
                )
                .await;
                assert_eq!(page.status, 200);
            }
            rates.push(per_round as f64 / start.elapsed().as_secs_f64());
        }
        rates.sort_by(|a, b| a.total_cmp(b));
        println!(
            "  {label}: median {:.0} renders/s (of {rounds} rounds of {per_round}: {:.0}–{:.0})",
            rates[rounds / 2],
            rates[0],
            rates[rounds - 1]
        );
    }
}
