//! Validation beyond parsing: ids, ordering, sums, ranges and sizes.
//!
//! Every rule reports a [`Problem`] naming the JSON path it concerns, in the same
//! `a.b[0].c` form that parse errors use, so a publisher can find it in the file.

use std::collections::HashSet;

use crate::model::*;
use crate::params;
pub use crate::problem::{Code, Lang, Problem};

/// Largest snapshot file accepted, in bytes. Ten years of monthly figures by ward and
/// section fit in well under a tenth of this.
pub const MAX_SNAPSHOT_BYTES: usize = 4 * 1024 * 1024;
/// Largest manifest file accepted, in bytes.
pub const MAX_MANIFEST_BYTES: usize = 256 * 1024;
/// Longest name or title, in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// Longest paragraph, in characters.
pub const MAX_PROSE_CHARS: usize = 1000;
/// Most entries in a list of texts (aims, comments, highlights...).
pub const MAX_LIST: usize = 100;
/// Most yearly points in one series.
pub const MAX_YEARS: usize = 100;
/// Most monthly points in one series (100 years).
pub const MAX_MONTHS: usize = 1200;
/// Most cells in a survey breakdown.
pub const MAX_BREAKDOWN: usize = 20_000;
/// Fiscal years accepted: from 平成元年度 to 2100.
pub const FISCAL_YEARS: std::ops::RangeInclusive<u16> = 1989..=2100;
/// A published category average may differ from the mean of its rounded question scores by this much.
const AVERAGE_TOLERANCE: f64 = 0.01 + 1e-9;

/// Collects problems while walking the model, keeping track of the current path.
struct Checker {
    path: Vec<String>,
    problems: Vec<Problem>,
}

impl Checker {
    fn new() -> Self {
        Checker { path: Vec::new(), problems: Vec::new() }
    }

    fn here(&self) -> String {
        if self.path.is_empty() {
            return ".".to_string();
        }
        let mut s = String::new();
        for seg in &self.path {
            if !seg.starts_with('[') && !s.is_empty() {
                s.push('.');
            }
            s.push_str(seg);
        }
        s
    }

    fn report(&mut self, code: Code, params: Vec<(&'static str, String)>) {
        let path = self.here();
        self.problems.push(Problem::new(path, code, params));
    }

    /// Runs `f` with `field` appended to the path.
    fn at<R>(&mut self, field: &str, f: impl FnOnce(&mut Self) -> R) -> R {
        self.path.push(field.to_string());
        let r = f(self);
        self.path.pop();
        r
    }

    /// Checks each of the first `max` items at its own index (`[i]` in the path).
    fn each<'a, T>(&mut self, items: &'a [T], max: usize, mut f: impl FnMut(&mut Self, usize, &'a T)) {
        for (i, item) in items.iter().enumerate().take(max) {
            self.index(i, |c| f(c, i, item));
        }
    }

    fn index<R>(&mut self, i: usize, f: impl FnOnce(&mut Self) -> R) -> R {
        self.path.push(format!("[{i}]"));
        let r = f(self);
        self.path.pop();
        r
    }

    // ---- primitive rules -------------------------------------------------------------

    fn string(&mut self, s: &str, max_chars: usize) {
        if s.trim().is_empty() {
            self.report(Code::Empty, vec![]);
            return;
        }
        let n = s.chars().count();
        if n > max_chars {
            self.report(Code::TooLong, params!["chars" => n, "max" => max_chars]);
        }
        if let Some(c) = s.chars().find(|&c| forbidden_char(c, max_chars > MAX_NAME_CHARS)) {
            self.report(Code::ControlCharacter, params!["codepoint" => format!("{:04X}", c as u32)]);
        }
    }

    fn text(&mut self, t: &Text, max_chars: usize) {
        self.at("ja", |c| c.string(&t.ja, max_chars));
        if let Some(en) = &t.en {
            self.at("en", |c| c.string(en, max_chars));
        }
        if let Some(easy) = &t.ja_easy {
            self.at("ja_easy", |c| c.string(easy, max_chars));
        }
    }

    fn opt_text(&mut self, field: &str, t: &Option<Text>, max_chars: usize) {
        if let Some(t) = t {
            self.at(field, |c| c.text(t, max_chars));
        }
    }

    fn texts(&mut self, field: &str, list: &[Text], max_chars: usize, min: usize) {
        self.at(field, |c| {
            c.list_len(list.len(), min, MAX_LIST);
            c.each(&list, MAX_LIST, |c, _i, t| c.text(t, max_chars));
        });
    }

    fn list_len(&mut self, len: usize, min: usize, max: usize) {
        if len < min {
            self.report(if min == 1 { Code::TooFewOne } else { Code::TooFew }, params!["min" => min, "len" => len]);
        }
        if len > max {
            self.report(Code::TooMany, params!["len" => len, "max" => max]);
        }
    }

    fn id(&mut self, id: &str) {
        let ok = !id.is_empty()
            && id.len() <= 64
            && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !id.starts_with('-');
        if !ok {
            self.report(Code::BadId, params!["id" => quoted(id)]);
        }
    }

    /// Checks each id's form and that none repeats, in `field` of each element.
    fn unique_ids<'a>(&mut self, field: &str, ids: impl Iterator<Item = &'a str>) -> HashSet<String> {
        let mut seen = HashSet::new();
        self.at(field, |c| {
            for (i, id) in ids.enumerate() {
                c.index(i, |c| {
                    c.at("id", |c| {
                        c.id(id);
                        if !seen.insert(id.to_string()) {
                            c.report(Code::DuplicateId, params!["id" => quoted(id)]);
                        }
                    })
                });
            }
        });
        seen
    }

