//! What is wrong with an uploaded workbook, named by sheet and cell in the clerk's words:
//! 「検証指標」シート D7: 数値ではありません（"abc"）. A rule of the snapshot checker broken by a
//! figure is reported at the cell the figure came from, worded by the checker's own table.

use snapshot::Locale;

use crate::words::words;
use crate::workbook::CellRef;

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    NotANumber(String),
    NotAWholeNumber(String),
    FormulaWithoutResult(String),
    MergedCells(String),
    MissingSheet,
    HeaderDiffers {
        expected: String,
        found: String,
    },
    UnknownId(String),
    MissingRow(String),
    RowTwice(String),
    PublishedFigureEmptied(String),
    Required,
    /// A word that must be one of a few (an answer's status).
    NotOneOf {
        found: String,
        allowed: String,
    },
    /// Not a date (`2024-03-31`).
    NotADate(String),
    FileTooLarge {
        max_mib: u64,
    },
    Unzipped {
        max_mib: u64,
    },
    TooManyRows {
        max: u32,
    },
    TooManyColumns {
        max: u32,
    },
    NotAWorkbook(String),
    UnknownEncoding,
    NoSheets,
    /// A CSV file whose name is no sheet's (`検証指標.csv`, or LibreOffice's `BOOK-検証指標.csv`).
    FileMatchesNoSheet(String),
    /// A target year typed in this workbook outside the plan's period.
    TargetOutsidePlan {
        year: u16,
        from: u16,
        to: u16,
    },
    /// A rule of the snapshot checker (negative counts, percentages over 100, sums, order...).
    Rule(snapshot::Problem),
    /// The data folder refused (the id is already published, the folder cannot be read), worded
    /// at once in both languages: an I/O error cannot be kept to be worded later.
    Folder {
        ja: String,
        en: String,
    },
}

impl Kind {
    pub fn folder(e: &crate::FolderError) -> Kind {
        Kind::Folder {
            ja: e.message(Locale::Ja),
            en: e.message(Locale::En),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct SheetProblem {
    pub sheet: Option<String>,
    pub cell: Option<CellRef>,
    pub kind: Kind,
}

impl SheetProblem {
    pub fn at(sheet: &str, cell: CellRef, kind: Kind) -> SheetProblem {
        SheetProblem {
            sheet: Some(sheet.to_string()),
            cell: Some(cell),
            kind,
        }
    }

    pub fn sheet(sheet: &str, kind: Kind) -> SheetProblem {
        SheetProblem {
            sheet: Some(sheet.to_string()),
            cell: None,
            kind,
        }
    }

    pub fn file(kind: Kind) -> SheetProblem {
        SheetProblem {
            sheet: None,
            cell: None,
            kind,
        }
    }

    /// `「検証指標」シート D7: 数値ではありません（"abc"）`, or in English
    /// `sheet "検証指標" D7: not a number ("abc")`.
    pub fn message(&self, lang: Locale) -> String {
        let w = words(lang);
        let place = match (&self.sheet, self.cell) {
            (Some(s), Some(c)) => w.at_cell(s, &c.to_string()),
            (Some(s), None) => w.at_sheet(s),
            (None, _) => String::new(),
        };
        format!("{place}{}", self.kind.message(lang))
    }
}

impl Kind {
    pub fn message(&self, lang: Locale) -> String {
        let w = words(lang);
        match self {
            // A number's text is shown as Rust quotes it, so a stray space or tab is seen.
            Kind::NotANumber(v) => w.not_a_number(&format!("{v:?}")),
            Kind::NotAWholeNumber(v) => w.not_a_whole_number(&format!("{v:?}")),
            Kind::FormulaWithoutResult(f) => w.formula_without_result(f),
            Kind::MergedCells(r) => w.merged_cells(r),
            Kind::MissingSheet => w.missing_sheet.into(),
            Kind::HeaderDiffers { expected, found } => w.header_differs(expected, found),
            Kind::UnknownId(id) => w.unknown_id(id),
            Kind::MissingRow(id) => w.missing_row(id),
            Kind::RowTwice(id) => w.row_twice(id),
            Kind::PublishedFigureEmptied(v) => w.published_figure_emptied(v),
            Kind::Required => w.required.into(),
            Kind::NotOneOf { found, allowed } => w.not_one_of(found, allowed),
            Kind::NotADate(v) => w.not_a_date(v),
            Kind::FileTooLarge { max_mib } => w.file_too_large(&max_mib.to_string()),
            Kind::Unzipped { max_mib } => w.unzipped(&max_mib.to_string()),
            Kind::TooManyRows { max } => w.too_many_rows(&max.to_string()),
            Kind::TooManyColumns { max } => w.too_many_columns(&max.to_string()),
            Kind::NotAWorkbook(d) => w.not_a_workbook(d),
            Kind::UnknownEncoding => w.unknown_encoding.into(),
            Kind::NoSheets => w.no_sheets.into(),
            Kind::FileMatchesNoSheet(file) => w.file_matches_no_sheet(file),
            Kind::TargetOutsidePlan { year, from, to } => w.target_outside_plan(&year.to_string(), &from.to_string(), &to.to_string()),
            Kind::Rule(p) => p.message_in(lang),
            Kind::Folder { en, .. } if lang == Locale::En => en.clone(),
            Kind::Folder { ja, .. } => ja.clone(),
        }
    }
}
