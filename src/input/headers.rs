//! Header aliases: which column means which field, in Japanese or English.

use crate::input::diagnostic::{Diagnostic, Problem, Severity};
use crate::model::normalize;

/// A column kaigi reads from the meetings table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum MeetingField {
    /// ID
    Id,
    /// 会議名
    Name,
    /// 所管
    Host,
    /// 参加者
    Participants,
    /// 議題
    Topics,
    /// 開催頻度
    Frequency,
    /// 会議時間
    Duration,
    /// 機能
    Function,
    /// 根拠法令
    LegalBasis,
    /// 法定
    Statutory,
    /// 個人情報
    PersonalInfo,
    /// 圏域
    Area,
    /// 親会議
    ParentBody,
    /// 階層
    Tier,
}

/// A column kaigi reads from the agency registry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum AgencyField {
    /// 機関名
    Name,
    /// 別名
    Aliases,
    /// 分野
    Sector,
    /// 種別
    Kind,
    /// 守秘義務
    Confidentiality,
    /// 圏域
    Area,
}

/// (field, key used in messages, required, accepted headers). The first Japanese and
/// the first English header are the ones `kaigi template` writes.
pub const MEETING_HEADERS: &[(MeetingField, &str, bool, &[&str])] = &[
    (MeetingField::Id, "id", false, &["ID", "番号", "会議ID", "No", "id"]),
    (
        MeetingField::Name,
        "name",
        true,
        &["会議名", "名称", "会議", "name", "meeting", "meeting_name"],
    ),
    (
        MeetingField::Host,
        "host",
        false,
        &["所管", "事務局", "所管課", "主催", "担当課", "host", "secretariat", "department"],
    ),
    (
        MeetingField::Participants,
        "participants",
        true,
        &[
            "参加者",
            "参加機関",
            "構成員",
            "出席者",
            "構成機関",
            "participants",
            "members",
            "attendees",
        ],
    ),
    (
        MeetingField::Topics,
        "topics",
        false,
        &["議題", "検討内容", "対象", "内容", "主な議題", "topics", "subjects", "agenda"],
    ),
    (
        MeetingField::Frequency,
        "frequency",
        true,
        &[
            "開催頻度",
            "頻度",
            "開催回数",
            "回数",
            "frequency",
            "sessions_per_year",
            "frequency_per_year",
        ],
    ),
    (
        MeetingField::Duration,
        "duration",
        true,
        &[
            "1回当たりの会議時間",
            "時間",
            "所要時間",
            "会議時間",
            "duration",
            "minutes",
            "duration_min",
            "minutes_per_session",
        ],
    ),
    (
        MeetingField::Function,
        "function",
        false,
        &["機能", "目的", "function", "functions", "purpose"],
    ),
    (
        MeetingField::LegalBasis,
        "legal_basis",
        false,
        &["根拠法令", "根拠", "法的根拠", "legal_basis", "basis"],
    ),
    (MeetingField::Statutory, "statutory", false, &["法定", "法定会議", "statutory"]),
    (
        MeetingField::PersonalInfo,
        "personal_info",
        false,
        &[
            "個人情報",
            "個人情報の取扱い",
            "個人情報の取扱",
            "personal_info",
            "personal_information",
        ],
    ),
    (MeetingField::Area, "area", false, &["圏域", "地域", "エリア", "area"]),
    (
        MeetingField::ParentBody,
        "parent_body",
        false,
        &["親会議", "上位会議", "所属", "parent_body", "parent"],
    ),
    (MeetingField::Tier, "tier", false, &["階層", "層", "tier", "level"]),
];

/// Registry headers, as [`MEETING_HEADERS`].
pub const AGENCY_HEADERS: &[(AgencyField, &str, bool, &[&str])] = &[
    (AgencyField::Name, "name", true, &["機関名", "名称", "機関", "name", "agency"]),
    (AgencyField::Aliases, "aliases", false, &["別名", "略称", "aliases", "alias"]),
    (AgencyField::Sector, "sector", false, &["分野", "領域", "sector", "field"]),
    (AgencyField::Kind, "kind", false, &["種別", "区分", "kind", "type"]),
    (AgencyField::Confidentiality, "confidentiality", false, &["守秘義務", "confidentiality"]),
    (AgencyField::Area, "area", false, &["圏域", "地域", "エリア", "area"]),
];

/// Header as compared: NFKC, trimmed, lower-case, without spaces, `_` or `-`.
fn header_key(text: &str) -> String {
    normalize(text)
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '_' && *c != '-')
        .collect()
}

/// Where each field sits in a table, and the columns kaigi does not read.
#[derive(Debug, Clone)]
pub struct ColumnMap<F> {
    /// (field, column index, header as written)
    pub fields: Vec<(F, usize, String)>,
    /// (column index, header as written) of unrecognised columns.
    pub unknown: Vec<(usize, String)>,
}

impl<F: Copy + PartialEq> ColumnMap<F> {
    /// Column index and header of a field, if present.
    pub fn get(&self, field: F) -> Option<(usize, &str)> {
        self.fields.iter().find(|(f, _, _)| *f == field).map(|(_, i, h)| (*i, h.as_str()))
    }
}

/// Headers of free-text notes columns (備考 and its kin). They are not interpreted but
/// carried through like any extra column, and — being expected in any inventory — not
/// warned about.
pub const NOTE_HEADERS: [&str; 8] =
    ["備考", "摘要", "メモ", "特記事項", "notes", "note", "remarks", "comments"];

/// Maps a header row to fields, reporting unknown, duplicated and missing columns.
pub fn map_columns<F: Copy + PartialEq>(
    header: &[String],
    known: &[(F, &str, bool, &[&str])],
    source: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> ColumnMap<F> {
    let mut map = ColumnMap { fields: Vec::new(), unknown: Vec::new() };
    for (index, written) in header.iter().enumerate() {
        let key = header_key(written);
        if key.is_empty() {
            continue;
        }
        let found = known
            .iter()
            .find(|(_, _, _, aliases)| aliases.iter().any(|alias| header_key(alias) == key));
        match found {
            Some((field, name, _, _)) if map.get(*field).is_some() => diagnostics.push(
                Diagnostic::new(
                    Severity::Warning,
                    source,
                    Problem::DuplicateColumn { field: (*name).into() },
                )
                .at_row(1)
                .in_column(written),
            ),
            Some((field, _, _, _)) => map.fields.push((*field, index, written.clone())),
            None => {
                // A notes column is what every planner's list has: carried as written
                // without a warning. Anything else may be a misspelt header: warn.
                if !NOTE_HEADERS.iter().any(|note| header_key(note) == key) {
                    diagnostics.push(
                        Diagnostic::new(Severity::Warning, source, Problem::UnknownColumn)
                            .at_row(1)
                            .in_column(written),
                    );
                }
                map.unknown.push((index, written.clone()));
            }
        }
    }
    for (field, name, required, aliases) in known {
        if *required && map.get(*field).is_none() {
            diagnostics.push(
                Diagnostic::new(
                    Severity::Error,
                    source,
                    Problem::MissingColumn { field: (*name).into(), accepted: aliases.join(", ") },
                )
                .at_row(1),
            );
        }
    }
    map
}