    fn numbered(&mut self, field: &str, numbers: impl Iterator<Item = u8>) {
        self.at(field, |c| {
            for (i, n) in numbers.enumerate() {
                c.index(i, |c| {
                    if usize::from(n) != i + 1 {
                        c.at("number", |c| c.report(Code::NumberOrder, params!["number" => n, "expected" => i + 1]))
                    }
                });
            }
        });
    }

    fn fiscal_year(&mut self, fy: FiscalYear) {
        if !FISCAL_YEARS.contains(&fy.0) {
            self.report(Code::FiscalYearRange, params!["year" => fy.0, "from" => FISCAL_YEARS.start(), "to" => FISCAL_YEARS.end()]);
        }
    }

    fn year_month(&mut self, ym: YearMonth) {
        if !FISCAL_YEARS.contains(&ym.year) {
            self.at("year", |c| c.report(Code::YearRange, params!["year" => ym.year, "from" => FISCAL_YEARS.start(), "to" => FISCAL_YEARS.end()]));
        }
        if !(1..=12).contains(&ym.month) {
            self.at("month", |c| c.report(Code::MonthRange, params!["month" => ym.month]));
        }
    }

    fn value(&mut self, v: Option<f64>, unit: Unit) {
        let Some(v) = v else { return };
        if !v.is_finite() {
            self.report(Code::NotFinite, vec![]);
        } else if unit == Unit::Percent && !(0.0..=100.0).contains(&v) {
            self.report(Code::NotPercent, params!["value" => v]);
        } else if unit == Unit::Score && !(1.0..=5.0).contains(&v) {
            self.report(Code::NotScore, params!["value" => v]);
        } else if v < 0.0 {
            self.report(Code::Negative, params!["value" => v]);
        }
    }

    fn year_value(&mut self, yv: &YearValue, unit: Unit) {
        self.at("fiscal_year", |c| c.fiscal_year(yv.fiscal_year));
        self.at("value", |c| c.value(yv.value, unit));
    }

