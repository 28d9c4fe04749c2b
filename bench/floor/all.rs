// Router, fetch and serde_json together: the least a widget like ours starts from.
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;

#[derive(serde::Deserialize, Clone)]
struct Item { id: String, value: f64 }

#[component]
fn Home() -> impl IntoView {
    let data = LocalResource::new(|| async {
        let r = gloo_net::http::Request::get("/data.json").send().await.ok()?;
        let b = r.binary().await.ok()?;
        serde_json::from_slice::<Vec<Item>>(&b).ok()
    });
    view! {
        <h1>"Home"</h1>
        <Suspense fallback=|| view! { <p>"…"</p> }>
            {move || data.get().flatten().map(|items| items.into_iter().map(|i| view! { <li>{i.id} ": " {i.value}</li> }).collect_view())}
        </Suspense>
        <A href="/other">"other"</A>
    }
}

fn main() {
    leptos::mount::mount_to_body(|| view! {
        <Router><Routes fallback=|| "nf"><Route path=path!("/") view=Home/><Route path=path!("/other") view=|| view! { <h1>"Other"</h1> }/></Routes></Router>
    });
}
