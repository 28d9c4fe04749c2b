//! The snapshot's own rules: the plan, the previous stage, the indicators, and the surveys and
//! series that must agree with them.

use super::*;

/// Most offices a city lists: every ward office, branch and sub-branch of the largest cities.
pub const MAX_OFFICES: usize = 100;

#[cfg(feature = "logo-check")]
fn logo_rules(svg: &str) -> Vec<(Code, Vec<(&'static str, String)>)> {
    crate::logo::problems(svg)
}

#[cfg(not(feature = "logo-check"))]
fn logo_rules(_: &str) -> Vec<(Code, Vec<(&'static str, String)>)> {
    Vec::new()
}

impl Checker {
    pub(super) fn snapshot(&mut self, s: &Snapshot) {
        if s.format_version != FORMAT_VERSION {
            self.at("format_version", |c| {
                c.report(
                    Code::UnsupportedVersion,
                    params!["found" => s.format_version, "supported" => FORMAT_VERSION],
                )
            });
        }
        self.at("id", |c| c.id(&s.id));
        self.at("as_of", |c| c.date(&s.as_of));
        self.at("source", |c| {
            c.at("title", |c| c.text(&s.source.title, MAX_NAME_CHARS));
            c.at("publisher", |c| c.text(&s.source.publisher, MAX_NAME_CHARS));
            c.at("published", |c| c.year_month(s.source.published));
            if let Some(url) = &s.source.url {
                c.at("url", |c| c.https(url));
            }
        });
        if let Some(city) = &s.city {
            self.at("city", |c| c.city(city));
        }
        self.at("plan", |c| c.plan(&s.plan));
        if let Some(p) = &s.previous_stage {
            self.at("previous_stage", |c| c.previous_stage(p));
        }
        self.at("readings", |c| c.city_readings(&s.readings));
        self.indicators(s);
        self.at("counter_survey", |c| c.counter_survey(&s.counter_survey, &s.indicators));
        if let Some(k) = &s.konbini_certificates {
            self.at("konbini_certificates", |c| c.konbini(k, &s.indicators));
        }
        if let Some(ss) = &s.staff_survey {
            self.at("staff_survey", |c| c.staff_survey(ss));
        }
        let Some(r) = &s.citizen_requests else {
            self.at("voices", |c| c.voices(s));
            return;
        };
        self.at("citizen_requests", |c| {
            c.at("source", |c| c.text(&r.source, MAX_NAME_CHARS));
            c.at("conducted", |c| c.text(&r.conducted, MAX_NAME_CHARS));
            if r.commenters > r.respondents {
                c.at("commenters", |c| {
                    c.report(
                        Code::CommentersExceedRespondents,
                        params!["commenters" => r.commenters, "respondents" => r.respondents],
                    )
                });
            }
            c.texts("requests", &r.requests, MAX_PROSE_CHARS, 0);
        });
        self.at("voices", |c| c.voices(s));
    }

    fn city(&mut self, city: &City) {
        self.at("name", |c| c.text(&city.name, MAX_NAME_CHARS));
        self.at("introduction", |c| c.text(&city.introduction, MAX_PROSE_CHARS));
        self.at("homepage", |c| c.https(&city.homepage));
        // At least one: a counter survey answer names the office it was given at.
        self.at("offices", |c| c.list_len(city.offices.len(), 1, MAX_OFFICES));
        self.unique_ids("offices", city.offices.iter().map(|o| o.id.as_str()));
        self.at("offices", |c| {
            c.each(&city.offices, MAX_OFFICES, |c, _i, o| {
                c.at("name", |c| c.text(&o.name, MAX_NAME_CHARS))
            });
        });
        if let Some(licence) = &city.licence {
            self.at("licence", |c| c.https(licence));
        }
        if let Some(logo) = &city.logo {
            self.at("logo", |c| c.logo(logo));
        }
        if let Some(accent) = &city.accent {
            self.at("accent", |c| c.accent(accent));
        }
    }

    /// An SVG that only draws (`crate::logo`). The browser's build has no XML parser and trusts
    /// the server, which checked it; it still bounds the text.
    fn logo(&mut self, svg: &str) {
        let chars = svg.chars().count();
        let found = if chars > crate::logo::MAX_LOGO_CHARS {
            vec![(Code::TooLong, params!["chars" => chars, "max" => crate::logo::MAX_LOGO_CHARS])]
        } else {
            logo_rules(svg)
        };
        for (code, params) in found {
            self.report(code, params);
        }
    }

    /// `#RRGGBB`, readable as text on every light background.
    fn accent(&mut self, text: &str) {
        let Some(rgb) = crate::colour::parse(text) else {
            let shown: String = text.chars().take(20).collect();
            self.report(Code::NotColour, params!["text" => shown]);
            return;
        };
        let (ratio, on) = crate::colour::lowest_contrast(rgb);
        if ratio < crate::colour::MIN_CONTRAST {
            let background = crate::colour::LIGHT_BACKGROUNDS
                .iter()
                .find(|(n, _)| *n == on)
                .map_or("", |(_, c)| c);
            // Rounded down, so 4.49 never reads as the 4.5 it misses.
            let shown = (ratio * 100.0).floor() / 100.0;
            self.report(
                Code::AccentContrast,
                params!["colour" => text, "ratio" => format!("{shown:.2}"), "background" => background],
            );
        }
    }

    /// An address a page may link to: `https://`, and bounded.
    fn https(&mut self, url: &str) {
        if !url.starts_with("https://") || url.len() > 2000 {
            self.report(Code::NotHttps, vec![]);
        }
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
                    c.index(i, |c| {
                        c.at("id", |c| c.report(Code::GroupIdIsIndicatorId, params!["id" => quoted(&g.id)]))
                    })
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
            self.at("indicator", |c| {
                c.report(Code::NoSuchIndicator, params!["id" => quoted(indicator_id)])
            });
            return;
        };
        if ind.unit != unit {
            self.at("indicator", |c| {
                c.report(Code::UnitDiffers, params!["id" => format!("{:?}", ind.id)])
            });
        }
        let published: Vec<YearValue> = std::iter::once(ind.baseline).chain(ind.actuals.iter().copied()).collect();
        self.at("yearly", |c| {
            for (i, yv) in series.iter().enumerate().take(MAX_YEARS) {
                if let Some(p) = published.iter().find(|p| p.fiscal_year == yv.fiscal_year) {
                    if p.value != yv.value {
                        c.index(i, |c| {
                            c.at("value", |c| {
                                c.report(Code::FigureDiffers, params!["value" => show(*yv.value), "id" => format!("{:?}", ind.id), "other" => show(*p.value), "year" => yv.fiscal_year.0])
                            })
                        });
                    }
                }
            }
        });
        if *target != ind.target {
            self.at("target", |c| {
                c.report(Code::TargetDiffers, params!["id" => format!("{:?}", ind.id)])
            });
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
                    c.at("value", |c| c.value(*b.value, Unit::Percent));
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
                    c.at("value", |c| c.value(*m.value, k.unit));
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
                c.at("average", |c| c.value(*cat.average, Unit::Score));
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
                            c.at("score", |c| c.value(*q.score, Unit::Score));
                        });
                    }
                });
                let scores: Vec<f64> = cat.questions.iter().filter_map(|q| *q.score).collect();
                if let (Some(avg), false) = (*cat.average, scores.is_empty()) {
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
}