    /// A yearly series: each point valid, years strictly increasing.
    fn yearly(&mut self, field: &str, series: &[YearValue], unit: Unit, min: usize) {
        self.at(field, |c| {
            c.list_len(series.len(), min, MAX_YEARS);
            let mut prev: Option<FiscalYear> = None;
            for (i, yv) in series.iter().enumerate().take(MAX_YEARS) {
                c.index(i, |c| {
                    c.year_value(yv, unit);
                    if let Some(p) = prev {
                        if yv.fiscal_year <= p {
                            c.at("fiscal_year", |c| {
                                c.report(Code::YearsOrder, params!["year" => yv.fiscal_year.0, "previous" => p.0])
                            });
                        }
                    }
                });
                prev = Some(yv.fiscal_year);
            }
        });
    }

    fn measure(&mut self, m: &Measure) {
        self.at("label", |c| c.text(&m.label, MAX_NAME_CHARS));
        self.at("value", |c| c.value(Some(m.value), m.unit));
    }

    fn date(&mut self, s: &str) {
        if !is_iso_date(s) {
            self.report(Code::NotDate, params!["text" => quoted(s)]);
        }
    }

    // ---- the snapshot ------------------------------------------------------------

    fn snapshot(&mut self, s: &Snapshot) {
        if s.format_version != FORMAT_VERSION {
            self.at("format_version", |c| {
                c.report(Code::UnsupportedVersion, params!["found" => s.format_version, "supported" => FORMAT_VERSION])
            });
        }
        self.at("id", |c| c.id(&s.id));
        self.at("as_of", |c| c.date(&s.as_of));
        self.at("source", |c| {
            c.at("title", |c| c.text(&s.source.title, MAX_NAME_CHARS));
            c.at("publisher", |c| c.text(&s.source.publisher, MAX_NAME_CHARS));
            c.at("published", |c| c.year_month(s.source.published));
            if let Some(url) = &s.source.url {
                c.at("url", |c| {
                    if !url.starts_with("https://") || url.len() > 2000 {
                        c.report(Code::NotHttps, vec![]);
                    }
                });
            }
        });
        self.at("plan", |c| c.plan(&s.plan));
        self.at("previous_stage", |c| c.previous_stage(&s.previous_stage));
        self.indicators(s);
        self.at("counter_survey", |c| c.counter_survey(&s.counter_survey, &s.indicators));
        self.at("konbini_certificates", |c| c.konbini(&s.konbini_certificates, &s.indicators));
        self.at("staff_survey", |c| c.staff_survey(&s.staff_survey));
        self.at("citizen_requests", |c| {
            let r = &s.citizen_requests;
            c.at("source", |c| c.text(&r.source, MAX_NAME_CHARS));
            c.at("conducted", |c| c.text(&r.conducted, MAX_NAME_CHARS));
            if r.commenters > r.respondents {
                c.at("commenters", |c| {
                    c.report(Code::CommentersExceedRespondents, params!["commenters" => r.commenters, "respondents" => r.respondents])
                });
            }
            c.texts("requests", &r.requests, MAX_PROSE_CHARS, 0);
        });
    }

