//! Problems found while reading an inventory, each pinned to file, row and column and
//! carrying a fix, in Japanese and English.
//!
//! Validation collects every problem and keeps going, so a planning office fixes a whole
//! spreadsheet in one pass instead of one error per run.

use crate::lang::Lang;
use crate::model::characters::visible_controls;
use serde::Serialize;
use std::fmt::Write as _;

/// Whether a problem stops analysis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The inventory cannot be analysed until this is fixed (exit code 1).
    Error,
    /// Analysis goes on, but the user should look (exit code 0).
    Warning,
}

/// What went wrong. Each variant renders its own message and fix in both languages.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Problem {
    /// The file has no bytes or only blank lines.
    EmptyFile,
    /// A header row but no data rows.
    HeaderOnly,
    /// A required column is absent.
    MissingColumn {
        /// Field name.
        field: String,
        /// Japanese headers accepted for it.
        accepted: String,
    },
    /// A header kaigi does not know; the column is kept as-is.
    UnknownColumn,
    /// Two headers map to the same field; the first is used.
    DuplicateColumn {
        /// Field name.
        field: String,
    },
    /// Bytes that are neither UTF-8 nor Shift_JIS.
    Undecodable {
        /// Encoding tried.
        encoding: String,
        /// Further lines with bytes that are not valid in it.
        more_lines: usize,
    },
    /// A file in one encoding with a line in another (a row pasted from another file).
    MixedEncoding {
        /// The file's encoding.
        encoding: String,
        /// What the line appears to be.
        other: String,
        /// Further lines not valid in the file's encoding.
        more_lines: usize,
    },
    /// Characters XML 1.0 forbids (NUL, other control characters, U+FFFE, U+FFFF),
    /// replaced with U+FFFD so that every output file stays well-formed.
    ForbiddenCharacters {
        /// Characters replaced in this cell.
        count: usize,
    },
    /// A hidden sheet that was not read.
    HiddenSheet {
        /// The hidden sheet.
        sheet: String,
        /// The sheet read as the meetings table instead.
        used: Option<String>,
    },
    /// Values outside the table (right of the header's last column), not read.
    OutsideTable {
        /// The first such cell, as Excel names it (`XFD1048576`).
        cell: String,
        /// How many such cells the sheet has.
        cells: usize,
    },
    /// A cell Excel stores as a date or time in the frequency or duration column.
    DateCell {
        /// Minutes read from a time or duration, when it could be read as one.
        read_as: Option<String>,
        /// Whether the column is the duration column (else frequency).
        duration: bool,
    },
    /// A sheet with more values than kaigi reads; reading stopped at this row.
    TooManyValues {
        /// The limit.
        limit: usize,
    },
    /// A session longer than a working day.
    SessionTooLong {
        /// Minutes per session as read.
        minutes: f64,
    },
    /// More sessions a year than there are days.
    TooManySessions {
        /// Sessions per year as read.
        sessions: f64,
    },
    /// A forced encoding garbles the header row; the file reads cleanly in another.
    WrongEncoding {
        /// The encoding given with `--encoding`.
        forced: String,
        /// The encoding the file reads cleanly in.
        likely: String,
        /// The `--encoding` value for it.
        flag: String,
    },
    /// A row with a different number of cells than the header.
    RaggedRow {
        /// Cells in this row.
        cells: usize,
        /// Cells in the header.
        expected: usize,
    },
    /// A cell longer than kaigi accepts.
    CellTooLong {
        /// Characters in the cell.
        chars: usize,
        /// The limit.
        limit: usize,
    },
    /// Required value missing.
    EmptyRequired,
    /// Same id twice.
    DuplicateId {
        /// Row of the first occurrence.
        first_row: usize,
    },
    /// Frequency not readable.
    BadFrequency {
        /// The part of the cell that could not be read.
        unread: String,
        /// The accepted forms nearest to the cell.
        nearest: Vec<String>,
    },
    /// Duration not readable.
    BadDuration {
        /// The part of the cell that could not be read.
        unread: String,
        /// The accepted forms nearest to the cell.
        nearest: Vec<String>,
    },
    /// Frequency or duration zero or negative.
    NotPositive,
    /// Meeting without participants.
    NoParticipants,
    /// More distinct participants in one meeting than kaigi analyses.
    TooManyParticipants {
        /// Distinct agencies listed.
        count: usize,
        /// The limit.
        limit: usize,
    },
    /// Head-count that is not a positive integer.
    BadHeadCount,
    /// Same agency twice in one meeting (counts are added).
    RepeatedParticipant {
        /// Canonical agency name.
        agency: String,
    },
    /// A participant not in the registry.
    UnknownAgency {
        /// Meetings naming it.
        meetings: usize,
    },
    /// A yes/no cell with another word.
    BadYesNo,
    /// A function not in the list.
    UnknownFunction,
    /// A confidentiality value not in the list.
    BadConfidentiality,
    /// A sector that is not one of the known fields: kept as written, left out of the
    /// advice about fields that never meet.
    UnknownSector,
    /// Two registry rows for one agency.
    DuplicateAgency {
        /// Row of the first occurrence.
        first_row: usize,
    },
    /// An alias that names two agencies.
    ConflictingAlias {
        /// The agency that already uses it.
        other: String,
    },
    /// The inventory has no meetings at all.
    NoMeetings,
    /// No agency registry was given, so no participant has a sector.
    NoRegistry {
        /// Agencies named by meetings.
        agencies: usize,
    },
}

