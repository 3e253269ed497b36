//! A blank inventory for a planning office to fill from its minutes: the headers kaigi
//! reads and the allowed values. The filled-in example lives apart — a 記入例 / example
//! sheet of the workbook, or its own CSV file — so it is never read as a meeting.

use crate::input::{AGENCY_HEADERS, MEETING_HEADERS};
use crate::lang::Lang;
use crate::report::csv_with_bom;
use rust_xlsxwriter::{Format, XlsxError};

/// The header a template writes for each field: the first alias in the chosen language.
fn headers<F>(known: &[(F, &str, bool, &[&str])], lang: Lang) -> Vec<String> {
    known
        .iter()
        .map(|(_, key, _, aliases)| match lang {
            Lang::En => (*key).to_string(),
            Lang::Ja => aliases
                .iter()
                .find(|a| !a.is_ascii() || a.chars().all(|c| c.is_ascii_uppercase()))
                .unwrap_or(key)
                .to_string(),
        })
        .collect()
}

fn meeting_example(lang: Lang) -> Vec<&'static str> {
    match lang {
        Lang::Ja => vec![
            "M01",
            "地域ケア個別会議（北部）",
            "高齢介護課",
            "高齢介護課、北部包括×2、社協、居宅介護支援事業所",
            "困難事例、認知症、8050",
            "月1回",
            "90分",
            "個別ケース検討、地域課題・資源開発",
            "介護保険法第115条の48",
            "はい",
            "あり",
            "北部",
            "地域ケア会議",
            "個別会議",
        ],
        Lang::En => vec![
            "M01",
            "Community care case meeting (north)",
            "Elderly care division",
            "Elderly care division; North community support centre x2; Social welfare council",
            "complex cases; dementia",
            "monthly",
            "90",
            "case_review; community_development",
            "Long-Term Care Insurance Act s.115-48",
            "yes",
            "yes",
            "North",
            "Community care meeting",
            "case tier",
        ],
    }
}

fn agency_example(lang: Lang) -> Vec<&'static str> {
    match lang {
        Lang::Ja => vec!["社会福祉協議会", "社協", "地域", "委託先", "契約", ""],
        Lang::En => {
            vec!["Social welfare council", "SWC", "community", "contractor", "contractual", ""]
        }
    }
}

/// Explanation rows: (column, what to write).
fn notes(lang: Lang) -> Vec<(String, String)> {
    let rows: &[(&str, &str, &str)] = &[
        (
            "参加者 / participants",
            "機関名を 、 ; 改行 で区切る。人数は 社協×2 や 社協（2名）。別名は機関シートで登録",
            "agencies separated by ; or line breaks; head-count as 'x2'; aliases go in the agencies sheet",
        ),
        (
            "開催頻度 / frequency",
            "毎週, 月1回, 毎月1回, 月2回, 隔月, 四半期, 年4回, 年1回, 概ね月1回, 年1回以上, 年2～3回（推定: 中央値）, 月1回（年12回）, 年2回（6月・2月）, 毎月第2火曜日, 3か月に1回, 随時(年6回), 随時・必要に応じて・適宜・不定期・案件発生時（推定: 既定の回数）, または年間回数の数字",
            "weekly, monthly, bimonthly, quarterly, 6/year, 2~3/year (estimate: midpoint), ad hoc (6/year), ad hoc (estimate: the default count), or a number of sessions per year; every Japanese form is accepted too",
        ),
        (
            "1回当たりの会議時間 / duration",
            "90分, 1時間30分, 1.5時間, 約90分, 60～90分（推定: 中央値）, 14:00～15:30, 半日（180分と仮定）, 1日（360分と仮定）, または分の数字",
            "90min, 1h30m, 1.5h, about 90, 60~90 min (estimate: midpoint), 14:00~15:30, or a number of minutes",
        ),
        (
            "機能 / function",
            "個別ケース検討, 関係づくり・研修, 地域課題・資源開発, 施策化・計画, 情報共有（複数可）",
            "case_review, relationship_building, community_development, policy_planning, information_sharing (several allowed)",
        ),
        ("法定, 個人情報 / statutory, personal_info", "はい／いいえ（○／×）", "yes / no"),
        (
            "分野 / sector",
            "高齢, 障害, 子ども, 生活困窮, 保健・医療, 地域, 教育, 司法, 住まい, 就労, 行政",
            "elderly, disability, children, poverty, health, community, education, justice, housing, employment, administration",
        ),
        (
            "種別 / kind",
            "行政, 委託先, 民間, 住民・民生委員",
            "government, contractor, private, resident",
        ),
        ("守秘義務 / confidentiality", "法定, 契約, なし", "statutory, contractual, none"),
    ];
    rows.iter()
        .map(|(column, ja, en)| ((*column).to_string(), lang.pick(ja, en).to_string()))
        .collect()
}

