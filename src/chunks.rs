//! Which code loads when, where the app runs (the form, the kiosk; a reading screen starts none).
//! The shell and the home page are in the main wasm module; every other screen and the kiosk
//! survey are each in a chunk of their own, downloaded the first time it is shown. A kiosk's
//! service worker keeps every chunk ahead of need (public/sw.js), off the page's main thread.
//! (The embedded card has a chunk too, which keeps its code out of the main module; the browser
//! never loads it, as an embedded card takes no app: src/render.rs.) The split is a build step
//! (`--features split`, scripts/build-web.sh); without it (the server, the component tests) the
//! same functions run. The splitting macros themselves are in `splitting`.

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use view_models::route::Screen;
use view_models::screens::contexts::Mode;

use crate::components::ruby::ruby;
use crate::components::skeleton::Skeleton;
use crate::i18n::use_marked_strings;
use crate::modes::{embed, kiosk};
use crate::routes;
use crate::splitting::ChunkFailed;

/// One part of the app, as it is downloaded.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Part {
    /// In the main module: shown at once.
    Home,
    NotFound,
    Plan,
    Results,
    Indicators,
    Counter,
    Konbini,
    Staff,
    Voices,
    MyVoice,
    Feedback,
    KioskStart,
    Embed,
}

impl Part {
    /// The part that shows `screen` (as the kiosk maps it) in `mode`.
    pub fn of(mode: &Mode, screen: Screen) -> Part {
        match (mode, screen) {
            (Mode::Embed { .. }, _) => Part::Embed,
            (Mode::Kiosk { .. }, Screen::Start) => Part::KioskStart,
            (_, Screen::Start | Screen::Home) => Part::Home,
            (_, Screen::Plan) => Part::Plan,
            (_, Screen::Results) => Part::Results,
            (_, Screen::Indicators) => Part::Indicators,
            (_, Screen::Counter) => Part::Counter,
            (_, Screen::Konbini) => Part::Konbini,
            (_, Screen::Staff) => Part::Staff,
            (_, Screen::Voices) => Part::Voices,
            // Drawn by the server only (its data is in the store): never downloaded.
            (_, Screen::MyVoice) => Part::MyVoice,
            (_, Screen::Feedback) => Part::Feedback,
            (_, Screen::NotFound) => Part::NotFound,
        }
    }
}

/// The table of parts: those in the main module with their views, then each chunk with its
/// view. Declares, per chunk, `$chunk()` (downloads it once, then renders) and `$preload()`
/// (only downloads; without the `split` feature both are plain async functions), and from the
/// whole table [`show`] and [`preload`], so a part is listed once.
macro_rules! parts {
    (in_main { $($main:ident => $main_view:expr;)* } chunks { $($part:ident: $chunk:ident, $preload:ident => $view:expr;)* }) => {
        $(
            #[cfg(feature = "split")]
            #[leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible, preload($preload))]
            fn $chunk() -> Result<AnyView, ChunkFailed> {
                Ok($view.into_any())
            }
            #[cfg(not(feature = "split"))]
            async fn $chunk() -> Result<AnyView, ChunkFailed> {
                Ok($view.into_any())
            }
            #[cfg(not(feature = "split"))]
            async fn $preload() -> Result<(), ChunkFailed> {
                Ok(())
            }
        )*

        /// Renders `part`, downloading its chunk first if it has one.
        pub async fn show(part: Part) -> Result<AnyView, ChunkFailed> {
            match part {
                $(Part::$main => Ok($main_view.into_any()),)*
                $(Part::$part => $chunk().await,)*
            }
        }

        /// Downloads `part`'s chunk without showing it.
        pub async fn preload(part: Part) -> Result<(), ChunkFailed> {
            match part {
                $(Part::$main => Ok(()),)*
                $(Part::$part => $preload().await.map_err(ChunkFailed::from),)*
            }
        }
    };
}

parts! {
    in_main {
        Home => view! { <routes::home::Home/> };
        NotFound => view! { <routes::not_found::NotFound/> };
    }
    chunks {
        Plan: plan, preload_plan => view! { <routes::plan::Plan/> };
        Results: results, preload_results => view! { <routes::results::Results/> };
        Indicators: indicators, preload_indicators => view! { <routes::indicators::Indicators/> };
        Counter: counter, preload_counter => view! { <routes::counter::Counter/> };
        Konbini: konbini, preload_konbini => view! { <routes::konbini::Konbini/> };
        Staff: staff, preload_staff => view! { <routes::staff::Staff/> };
        Voices: voices, preload_voices => view! { <routes::voices::Voices/> };
        MyVoice: my_voice, preload_my_voice => view! { <routes::my_voice::MyVoice/> };
        Feedback: feedback, preload_feedback => view! { <routes::feedback::Feedback/> };
        KioskStart: kiosk_start, preload_kiosk_start => view! { <kiosk::KioskStart/> };
        Embed: embed_card, preload_embed_card => view! { <embed::EmbedApp/> };
    }
}

/// Shows `part()`, keeping the current screen until the next one's code is here; if it cannot
/// be downloaded, a message with a retry button instead of a blank page.
#[component]
pub fn OnDemand<P>(part: P) -> impl IntoView
where
    P: Fn() -> Part + Send + Sync + 'static,
{
    let attempt = RwSignal::new(0u32);
    view! {
        <Transition fallback=|| view! { <Skeleton/> }>
            {move || {
                attempt.track();
                let part = part();
                Suspend::new(SendWrapper::new(async move {
                    match show(part).await {
                        Ok(view) => view,
                        Err(ChunkFailed) => view! { <ChunkFailure attempt/> }.into_any(),
                    }
                }))
            }}
        </Transition>
    }
}

#[component]
fn ChunkFailure(attempt: RwSignal<u32>) -> impl IntoView {
    let m = use_marked_strings();
    view! {
        <section class="failure" role="alert" aria-labelledby="chunk-failed-title">
            <h1 id="chunk-failed-title">{move || ruby(m().chunk_failed_title)}</h1>
            <p class="failure__message">{move || ruby(m().chunk_failed_body)}</p>
            <button type="button" class="button" on:click=move |_| attempt.update(|n| *n += 1)>
                {move || ruby(m().retry)}
            </button>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_home_page_and_a_missing_page_need_no_chunk_and_everything_else_has_its_own() {
        let full = Mode::Full;
        assert_eq!(Part::of(&full, Screen::Start), Part::Home);
        assert_eq!(Part::of(&full, Screen::Home), Part::Home);
        assert_eq!(Part::of(&full, Screen::Results), Part::Results);
        assert_eq!(Part::of(&Mode::Kiosk { idle_seconds: 90 }, Screen::Start), Part::KioskStart);
        assert_eq!(Part::of(&Mode::Kiosk { idle_seconds: 90 }, Screen::Home), Part::Home);
        assert_eq!(
            Part::of(
                &Mode::Embed {
                    card: "konbini-yearly".into()
                },
                Screen::Start
            ),
            Part::Embed
        );
    }
}
