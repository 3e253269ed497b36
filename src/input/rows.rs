//! Rows → meetings and agencies: each cell through its grammar, every problem recorded.

use crate::input::LoadOptions;
use crate::input::diagnostic::{Diagnostic, Problem, Severity};
use crate::input::grammar::{GrammarError, parse_duration, parse_frequency};
use crate::input::headers::{
    AGENCY_HEADERS, AgencyField, ColumnMap, MEETING_HEADERS, MeetingField, map_columns,
};
use crate::input::plausibility;
use crate::input::table::{Row, Table};
use crate::input::text::{parse_head_count, parse_yes_no, split_list};
use crate::model::{
    Agency, AgencyKind, Confidentiality, Function, Inventory, Meeting, Participant, UNKNOWN_SECTOR,
    canonical_sector,
};
use crate::model::{name_key, normalize};
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;

/// Reads a function word in Japanese or English, full or short form.
///
/// ```
/// use kaigi::{input::parse_function, model::Function};
/// assert_eq!(parse_function("関係づくり・研修"), Some(Function::RelationshipBuilding));
/// assert_eq!(parse_function("policy"), Some(Function::PolicyPlanning));
/// assert_eq!(parse_function("お茶会"), None);
/// ```
pub fn parse_function(text: &str) -> Option<Function> {
    let key = name_key(text).replace(['_', '-', '&'], "");
    let table: &[(Function, &[&str])] = &[
        (
            Function::CaseReview,
            &[
                "個別ケース検討",
                "個別ケース",
                "個別",
                "ケース検討",
                "個別課題解決",
                "casereview",
                "case",
            ],
        ),
        (
            Function::RelationshipBuilding,
            &[
                "関係づくり・研修",
                "関係づくり",
                "研修",
                "ネットワーク構築",
                "関係構築",
                "relationshipbuilding",
                "training",
                "relationship",
                "networking",
            ],
        ),
        (
            Function::CommunityDevelopment,
            &[
                "地域課題・資源開発",
                "地域課題",
                "資源開発",
                "地域課題発見",
                "地域づくり・資源開発",
                "communitydevelopment",
                "community",
                "resourcedevelopment",
            ],
        ),
        (
            Function::PolicyPlanning,
            &[
                "施策化・計画",
                "施策化",
                "施策",
                "計画",
                "政策形成",
                "policyplanning",
                "policy",
                "planning",
            ],
        ),
        (
            Function::InformationSharing,
            &["情報共有", "情報交換", "informationsharing", "information", "sharing"],
        ),
    ];
    table.iter().find(|(_, words)| words.iter().any(|w| name_key(w) == key)).map(|(f, _)| *f)
}

fn cell<'a, F: Copy + PartialEq>(
    row: &'a Row,
    map: &ColumnMap<F>,
    field: F,
) -> Option<(&'a str, String)> {
    map.get(field).map(|(index, header)| {
        (row.cells.get(index).map_or("", String::as_str), header.to_string())
    })
}

/// A text cell as written, trimmed; `None` when blank.
fn optional_text<F: Copy + PartialEq>(row: &Row, map: &ColumnMap<F>, field: F) -> Option<String> {
    cell(row, map, field).map(|(value, _)| value.trim().to_string()).filter(|v| !v.is_empty())
}

fn extra_columns<F>(row: &Row, map: &ColumnMap<F>) -> BTreeMap<String, String> {
    map.unknown
        .iter()
        .filter_map(|(index, header)| {
            let value = row.cells.get(*index)?.trim();
            (!value.is_empty()).then(|| (header.clone(), value.to_string()))
        })
        .collect()
}

fn empty_file(table: &Table, diagnostics: &mut Vec<Diagnostic>, severity: Severity) -> bool {
    // A file read in the wrong encoding has already been reported, once.
    let wrong_encoding = |d: &Diagnostic| {
        d.file == table.source && matches!(d.problem, Problem::WrongEncoding { .. })
    };
    if table.header.is_empty() && diagnostics.iter().any(wrong_encoding) {
        return true;
    }
    if table.header.is_empty() {
        diagnostics.push(Diagnostic::new(severity, &table.source, Problem::EmptyFile));
        return true;
    }
    if table.rows.is_empty() {
        diagnostics.push(Diagnostic::new(severity, &table.source, Problem::HeaderOnly).at_row(1));
        return true;
    }
    false
}