/// One problem at one place.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// File (and sheet) as the user named it.
    pub file: String,
    /// Row number as Excel shows it (header = 1); `None` for whole-file problems.
    pub row: Option<usize>,
    /// Column header as written in the file.
    pub column: Option<String>,
    /// The offending value, shortened to 80 characters.
    pub value: Option<String>,
    /// What is wrong.
    #[serde(flatten)]
    pub problem: Problem,
}

const VALUE_PREVIEW_CHARS: usize = 80;

fn more_ja(lines: usize) -> String {
    if lines == 0 { String::new() } else { format!("（ほか {} 行）", thousands(lines)) }
}

fn more_en(lines: usize) -> String {
    if lines == 0 { String::new() } else { format!(" ({} more lines)", thousands(lines)) }
}

/// A number as a person writes it: no trailing `.0`, at most two decimals.
fn number(value: f64) -> String {
    let rounded = (value * 100.0).round() / 100.0;
    if rounded == rounded.trunc() && rounded.abs() < 1e15 {
        thousands(rounded.abs() as usize).to_string()
    } else {
        format!("{rounded}")
    }
}

/// `79990` → `79,990`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

impl Diagnostic {
    /// A problem at file level.
    pub fn new(severity: Severity, file: &str, problem: Problem) -> Self {
        Diagnostic {
            severity,
            file: visible_controls(file).into_owned(),
            row: None,
            column: None,
            value: None,
            problem,
        }
    }

    /// Pins the problem to a row.
    pub fn at_row(mut self, row: usize) -> Self {
        self.row = Some(row);
        self
    }

    /// Pins the problem to a column.
    pub fn in_column(mut self, column: &str) -> Self {
        self.column = Some(visible_controls(column).into_owned());
        self
    }

    /// Records the offending value (shortened, control characters made visible so that
    /// printing it cannot drive the terminal).
    pub fn with_value(mut self, value: &str) -> Self {
        let mut preview: String = value.chars().take(VALUE_PREVIEW_CHARS).collect();
        if value.chars().nth(VALUE_PREVIEW_CHARS).is_some() {
            preview.push('…');
        }
        let preview = visible_controls(&preview).into_owned();
        self.value = Some(preview);
        self
    }

