//! Writes the latest snapshot as the clerks' workbook (.xlsx, with `rust_xlsxwriter`): a guide,
//! then one sheet per table. Figures are numbers, unpublished figures are empty cells (never 0),
//! and columns a clerk must not change or need not change are shaded.

use rust_xlsxwriter::{Color, Format, FormatBorder, Workbook, Worksheet, XlsxError};
use snapshot::{Snapshot, Unit};
use view_models::format::japanese_unit;

use super::layout::*;

struct Formats {
    header: Format,
    keep: Format,
    reference: Format,
    number: Format,
    text: Format,
}

impl Formats {
    fn new() -> Formats {
        let base = Format::new().set_font_name("Meiryo UI").set_font_size(11);
        Formats {
            header: base
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_background_color(Color::RGB(0xDDEBF7))
                .set_border(FormatBorder::Thin),
            keep: base
                .clone()
                .set_background_color(Color::RGB(0xE7E6E6))
                .set_font_color(Color::RGB(0x404040)),
            reference: base
                .clone()
                .set_background_color(Color::RGB(0xF2F2F2))
                .set_font_color(Color::RGB(0x595959)),
            number: base.clone().set_num_format("General"),
            text: base.set_text_wrap(),
        }
    }

    /// The format of a data cell under `header`.
    fn for_column(&self, header: &str) -> &Format {
        if header.ends_with(KEEP) {
            &self.keep
        } else if is_reference(header) {
            &self.reference
        } else {
            &self.number
        }
    }
}

/// A value in a data cell: a number, a text, or nothing (an unpublished figure).
enum V {
    N(f64),
    T(String),
    Empty,
}

impl From<Option<f64>> for V {
    fn from(v: Option<f64>) -> V {
        v.map_or(V::Empty, V::N)
    }
}

impl From<snapshot::Figure> for V {
    fn from(v: snapshot::Figure) -> V {
        v.0.into()
    }
}

fn t(s: impl Into<String>) -> V {
    V::T(s.into())
}

fn table(ws: &mut Worksheet, f: &Formats, headers: &[String], rows: Vec<Vec<V>>, widths: &[f64]) -> Result<(), XlsxError> {
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, &f.header)?;
        ws.set_column_width(c as u16, *widths.get(c).or(widths.last()).unwrap_or(&14.0))?;
    }
    ws.set_row_height(0, 48)?;
    ws.set_freeze_panes(1, 0)?;
    for (r, row) in rows.into_iter().enumerate() {
        let r = r as u32 + 1;
        for (c, v) in row.into_iter().enumerate() {
            let format = headers.get(c).map_or(&f.number, |h| f.for_column(h));
            match v {
                V::N(n) => ws.write_number_with_format(r, c as u16, n, format)?,
                V::T(s) => ws.write_string_with_format(r, c as u16, &s, format)?,
                V::Empty => ws.write_blank(r, c as u16, format)?,
            };
        }
    }
    Ok(())
}

fn unit_label(u: Unit) -> String {
    japanese_unit(u).to_string()
}