/// Reads the agency registry. Rows with errors are left out.
pub fn read_agencies(table: &Table, diagnostics: &mut Vec<Diagnostic>) -> Vec<Agency> {
    let source = table.source.as_str();
    // A blank agency list (headers only, as the template leaves it) is not an error: the
    // inventory is read without a registry, and that is reported once.
    let severity = if table.header.is_empty() { Severity::Error } else { Severity::Warning };
    if empty_file(table, diagnostics, severity) {
        return Vec::new();
    }
    let map = map_columns(&table.header, AGENCY_HEADERS, source, diagnostics);
    if map.get(AgencyField::Name).is_none() {
        return Vec::new();
    }
    let mut agencies: Vec<Agency> = Vec::new();
    let mut first_row: FxHashMap<String, usize> = FxHashMap::default();
    let mut names_by_key: FxHashMap<String, String> = FxHashMap::default();
    for row in &table.rows {
        let (raw_name, name_header) = cell(row, &map, AgencyField::Name).unwrap_or_default();
        let name = raw_name.trim().to_string();
        if name.is_empty() {
            diagnostics.push(
                Diagnostic::new(Severity::Error, source, Problem::EmptyRequired)
                    .at_row(row.number)
                    .in_column(&name_header),
            );
            continue;
        }
        let key = name_key(&name);
        if let Some(&first) = first_row.get(&key) {
            diagnostics.push(
                Diagnostic::new(
                    Severity::Error,
                    source,
                    Problem::DuplicateAgency { first_row: first },
                )
                .at_row(row.number)
                .in_column(&name_header)
                .with_value(&name),
            );
            continue;
        }
        if let Some(other) = names_by_key.get(&key) {
            diagnostics.push(
                Diagnostic::new(
                    Severity::Error,
                    source,
                    Problem::ConflictingAlias { other: other.clone() },
                )
                .at_row(row.number)
                .in_column(&name_header)
                .with_value(&name),
            );
            continue;
        }
        first_row.insert(key.clone(), row.number);
        names_by_key.insert(key, name.clone());
        let mut agency = Agency::new(name.clone(), UNKNOWN_SECTOR);
        if let Some((value, header)) = cell(row, &map, AgencyField::Aliases) {
            for alias in split_list(value) {
                let alias_key = name_key(&alias);
                match names_by_key.get(&alias_key) {
                    Some(owner) if *owner == name => {}
                    Some(owner) => diagnostics.push(
                        Diagnostic::new(
                            Severity::Error,
                            source,
                            Problem::ConflictingAlias { other: owner.clone() },
                        )
                        .at_row(row.number)
                        .in_column(&header)
                        .with_value(&alias),
                    ),
                    None => {
                        names_by_key.insert(alias_key, name.clone());
                        agency.aliases.push(alias);
                    }
                }
            }
        }
        if let Some((value, header)) = cell(row, &map, AgencyField::Sector)
            && !value.trim().is_empty()
        {
            agency.sector = canonical_sector(value);
            if !crate::model::is_known_sector(&agency.sector) {
                diagnostics.push(
                    Diagnostic::new(Severity::Warning, source, Problem::UnknownSector)
                        .at_row(row.number)
                        .in_column(&header)
                        .with_value(value),
                );
            }
        }
        if let Some(kind) = optional_text(row, &map, AgencyField::Kind) {
            agency.kind = parse_kind(&kind);
        }
        if let Some((value, header)) = cell(row, &map, AgencyField::Confidentiality) {
            match parse_confidentiality(value, &agency.kind) {
                Ok(duty) => agency.confidentiality = duty,
                Err(()) => diagnostics.push(
                    Diagnostic::new(Severity::Warning, source, Problem::BadConfidentiality)
                        .at_row(row.number)
                        .in_column(&header)
                        .with_value(value),
                ),
            }
        }
        agency.area = optional_text(row, &map, AgencyField::Area);
        agency.extra = extra_columns(row, &map);
        agencies.push(agency);
    }
    // A later row may have claimed, as its name, an alias given earlier; that is caught
    // above because names and aliases share one key space.
    agencies
}

