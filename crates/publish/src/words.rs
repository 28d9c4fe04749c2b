//! Every sentence the publishing side says to a clerk, in Japanese and in English: the workbook's
//! problems, the data folder's refusals and `widget-publish`'s reports. Declared as the widget's
//! strings are ([`snapshot::text_table!`]), so each call is checked by the compiler.

use snapshot::Locale;

snapshot::text_table! {
    /// The clerk's sentences in one language.
    pub struct Words {
        // Where a problem is (`「検証指標」シート D7: `).
        at_cell(sheet, cell),
        at_sheet(sheet),

        // The workbook's problems. A quoted value is quoted as the clerk typed it.
        not_a_number(value),
        not_a_whole_number(value),
        formula_without_result(formula),
        merged_cells(range),
        missing_sheet,
        header_differs(expected, found),
        unknown_id(id),
        missing_row(id),
        row_twice(id),
        published_figure_emptied(value),
        required,
        not_one_of(found, allowed),
        not_a_date(value),
        file_too_large(max_mib),
        unzipped(max_mib),
        too_many_rows(max),
        too_many_columns(max),
        not_a_workbook(detail),
        unknown_encoding,
        no_sheets,
        file_matches_no_sheet(file),
        target_outside_plan(year, from, to),

        // The data folder's refusals.
        folder_io(what, error),
        id_taken(id),
        nothing_to_roll_back,
        folder_empty(dir),
        no_such_draft(id),
        draft_outdated(base, latest),
        store_unavailable(detail),
        not_migrated(dir),
        already_holds(store),

        // widget-publish's reports.
        wrote_workbook(file, as_of),
        import_failed(count),
        published(id, as_of, hash),
        no_problems(id, as_of),
        /// `widget-publish new` wrote the blank workbook.
        blank_written(file),
        rolled_back(removed, latest),
        migrated(publications, drafts, lines),
        error_prefix,
    }
}

/// The clerk's sentences in `lang`; the publishing side speaks standard Japanese or English.
pub fn words(lang: Locale) -> &'static Words {
    match lang {
        Locale::En => &EN,
        Locale::Ja | Locale::JaEasy | Locale::JaFurigana => &JA,
    }
}

static JA: Words = Words {
    at_cell: "「{sheet}」シート {cell}: ",
    at_sheet: "「{sheet}」シート: ",
    not_a_number: "数値ではありません（{value}）",
    not_a_whole_number: "整数ではありません（{value}）",
    formula_without_result:
        "数式（{formula}）の計算結果が保存されていません。ExcelやLibreOfficeで開いて保存し直すか、数値を直接入力してください",
    merged_cells: "セル {range} が結合されています。結合を解除してください（1つのセルに1つの値）",
    missing_sheet: "このシートがありません。シートの名前を変えたり、消したりしないでください",
    header_differs: "見出しは「{expected}」のはずですが「{found}」になっています。1行目は変えないでください",
    unknown_id: "ID「{id}」は見つかりません。IDの列は変えないでください",
    missing_row: "「{id}」の行がありません。行を消さないでください",
    row_twice: "「{id}」の行が2つ以上あります",
    published_figure_emptied: "空欄ですが、公開済みの数値（{value}）があります。公開した数値は消せません",
    required: "空欄にはできません",
    not_one_of: "「{found}」は使えません。{allowed}のどれかにしてください",
    not_a_date: "「{value}」は日付ではありません。YYYY-MM-DD の形で書いてください",
    file_too_large: "ファイルが大きすぎます（{max_mib}MiBまで）",
    unzipped: "ファイルを展開すると{max_mib}MiBを超えます。このワークブックの形式ではありません",
    too_many_rows: "行が多すぎます（{max}行まで）",
    too_many_columns: "列が多すぎます（{max}列まで）",
    not_a_workbook: "読み込めるワークブック（.xlsx、.ods、CSVのフォルダ）ではありません：{detail}",
    unknown_encoding: "文字コードがUTF-8でもShift_JISでもありません。CSV UTF-8で保存し直してください",
    no_sheets: "ワークブックのシートが見つかりません",
    file_matches_no_sheet: "ファイル「{file}」の名前が、どのシートの名前とも合いません。ファイル名は「検証指標.csv」のようにシート名にしてください（LibreOfficeが書く「ブック名-検証指標.csv」でもかまいません）",
    target_outside_plan: "目標年度の{year}年度が、計画の期間（{from}〜{to}年度）の外です。期間の中の年度にしてください（年度は始まる年の西暦で書きます）",
    folder_io: "{what}: 読み書きできませんでした（{error}）",
    id_taken: "ID「{id}」はすでに公開されています。別のIDにしてください",
    nothing_to_roll_back: "戻せる以前の公開がありません（公開は1件だけです）",
    folder_empty: "{dir} に公開データがありません。widget-server を一度起動すると、最初の公開データが入ります",
    no_such_draft: "下書き「{id}」はありません",
    draft_outdated:
        "この下書きは「{base}」をもとに作られましたが、その後「{latest}」が公開されました。最新のワークブックで作り直してください",
    store_unavailable: "いまは公開の作業ができません。データベースにつながりません（{detail}）。何も変わっていません。市民向けの画面はこれまでの公開のまま表示されます",
    not_migrated: "データベースに公開データがありませんが、{dir} にはあります。widget-publish migrate --from {dir} --to <データベースのURL> で移してから起動してください",
    already_holds: "{store} にはすでに公開データがあります。何も移していません",
    wrote_workbook: "{file} を書き出しました（{as_of} 時点の公開データ）",
    import_failed: "{count}件の問題があります。何も公開していません",
    published: "公開しました: {id}（{as_of}）{hash}",
    no_problems: "問題はありません: {id}（{as_of}）。--publish を付けると公開します",
    blank_written: "白紙のワークブックを書きました: {file}。説明シートに沿って入力し、import で読み込んでください",
    rolled_back: "{removed} の公開を取り消し、{latest} を最新に戻しました",
    migrated: "公開 {publications}件、下書き {drafts}件、記録 {lines}行をデータベースに移し、すべてのハッシュを確かめました",
    error_prefix: "エラー: ",
};

