//! What is wrong with an uploaded workbook, named by sheet and cell in the clerk's words:
//! 「検証指標」シート D7: 数値ではありません（"abc"）. A rule of the snapshot checker broken by a
//! figure is reported at the cell the figure came from, worded by the checker's own table.

use snapshot::Locale;

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
    /// A rule of the snapshot checker (negative counts, percentages over 100, sums, order...).
    Rule(snapshot::Problem),
    /// The data folder refused (the id is already published, the folder cannot be read), worded
    /// in both languages.
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
        let en = lang == Locale::En;
        let place = match (&self.sheet, self.cell, en) {
            (Some(s), Some(c), false) => format!("「{s}」シート {c}: "),
            (Some(s), None, false) => format!("「{s}」シート: "),
            (Some(s), Some(c), true) => format!("sheet \"{s}\" {c}: "),
            (Some(s), None, true) => format!("sheet \"{s}\": "),
            (None, _, _) => String::new(),
        };
        format!("{place}{}", self.kind.message(lang))
    }
}

impl Kind {
    pub fn message(&self, lang: Locale) -> String {
        let en = lang == Locale::En;
        match self {
            Kind::NotANumber(v) if en => format!("not a number ({v:?})"),
            Kind::NotANumber(v) => format!("数値ではありません（{v:?}）"),
            Kind::NotAWholeNumber(v) if en => format!("not a whole number ({v:?})"),
            Kind::NotAWholeNumber(v) => format!("整数ではありません（{v:?}）"),
            Kind::FormulaWithoutResult(f) if en => {
                format!("a formula saved without its result ({f}); open and save the file in Excel or LibreOffice, or type the value")
            }
            Kind::FormulaWithoutResult(f) => {
                format!("数式（{f}）の計算結果が保存されていません。ExcelやLibreOfficeで開いて保存し直すか、数値を直接入力してください")
            }
            Kind::MergedCells(r) if en => format!("cells {r} are merged; unmerge them (one value per cell)"),
            Kind::MergedCells(r) => format!("セル {r} が結合されています。結合を解除してください（1つのセルに1つの値）"),
            Kind::MissingSheet if en => "this sheet is missing; do not rename or delete sheets".into(),
            Kind::MissingSheet => "このシートがありません。シートの名前を変えたり、消したりしないでください".into(),
            Kind::HeaderDiffers { expected, found } if en => {
                format!("the heading should read {expected:?}, not {found:?}; do not change the first row")
            }
            Kind::HeaderDiffers { expected, found } => {
                format!("見出しは「{expected}」のはずですが「{found}」になっています。1行目は変えないでください")
            }
            Kind::UnknownId(id) if en => format!("unknown id {id:?}; do not change id columns"),
            Kind::UnknownId(id) => format!("ID「{id}」は見つかりません。IDの列は変えないでください"),
            Kind::MissingRow(id) if en => format!("the row for {id:?} is missing; do not delete rows"),
            Kind::MissingRow(id) => format!("「{id}」の行がありません。行を消さないでください"),
            Kind::RowTwice(id) if en => format!("{id:?} has more than one row"),
            Kind::RowTwice(id) => format!("「{id}」の行が2つ以上あります"),
            Kind::PublishedFigureEmptied(v) if en => {
                format!("this cell is empty, but {v} was published here; a published figure cannot be removed")
            }
            Kind::PublishedFigureEmptied(v) => format!("空欄ですが、公開済みの数値（{v}）があります。公開した数値は消せません"),
            Kind::Required if en => "must not be empty".into(),
            Kind::Required => "空欄にはできません".into(),
            Kind::NotOneOf { found, allowed } if en => format!("{found:?} is not one of {allowed}"),
            Kind::NotOneOf { found, allowed } => format!("「{found}」は使えません。{allowed}のどれかにしてください"),
            Kind::NotADate(v) if en => format!("{v:?} is not a date; write YYYY-MM-DD"),
            Kind::NotADate(v) => format!("「{v}」は日付ではありません。YYYY-MM-DD の形で書いてください"),
            Kind::FileTooLarge { max_mib } if en => format!("the file is larger than {max_mib} MiB"),
            Kind::FileTooLarge { max_mib } => format!("ファイルが大きすぎます（{max_mib}MiBまで）"),
            Kind::Unzipped { max_mib } if en => {
                format!("the workbook unpacks to more than {max_mib} MiB; it is not a workbook this tool writes")
            }
            Kind::Unzipped { max_mib } => format!("ファイルを展開すると{max_mib}MiBを超えます。このワークブックの形式ではありません"),
            Kind::TooManyRows { max } if en => format!("more than {max} rows; nothing was read beyond that"),
            Kind::TooManyRows { max } => format!("行が多すぎます（{max}行まで）"),
            Kind::TooManyColumns { max } if en => format!("more than {max} columns"),
            Kind::TooManyColumns { max } => format!("列が多すぎます（{max}列まで）"),
            Kind::NotAWorkbook(d) if en => format!("not a workbook that can be read (.xlsx, .ods, or a folder of .csv): {d}"),
            Kind::NotAWorkbook(d) => format!("読み込めるワークブック（.xlsx、.ods、CSVのフォルダ）ではありません：{d}"),
            Kind::UnknownEncoding if en => "the characters are neither UTF-8 nor Shift_JIS; save the CSV again as UTF-8".into(),
            Kind::UnknownEncoding => "文字コードがUTF-8でもShift_JISでもありません。CSV UTF-8で保存し直してください".into(),
            Kind::NoSheets if en => "no sheet of the workbook was found".into(),
            Kind::NoSheets => "ワークブックのシートが見つかりません".into(),
            Kind::Rule(p) => p.message_in(if en { Locale::En } else { Locale::Ja }),
            Kind::Folder { en: text, .. } if en => text.clone(),
            Kind::Folder { ja, .. } => ja.clone(),
        }
    }
}