    /// What is wrong, in one sentence.
    pub fn message(&self, lang: Lang) -> String {
        use Problem::*;
        match (&self.problem, lang) {
            (EmptyFile, Lang::Ja) => "ファイルが空です".into(),
            (EmptyFile, Lang::En) => "the file is empty".into(),
            (HeaderOnly, Lang::Ja) => "見出し行だけで、データ行がありません".into(),
            (HeaderOnly, Lang::En) => "the file has a header row but no data rows".into(),
            (MissingColumn { field, .. }, Lang::Ja) => format!("必須の列「{field}」がありません"),
            (MissingColumn { field, .. }, Lang::En) => {
                format!("required column '{field}' is missing")
            }
            (UnknownColumn, Lang::Ja) => {
                "この列は解釈されません（値はそのまま会議一覧の追加列と JSON の extra に載せます）"
                    .into()
            }
            (UnknownColumn, Lang::En) => {
                "column not recognised; its values are kept as written, as an extra column of the meeting table and under `extra` in JSON".into()
            }
            (DuplicateColumn { field }, Lang::Ja) => {
                format!("「{field}」にあたる列が複数あります。最初の列を使います")
            }
            (DuplicateColumn { field }, Lang::En) => {
                format!("several columns mean '{field}'; the first one is used")
            }
            (Undecodable { encoding, more_lines }, Lang::Ja) => {
                format!(
                    "文字コード {encoding} として読めないバイトがあります{}",
                    more_ja(*more_lines)
                )
            }
            (Undecodable { encoding, more_lines }, Lang::En) => {
                format!("bytes that are not valid {encoding}{}", more_en(*more_lines))
            }
            (MixedEncoding { encoding, other, more_lines }, Lang::Ja) => format!(
                "ファイルは {encoding} ですが、この行は {other} のようです（別のファイルから貼り付けた行？）{}",
                more_ja(*more_lines)
            ),
            (MixedEncoding { encoding, other, more_lines }, Lang::En) => format!(
                "the file is {encoding} but this line looks like {other} (pasted from another file?){}",
                more_en(*more_lines)
            ),
            (ForbiddenCharacters { count }, Lang::Ja) => format!(
                "制御文字など出力ファイルに書けない文字が {count} 個あり、� に置き換えました"
            ),
            (ForbiddenCharacters { count }, Lang::En) => format!(
                "{count} control or non-characters that no output file may hold were replaced with �"
            ),
            (HiddenSheet { sheet, used: Some(used) }, Lang::Ja) => {
                format!(
                    "シート「{sheet}」は非表示のため読みません。表示されているシート「{used}」を読みました"
                )
            }
            (HiddenSheet { sheet, used: Some(used) }, Lang::En) => {
                format!(
                    "sheet '{sheet}' is hidden and was not read; the visible sheet '{used}' was read"
                )
            }
            (HiddenSheet { sheet, used: None }, Lang::Ja) => {
                format!("シート「{sheet}」は非表示のため読みません")
            }
            (HiddenSheet { sheet, used: None }, Lang::En) => {
                format!("sheet '{sheet}' is hidden and was not read")
            }
            (OutsideTable { cell, cells }, Lang::Ja) => {
                format!("見出しより右の {cell} などに値が {cells} 個あり、読みませんでした")
            }
            (OutsideTable { cell, cells }, Lang::En) => format!(
                "{cells} values right of the header's last column (the first at {cell}) were not read"
            ),
            (DateCell { read_as: Some(minutes), .. }, Lang::Ja) => {
                format!("Excel が時刻として保存しているセルです。{minutes} 分として読みました")
            }
            (DateCell { read_as: Some(minutes), .. }, Lang::En) => {
                format!("Excel stores this cell as a time; it was read as {minutes} minutes")
            }
            (DateCell { read_as: None, duration: false }, Lang::Ja) => {
                "Excel が日付として保存しているセルで、開催頻度として読めません".into()
            }
            (DateCell { read_as: None, duration: false }, Lang::En) => {
                "Excel stores this cell as a date, which is not a frequency".into()
            }
            (DateCell { read_as: None, duration: true }, Lang::Ja) => {
                "Excel が日付として保存しているセルで、会議時間として読めません".into()
            }
            (DateCell { read_as: None, duration: true }, Lang::En) => {
                "Excel stores this cell as a date, which is not a duration".into()
            }
            (TooManyValues { limit }, Lang::Ja) => format!(
                "シートの値が多すぎるため、この行で読み込みを止めました（上限 {} 個）",
                thousands(*limit)
            ),
            (TooManyValues { limit }, Lang::En) => format!(
                "the sheet holds more values than kaigi reads ({}); reading stopped at this row",
                thousands(*limit)
            ),
            (SessionTooLong { minutes }, Lang::Ja) => format!(
                "1 回 {} 分（{} 時間）は 8 時間を超えます",
                number(*minutes),
                number(*minutes / 60.0)
            ),
            (SessionTooLong { minutes }, Lang::En) => format!(
                "{} minutes ({} hours) per session is more than 8 hours",
                number(*minutes),
                number(*minutes / 60.0)
            ),
            (TooManySessions { sessions }, Lang::Ja) => {
                format!("年 {} 回は 1 年の日数（366）を超えます", number(*sessions))
            }
            (TooManySessions { sessions }, Lang::En) => {
                format!("{} sessions a year is more than one a day (366)", number(*sessions))
            }
            (WrongEncoding { forced, likely, .. }, Lang::Ja) => format!(
                "--encoding {forced} では見出し行が読めません。このファイルは {likely} のようです"
            ),
            (WrongEncoding { forced, likely, .. }, Lang::En) => format!(
                "with --encoding {forced} the header row cannot be read; the file looks like {likely}"
            ),
            (RaggedRow { cells, expected }, Lang::Ja) => {
                format!("この行のセル数は {cells} ですが、見出しは {expected} 列です")
            }
            (RaggedRow { cells, expected }, Lang::En) => {
                format!("this row has {cells} cells but the header has {expected}")
            }
            (CellTooLong { chars, limit }, Lang::Ja) => {
                format!("セルが長すぎます（{chars} 文字、上限 {limit} 文字）")
            }
            (CellTooLong { chars, limit }, Lang::En) => {
                format!("cell too long ({chars} characters, limit {limit})")
            }
            (TooManyParticipants { count, limit }, Lang::Ja) => {
                format!("参加機関が多すぎます（{count} 機関、上限 {limit} 機関）")
            }
            (TooManyParticipants { count, limit }, Lang::En) => {
                format!("too many participants ({count} agencies, limit {limit})")
            }
            (EmptyRequired, Lang::Ja) => "必須の値が空です".into(),
            (EmptyRequired, Lang::En) => "a required value is empty".into(),
            (DuplicateId { first_row }, Lang::Ja) => {
                format!("ID が {first_row} 行目と重複しています")
            }
            (DuplicateId { first_row }, Lang::En) => {
                format!("this id is already used on row {first_row}")
            }
            (BadFrequency { unread, .. }, Lang::Ja) => {
                format!("開催頻度の「{unread}」の部分を読み取れません")
            }
            (BadFrequency { unread, .. }, Lang::En) => {
                format!("frequency not understood: could not read '{unread}'")
            }
            (BadDuration { unread, .. }, Lang::Ja) => {
                format!("会議時間の「{unread}」の部分を読み取れません")
            }
            (BadDuration { unread, .. }, Lang::En) => {
                format!("duration not understood: could not read '{unread}'")
            }
            (NotPositive, Lang::Ja) => "0 より大きい値が必要です".into(),
            (NotPositive, Lang::En) => "the value must be more than 0".into(),
            (NoParticipants, Lang::Ja) => "参加者がいません".into(),
            (NoParticipants, Lang::En) => "the meeting has no participants".into(),
            (BadHeadCount, Lang::Ja) => "人数は 1 から 10000 までの整数で書いてください".into(),
            (BadHeadCount, Lang::En) => "head-count must be a whole number from 1 to 10000".into(),
            (RepeatedParticipant { agency }, Lang::Ja) => {
                format!("「{agency}」が同じ会議に複数回書かれています。人数を合計しました")
            }
            (RepeatedParticipant { agency }, Lang::En) => format!(
                "'{agency}' is listed more than once in this meeting; head-counts were added"
            ),
            (UnknownAgency { meetings }, Lang::Ja) => {
                format!("機関一覧にない参加者です（{meetings} 会議）。分野は「分野不明」とします")
            }
            (UnknownAgency { meetings }, Lang::En) => format!(
                "participant not in the agency registry ({}); its field is unknown",
                crate::counted(*meetings, "meeting", "meetings")
            ),
            (BadYesNo, Lang::Ja) => "はい／いいえとして読めません（空欄として扱います）".into(),
            (BadYesNo, Lang::En) => "not a yes/no value; treated as blank".into(),
            (UnknownFunction, Lang::Ja) => "機能の区分にない値です（備考として保持します）".into(),
            (UnknownFunction, Lang::En) => "not a known function; kept as a note".into(),
            (BadConfidentiality, Lang::Ja) => {
                "守秘義務の区分として読めません（なし として扱います）".into()
            }
            (BadConfidentiality, Lang::En) => "not a confidentiality value; treated as none".into(),
            (UnknownSector, Lang::Ja) => "福祉の分野の一覧にない分野です。値はそのまま使いますが、「会議で一度も同席しない分野」の助言には含めません".into(),
            (UnknownSector, Lang::En) => "not one of the known fields; kept as written, but left out of the advice on fields that never meet".into(),
            (DuplicateAgency { first_row }, Lang::Ja) => {
                format!("機関名が {first_row} 行目と重複しています")
            }
            (DuplicateAgency { first_row }, Lang::En) => {
                format!("this agency is already listed on row {first_row}")
            }
            (ConflictingAlias { other }, Lang::Ja) => {
                format!("この別名は「{other}」でも使われています")
            }
            (ConflictingAlias { other }, Lang::En) => format!("this alias already names '{other}'"),
            (NoMeetings, Lang::Ja) => "会議が 1 件もありません".into(),
            (NoMeetings, Lang::En) => "the inventory has no meetings".into(),
            (NoRegistry { agencies }, Lang::Ja) => {
                format!("機関一覧がないため、参加者 {agencies} 機関の分野は unknown になります")
            }
            (NoRegistry { agencies }, Lang::En) => format!(
                "no agency registry, so the {agencies} participating agencies have sector unknown"
            ),
        }
    }