fn parse_kind(text: &str) -> AgencyKind {
    match name_key(text).as_str() {
        "行政" | "市" | "自治体" | "government" | "public" | "municipal" => {
            AgencyKind::Government
        }
        "委託先" | "委託" | "受託" | "contractor" | "contracted" => AgencyKind::Contractor,
        "民間" | "事業所" | "private" | "company" | "npo" => AgencyKind::Private,
        "住民・民生委員"
        | "住民"
        | "民生委員"
        | "ボランティア"
        | "resident"
        | "residents"
        | "volunteer" => AgencyKind::Resident,
        _ => AgencyKind::Other(text.trim().to_string()),
    }
}

/// 法定 / 契約 / なし, or a plain yes (bound by law for public offices, by contract
/// otherwise, which is what a yes means in practice).
fn parse_confidentiality(text: &str, kind: &AgencyKind) -> Result<Confidentiality, ()> {
    match name_key(text).as_str() {
        "" | "なし" | "無" | "無し" | "none" | "no" | "-" => Ok(Confidentiality::None),
        "法定" | "法律" | "法令" | "statutory" | "law" | "legal" => {
            Ok(Confidentiality::Statutory)
        }
        "契約" | "契約上" | "contractual" | "contract" => Ok(Confidentiality::Contractual),
        _ => match parse_yes_no(text) {
            Ok(Some(true)) if *kind == AgencyKind::Government => Ok(Confidentiality::Statutory),
            Ok(Some(true)) => Ok(Confidentiality::Contractual),
            Ok(_) => Ok(Confidentiality::None),
            Err(()) => Err(()),
        },
    }
}

/// Most distinct agencies one meeting may seat. Every analysis of links is quadratic in a
/// meeting's size (a meeting of 10,000 agencies is 50 million pairs, several GB); real
/// plenaries list a few hundred members at most.
pub const MAX_PARTICIPANTS: usize = 1_000;

/// Reads meetings, resolving participants through the registry. Participants the
/// registry does not know are added as unregistered agencies with one warning each.
/// Rows with errors are left out of the inventory (the diagnostics say why).
pub fn read_meetings(
    table: &Table,
    agencies: Vec<Agency>,
    options: &LoadOptions,
    diagnostics: &mut Vec<Diagnostic>,
) -> Inventory {
    let mut inventory = Inventory { meetings: Vec::new(), agencies };
    let source = table.source.as_str();
    if empty_file(table, diagnostics, Severity::Error) {
        return inventory;
    }
    let map = map_columns(&table.header, MEETING_HEADERS, source, diagnostics);
    if MEETING_HEADERS.iter().any(|(field, _, required, _)| *required && map.get(*field).is_none())
    {
        return inventory;
    }
    let mut resolver = Resolver::new(&inventory.agencies);
    let mut ids: FxHashMap<String, usize> = FxHashMap::default();
    let mut unknown: BTreeMap<String, UnknownAgency> = BTreeMap::new();
    for row in &table.rows {
        // Only this row's problems are looked at, so reading stays linear however many
        // rows are wrong.
        let problems_before = diagnostics.len();
        let meeting =
            read_meeting(row, &map, source, options, &mut resolver, &mut unknown, diagnostics);
        if let (Some((_, id_header)), Some(&first_row)) =
            (map.get(MeetingField::Id), ids.get(&meeting.id))
        {
            diagnostics.push(
                Diagnostic::new(Severity::Error, source, Problem::DuplicateId { first_row })
                    .at_row(row.number)
                    .in_column(id_header)
                    .with_value(&meeting.id),
            );
            continue;
        }
        ids.insert(meeting.id.clone(), row.number);
        if count_errors(&diagnostics[problems_before..]) == 0 {
            inventory.meetings.push(meeting);
        }
    }
    let registry_given = !inventory.agencies.is_empty();
    if !registry_given && !unknown.is_empty() {
        diagnostics.push(Diagnostic::new(
            Severity::Warning,
            source,
            Problem::NoRegistry { agencies: unknown.len() },
        ));
    }
    for (name, seen) in unknown {
        if registry_given {
            diagnostics.push(
                Diagnostic::new(
                    Severity::Warning,
                    source,
                    Problem::UnknownAgency { meetings: seen.meetings },
                )
                .at_row(seen.first_row)
                .in_column(&seen.column)
                .with_value(&name),
            );
        }
        let mut agency = Agency::new(name, UNKNOWN_SECTOR);
        agency.unregistered = true;
        inventory.agencies.push(agency);
    }
    if inventory.meetings.is_empty() && count_errors(diagnostics) == 0 {
        diagnostics.push(Diagnostic::new(Severity::Error, source, Problem::NoMeetings));
    }
    inventory
}

