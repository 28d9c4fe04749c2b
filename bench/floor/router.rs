// The bare floor plus leptos_router: two routes and a link.
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;
fn main() {
    leptos::mount::mount_to_body(|| view! {
        <Router><Routes fallback=|| "nf">
            <Route path=path!("/") view=|| view! { <h1>"Home"</h1><A href="/other">"other"</A> }/>
            <Route path=path!("/other") view=|| view! { <h1>"Other"</h1> }/>
        </Routes></Router>
    });
}
