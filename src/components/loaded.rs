//! The data gate every screen goes through: the screen itself once the snapshot is here (with a
//! banner when it shows this device's older copy), or a clear failure with a retry button.
//! It is a `Transition`: the server renders it resolved, and a later load (another as-of
//! snapshot, a retry) keeps the current screen until the new one is ready.

use std::sync::Arc;

use leptos::prelude::*;
use snapshot::Snapshot;
use view_models::screens::failure::stale_banner;
use view_models::{Locale, Strings};

use crate::components::history::SnapshotHistory;
use crate::components::kept_fields::KeptFields;
use crate::components::ruby::ruby;
use crate::components::skeleton::Skeleton;
use crate::data::{use_snapshot, LoadError, LoadState};
use crate::i18n::{use_locale, use_marked_strings, use_strings};

/// Renders `page` once the snapshot is here. `title` names the screen in the browser tab.
/// `below_heading`: the screen shows its own heading before the data arrives (the home page),
/// so the placeholder and a failure fit under it.
#[component]
pub fn Loaded<F, V>(page: F, title: fn(&Strings) -> &'static str, #[prop(optional)] below_heading: bool) -> impl IntoView
where
    F: Fn(Arc<Snapshot>, Locale) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let ctx = use_snapshot();
    let locale = use_locale();
    let t = use_strings();
    crate::i18n::follow_page_title(title);
    let page = Arc::new(page);
    let address = crate::navigation::use_address();
    let first = crate::request::use_request();
    let screen = move || address.map(|a| a.screen()).unwrap_or_else(|| first.screen());
    let show = move |state: LoadState| match state {
        LoadState::Failed(error) => view! { <Failure error below_heading/> }.into_any(),
        // The publication has nothing for this screen (no konbini series): as any unknown address.
        LoadState::Ready { snapshot, .. } if !view_models::route::offered(screen(), &snapshot) => {
            view! { <crate::routes::not_found::NotFound/> }.into_any()
        }
        LoadState::Ready {
            snapshot,
            stale,
            preview,
            history,
        } => {
            let l = locale.get();
            let saved = stale.is_some();
            let as_of = snapshot.as_of.clone();
            // Rendered hidden when the figures are fresh: a page the service worker serves from this
            // device's copy is marked, and then the app or, on a reading screen, read.js shows it.
            let stale_note = view! {
                <div class="banner banner--warning" role="status" data-offline-note="" hidden=move || !(saved || ctx.offline_copy.get())>
                    <p>{stale_banner(&as_of, l)}</p>
                    <RetryForm secondary=true/>
                </div>
            };
            let preview_note = preview.then(|| view! { <div class="banner banner--info" role="status"><p>{t().preview_banner}</p></div> });
            let history = history.map(|h| view! { <SnapshotHistory history=h locale=l/> });
            view! { {stale_note} {preview_note} {history} {page(snapshot, l)} }.into_any()
        }
    };
    view! {
        <Transition fallback=move || view! { <Skeleton below_heading/> }>
            {move || {
                let show = show.clone();
                Suspend::new(async move { show(ctx.resource.await) })
            }}
        </Transition>
    }
}

/// Shows `show(state)` once loaded, and nothing before (the footer's source line, the print header).
#[component]
pub fn WhenLoaded<F, V>(show: F) -> impl IntoView
where
    F: Fn(LoadState) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let ctx = use_snapshot();
    let show = Arc::new(show);
    view! {
        <Transition fallback=|| ()>
            {move || {
                let show = show.clone();
                Suspend::new(async move { show(ctx.resource.await) })
            }}
        </Transition>
    }
}

/// Loads the figures again: in place with the app, as a page load (the same address) without it.
#[component]
fn RetryForm(secondary: bool) -> impl IntoView {
    let ctx = use_snapshot();
    let m = use_marked_strings();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        ctx.reload();
    };
    view! {
        <form method="get" class="retry" on:submit=on_submit>
            <KeptFields/>
            <button type="submit" class=if secondary { "button button--secondary" } else { "button" }>{move || ruby(m().retry)}</button>
        </form>
    }
}

#[component]
fn Failure(error: LoadError, below_heading: bool) -> impl IntoView {
    let locale = use_locale();
    let t = use_strings();
    let retry = error.retryable().then(|| view! { <RetryForm secondary=false/> });
    let message = move || error.message(locale.get());
    let heading = move || t().error_title;
    let heading = if below_heading {
        view! { <h2 id="failure-title">{heading}</h2> }.into_any()
    } else {
        view! { <h1 id="failure-title">{heading}</h1> }.into_any()
    };
    view! {
        <section class="failure" role="alert" aria-labelledby="failure-title">
            {heading}
            <p class="failure__message">{message}</p>
            {retry}
        </section>
    }
}
