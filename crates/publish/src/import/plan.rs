//! 「方針」 and 「取組」 read into the plan's policies and their example initiatives, and
//! 「指標グループ」 into the indicator groups, one row each,
//! every value with its cell. A policy keeps what 「テキスト」 says of its aims and approach, found
//! by its id; a row with no id is a new policy, whose id the import makes (`policy-N`) and the next
//! workbook shows. The sheets replace the published lists; a workbook without them keeps them.

use snapshot::{IndicatorGroup, Initiative, Policy, Snapshot, Text};

use super::Importer;
use crate::problem::Kind;
use crate::workbook::layout::*;
use crate::workbook::{Book, Sheet};

impl Importer {
    pub(super) fn policies(&mut self, book: &Book, s: &mut Snapshot) {
        let Some(sheet) = self.optional_sheet(book, POLICIES, &policy_headers()) else {
            return;
        };
        let published: Vec<&str> = s.plan.policies.iter().map(|p| p.id.as_str()).collect();
        let rows = self.numbered_rows(sheet, POLICIES, "plan.policies", &published, "policy");
        let mut policies: Vec<Policy> = rows
            .into_iter()
            .map(|r| match r.earlier {
                Some(i) => Policy {
                    number: r.number,
                    name: r.name,
                    ..s.plan.policies[i].clone()
                },
                None => Policy {
                    id: r.id,
                    number: r.number,
                    name: r.name,
                    aims: vec![],
                    approach: vec![],
                    initiatives: vec![],
                    initiatives_note: None,
                },
            })
            .collect();
        self.initiatives(book, &mut policies);
        s.plan.policies = policies;
    }

    /// 取組: each policy's initiatives, in the sheet's order; a workbook without the sheet keeps
    /// each policy's published ones.
    fn initiatives(&mut self, book: &Book, policies: &mut [Policy]) {
        let Some(sheet) = self.optional_sheet(book, INITIATIVES, &initiative_headers()) else {
            return;
        };
        for p in policies.iter_mut() {
            p.initiatives.clear();
        }
        for row in sheet.data_rows() {
            let (policy, name) = (sheet.text(row, 0), Self::three(sheet, row, 2));
            if policy.is_none() && name.is_none() && sheet.get(row, 1).is_none() {
                continue;
            }
            let number = self.small_number(sheet, INITIATIVES, row, 1);
            if name.as_ref().is_none_or(|n| n.ja.is_empty()) {
                self.report(INITIATIVES, row, 2, Kind::Required);
            }
            let index = match policy {
                None => {
                    self.report(INITIATIVES, row, 0, Kind::Required);
                    None
                }
                Some(id) => policies.iter().position(|p| p.id == id).or_else(|| {
                    let allowed = policies.iter().map(|p| p.id.as_str()).collect::<Vec<_>>().join("」「");
                    self.report(
                        INITIATIVES,
                        row,
                        0,
                        Kind::NotOneOf {
                            found: id,
                            allowed: format!("「{allowed}」"),
                        },
                    );
                    None
                }),
            };
            let (Some(i), Some(number), Some(name)) = (index, number, name) else {
                continue;
            };
            let at = format!("plan.policies[{i}].initiatives[{}]", policies[i].initiatives.len());
            for (field, col) in [("", 0), (".number", 1)] {
                self.from(format!("{at}{field}"), INITIATIVES, row, col);
            }
            self.text_from(format!("{at}.name"), INITIATIVES, row, 2);
            policies[i].initiatives.push(Initiative { number, name });
        }
    }

    /// A number from 1 to 255 (a policy's or an initiative's): `None` once reported.
    fn small_number(&mut self, sheet: &Sheet, name: &'static str, row: u32, col: u32) -> Option<u8> {
        let n = self.whole(sheet, row, col).ok()?;
        u8::try_from(n).ok().filter(|n| *n > 0).or_else(|| {
            self.report(
                name,
                row,
                col,
                Kind::NotOneOf {
                    found: n.to_string(),
                    allowed: "1〜255".into(),
                },
            );
            None
        })
    }

    /// 指標グループ: the indicator groups; a row with no id is a new group (`group-N`), which a new
    /// indicator names by its number. A group keeps its assessment from 「テキスト」, by its id.
    pub(super) fn groups(&mut self, book: &Book, s: &mut Snapshot) {
        let Some(sheet) = self.optional_sheet(book, GROUPS, &group_headers()) else {
            return;
        };
        let published: Vec<&str> = s.indicator_groups.iter().map(|g| g.id.as_str()).collect();
        let rows = self.numbered_rows(sheet, GROUPS, "indicator_groups", &published, "group");
        s.indicator_groups = rows
            .into_iter()
            .map(|r| IndicatorGroup {
                assessment: r.earlier.and_then(|i| s.indicator_groups[i].assessment.clone()),
                id: r.id,
                number: r.number,
                name: r.name,
            })
            .collect();
    }

    /// The rows of a sheet listing numbered, named things (方針, 指標グループ: id, number, name in
    /// three languages), in the sheet's order, each value with its cell at `path[i]`. A row with no
    /// id is a new one, named `{prefix}-N` (the first free); an id not published is a problem.
    fn numbered_rows(&mut self, sheet: &Sheet, name: &'static str, path: &str, published: &[&str], prefix: &str) -> Vec<NumberedRow> {
        self.from(path, name, 0, 0);
        let mut rows: Vec<NumberedRow> = Vec::new();
        for row in sheet.data_rows() {
            let (id, text) = (sheet.text(row, 0), Self::three(sheet, row, 2));
            if id.is_none() && text.is_none() && sheet.get(row, 1).is_none() {
                continue;
            }
            let number = self.small_number(sheet, name, row, 1);
            if text.as_ref().is_none_or(|n| n.ja.is_empty()) {
                self.report(name, row, 2, Kind::Required);
            }
            let earlier = match &id {
                Some(id) => match published.iter().position(|p| p == id) {
                    Some(i) => Some(i),
                    None => {
                        self.report(name, row, 0, Kind::UnknownId(id.clone()));
                        continue;
                    }
                },
                None => None,
            };
            let (Some(number), Some(text)) = (number, text) else {
                continue;
            };
            let id = match earlier {
                Some(i) => published[i].to_string(),
                None => fresh_id(prefix, |id| published.contains(&id) || rows.iter().any(|r| r.id == id)),
            };
            let at = format!("{path}[{}]", rows.len());
            for (field, col) in [("", 0), (".id", 0), (".number", 1)] {
                self.from(format!("{at}{field}"), name, row, col);
            }
            self.text_from(format!("{at}.name"), name, row, 2);
            rows.push(NumberedRow {
                earlier,
                id,
                number,
                name: text,
            });
        }
        rows
    }
}

/// One row of [`Importer::numbered_rows`]: the published thing it names (by index), or none for
/// a new one, and its id, number and name.
struct NumberedRow {
    earlier: Option<usize>,
    id: String,
    number: u8,
    name: Text,
}

/// The first `{prefix}-N` not `taken`: the id the import gives a new policy, group or indicator,
/// which the next workbook shows, so it stays.
pub(super) fn fresh_id(prefix: &str, taken: impl Fn(&str) -> bool) -> String {
    (1..).map(|n| format!("{prefix}-{n}")).find(|id| !taken(id)).unwrap_or_default()
}
