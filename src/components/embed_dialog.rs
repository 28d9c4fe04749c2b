//! 「このグラフを埋め込む」: a dialog with the one-line snippet a CMS editor pastes, and a copy button.

use leptos::html;
use leptos::prelude::*;
use view_models::screens::contexts::embed_snippet;
use view_models::Strings;

#[component]
pub fn EmbedDialog(card: String, title: String, t: &'static Strings) -> impl IntoView {
    let dialog = NodeRef::<html::Dialog>::new();
    let copied = RwSignal::new(false);
    let origin = crate::request::use_request().origin;
    let snippet = embed_snippet(&origin, &card, &view_models::strings::fill(t.embed_snippet_title, &[("title", &title)]));
    let snippet_for_copy = snippet.clone();
    let field_id = format!("embed-code-{card}");
    let label_for = field_id.clone();
    let title_id = format!("embed-title-{card}");
    let labelled_by = title_id.clone();
    let open = move |_| {
        copied.set(false);
        if let Some(d) = dialog.get_untracked() {
            let _ = d.show_modal();
        }
    };
    let close = move |_| {
        if let Some(d) = dialog.get_untracked() {
            d.close();
        }
    };
    let copy = move |_| {
        if let Some(clipboard) = crate::browser::window().map(|w| w.navigator().clipboard()) {
            let _ = clipboard.write_text(&snippet_for_copy);
            copied.set(true);
        }
    };
    view! {
        <button type="button" class="button button--secondary embed-button" on:click=open>{t.embed_button}</button>
        <dialog class="dialog" node_ref=dialog aria-labelledby=labelled_by>
            <h2 id=title_id>{t.embed_title}</h2>
            <label for=label_for>{t.embed_help}</label>
            <textarea id=field_id class="embed-code" readonly rows="5" prop:value=snippet></textarea>
            <div class="actions">
                <button type="button" class="button" on:click=copy>{t.embed_copy}</button>
                <button type="button" class="button button--secondary" on:click=close>{t.close}</button>
                <span role="status">{move || copied.get().then_some(t.embed_copied)}</span>
            </div>
        </dialog>
    }
}