    /// How to fix it.
    pub fn fix(&self, lang: Lang) -> String {
        use Problem::*;
        let text = match (&self.problem, lang) {
            (EmptyFile | HeaderOnly | NoMeetings, Lang::Ja) => {
                "1 行目に見出し、2 行目以降に会議（機関一覧なら機関）を 1 行ずつ書いてください（kaigi template で雛形を作れます）"
            }
            (EmptyFile | HeaderOnly | NoMeetings, Lang::En) => {
                "put headers on row 1 and one meeting (or, in an agency list, one agency) per row below (`kaigi template` writes a blank form)"
            }
            (MissingColumn { accepted, .. }, Lang::Ja) => {
                return format!("次のいずれかの見出しの列を追加してください: {accepted}");
            }
            (MissingColumn { accepted, .. }, Lang::En) => {
                return format!("add a column headed one of: {accepted}");
            }
            (UnknownColumn, Lang::Ja) => {
                "意図した列なら見出しを README の入力形式の表にある名前にしてください"
            }
            (UnknownColumn, Lang::En) => {
                "if this column should be read, rename its header to one listed in the README's input format"
            }
            (DuplicateColumn { .. }, Lang::Ja) => "不要な方の列を削除するか見出しを変えてください",
            (DuplicateColumn { .. }, Lang::En) => "delete or rename the extra column",
            (Undecodable { .. }, Lang::Ja) => {
                "UTF-8 または Shift_JIS で保存し直すか、--encoding で文字コードを指定してください"
            }
            (MixedEncoding { .. }, Lang::Ja) => {
                "その行を打ち直すか、ファイル全体を 1 つの文字コード（UTF-8 など）で保存し直してください"
            }
            (MixedEncoding { .. }, Lang::En) => {
                "type the line again, or save the whole file again in one encoding (e.g. UTF-8)"
            }
            (ForbiddenCharacters { .. }, Lang::Ja) => {
                "セルから制御文字を削除してください（ほかのシステムから貼り付けた値に混ざることがあります）"
            }
            (ForbiddenCharacters { .. }, Lang::En) => {
                "delete the control characters from the cell (they come with text pasted from other systems)"
            }
            (HiddenSheet { .. }, Lang::Ja) => {
                "非表示のシートを読むべきなら再表示し、不要なら削除してください"
            }
            (HiddenSheet { .. }, Lang::En) => {
                "unhide the sheet if it is the one to read, or delete it if it is old"
            }
            (OutsideTable { .. }, Lang::Ja) => {
                "表の外の値を削除するか、読むべき列なら 1 行目に見出しを付けてください"
            }
            (OutsideTable { .. }, Lang::En) => {
                "delete values outside the table, or give their column a header on the header row"
            }
            (DateCell { read_as: Some(_), .. }, Lang::Ja) => {
                "意図と違う場合は、セルの書式を「文字列」にして 90分 のように入力してください"
            }
            (DateCell { read_as: Some(_), .. }, Lang::En) => {
                "if that is not what was meant, format the cell as text and type e.g. 90min"
            }
            (DateCell { read_as: None, .. }, Lang::Ja) => {
                "セルの書式を「文字列」にしてから 月1回 や 90分 のように入力し直してください"
            }
            (DateCell { read_as: None, .. }, Lang::En) => {
                "format the cell as text, then type the value again (e.g. 月1回, 90min)"
            }
            (TooManyValues { .. }, Lang::Ja) => {
                "不要な行や列を削除するか、表を複数のファイルに分けてください"
            }
            (TooManyValues { .. }, Lang::En) => {
                "delete unused rows and columns, or split the table into several files"
            }
            (SessionTooLong { .. }, Lang::Ja) => {
                "単位を確かめてください（分と時間の取り違え、年間の合計時間ではありませんか）"
            }
            (SessionTooLong { .. }, Lang::En) => {
                "check the unit (minutes for hours? the yearly total instead of one session?)"
            }
            (TooManySessions { .. }, Lang::Ja) => {
                "年間の開催回数を確かめてください（参加者数や日付を書いていませんか）"
            }
            (TooManySessions { .. }, Lang::En) => {
                "check the number of sessions a year (is it a head-count or a date?)"
            }
            (Undecodable { .. }, Lang::En) => {
                "save the file again as UTF-8 or Shift_JIS, or name its encoding with --encoding"
            }
            (WrongEncoding { flag, .. }, Lang::Ja) => {
                return format!(
                    "--encoding {flag} を指定するか、--encoding を外して自動判定にしてください"
                );
            }
            (WrongEncoding { flag, .. }, Lang::En) => {
                return format!("use --encoding {flag}, or leave --encoding out to detect it");
            }
            (RaggedRow { .. }, Lang::Ja) => {
                "セル内のカンマを含む値は \"\" で囲むか、区切りに 、 を使ってください"
            }
            (RaggedRow { .. }, Lang::En) => {
                "quote values that contain commas (\"a, b\") or separate list items with ;"
            }
            (CellTooLong { .. }, Lang::Ja) => {
                "セルの内容を短くしてください（貼り付け誤りではありませんか）"
            }
            (CellTooLong { .. }, Lang::En) => "shorten the cell (was something pasted by mistake?)",
            (TooManyParticipants { .. }, Lang::Ja) => {
                "全体会などは構成団体ごとにまとめて記入するか（例: 民生委員児童委員協議会×40）、会議を分けてください"
            }
            (TooManyParticipants { .. }, Lang::En) => {
                "list a plenary by member organisation with a head-count (e.g. 'Welfare volunteers x40') or split the meeting"
            }
            (EmptyRequired, Lang::Ja) => "値を入力してください",
            (EmptyRequired, Lang::En) => "fill in the value",
            (DuplicateId { .. }, Lang::Ja) => "会議ごとに異なる ID を付けてください",
            (DuplicateId { .. }, Lang::En) => "give every meeting its own id",
            (BadFrequency { nearest, .. } | BadDuration { nearest, .. }, Lang::Ja) => {
                return format!(
                    "近い書き方: {}（書き方の一覧は docs/input-format.md）",
                    nearest.join(", ")
                );
            }
            (BadFrequency { nearest, .. } | BadDuration { nearest, .. }, Lang::En) => {
                return format!(
                    "nearest accepted forms: {} (every form is listed in docs/input-format.md)",
                    nearest.join(", ")
                );
            }
            (NotPositive, Lang::Ja) => "開催していない会議は行を削除してください",
            (NotPositive, Lang::En) => "remove meetings that are not held",
            (NoParticipants, Lang::Ja) => "参加機関を 、 区切りで入力してください",
            (NoParticipants, Lang::En) => "list the attending agencies, separated by ;",
            (BadHeadCount, Lang::Ja) => "例: 社会福祉協議会×2, 社協（2名）",
            (BadHeadCount, Lang::En) => "e.g. 社会福祉協議会×2, Social Welfare Council x2",
            (RepeatedParticipant { .. }, Lang::Ja) => {
                "1 回だけ書き、人数は ×2 のように書いてください"
            }
            (RepeatedParticipant { .. }, Lang::En) => {
                "list the agency once and write its head-count as x2"
            }
            (UnknownAgency { .. }, Lang::Ja) => {
                "機関一覧に追加するか、既存の機関の別名に加えてください"
            }
            (UnknownAgency { .. }, Lang::En) => {
                "add it to the agency registry, or as an alias of a registered agency"
            }
            (BadYesNo, Lang::Ja) => "はい／いいえ（○／×）で入力してください",
            (BadYesNo, Lang::En) => "write yes or no",
            (UnknownFunction, Lang::Ja) => {
                "個別ケース検討, 関係づくり・研修, 地域課題・資源開発, 施策化・計画, 情報共有 のいずれか"
            }
            (UnknownFunction, Lang::En) => {
                "one of case_review, relationship_building, community_development, policy_planning, information_sharing"
            }
            (UnknownSector, Lang::Ja) => {
                "福祉の分野なら 高齢, 障害, 子ども, 生活困窮, 保健・医療, 地域, 教育, 司法, 住まい, 就労, 行政 のいずれかに。大学・学識者など分野でない機関はこのままで構いません"
            }
            (UnknownSector, Lang::En) => {
                "if it is a welfare field, write one of elderly, disability, children, poverty, health, community, education, justice, housing, employment, administration; a university or other non-field agency may stay as it is"
            }
            (BadConfidentiality, Lang::Ja) => "法定, 契約, なし のいずれか",
            (BadConfidentiality, Lang::En) => "one of statutory, contractual, none",
            (DuplicateAgency { .. }, Lang::Ja) => {
                "1 つの機関は 1 行にまとめ、別名は「別名」列に書いてください"
            }
            (DuplicateAgency { .. }, Lang::En) => {
                "keep one row per agency and put other names in the aliases column"
            }
            (ConflictingAlias { .. }, Lang::Ja) => "別名はどちらか一方の機関だけに付けてください",
            (ConflictingAlias { .. }, Lang::En) => "give the alias to one agency only",
            (NoRegistry { .. }, Lang::Ja) => {
                "分野別の分析には agencies.csv（機関名, 別名, 分野, 種別, 守秘義務）を会議ファイルと同じフォルダに置いてください"
            }
            (NoRegistry { .. }, Lang::En) => {
                "for analyses by field, put agencies.csv (name, aliases, sector, kind, confidentiality) in the folder beside meetings.csv"
            }
        };
        text.to_string()
    }

