//! 「方針」 and 「取組」 read into the plan's policies and their example initiatives, and
//! 「指標グループ」 into the indicator groups, one row each,
//! every value with its cell. A policy keeps what 「テキスト」 says of its aims and approach, found
//! by its id; a row with no id is a new policy, whose id the import makes (`policy-N`) and the next
//! workbook shows. The sheets replace the published lists; a workbook without them keeps them.

use snapshot::{IndicatorGroup, Initiative, Policy, Snapshot};

use super::Importer;
use crate::problem::Kind;
use crate::workbook::layout::*;
use crate::workbook::{Book, Sheet};

impl Importer {
    pub(super) fn policies(&mut self, book: &Book, s: &mut Snapshot) {
        let Some(sheet) = self.optional_sheet(book, POLICIES, &policy_headers()) else {
            return;
        };
        self.from("plan.policies", POLICIES, 0, 0);
        let published: Vec<String> = s.plan.policies.iter().map(|p| p.id.clone()).collect();
        let mut policies: Vec<Policy> = Vec::new();
        for row in sheet.data_rows() {
            let (id, name) = (sheet.text(row, 0), Self::three(sheet, row, 2));
            if id.is_none() && name.is_none() && sheet.get(row, 1).is_none() {
                continue;
            }
            let number = self.small_number(sheet, POLICIES, row, 1);
            if name.as_ref().is_none_or(|n| n.ja.is_empty()) {
                self.report(POLICIES, row, 2, Kind::Required);
            }
            let earlier = match &id {
                Some(id) if !published.contains(id) => {
                    self.report(POLICIES, row, 0, Kind::UnknownId(id.clone()));
                    continue;
                }
                Some(id) => s.plan.policies.iter().find(|p| p.id == *id).cloned(),
                None => None,
            };
            let (Some(number), Some(name)) = (number, name) else {
                continue;
            };
            let id = match earlier.as_ref() {
                Some(p) => p.id.clone(),
                None => (1..)
                    .map(|n| format!("policy-{n}"))
                    .find(|id| !published.contains(id) && !policies.iter().any(|p| p.id == *id))
                    .unwrap_or_default(),
            };
            let at = format!("plan.policies[{}]", policies.len());
            for (field, col) in [("", 0), (".id", 0), (".number", 1)] {
                self.from(format!("{at}{field}"), POLICIES, row, col);
            }
            self.text_from(format!("{at}.name"), POLICIES, row, 2);
            policies.push(match earlier {
                Some(p) => Policy { number, name, ..p },
                None => Policy {
                    id,
                    number,
                    name,
                    aims: vec![],
                    approach: vec![],
                    initiatives: vec![],
                    initiatives_note: None,
                },
            });
        }
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
        self.from("indicator_groups", GROUPS, 0, 0);
        let published: Vec<String> = s.indicator_groups.iter().map(|g| g.id.clone()).collect();
        let mut groups: Vec<IndicatorGroup> = Vec::new();
        for row in sheet.data_rows() {
            let (id, name) = (sheet.text(row, 0), Self::three(sheet, row, 2));
            if id.is_none() && name.is_none() && sheet.get(row, 1).is_none() {
                continue;
            }
            let number = self.small_number(sheet, GROUPS, row, 1);
            if name.as_ref().is_none_or(|n| n.ja.is_empty()) {
                self.report(GROUPS, row, 2, Kind::Required);
            }
            let earlier = match &id {
                Some(id) if !published.contains(id) => {
                    self.report(GROUPS, row, 0, Kind::UnknownId(id.clone()));
                    continue;
                }
                Some(id) => s.indicator_groups.iter().find(|g| g.id == *id).cloned(),
                None => None,
            };
            let (Some(number), Some(name)) = (number, name) else {
                continue;
            };
            let id = earlier.as_ref().map_or_else(
                || {
                    (1..)
                        .map(|n| format!("group-{n}"))
                        .find(|id| !published.contains(id) && !groups.iter().any(|g| g.id == *id))
                        .unwrap_or_default()
                },
                |g| g.id.clone(),
            );
            let at = format!("indicator_groups[{}]", groups.len());
            for (field, col) in [("", 0), (".id", 0), (".number", 1)] {
                self.from(format!("{at}{field}"), GROUPS, row, col);
            }
            self.text_from(format!("{at}.name"), GROUPS, row, 2);
            groups.push(IndicatorGroup {
                id,
                number,
                name,
                assessment: earlier.and_then(|g| g.assessment),
            });
        }
        s.indicator_groups = groups;
    }
}
