//! When the manifest lists several snapshots: an "as of" picker, and what changed since the
//! snapshot before the one shown.

use leptos::prelude::*;
use view_models::format::as_of;
use view_models::screens::changes::word;
use view_models::{marked_strings, strings, Locale};
use wasm_bindgen::JsCast;

use crate::components::kept_fields::KeptFields;
use crate::components::ruby::ruby;
use crate::data::{use_snapshot, History};

#[component]
pub fn SnapshotHistory(history: History, locale: Locale) -> impl IntoView {
    if history.entries.len() < 2 {
        return None;
    }
    let ctx = use_snapshot();
    Effect::new(move |_| {
        if ctx.take_picker_focus() {
            crate::browser::focus_by_id("asof");
        }
    });
    let t = strings(locale);
    let m = marked_strings(locale);
    let mut entries = history.entries.clone();
    entries.sort_by(|a, b| b.as_of.cmp(&a.as_of));
    let options = entries
        .into_iter()
        .map(|e| {
            let selected = e.id == history.shown;
            view! { <option value=e.id.clone() selected=selected>{format!("{} — {}", as_of(&e.as_of, locale), locale.pick(&e.title))}</option> }
        })
        .collect_view();
    // With the app, a choice shows its figures in place; without it (a reading screen) the form
    // loads the page for the chosen date, with the page's other parameters.
    let on_change = move |ev: leptos::ev::Event| {
        if let Some(select) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok()) {
            ctx.select(select.value());
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(select) = crate::browser::document()
            .and_then(|d| d.get_element_by_id("asof"))
            .and_then(|e| e.dyn_into::<web_sys::HtmlSelectElement>().ok())
        {
            ctx.select(select.value());
        }
    };
    let rows = history.changes.as_deref().map(|found| word(found, locale));
    let changes_view = rows.map(|rows| {
        let body = if rows.is_empty() {
            view! { <p>{ruby(m.no_changes)}</p> }.into_any()
        } else {
            let trs = rows
                .into_iter()
                .map(|r| {
                    view! {
                        <tr>
                            <th scope="row">{ruby(r.indicator)}</th>
                            <td>{r.kind}</td>
                            <td>{r.period}</td>
                            <td>{r.before.map(|b| format!("{b} → ")).unwrap_or_default()}<strong>{r.after}</strong></td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <div class="table-scroll" tabindex="0" role="region" aria-label=t.changes_title>
                    <table>
                        <thead><tr><th scope="col">{ruby(m.nav_indicators)}</th><th scope="col">{ruby(m.col_kind)}</th><th scope="col">{ruby(m.col_period)}</th><th scope="col">{ruby(m.col_value)}</th></tr></thead>
                        <tbody>{trs}</tbody>
                    </table>
                </div>
            }
            .into_any()
        };
        view! {
            <details class="changes">
                <summary>{ruby(m.changes_title)}</summary>
                {body}
            </details>
        }
    });
    Some(view! {
        <div class="history">
            <form method="get" class="history__pick" on:submit=on_submit>
                <KeptFields leave_asof=true/>
                <label class="history__label" for="asof">{ruby(m.asof_label)}</label>
                <select id="asof" name="asof" class="history__select" on:change=on_change>{options}</select>
                <button type="submit" class="button button--secondary">{ruby(m.asof_show)}</button>
            </form>
            {changes_view}
        </div>
    })
}
