//! `/voices/mine/<token>`: 「あなたの声のその後」, one citizen's private page. The server looks
//! the token up and provides what it found ([`Followed`]); this draws it: the day received, the
//! card, where the message stands in words, and the city's answer once published. Without a
//! message found it says so (the server answers 404). A reading screen: no app starts.

use std::sync::Arc;

use leptos::prelude::*;
use snapshot::Snapshot;
use view_models::screens::my_voice::{my_voice, FollowedVoice};
use view_models::{marked_strings, Locale};

use crate::components::loaded::Loaded;
use crate::components::ruby::ruby;
use crate::navigation::Link;
use crate::routes::voices::answer_article;

/// What the server found for the page's token: `None` for a wrong or expired one.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Followed(pub Option<FollowedVoice>);

#[component]
pub fn MyVoice() -> impl IntoView {
    match use_context::<Followed>().and_then(|f| f.0) {
        Some(found) => view! { <Loaded page=move |s, l| my_voice_page(s, l, &found) title=|t| t.my_voice_title/> }.into_any(),
        None => view! { <NoSuchVoice/> }.into_any(),
    }
}

#[component]
fn NoSuchVoice() -> impl IntoView {
    let m = crate::i18n::use_marked_strings();
    crate::i18n::follow_page_title(|t| t.my_voice_not_found_title);
    view! {
        <h1>{move || ruby(m().my_voice_not_found_title)}</h1>
        <p>{move || ruby(m().my_voice_not_found_body)}</p>
        <p><Link href="/voices">{move || ruby(m().voices_title)}</Link></p>
    }
}

fn my_voice_page(s: Arc<Snapshot>, l: Locale, found: &FollowedVoice) -> impl IntoView {
    let m = marked_strings(l);
    let v = my_voice(&s, l, found);
    view! {
        <h1>{ruby(m.my_voice_title)}</h1>
        <p class="lead">{ruby(m.my_voice_intro)}</p>
        <dl class="facts my-voice">
            <div><dt>{ruby(m.my_voice_received)}</dt><dd>{v.received}</dd></div>
            {v.card.map(|c| view! { <div><dt>{ruby(m.my_voice_card)}</dt><dd>{ruby(c)}</dd></div> })}
            <div><dt>{ruby(m.my_voice_status)}</dt><dd><strong class=format!("my-voice__status my-voice__status--{}", v.status_id)>{ruby(v.status)}</strong></dd></div>
        </dl>
        {v.answer.map(|a| view! {
            <section class="my-voice__answer" aria-labelledby="my-voice-answer">
                <h2 id="my-voice-answer">{ruby(m.answer_city)}</h2>
                {answer_article(a, m)}
            </section>
        })}
        {v.card_link.map(|href| view! { <p><a href=href>{ruby(m.my_voice_see_card)}</a></p> })}
    }
}
