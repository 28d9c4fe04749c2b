// The bare floor plus one fetch (gloo-net) and one serde_json parse into a small struct.
use leptos::prelude::*;
#[derive(serde::Deserialize, Clone)]
struct Item { id: String, value: f64 }
fn main() {
    leptos::mount::mount_to_body(|| {
        let items = RwSignal::new(Vec::<Item>::new());
        leptos::task::spawn_local(async move {
            let Ok(r) = gloo_net::http::Request::get("/data.json").send().await else { return };
            let Ok(b) = r.binary().await else { return };
            if let Ok(v) = serde_json::from_slice::<Vec<Item>>(&b) { items.set(v) }
        });
        view! { <h1>"Hello"</h1><ul>{move || items.get().into_iter().map(|i| view! { <li>{i.id} ": " {i.value}</li> }).collect_view()}</ul> }
    });
}