    /// One line as the CLI prints it: `file:row: column 'x' value 'y': message (fix)`.
    pub fn render(&self, lang: Lang) -> String {
        let mut line = String::new();
        let label = match (self.severity, lang) {
            (Severity::Error, Lang::Ja) => "エラー",
            (Severity::Error, Lang::En) => "error",
            (Severity::Warning, Lang::Ja) => "警告",
            (Severity::Warning, Lang::En) => "warning",
        };
        let _ = write!(line, "{label}: {}", self.file);
        if let Some(row) = self.row {
            let _ = match lang {
                Lang::Ja => write!(line, " {row}行目"),
                Lang::En => write!(line, " row {row}"),
            };
        }
        if let Some(column) = &self.column {
            let _ = match lang {
                Lang::Ja => write!(line, " 列「{column}」"),
                Lang::En => write!(line, " column '{column}'"),
            };
        }
        if let Some(value) = &self.value {
            let _ = match lang {
                Lang::Ja => write!(line, " 値「{value}」"),
                Lang::En => write!(line, " value '{value}'"),
            };
        }
        let _ = match lang {
            Lang::Ja => write!(line, ": {}。対処: {}", self.message(lang), self.fix(lang)),
            Lang::En => write!(line, ": {}. Fix: {}", self.message(lang), self.fix(lang)),
        };
        line
    }
}

