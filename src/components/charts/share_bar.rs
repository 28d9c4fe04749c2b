//! A single horizontal bar split into parts (108 on plan, 29 changed or delayed).

use leptos::prelude::*;

/// One part of the bar.
#[derive(Clone)]
pub struct Part {
    pub label: String,
    pub count: u32,
    pub share: String,
    /// CSS class giving the part its colour and pattern.
    pub class: &'static str,
}

#[component]
pub fn ShareBar(
    /// Caption naming what is shown.
    caption: String,
    /// The chart in words, generated from the data.
    summary: String,
    parts: Vec<Part>,
    /// Table headers: category, count, share.
    headers: [&'static str; 3],
    /// Label of the "show the figures as a table" control.
    table_label: &'static str,
    /// Total row, when the parts add up to a published total.
    total: Option<(String, u32)>,
) -> impl IntoView {
    let sum: u32 = parts.iter().map(|p| p.count).sum::<u32>().max(1);
    let mut x = 0.0;
    let rects = parts
        .iter()
        .map(|p| {
            let w = f64::from(p.count) * 100.0 / f64::from(sum);
            let r = view! { <rect class=p.class x=format!("{x}%") y="0" width=format!("{w}%") height="100%"/> };
            x += w;
            r
        })
        .collect_view();
    let legend = parts
        .iter()
        .map(|p| {
            view! {
                <li>
                    <svg class="legend-swatch" viewBox="0 0 16 16" aria-hidden="true"><rect class=p.class width="16" height="16"/></svg>
                    {p.label.clone()} " " <strong>{p.count}</strong> " (" {p.share.clone()} ")"
                </li>
            }
        })
        .collect_view();
    let rows = parts
        .iter()
        .map(|p| view! { <tr><th scope="row">{p.label.clone()}</th><td>{p.count}</td><td>{p.share.clone()}</td></tr> })
        .collect_view();
    let total_row = total.map(|(label, n)| view! { <tr class="table-total"><th scope="row">{label}</th><td>{n}</td><td>"100%"</td></tr> });
    view! {
        <figure class="chart">
            <figcaption class="chart__caption">{caption}</figcaption>
            <p class="chart__summary">{summary}</p>
            <svg class="share-bar" width="100%" height="40" aria-hidden="true" focusable="false">
                <defs>
                    <pattern id="hatch" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                        <rect class="hatch-bg" width="8" height="8"/>
                        <line class="hatch-line" x1="0" y1="0" x2="0" y2="8"/>
                    </pattern>
                </defs>
                {rects}
            </svg>
            <ul class="chart__legend">{legend}</ul>
            <details class="chart__table">
                <summary>{table_label}</summary>
                <table>
                    <thead><tr><th scope="col">{headers[0]}</th><th scope="col">{headers[1]}</th><th scope="col">{headers[2]}</th></tr></thead>
                    <tbody>{rows}{total_row}</tbody>
                </table>
            </details>
        </figure>
    }
}
