//! 「市」 and 「庁舎」 read into the snapshot's `city`, and 「窓口」 into the counters a counter survey
//! asks about: the items of 市 one per row, and the offices
//! one per row in the sheet's order, each value with its cell, so the checker's problems (an id
//! reused or badly formed, an address that is not https) are named where they were typed. The
//! sheets replace the published city; a workbook without them (written before they existed)
//! keeps it, and a 市 left empty names no city.

use snapshot::{City, Office, Section, Snapshot, Text};

use super::Importer;
use crate::problem::Kind;
use crate::workbook::layout::*;
use crate::workbook::Book;

/// An item of 市: its id, its text and row where filled in, and whether it is required.
type Item<'a> = (&'a str, Option<(Text, u32)>, bool);

impl Importer {
    pub(super) fn city(&mut self, book: &Book, s: &mut Snapshot) {
        let Some(sheet) = self.optional_sheet(book, CITY, &city_headers()) else {
            return;
        };
        let ids: Vec<&str> = CITY_ITEMS.iter().map(|(id, _, _)| *id).collect();
        let rows = self.rows_by_id_except(sheet, 0, &ids, |_| false, &LATER_CITY_ITEMS);
        let value = |id: &str| rows.get(id).and_then(|row| Self::three(sheet, *row, 2).map(|t| (t, *row)));
        let items: Vec<Item> = CITY_ITEMS.iter().map(|(id, _, required)| (*id, value(id), *required)).collect();
        // Nothing filled in: the publication names no city, as before the sheet existed; a city
        // once published cannot be emptied away (its name is then required as any item is).
        if items.iter().all(|(_, v, _)| v.is_none()) && s.city.is_none() {
            s.city = None;
            return;
        }
        for (id, v, required) in &items {
            match (v, rows.get(*id)) {
                (None, Some(row)) if *required => self.report(CITY, *row, 2, Kind::Required),
                (Some((_, row)), _) => self.text_from(format!("city.{id}"), CITY, *row, 2),
                _ => {}
            }
        }
        let text = |id: &str| {
            items
                .iter()
                .find(|(i, _, _)| *i == id)
                .and_then(|(_, v, _)| v.as_ref().map(|(t, _)| t.clone()))
        };
        // An item an older workbook has no row for keeps what was published.
        let kept_or = |id: &str, field: fn(&City) -> &Option<String>| match rows.get(id) {
            Some(_) => text(id).map(|t| t.ja).filter(|v| !v.is_empty()),
            None => s.city.as_ref().and_then(|c| field(c).clone()),
        };
        let offices = self
            .offices(book)
            .unwrap_or_else(|| s.city.as_ref().map(|c| c.offices.clone()).unwrap_or_default());
        s.city = Some(City {
            name: text("name").unwrap_or_default(),
            introduction: text("introduction").unwrap_or_default(),
            homepage: text("homepage").map(|t| t.ja).unwrap_or_default(),
            offices,
            licence: text("licence").map(|t| t.ja).filter(|l| !l.is_empty()),
            logo: kept_or("logo", |c| &c.logo),
            accent: kept_or("accent", |c| &c.accent),
        });
    }

    /// The offices of 庁舎, in the sheet's order; `None` without the sheet.
    fn offices(&mut self, book: &Book) -> Option<Vec<Office>> {
        let sheet = self.optional_sheet(book, OFFICES, &office_headers())?;
        // The list as a whole (too many offices): the sheet's first cell.
        self.from("city.offices", OFFICES, 0, 0);
        let mut offices = Vec::new();
        for row in sheet.data_rows() {
            let (id, kind, name) = (sheet.text(row, 0), sheet.text(row, 1), Self::three(sheet, row, 2));
            if id.is_none() && kind.is_none() && name.is_none() {
                continue;
            }
            if id.is_none() {
                self.report(OFFICES, row, 0, Kind::Required);
            }
            let kind = match kind {
                None => {
                    self.report(OFFICES, row, 1, Kind::Required);
                    None
                }
                Some(k) => office_kind_of(&k).or_else(|| {
                    self.report(
                        OFFICES,
                        row,
                        1,
                        Kind::NotOneOf {
                            found: k,
                            allowed: "「区役所」「支所」「出張所」".into(),
                        },
                    );
                    None
                }),
            };
            if name.as_ref().is_none_or(|n| n.ja.is_empty()) {
                self.report(OFFICES, row, 2, Kind::Required);
            }
            let (Some(id), Some(kind), Some(name)) = (id, kind, name) else {
                continue;
            };
            let at = format!("city.offices[{}]", offices.len());
            for (field, col) in [("", 0), (".id", 0), (".kind", 1)] {
                self.from(format!("{at}{field}"), OFFICES, row, col);
            }
            self.text_from(format!("{at}.name"), OFFICES, row, 2);
            offices.push(Office { id, kind, name });
        }
        Some(offices)
    }

    /// 窓口: the counters, in the sheet's order; a workbook without the sheet keeps them.
    pub(super) fn counters(&mut self, book: &Book, s: &mut Snapshot) {
        let Some(sheet) = self.optional_sheet(book, COUNTERS, &section_headers()) else {
            return;
        };
        self.from("counter_survey.sections", COUNTERS, 0, 0);
        let mut sections = Vec::new();
        for row in sheet.data_rows() {
            let (id, name) = (sheet.text(row, 0), Self::three(sheet, row, 1));
            if id.is_none() && name.is_none() {
                continue;
            }
            if id.is_none() {
                self.report(COUNTERS, row, 0, Kind::Required);
            }
            if name.as_ref().is_none_or(|n| n.ja.is_empty()) {
                self.report(COUNTERS, row, 1, Kind::Required);
            }
            let (Some(id), Some(name)) = (id, name) else {
                continue;
            };
            let at = format!("counter_survey.sections[{}]", sections.len());
            for (field, col) in [("", 0), (".id", 0)] {
                self.from(format!("{at}{field}"), COUNTERS, row, col);
            }
            self.text_from(format!("{at}.name"), COUNTERS, row, 1);
            sections.push(Section { id, name });
        }
        s.counter_survey.sections = sections;
    }
}