/// How many problems of one kind the text output prints before summing up the rest.
pub const PRINTED_PER_KIND: usize = 20;

/// Renders problems one line each, in the order given, printing at most `per_kind` of
/// each kind (same severity and problem) and then one line with how many more there are
/// ("… and 79,990 more of the same kind"). A file with 80,000 bad rows thus prints a
/// screenful, not 80,000 lines; `--format json` still holds every problem. Linear in the
/// number of problems.
pub fn render_capped<'a>(
    diagnostics: impl IntoIterator<Item = &'a Diagnostic> + Clone,
    lang: Lang,
    per_kind: usize,
) -> String {
    use std::collections::HashMap;
    type Kind = (Severity, std::mem::Discriminant<Problem>);
    let kind = |d: &Diagnostic| -> Kind { (d.severity, std::mem::discriminant(&d.problem)) };
    let mut totals: HashMap<Kind, usize> = HashMap::new();
    for d in diagnostics.clone() {
        *totals.entry(kind(d)).or_default() += 1;
    }
    let mut printed: HashMap<Kind, usize> = HashMap::new();
    let mut out = String::new();
    for d in diagnostics {
        let key = kind(d);
        let seen = printed.entry(key).or_default();
        *seen += 1;
        if *seen > per_kind {
            continue;
        }
        out.push_str(&d.render(lang));
        out.push('\n');
        let total = totals[&key];
        if *seen == per_kind && total > per_kind {
            let more = thousands(total - per_kind);
            let _ = match lang {
                Lang::Ja => writeln!(
                    out,
                    "  …ほか同じ種類の問題が {more} 件あります（--format json ですべて表示します）"
                ),
                Lang::En => writeln!(
                    out,
                    "  … and {more} more of the same kind (--format json lists them all)"
                ),
            };
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bad_frequency() -> Problem {
        Problem::BadFrequency { unread: "そのうち".into(), nearest: vec!["月1回".into()] }
    }

    #[test]
    fn printing_is_capped_per_kind_with_the_count_of_the_rest() {
        let many: Vec<Diagnostic> = (0..80_000)
            .map(|row| Diagnostic::new(Severity::Error, "m.csv", bad_frequency()).at_row(row + 2))
            .chain([Diagnostic::new(Severity::Warning, "m.csv", Problem::UnknownColumn)])
            .collect();
        let text = render_capped(&many, Lang::En, 10);
        assert_eq!(text.lines().count(), 12, "{text}");
        assert!(text.contains("and 79,990 more of the same kind"), "{text}");
        assert!(text.ends_with("column not recognised; its values are kept as written, as an extra column of the meeting table and under `extra` in JSON. Fix: if this column should be read, rename its header to one listed in the README's input format\n"), "{text}");
    }

    #[test]
    fn values_are_shown_with_control_characters_visible() {
        let d = Diagnostic::new(Severity::Error, "m.csv", bad_frequency())
            .with_value("月1回\u{1b}[2J\u{7}");
        assert_eq!(d.value.as_deref(), Some("月1回␛[2J␇"));
    }

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(79_990), "79,990");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }
}