    fn plan(&mut self, p: &Plan) {
        self.at("name", |c| c.text(&p.name, MAX_NAME_CHARS));
        self.at("stage", |c| c.text(&p.stage, MAX_NAME_CHARS));
        self.at("period", |c| {
            c.at("from", |c| c.fiscal_year(p.period.from));
            c.at("to", |c| {
                c.fiscal_year(p.period.to);
                if p.period.to < p.period.from {
                    c.report(Code::PeriodBackwards, params!["to" => p.period.to.0, "from" => p.period.from.0]);
                }
            });
        });
        self.at("city_vision", |c| c.text(&p.city_vision, MAX_NAME_CHARS));
        for (field, st) in [("mission", &p.mission), ("vision", &p.vision), ("values", &p.values)] {
            self.at(field, |c| {
                c.at("label", |c| c.text(&st.label, MAX_NAME_CHARS));
                c.at("title", |c| c.text(&st.title, MAX_NAME_CHARS));
                c.at("summary", |c| c.text(&st.summary, MAX_PROSE_CHARS));
            });
        }
        self.texts("aims", &p.aims, MAX_PROSE_CHARS, 0);
        self.at("policies", |c| c.list_len(p.policies.len(), 1, 20));
        self.unique_ids("policies", p.policies.iter().map(|x| x.id.as_str()));
        self.numbered("policies", p.policies.iter().map(|x| x.number));
        self.at("policies", |c| {
            c.each(&p.policies, 20, |c, _i, pol| {
                    c.at("name", |c| c.text(&pol.name, MAX_NAME_CHARS));
                    c.texts("aims", &pol.aims, MAX_PROSE_CHARS, 0);
                    c.texts("approach", &pol.approach, MAX_PROSE_CHARS, 0);
                    c.at("initiatives", |c| c.list_len(pol.initiatives.len(), 0, MAX_LIST));
                    c.numbered("initiatives", pol.initiatives.iter().map(|x| x.number));
                    c.at("initiatives", |c| {
                        for (j, ini) in pol.initiatives.iter().enumerate().take(MAX_LIST) {
                            c.index(j, |c| c.at("name", |c| c.text(&ini.name, MAX_NAME_CHARS)));
                        }
                    });
                    c.opt_text("initiatives_note", &pol.initiatives_note, MAX_PROSE_CHARS);
                });
        });
        self.at("driving", |c| {
            c.at("summary", |c| c.text(&p.driving.summary, MAX_PROSE_CHARS));
            c.at("parts", |c| c.list_len(p.driving.parts.len(), 0, MAX_LIST));
            c.unique_ids("parts", p.driving.parts.iter().map(|x| x.id.as_str()));
            c.at("parts", |c| {
                c.each(&p.driving.parts, MAX_LIST, |c, _i, part| {
                        c.at("name", |c| c.text(&part.name, MAX_NAME_CHARS));
                        c.at("summary", |c| c.text(&part.summary, MAX_PROSE_CHARS));
                    });
            });
        });
        self.at("schedule", |c| {
            c.list_len(p.schedule.len(), 0, MAX_LIST);
            c.each(&p.schedule, MAX_LIST, |c, _i, item| {
                    c.at("when", |c| c.text(&item.when, MAX_NAME_CHARS));
                    c.at("event", |c| c.text(&item.event, MAX_NAME_CHARS));
                });
        });
    }

    fn previous_stage(&mut self, s: &PreviousStage) {
        self.at("name", |c| c.text(&s.name, MAX_NAME_CHARS));
        self.at("goal", |c| c.text(&s.goal, MAX_NAME_CHARS));
        self.texts("goal_points", &s.goal_points, MAX_PROSE_CHARS, 0);
        self.at("promotion_items", |c| c.list_len(s.promotion_items.len(), 0, MAX_LIST));
        self.numbered("promotion_items", s.promotion_items.iter().map(|x| x.number));
        self.at("promotion_items", |c| {
            c.each(&s.promotion_items, MAX_LIST, |c, _i, item| {
                    c.at("name", |c| c.text(&item.name, MAX_NAME_CHARS));
                    c.at("summary", |c| c.text(&item.summary, MAX_PROSE_CHARS));
                });
        });
        self.at("progress", |c| {
            let p = s.progress;
            c.at("as_of_end_of", |c| c.fiscal_year(p.as_of_end_of));
            if u64::from(p.on_plan) + u64::from(p.changed_or_delayed) != u64::from(p.total) {
                c.at("total", |c| {
                    c.report(Code::ProgressSum, params!["on_plan" => p.on_plan, "changed" => p.changed_or_delayed, "sum" => u64::from(p.on_plan) + u64::from(p.changed_or_delayed), "total" => p.total])
                });
            }
        });
        self.at("highlights", |c| c.list_len(s.highlights.len(), 0, MAX_LIST));
        self.unique_ids("highlights", s.highlights.iter().map(|x| x.id.as_str()));
        self.at("highlights", |c| {
            c.each(&s.highlights, MAX_LIST, |c, _i, h| {
                    c.at("title", |c| c.text(&h.title, MAX_PROSE_CHARS));
                    c.opt_text("owner", &h.owner, MAX_NAME_CHARS);
                    if let Some(b) = &h.before {
                        c.at("before", |c| c.measure(b));
                    }
                    c.at("after", |c| {
                        c.list_len(h.after.len(), 0, 5);
                        for (j, m) in h.after.iter().enumerate().take(5) {
                            c.index(j, |c| c.measure(m));
                        }
                    });
                    if h.before.is_some() && h.after.is_empty() {
                        c.at("after", |c| c.report(Code::BeforeWithoutAfter, vec![]));
                    }
                    c.opt_text("note", &h.note, MAX_PROSE_CHARS);
                });
        });
        self.at("delayed", |c| c.list_len(s.delayed.len(), 0, MAX_LIST));
        self.unique_ids("delayed", s.delayed.iter().map(|x| x.id.as_str()));
        self.at("delayed", |c| {
            c.each(&s.delayed, MAX_LIST, |c, _i, d| {
                    c.at("title", |c| c.text(&d.title, MAX_PROSE_CHARS));
                    c.opt_text("owner", &d.owner, MAX_NAME_CHARS);
                });
        });
    }