/// Name of the sheet (xlsx) or file suffix (CSV) that holds the filled-in example.
pub fn example_label(lang: Lang) -> &'static str {
    lang.pick("記入例", "example")
}

/// The template as a workbook: blank meetings and agencies sheets, the allowed values,
/// and a 記入例 / example sheet that the loader never reads.
pub fn template_xlsx(lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = crate::report::reproducible_workbook()?;
    let bold = Format::new().set_bold().set_background_color(0xDDEBF7);
    let sheets: [(&str, Vec<String>); 2] = [
        (lang.pick("会議", "meetings"), headers(MEETING_HEADERS, lang)),
        (lang.pick("機関", "agencies"), headers(AGENCY_HEADERS, lang)),
    ];
    for (name, header) in sheets {
        let sheet = workbook.add_worksheet();
        sheet.set_name(name)?;
        for (column, text) in header.iter().enumerate() {
            let column = column as u16;
            sheet.write_string_with_format(0, column, text, &bold)?;
            sheet.set_column_width(column, 18)?;
        }
        sheet.set_freeze_panes(1, 0)?;
    }
    let sheet = workbook.add_worksheet();
    sheet.set_name(lang.pick("説明", "notes"))?;
    sheet.write_string_with_format(0, 0, lang.pick("列", "column"), &bold)?;
    sheet.write_string_with_format(0, 1, lang.pick("書き方", "allowed values"), &bold)?;
    for (row, (column, text)) in notes(lang).iter().enumerate() {
        sheet.write_string(row as u32 + 1, 0, column)?;
        sheet.write_string(row as u32 + 1, 1, text)?;
    }
    sheet.set_column_width(0, 36)?;
    sheet.set_column_width(1, 100)?;
    // The example: a meeting and an agency filled in, each under its own headers. This
    // sheet is neither the meetings nor the agencies sheet, so it is never read as data.
    let sheet = workbook.add_worksheet();
    sheet.set_name(example_label(lang))?;
    let blocks = [
        (headers(MEETING_HEADERS, lang), meeting_example(lang)),
        (headers(AGENCY_HEADERS, lang), agency_example(lang)),
    ];
    let mut row = 0u32;
    for (header, example) in blocks {
        for (column, text) in header.iter().enumerate() {
            let column = column as u16;
            sheet.write_string_with_format(row, column, text, &bold)?;
            sheet.write_string(
                row + 1,
                column,
                example.get(column as usize).copied().unwrap_or(""),
            )?;
            sheet.set_column_width(column, 18)?;
        }
        row += 3;
    }
    workbook.save_to_buffer()
}

/// The template as CSV: blank meetings and agencies tables, their filled-in examples
/// (written to files the loader never reads), and the notes.
pub struct CsvTemplate {
    /// Header row of the meetings table.
    pub meetings: Vec<u8>,
    /// Header row of the agency list.
    pub agencies: Vec<u8>,
    /// The meetings headers with one example row.
    pub meetings_example: Vec<u8>,
    /// The agency headers with one example row.
    pub agencies_example: Vec<u8>,
    /// Allowed values, one line per column.
    pub notes: String,
}

/// The template as CSV files; see [`CsvTemplate`].
pub fn template_csv(lang: Lang) -> CsvTemplate {
    let with_example = |header: Vec<String>, example: Vec<&str>| {
        csv_with_bom(&[header, example.into_iter().map(str::to_string).collect::<Vec<_>>()])
    };
    CsvTemplate {
        meetings: csv_with_bom(&[headers(MEETING_HEADERS, lang)]),
        agencies: csv_with_bom(&[headers(AGENCY_HEADERS, lang)]),
        meetings_example: with_example(headers(MEETING_HEADERS, lang), meeting_example(lang)),
        agencies_example: with_example(headers(AGENCY_HEADERS, lang), agency_example(lang)),
        notes: notes(lang).into_iter().map(|(c, t)| format!("{c}: {t}\n")).collect(),
    }
}