static EN: Words = Words {
    at_cell: "sheet \"{sheet}\" {cell}: ",
    at_sheet: "sheet \"{sheet}\": ",
    not_a_number: "not a number ({value})",
    not_a_whole_number: "not a whole number ({value})",
    formula_without_result:
        "a formula saved without its result ({formula}); open and save the file in Excel or LibreOffice, or type the value",
    merged_cells: "cells {range} are merged; unmerge them (one value per cell)",
    missing_sheet: "this sheet is missing; do not rename or delete sheets",
    header_differs: "the heading should read \"{expected}\", not \"{found}\"; do not change the first row",
    unknown_id: "unknown id \"{id}\"; do not change id columns",
    missing_row: "the row for \"{id}\" is missing; do not delete rows",
    row_twice: "\"{id}\" has more than one row",
    published_figure_emptied: "this cell is empty, but {value} was published here; a published figure cannot be removed",
    required: "must not be empty",
    not_one_of: "\"{found}\" is not one of {allowed}",
    not_a_date: "\"{value}\" is not a date; write YYYY-MM-DD",
    file_too_large: "the file is larger than {max_mib} MiB",
    unzipped: "the workbook unpacks to more than {max_mib} MiB; it is not a workbook this tool writes",
    too_many_rows: "more than {max} rows; nothing was read beyond that",
    too_many_columns: "more than {max} columns",
    not_a_workbook: "not a workbook that can be read (.xlsx, .ods, or a folder of .csv): {detail}",
    unknown_encoding: "the characters are neither UTF-8 nor Shift_JIS; save the CSV again as UTF-8",
    no_sheets: "no sheet of the workbook was found",
    file_matches_no_sheet: "the file 「{file}」 is named after no sheet; name it after its sheet, as 「検証指標.csv」 (LibreOffice's 「book-検証指標.csv」 is fine too)",
    target_outside_plan: "the target year {year} is outside the plan's period ({from}–{to}); choose a fiscal year within it (written as the year it starts in)",
    folder_io: "{what}: could not be read or written ({error})",
    id_taken: "the id \"{id}\" is already published; choose another",
    nothing_to_roll_back: "there is no earlier publication to go back to",
    folder_empty: "{dir} holds no published data yet; starting widget-server once fills it with the first publication",
    no_such_draft: "there is no draft \"{id}\"",
    draft_outdated:
        "this draft was prepared from \"{base}\", but \"{latest}\" has been published since; prepare it again from the latest workbook",
    store_unavailable: "publishing is unavailable: the database cannot be reached ({detail}); nothing was changed, and citizens still see the current publication",
    not_migrated: "the database holds no publications but {dir} does; move them with widget-publish migrate --from {dir} --to <database URL> before starting",
    already_holds: "{store} already holds publications; nothing was copied",
    wrote_workbook: "wrote {file} (the figures as of {as_of})",
    import_failed: "{count} problem(s); nothing was published",
    published: "published {id} (as of {as_of}) {hash}",
    no_problems: "no problems: {id} (as of {as_of}); add --publish to publish it",
    blank_written: "wrote a blank workbook: {file}; fill it in as its guide sheet says, then import it",
    rolled_back: "withdrew {removed}; {latest} is the latest again",
    migrated: "moved {publications} publications, {drafts} drafts and {lines} log lines into the database, every hash checked",
    error_prefix: "error: ",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_language_fills_exactly_the_names_declared() {
        for lang in [Locale::Ja, Locale::En] {
            assert_eq!(words(lang).mistakes(), Vec::<String>::new(), "{lang:?}");
        }
        assert_eq!(words(Locale::Ja).too_many_rows("2000"), "行が多すぎます（2000行まで）");
        assert!(
            std::ptr::eq(words(Locale::JaEasy), words(Locale::Ja)),
            "clerks read standard Japanese"
        );
    }
}