    fn indicators(&mut self, s: &Snapshot) {
        self.at("indicator_groups", |c| c.list_len(s.indicator_groups.len(), 1, MAX_LIST));
        let groups = self.unique_ids("indicator_groups", s.indicator_groups.iter().map(|g| g.id.as_str()));
        self.numbered("indicator_groups", s.indicator_groups.iter().map(|g| g.number));
        self.at("indicator_groups", |c| {
            c.each(&s.indicator_groups, MAX_LIST, |c, _i, g| {
                    c.at("name", |c| c.text(&g.name, MAX_NAME_CHARS));
                    c.opt_text("assessment", &g.assessment, MAX_NAME_CHARS);
                });
        });
        self.at("indicators", |c| c.list_len(s.indicators.len(), 1, MAX_LIST));
        let ids = self.unique_ids("indicators", s.indicators.iter().map(|x| x.id.as_str()));
        // Each group's own ids also live in the indicators' namespace for cross references.
        for (i, g) in s.indicator_groups.iter().enumerate() {
            if ids.contains(&g.id) {
                self.at("indicator_groups", |c| {
                    c.index(i, |c| c.at("id", |c| c.report(Code::GroupIdIsIndicatorId, params!["id" => quoted(&g.id)])))
                });
            }
        }
        self.at("indicators", |c| {
            c.each(&s.indicators, MAX_LIST, |c, _i, ind| {
                    if !groups.contains(&ind.group) {
                        c.at("group", |c| c.report(Code::NoSuchGroup, params!["id" => quoted(&ind.group)]));
                    }
                    if let Some(m) = &ind.marker {
                        c.at("marker", |c| c.string(m, 8));
                    }
                    c.at("name", |c| c.text(&ind.name, MAX_NAME_CHARS));
                    c.at("baseline", |c| c.year_value(&ind.baseline, ind.unit));
                    c.yearly("actuals", &ind.actuals, ind.unit, 0);
                    if let Some(first) = ind.actuals.first() {
                        if first.fiscal_year <= ind.baseline.fiscal_year {
                            c.at("actuals", |c| {
                                c.index(0, |c| {
                                    c.at("fiscal_year", |c| {
                                        c.report(Code::ActualBeforeBaseline, params!["year" => ind.baseline.fiscal_year.0])
                                    })
                                })
                            });
                        }
                    }
                    c.at("target", |c| {
                        c.year_value(&ind.target, ind.unit);
                        if ind.target.fiscal_year <= ind.baseline.fiscal_year {
                            c.at("fiscal_year", |c| {
                                c.report(Code::TargetBeforeBaseline, params!["year" => ind.baseline.fiscal_year.0])
                            });
                        }
                    });
                    c.opt_text("source", &ind.source, MAX_NAME_CHARS);
                    c.opt_text("assessment", &ind.assessment, MAX_NAME_CHARS);
                });
        });
    }

