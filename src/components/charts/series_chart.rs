//! A yearly or monthly series as bars or a line, with the target as a dashed line.
//! Every point is keyboard-focusable and tells its value; the table and downloads sit below.

use leptos::prelude::*;
use view_models::chart::{ChartStyle, HEIGHT, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT, WIDTH};
use view_models::screens::series::SeriesCard;
use view_models::Strings;

use view_models::screens::contexts::Mode;

use crate::components::downloads::Downloads;
use crate::components::embed_dialog::EmbedDialog;
use crate::components::ruby::ruby;
use crate::mode::use_mode;

#[component]
pub fn SeriesChart(
    card: SeriesCard,
    t: &'static Strings,
    /// 「この数値へのみなさんの声 N件・市の対応 M件」 and where it leads, when the city published some.
    #[prop(default = None)]
    voices: Option<(String, String)>,
) -> impl IntoView {
    let l = card.layout;
    let grid = l
        .ticks
        .iter()
        .map(|tick| {
            view! {
                <line class="chart-grid" x1=MARGIN_LEFT x2=WIDTH - MARGIN_RIGHT y1=tick.y y2=tick.y/>
                <text class="chart-axis" x=MARGIN_LEFT - 8.0 y=tick.y + 6.0 text-anchor="end">{tick.text.clone()}</text>
            }
        })
        .collect_view();
    let categories = l
        .points
        .iter()
        .map(|p| view! { <text class="chart-axis" x=p.x y=HEIGHT - MARGIN_BOTTOM + 26.0 text-anchor="middle">{p.category.clone()}</text> })
        .collect_view();
    let target = l.target.clone().map(|(y, label)| {
        view! {
            <line class="chart-target" x1=MARGIN_LEFT x2=WIDTH - MARGIN_RIGHT y1=y y2=y/>
            <text class="chart-target-label" x=WIDTH - MARGIN_RIGHT y=y - 6.0 text-anchor="end">{label}</text>
        }
    });
    let marks = if card.style == ChartStyle::Bars {
        let w = (l.slot * 0.6).min(72.0);
        l.points
            .iter()
            .filter_map(|p| p.y.map(|y| (p, y)))
            .map(|(p, y)| {
                view! {
                    <rect class="chart-bar chart-point" tabindex="0" role="img" aria-label=p.label.clone()
                        x=p.x - w / 2.0 y=y width=w height=(l.baseline_y - y).max(1.0)>
                        <title>{p.label.clone()}</title>
                    </rect>
                }
            })
            .collect_view()
            .into_any()
    } else {
        let path: Vec<String> = l
            .points
            .iter()
            .filter_map(|p| p.y.map(|y| format!("{:.1},{:.1}", p.x, y)))
            .collect();
        let dots = l
            .points
            .iter()
            .filter_map(|p| p.y.map(|y| (p, y)))
            .map(|(p, y)| {
                view! {
                    <circle class="chart-dot chart-point" tabindex="0" role="img" aria-label=p.label.clone() cx=p.x cy=y r="7">
                        <title>{p.label.clone()}</title>
                    </circle>
                    <text class="chart-value" x=p.x y=y - 14.0 text-anchor="middle" aria-hidden="true">{p.value_text.clone()}</text>
                }
            })
            .collect_view();
        view! { <polyline class="chart-line" points=path.join(" ")/> {dots} }.into_any()
    };
    let header = card
        .table
        .header
        .iter()
        .map(|h| view! { <th scope="col">{h.clone()}</th> })
        .collect_view();
    // The first cell names the row (the period); a row of any length renders.
    let rows = card
        .table
        .rows
        .iter()
        .map(|r| {
            let mut cells = r.iter();
            let name = cells.next().cloned().unwrap_or_default();
            view! { <tr><th scope="row">{name}</th>{cells.map(|c| view! { <td>{ruby(c.clone())}</td> }).collect_view()}</tr> }
        })
        .collect_view();
    let id = card.id.clone();
    let about = snapshot::ruby::spoken(&card.caption_marked).into_owned();
    let chart_id = card.id.clone();
    let chart_id_for_embed = card.id.clone();
    // The snippet's iframe title: in やさしい日本語 as it is read (an attribute cannot hold ruby).
    let title_for_embed = snapshot::ruby::spoken(&card.caption_marked).into_owned();
    view! {
        <figure class="chart" data-chart=chart_id>
            <figcaption class="chart__caption">{ruby(card.caption_marked.clone())}</figcaption>
            <p class="chart__summary">{ruby(card.summary.clone())}</p>
            <svg class="series-chart" viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="group" aria-label=card.caption>
                {grid}
                <line class="chart-baseline" x1=MARGIN_LEFT x2=WIDTH - MARGIN_RIGHT y1=l.baseline_y y2=l.baseline_y/>
                {marks}
                {target}
                {categories}
            </svg>
            <details class="chart__table">
                <summary>{t.show_table}</summary>
                <table>
                    <thead><tr>{header}</tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </details>
            <Downloads id csv=card.csv json=card.json t about/>
            {voices.map(|(line, href)| view! { <p class="card-voices">{voices_link(line, href)}</p> })}
            {(use_mode() == Mode::Full).then(|| view! { <EmbedDialog card=chart_id_for_embed title=title_for_embed t/> })}
        </figure>
    }
}

/// The card's voices line: a plain link; in an embedded card it opens the full widget in a new
/// tab, as the card's other links do.
fn voices_link(line: String, href: String) -> impl IntoView {
    if matches!(use_mode(), Mode::Embed { .. }) {
        view! { <a href=href target="_blank" rel="noopener">{ruby(line)}</a> }.into_any()
    } else {
        view! { <a href=href>{ruby(line)}</a> }.into_any()
    }
}