/// The workbook's bytes for `s`.
pub fn workbook(s: &Snapshot) -> Result<Vec<u8>, XlsxError> {
    let f = Formats::new();
    let mut wb = Workbook::new();

    let ws = wb.add_worksheet().set_name(GUIDE)?;
    ws.set_column_width(0, 120)?;
    for (r, line) in guide(s).iter().enumerate() {
        let format = if r == 0 || line.starts_with('【') { &f.header } else { &f.text };
        ws.write_string_with_format(r as u32, 0, line, format)?;
    }

    let years = indicator_years(s);
    let groups: std::collections::HashMap<&str, u8> = s.indicator_groups.iter().map(|g| (g.id.as_str(), g.number)).collect();
    let rows = s
        .indicators
        .iter()
        .map(|i| {
            let number = format!(
                "{}{}",
                groups.get(i.group.as_str()).copied().unwrap_or(0),
                i.marker.clone().unwrap_or_default()
            );
            let mut row = vec![
                t(&i.id),
                t(number),
                t(&i.name.ja),
                t(unit_label(i.unit)),
                V::N(i.baseline.fiscal_year.0.into()),
                t(wareki_year(i.baseline.fiscal_year.0)),
                i.baseline.value.into(),
            ];
            row.extend(
                years
                    .iter()
                    .map(|y| i.actuals.iter().find(|a| a.fiscal_year.0 == *y).and_then(|a| *a.value).into()),
            );
            row.extend([
                V::N(i.target.fiscal_year.0.into()),
                t(wareki_year(i.target.fiscal_year.0)),
                i.target.value.into(),
            ]);
            row
        })
        .collect();
    let ws = wb.add_worksheet().set_name(INDICATORS)?;
    table(ws, &f, &indicator_headers(s), rows, &[26.0, 8.0, 36.0, 8.0, 12.0, 20.0, 12.0, 14.0])?;

    let cs = &s.counter_survey;
    let name_of = |list: &[snapshot::Section], id: &Option<String>| {
        id.as_ref().map_or(String::new(), |id| {
            list.iter().find(|x| &x.id == id).map_or(String::new(), |x| x.name.ja.clone())
        })
    };
    let rows = cs
        .breakdown
        .iter()
        .map(|b| {
            vec![
                V::N(b.fiscal_year.0.into()),
                t(wareki_year(b.fiscal_year.0)),
                b.month.map_or(V::Empty, |m| V::N(m.month.into())),
                b.ward.clone().map_or(V::Empty, V::T),
                t(name_of(&cs.wards, &b.ward)),
                b.section.clone().map_or(V::Empty, V::T),
                t(name_of(&cs.sections, &b.section)),
                b.value.into(),
            ]
        })
        .collect();
    let ws = wb.add_worksheet().set_name(COUNTER)?;
    table(ws, &f, &counter_headers(), rows, &[12.0, 20.0, 12.0, 14.0, 12.0, 18.0, 14.0, 16.0])?;

    // Only for a city that publishes the series.
    if let Some(k) = &s.konbini_certificates {
        let rows = k
            .monthly
            .iter()
            .map(|m| {
                vec![
                    V::N(m.month.year.into()),
                    V::N(m.month.month.into()),
                    t(view_models::format::month_in_era(m.month)),
                    m.value.into(),
                ]
            })
            .collect();
        let ws = wb.add_worksheet().set_name(KONBINI)?;
        table(ws, &f, &konbini_headers(k.unit), rows, &[12.0, 8.0, 16.0, 16.0])?;
    }

    // The staff survey's sheets and the previous stage's, only where the city publishes them.
    if let Some(ss) = &s.staff_survey {
        let rows = ss
            .categories
            .iter()
            .flat_map(|c| {
                c.questions
                    .iter()
                    .map(move |q| vec![t(&c.id), t(&c.name.ja), t(&q.id), t(&q.text.ja), q.score.into()])
            })
            .collect();
        let ws = wb.add_worksheet().set_name(STAFF_QUESTIONS)?;
        table(ws, &f, &staff_question_headers(), rows, &[22.0, 18.0, 22.0, 60.0, 14.0])?;
        let rows = ss
            .categories
            .iter()
            .map(|c| vec![t(&c.id), t(&c.name.ja), c.average.into()])
            .collect();
        let ws = wb.add_worksheet().set_name(STAFF_CATEGORIES)?;
        table(ws, &f, &staff_category_headers(), rows, &[22.0, 22.0, 16.0])?;
    }

    if let Some(stage) = &s.previous_stage {
        let p = &stage.progress;
        let rows = vec![vec![
            V::N(p.as_of_end_of.0.into()),
            t(wareki_year(p.as_of_end_of.0)),
            V::N(p.on_plan.into()),
            V::N(p.changed_or_delayed.into()),
            V::N(p.total.into()),
        ]];
        let ws = wb.add_worksheet().set_name(PROGRESS)?;
        table(ws, &f, &progress_headers(), rows, &[16.0, 20.0, 16.0, 16.0, 14.0])?;
    }

    let rows = other_items(s)
        .iter()
        .map(|(id, label, unit)| vec![t(*id), t(*label), other_value(s, id), t(*unit)])
        .collect();
    let ws = wb.add_worksheet().set_name(OTHER)?;
    table(ws, &f, &other_headers(), rows, &[26.0, 44.0, 12.0, 8.0])?;

    let rows = texts(s)
        .into_iter()
        .map(|(path, text)| {
            vec![
                t(path),
                t(text.ja),
                text.en.map_or(V::Empty, V::T),
                text.ja_easy.map_or(V::Empty, V::T),
            ]
        })
        .collect();
    let ws = wb.add_worksheet().set_name(TEXTS)?;
    table(ws, &f, &text_headers(), rows, &[34.0, 50.0, 50.0, 50.0])?;

    let opt = |t: Option<String>| t.map_or(V::Empty, V::T);
    let three = |x: &snapshot::Text| [t(&x.ja), opt(x.en.clone()), opt(x.ja_easy.clone())];
    let rows = s
        .voices
        .answers
        .iter()
        .map(|a| {
            let mut row = vec![t(&a.id), t(&a.card), t(answer_status_word(a.status)), t(a.date.text())];
            row.extend(three(&a.title));
            row.extend(three(&a.voices_summary));
            row.extend(three(&a.answer));
            row.extend(a.reason.as_ref().map_or([V::Empty, V::Empty, V::Empty], three));
            row.push(opt(a.expects.clone()));
            row
        })
        .collect();
    let ws = wb.add_worksheet().set_name(ANSWERS)?;
    table(ws, &f, &answer_headers(), rows, &[16.0, 22.0, 16.0, 14.0, 30.0])?;

    let rows = s
        .readings
        .iter()
        .map(|r| {
            vec![
                t(&r.word),
                t(&r.reading),
                opt(Some(r.part_of_speech.clone()).filter(|p| !p.is_empty())),
            ]
        })
        .collect();
    let ws = wb.add_worksheet().set_name(READINGS)?;
    table(ws, &f, &reading_headers(), rows, &[20.0, 28.0, 14.0])?;

    // The city: its items (left empty for a publication that names none), then its offices.
    let city = s.city.as_ref();
    let rows = CITY_ITEMS
        .iter()
        .map(|(id, what, _)| {
            let mut row = vec![t(*id), t(*what)];
            match (*id, city) {
                ("name", Some(c)) => row.extend(three(&c.name)),
                ("introduction", Some(c)) => row.extend(three(&c.introduction)),
                ("homepage", Some(c)) => row.push(t(&c.homepage)),
                ("licence", Some(c)) => row.push(opt(c.licence.clone())),
                ("logo", Some(c)) => row.push(opt(c.logo.clone())),
                ("accent", Some(c)) => row.push(opt(c.accent.clone())),
                _ => {}
            }
            row
        })
        .collect();
    let ws = wb.add_worksheet().set_name(CITY)?;
    table(ws, &f, &city_headers(), rows, &[16.0, 30.0, 50.0, 50.0, 50.0])?;
    let rows = city
        .map(|c| c.offices.as_slice())
        .unwrap_or_default()
        .iter()
        .map(|o| {
            let mut row = vec![t(&o.id), t(office_kind_word(o.kind))];
            row.extend(three(&o.name));
            row
        })
        .collect();
    let ws = wb.add_worksheet().set_name(OFFICES)?;
    table(ws, &f, &office_headers(), rows, &[20.0, 18.0, 24.0, 28.0, 28.0])?;
    let rows = s
        .counter_survey
        .sections
        .iter()
        .map(|x| {
            let mut row = vec![t(&x.id)];
            row.extend(three(&x.name));
            row
        })
        .collect();
    let ws = wb.add_worksheet().set_name(COUNTERS)?;
    table(ws, &f, &section_headers(), rows, &[24.0, 24.0, 28.0, 28.0])?;

    // The plan's policies, then their initiatives under each policy's id.
    let rows = s
        .plan
        .policies
        .iter()
        .map(|p| {
            let mut row = vec![t(&p.id), V::N(p.number.into())];
            row.extend(three(&p.name));
            row
        })
        .collect();
    let ws = wb.add_worksheet().set_name(POLICIES)?;
    table(ws, &f, &policy_headers(), rows, &[26.0, 8.0, 30.0, 34.0, 34.0])?;
    let rows = s
        .plan
        .policies
        .iter()
        .flat_map(|p| {
            p.initiatives.iter().map(move |i| {
                let mut row = vec![t(&p.id), V::N(i.number.into())];
                row.extend(three(&i.name));
                row
            })
        })
        .collect();
    let ws = wb.add_worksheet().set_name(INITIATIVES)?;
    table(ws, &f, &initiative_headers(), rows, &[26.0, 8.0, 36.0, 40.0, 40.0])?;

    let rows = s
        .indicator_groups
        .iter()
        .map(|g| {
            let mut row = vec![t(&g.id), V::N(g.number.into())];
            row.extend(three(&g.name));
            row
        })
        .collect();
    let ws = wb.add_worksheet().set_name(GROUPS)?;
    table(ws, &f, &group_headers(), rows, &[30.0, 8.0, 36.0, 40.0, 40.0])?;

    wb.save_to_buffer()
}

/// The value of one of その他の数値's items.
fn other_value(s: &Snapshot, id: &str) -> V {
    let n = |x: u32| V::N(x.into());
    match id {
        "staff-survey-year" => s.staff_survey.as_ref().map_or(V::Empty, |x| n(x.conducted.year.into())),
        "staff-survey-month" => s.staff_survey.as_ref().map_or(V::Empty, |x| n(x.conducted.month.into())),
        "staff-survey-respondents" => s.staff_survey.as_ref().map_or(V::Empty, |x| n(x.respondents)),
        "requests-commenters" => s.citizen_requests.as_ref().map_or(V::Empty, |x| n(x.commenters)),
        "requests-respondents" => s.citizen_requests.as_ref().map_or(V::Empty, |x| n(x.respondents)),
        "source-published-year" => n(s.source.published.year.into()),
        "source-published-month" => n(s.source.published.month.into()),
        "plan-stage-number" => n(s.plan.stage_number.into()),
        "plan-period-from" => n(s.plan.period.from.0.into()),
        "plan-period-to" => n(s.plan.period.to.0.into()),
        _ => V::Empty,
    }
}