    /// The series must point at an existing indicator and agree with it wherever both give a year.
    fn matches_indicator(&mut self, indicator_id: &str, series: &[YearValue], target: &YearValue, unit: Unit, all: &[Indicator]) {
        let Some(ind) = all.iter().find(|i| i.id == indicator_id) else {
            self.at("indicator", |c| c.report(Code::NoSuchIndicator, params!["id" => quoted(indicator_id)]));
            return;
        };
        if ind.unit != unit {
            self.at("indicator", |c| c.report(Code::UnitDiffers, params!["id" => format!("{:?}", ind.id)]));
        }
        let published: Vec<YearValue> = std::iter::once(ind.baseline).chain(ind.actuals.iter().copied()).collect();
        self.at("yearly", |c| {
            for (i, yv) in series.iter().enumerate().take(MAX_YEARS) {
                if let Some(p) = published.iter().find(|p| p.fiscal_year == yv.fiscal_year) {
                    if p.value != yv.value {
                        c.index(i, |c| {
                            c.at("value", |c| {
                                c.report(Code::FigureDiffers, params!["value" => show(yv.value), "id" => format!("{:?}", ind.id), "other" => show(p.value), "year" => yv.fiscal_year.0])
                            })
                        });
                    }
                }
            }
        });
        if *target != ind.target {
            self.at("target", |c| c.report(Code::TargetDiffers, params!["id" => format!("{:?}", ind.id)]));
        }
    }

    fn counter_survey(&mut self, cs: &CounterSurvey, indicators: &[Indicator]) {
        self.at("name", |c| c.text(&cs.name, MAX_NAME_CHARS));
        self.at("locations", |c| c.text(&cs.locations, MAX_PROSE_CHARS));
        self.at("sections", |c| c.list_len(cs.sections.len(), 0, 50));
        let sections = self.unique_ids("sections", cs.sections.iter().map(|x| x.id.as_str()));
        self.at("sections", |c| {
            c.each(&cs.sections, 50, |c, _i, x| c.at("name", |c| c.text(&x.name, MAX_NAME_CHARS)));
        });
        self.at("wards", |c| c.list_len(cs.wards.len(), 0, 50));
        let wards = self.unique_ids("wards", cs.wards.iter().map(|x| x.id.as_str()));
        self.at("wards", |c| {
            c.each(&cs.wards, 50, |c, _i, x| c.at("name", |c| c.text(&x.name, MAX_NAME_CHARS)));
        });
        self.at("satisfied_definition", |c| c.text(&cs.satisfied_definition, MAX_PROSE_CHARS));
        self.yearly("yearly", &cs.yearly, Unit::Percent, 0);
        self.at("target", |c| c.year_value(&cs.target, Unit::Percent));
        self.matches_indicator(&cs.indicator, &cs.yearly, &cs.target, Unit::Percent, indicators);
        self.at("breakdown", |c| {
            c.list_len(cs.breakdown.len(), 0, MAX_BREAKDOWN);
            let mut seen = HashSet::new();
            c.each(&cs.breakdown, MAX_BREAKDOWN, |c, _i, b| {
                    c.at("fiscal_year", |c| c.fiscal_year(b.fiscal_year));
                    if let Some(m) = b.month {
                        c.at("month", |c| {
                            c.year_month(m);
                            if fiscal_year_of(m) != b.fiscal_year {
                                c.report(Code::MonthNotInFiscalYear, params!["month" => format!("{}-{:02}", m.year, m.month), "year" => b.fiscal_year.0, "next" => b.fiscal_year.0 + 1]);
                            }
                        });
                    }
                    c.at("value", |c| c.value(b.value, Unit::Percent));
                    if let Some(w) = &b.ward {
                        if !wards.contains(w) {
                            c.at("ward", |c| c.report(Code::NoSuchWard, params!["id" => quoted(w)]));
                        }
                    }
                    if let Some(s) = &b.section {
                        if !sections.contains(s) {
                            c.at("section", |c| c.report(Code::NoSuchSection, params!["id" => quoted(s)]));
                        }
                    }
                    if b.ward.is_none() && b.section.is_none() {
                        c.report(Code::CellNamesNothing, vec![]);
                    }
                    if !seen.insert((b.fiscal_year, b.month, b.ward.clone(), b.section.clone())) {
                        c.report(Code::CellTwice, vec![]);
                    }
                });
        });
        self.at("comments", |c| {
            c.texts("satisfied", &cs.comments.satisfied, MAX_PROSE_CHARS, 0);
            c.texts("not_satisfied", &cs.comments.not_satisfied, MAX_PROSE_CHARS, 0);
        });
    }