fn count_errors(diagnostics: &[Diagnostic]) -> usize {
    diagnostics.iter().filter(|d| d.severity == Severity::Error).count()
}

struct UnknownAgency {
    first_row: usize,
    column: String,
    meetings: usize,
}

/// Name key → canonical name, over registry names and aliases.
struct Resolver {
    by_key: FxHashMap<String, String>,
}

impl Resolver {
    fn new(agencies: &[Agency]) -> Self {
        let mut by_key = FxHashMap::default();
        for agency in agencies {
            by_key.insert(name_key(&agency.name), agency.name.clone());
            for alias in &agency.aliases {
                by_key.entry(name_key(alias)).or_insert_with(|| agency.name.clone());
            }
        }
        Resolver { by_key }
    }

    fn resolve(&self, name: &str) -> Option<&str> {
        self.by_key.get(&name_key(name)).map(String::as_str)
    }
}

#[allow(clippy::too_many_arguments)]
fn read_meeting(
    row: &Row,
    map: &ColumnMap<MeetingField>,
    source: &str,
    options: &LoadOptions,
    resolver: &mut Resolver,
    unknown: &mut BTreeMap<String, UnknownAgency>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Meeting {
    let at = |problem: Problem, severity: Severity, header: &str, value: &str| {
        let mut d = Diagnostic::new(severity, source, problem).at_row(row.number).in_column(header);
        if !value.is_empty() {
            d = d.with_value(value);
        }
        d
    };
    // Ids are keys (policies and reviews refer to them), so they are normalised: Ｍ０１ is M01.
    let id = optional_text(row, map, MeetingField::Id)
        .map(|id| normalize(&id))
        .unwrap_or_else(|| format!("R{}", row.number));
    let mut meeting = Meeting::new(id, "");
    if let Some((value, header)) = cell(row, map, MeetingField::Name) {
        meeting.name = value.trim().to_string();
        if meeting.name.is_empty() {
            diagnostics.push(at(Problem::EmptyRequired, Severity::Error, &header, ""));
        }
    }
    if let Some((value, header)) = cell(row, map, MeetingField::Participants) {
        // Position of each agency in `participants`, so a meeting of thousands of
        // agencies is read in linear time.
        let mut position: FxHashMap<String, usize> = FxHashMap::default();
        for entry in split_list(value) {
            if plausibility::signed_or_fractional_count(&entry) {
                diagnostics.push(at(Problem::BadHeadCount, Severity::Error, &header, &entry));
                continue;
            }
            let counted = parse_head_count(&entry);
            let Some(count) = counted.count else {
                diagnostics.push(at(Problem::BadHeadCount, Severity::Error, &header, &entry));
                continue;
            };
            let agency = match resolver.resolve(&counted.name) {
                Some(canonical) => canonical.to_string(),
                None => {
                    // The first spelling seen names the agency; later spellings that
                    // differ only in width or spacing resolve to it, in this row too.
                    let name = counted.name.clone();
                    resolver.by_key.insert(name_key(&name), name.clone());
                    unknown.insert(
                        name.clone(),
                        UnknownAgency {
                            first_row: row.number,
                            column: header.clone(),
                            meetings: 0,
                        },
                    );
                    name
                }
            };
            if let (false, Some(seen)) = (position.contains_key(&agency), unknown.get_mut(&agency))
            {
                seen.meetings += 1;
            }
            match position.get(&agency).map(|&i| &mut meeting.participants[i]) {
                Some(existing) => {
                    existing.count = existing.count.saturating_add(count);
                    diagnostics.push(at(
                        Problem::RepeatedParticipant { agency: agency.clone() },
                        Severity::Warning,
                        &header,
                        &entry,
                    ));
                }
                None => {
                    position.insert(agency.clone(), meeting.participants.len());
                    meeting.participants.push(Participant::new(agency, count));
                }
            }
        }
        if meeting.participants.len() > MAX_PARTICIPANTS {
            let problem = Problem::TooManyParticipants {
                count: meeting.participants.len(),
                limit: MAX_PARTICIPANTS,
            };
            diagnostics.push(at(problem, Severity::Error, &header, ""));
        }
        if meeting.participants.is_empty() && split_list(value).is_empty() {
            diagnostics.push(at(Problem::NoParticipants, Severity::Error, &header, ""));
        }
    }
    if let Some((value, _)) = cell(row, map, MeetingField::Topics) {
        meeting.topics_as_written = Some(value.trim().to_string()).filter(|v| !v.is_empty());
        for topic in split_list(value) {
            if !meeting.topics.contains(&topic) {
                meeting.topics.push(topic);
            }
        }
    }
    if let Some((value, header)) = cell(row, map, MeetingField::Frequency) {
        match parse_frequency(value, options.adhoc_default) {
            Ok(frequency) => {
                if let Some(problem) = plausibility::sessions(frequency.sessions_per_year) {
                    diagnostics.push(at(problem, Severity::Warning, &header, value));
                }
                meeting.frequency = frequency
            }
            Err(error) => diagnostics.push(at(
                grammar_problem(error, |unread, nearest| Problem::BadFrequency { unread, nearest }),
                Severity::Error,
                &header,
                value,
            )),
        }
    }
    if let Some((value, header)) = cell(row, map, MeetingField::Duration) {
        match parse_duration(value) {
            Ok(read) => {
                if let Some(problem) = plausibility::minutes(read.minutes) {
                    diagnostics.push(at(problem, Severity::Warning, &header, value));
                }
                meeting.minutes_per_session = read.minutes;
                meeting.minutes_estimated = read.estimated;
            }
            Err(error) => diagnostics.push(at(
                grammar_problem(error, |unread, nearest| Problem::BadDuration { unread, nearest }),
                Severity::Error,
                &header,
                value,
            )),
        }
    }
    meeting.extra = extra_columns(row, map);
    if let Some((value, header)) = cell(row, map, MeetingField::Function) {
        let mut not_understood = Vec::new();
        for word in split_list(value) {
            match parse_function(&word) {
                Some(function) if !meeting.functions.contains(&function) => {
                    meeting.functions.push(function)
                }
                Some(_) => {}
                None => {
                    diagnostics.push(at(
                        Problem::UnknownFunction,
                        Severity::Warning,
                        &header,
                        &word,
                    ));
                    not_understood.push(word);
                }
            }
        }
        if !not_understood.is_empty() {
            meeting.extra.insert(header, not_understood.join("、"));
        }
    }
    meeting.host = optional_text(row, map, MeetingField::Host);
    meeting.legal_basis = optional_text(row, map, MeetingField::LegalBasis);
    meeting.area = optional_text(row, map, MeetingField::Area);
    meeting.parent_body = optional_text(row, map, MeetingField::ParentBody);
    meeting.tier = optional_text(row, map, MeetingField::Tier);
    for (field, slot) in [
        (MeetingField::Statutory, &mut meeting.statutory),
        (MeetingField::PersonalInfo, &mut meeting.personal_info),
    ] {
        if let Some((value, header)) = cell(row, map, field) {
            match parse_yes_no(value) {
                Ok(flag) => *slot = flag,
                Err(()) => {
                    diagnostics.push(at(Problem::BadYesNo, Severity::Warning, &header, value))
                }
            }
        }
    }
    meeting
}

fn grammar_problem(
    error: GrammarError,
    unknown: impl FnOnce(String, Vec<String>) -> Problem,
) -> Problem {
    match error {
        GrammarError::Empty => Problem::EmptyRequired,
        GrammarError::NotPositive => Problem::NotPositive,
        GrammarError::Unknown { unread, nearest } => unknown(unread, nearest),
    }
}