    fn konbini(&mut self, k: &KonbiniCertificates, indicators: &[Indicator]) {
        self.at("name", |c| c.text(&k.name, MAX_NAME_CHARS));
        self.yearly("yearly", &k.yearly, k.unit, 0);
        self.at("target", |c| c.year_value(&k.target, k.unit));
        self.matches_indicator(&k.indicator, &k.yearly, &k.target, k.unit, indicators);
        self.at("monthly", |c| {
            c.list_len(k.monthly.len(), 0, MAX_MONTHS);
            let mut prev: Option<YearMonth> = None;
            for (i, m) in k.monthly.iter().enumerate().take(MAX_MONTHS) {
                c.index(i, |c| {
                    c.at("month", |c| c.year_month(m.month));
                    c.at("value", |c| c.value(m.value, k.unit));
                    if prev.is_some_and(|p| m.month <= p) {
                        c.at("month", |c| c.report(Code::MonthsOrder, vec![]));
                    }
                });
                prev = Some(m.month);
            }
        });
    }

    fn staff_survey(&mut self, s: &StaffSurvey) {
        self.at("name", |c| c.text(&s.name, MAX_NAME_CHARS));
        self.at("conducted", |c| c.year_month(s.conducted));
        self.at("population", |c| c.text(&s.population, MAX_NAME_CHARS));
        if s.scale_min != 1 || s.scale_max != 5 {
            self.at("scale_max", |c| {
                c.report(Code::ScaleNotOneToFive, params!["min" => s.scale_min, "max" => s.scale_max])
            });
        }
        self.texts("findings", &s.findings, MAX_PROSE_CHARS, 0);
        self.at("categories", |c| c.list_len(s.categories.len(), 0, 50));
        self.unique_ids("categories", s.categories.iter().map(|x| x.id.as_str()));
        // Question ids are unique across the whole survey, so a question can be linked to alone.
        let mut question_ids = HashSet::new();
        self.at("categories", |c| {
            c.each(&s.categories, 50, |c, _i, cat| {
                    c.at("name", |c| c.text(&cat.name, MAX_NAME_CHARS));
                    c.at("average", |c| c.value(cat.average, Unit::Score));
                    c.at("questions", |c| c.list_len(cat.questions.len(), 1, MAX_LIST));
                    c.at("questions", |c| {
                        for (j, q) in cat.questions.iter().enumerate().take(MAX_LIST) {
                            c.index(j, |c| {
                                c.at("id", |c| {
                                    c.id(&q.id);
                                    if !question_ids.insert(q.id.as_str()) {
                                        c.report(Code::QuestionTwice, params!["id" => format!("{:?}", q.id)]);
                                    }
                                });
                                c.at("text", |c| c.text(&q.text, MAX_PROSE_CHARS));
                                c.at("score", |c| c.value(q.score, Unit::Score));
                            });
                        }
                    });
                    let scores: Vec<f64> = cat.questions.iter().filter_map(|q| q.score).collect();
                    if let (Some(avg), false) = (cat.average, scores.is_empty()) {
                        let mean = scores.iter().sum::<f64>() / scores.len() as f64;
                        if avg.is_finite() && (avg - mean).abs() > AVERAGE_TOLERANCE {
                            c.at("average", |c| {
                                c.report(Code::NotTheAverage, params!["average" => avg, "mean" => format!("{mean:.3}")])
                            });
                        }
                    }
                });
        });
    }

    // ---- the manifest ------------------------------------------------------------

    fn manifest(&mut self, m: &Manifest) {
        if m.format_version != FORMAT_VERSION {
            self.at("format_version", |c| {
                c.report(Code::UnsupportedVersion, params!["found" => m.format_version, "supported" => FORMAT_VERSION])
            });
        }
        self.at("snapshots", |c| c.list_len(m.snapshots.len(), 1, 1000));
        let ids = self.unique_ids("snapshots", m.snapshots.iter().map(|e| e.id.as_str()));
        self.at("snapshots", |c| {
            c.each(&m.snapshots, 1000, |c, _i, e| {
                    c.at("as_of", |c| c.date(&e.as_of));
                    c.at("file", |c| {
                        if !is_safe_relative_path(&e.file) {
                            c.report(Code::BadFilePath, params!["file" => quoted(&e.file)]);
                        }
                    });
                    c.at("title", |c| c.text(&e.title, MAX_NAME_CHARS));
                    c.at("sha256", |c| {
                        if !is_sha256(&e.sha256) {
                            c.report(Code::BadHash, vec![]);
                        }
                    });
                });
        });
        if !ids.contains(&m.latest) {
            self.at("latest", |c| c.report(Code::NoSuchSnapshot, params!["id" => quoted(&m.latest)]));
        }
    }
}

/// Characters that must not appear in published text: controls (tab and, in prose, newline
/// allowed), bidirectional overrides that could make text read differently than stored, and
/// other invisible format characters.
fn forbidden_char(c: char, prose: bool) -> bool {
    match c {
        '\n' => !prose,
        '\t' => false,
        '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}' => true,
        c => c.is_control(),
    }
}

/// A text from the file as a problem quotes it: shortened, in quotes, with anything unprintable
/// escaped.
fn quoted(s: &str) -> String {
    format!("{:?}", truncate(s))
}

fn truncate(s: &str) -> String {
    const MAX: usize = 40;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(MAX).collect();
        t.push('…');
        t
    }
}

fn show(v: Option<f64>) -> String {
    v.map_or_else(|| "null".to_string(), |v| v.to_string())
}

/// The fiscal year a month belongs to: January–March belong to the year before.
pub fn fiscal_year_of(m: YearMonth) -> FiscalYear {
    FiscalYear(if m.month >= 4 { m.year } else { m.year.saturating_sub(1) })
}

/// `YYYY-MM-DD` with a real day of the month, or `YYYY-MM`.
pub fn is_iso_date(s: &str) -> bool {
    if s.len() == 7 {
        return is_iso_date(&format!("{s}-01"));
    }
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = s.get(r)?;
        if part.bytes().all(|c| c.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) else { return false };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1900..=2100).contains(&y) && (1..=days).contains(&d)
}

fn is_safe_relative_path(p: &str) -> bool {
    !p.is_empty()
        && p.len() <= 200
        && p.ends_with(".json")
        && !p.starts_with('/')
        && p.split('/').all(|seg| !seg.is_empty() && seg != "." && seg != "..")
        && p.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_./".contains(&b))
}

fn is_sha256(s: &str) -> bool {
    s.strip_prefix("sha256-")
        .is_some_and(|h| h.len() == 64 && h.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)))
}

/// Every rule applied to a parsed snapshot.
pub fn check_snapshot(s: &Snapshot) -> Vec<Problem> {
    let mut c = Checker::new();
    c.snapshot(s);
    c.problems
}

/// Every rule applied to a parsed manifest (files and hashes are checked by the caller, who has the files).
pub fn check_manifest(m: &Manifest) -> Vec<Problem> {
    let mut c = Checker::new();
    c.manifest(m);
    c.problems
}
