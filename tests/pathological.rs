//! Inputs far outside what a municipality writes, generated at test time: a meeting of
//! 10,000 agencies, 20,000 rows, a one-megabyte name, an alias list of 10,000 entries and
//! chains of aliases. Each must finish quickly and, where a limit is hit, say which
//! limit, where (file, row as Excel numbers it, column) and how to fix it.
//!
//! The 100,000-row figure is measured with the release binary (BENCHMARKS.md); a debug
//! test keeps to 20,000 rows.

mod common;

use kaigi::Lang;
use kaigi::analysis::InventoryReport;
use kaigi::input::{
    Diagnostic, LoadOptions, MAX_CELL_CHARS, MAX_PARTICIPANTS, Problem, Severity, read_agencies,
    read_csv_bytes, read_meetings,
};
use kaigi::model::Inventory;

/// `n` distinct one-character agency names (CJK ideographs from U+4E00), so 10,000 of
/// them, separated by 、, still fit in one cell (19,999 characters < 20,000).
fn one_char_names(n: usize) -> Vec<String> {
    (0..n).map(|i| char::from_u32(0x4E00 + i as u32).expect("ideograph").to_string()).collect()
}

fn load(meetings_csv: &str, agencies_csv: Option<&str>) -> (Inventory, Vec<Diagnostic>) {
    let options = LoadOptions::default();
    let mut problems = Vec::new();
    let agencies = match agencies_csv {
        Some(csv) => {
            let table = read_csv_bytes(csv.as_bytes(), "agencies.csv", &options, &mut problems);
            read_agencies(&table, &mut problems)
        }
        None => Vec::new(),
    };
    let table = read_csv_bytes(meetings_csv.as_bytes(), "meetings.csv", &options, &mut problems);
    let inventory = read_meetings(&table, agencies, &options, &mut problems);
    (inventory, problems)
}

fn errors(problems: &[Diagnostic]) -> Vec<&Diagnostic> {
    problems.iter().filter(|d| d.severity == Severity::Error).collect()
}

fn plenary_csv(agencies: usize) -> String {
    let cell = one_char_names(agencies).join("、");
    format!(
        "ID,会議名,参加者,開催頻度,1回当たりの会議時間\n\
         M1,全体会議,\"{cell}\",年1回,120分\n\
         M2,事務局会議,\"一、丁\",月1回,60分\n"
    )
}

#[test]
fn a_meeting_of_ten_thousand_agencies_is_refused_with_row_column_and_limit() {
    let (inventory, problems) = load(&plenary_csv(10_000), None);
    let errors = errors(&problems);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let error = errors[0];
    assert_eq!(error.problem, Problem::TooManyParticipants { count: 10_000, limit: 1_000 });
    assert_eq!((error.row, error.column.as_deref()), (Some(2), Some("参加者")));
    assert_eq!(
        error.render(Lang::En),
        "error: meetings.csv row 2 column '参加者': too many participants (10000 agencies, \
         limit 1000). Fix: list a plenary by member organisation with a head-count \
         (e.g. 'Welfare volunteers x40') or split the meeting"
    );
    assert!(error.render(Lang::Ja).contains("参加機関が多すぎます（10000 機関、上限 1000 機関）"));
    // The other meeting is still read.
    assert_eq!(inventory.meetings.len(), 1);
    assert_eq!(inventory.meetings[0].id, "M2");
}

#[test]
fn analyses_stop_at_a_ten_thousand_agency_meeting_instead_of_building_fifty_million_links() {
    // Before the limit, `kaigi connectivity` on this file ran out of 6 GB after two
    // minutes and `kaigi propose` took 46 s and 3.6 GB.
    let work = tempfile::tempdir().expect("temporary folder");
    let file = work.path().join("meetings.csv");
    std::fs::write(&file, plenary_csv(10_000)).expect("write");
    for command in ["connectivity", "propose", "overlap"] {
        let output = common::kaigi()
            .args([command, file.to_str().expect("UTF-8 path"), "--lang", "en"])
            .timeout(std::time::Duration::from_secs(120))
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{command}: {stderr}");
        assert!(
            stderr.contains(
                "row 2 column '参加者': too many participants (10000 agencies, limit 1000)"
            ),
            "{command}: {stderr}"
        );
    }
}

#[test]
fn a_meeting_at_the_participant_limit_is_read_and_counted_once_per_agency() {
    let mut names = one_char_names(MAX_PARTICIPANTS);
    // Every agency a second time: head-counts add up, one warning each.
    names.extend(one_char_names(MAX_PARTICIPANTS));
    let csv = format!(
        "ID,会議名,参加者,開催頻度,1回当たりの会議時間\nM1,全体会議,\"{}\",年1回,60分\n",
        names.join("、")
    );
    let (inventory, problems) = load(&csv, None);
    assert!(errors(&problems).is_empty(), "{:#?}", errors(&problems));
    let meeting = &inventory.meetings[0];
    assert_eq!(meeting.participants.len(), MAX_PARTICIPANTS);
    assert!(meeting.participants.iter().all(|p| p.count == 2));
    assert_eq!(meeting.head_count(), 2_000);
    let repeated = problems
        .iter()
        .filter(|d| matches!(d.problem, Problem::RepeatedParticipant { .. }))
        .count();
    assert_eq!(repeated, MAX_PARTICIPANTS);
    let report = InventoryReport::new(&inventory);
    assert!(report.agencies.iter().all(|a| a.meetings == 1));
}

#[test]
fn twenty_thousand_rows_load_with_every_meeting_and_agency_counted() {
    let rows = 20_000;
    let agencies = 2_000;
    let mut meetings = String::from("ID,会議名,参加者,開催頻度,1回当たりの会議時間\n");
    let mut registry = String::from("機関名,別名,分野\n");
    for a in 0..agencies {
        registry.push_str(&format!("機関{a:04},略{a:04},高齢\n"));
    }
    for i in 0..rows {
        let (a, b, c) = (i % agencies, (i * 7 + 1) % agencies, (i * 13 + 2) % agencies);
        meetings.push_str(&format!(
            "M{i:05},会議{i},\"機関{a:04}、略{b:04}、機関{c:04}×2\",月1回,60分\n"
        ));
    }
    let (inventory, problems) = load(&meetings, Some(&registry));
    assert!(errors(&problems).is_empty(), "{:#?}", &errors(&problems)[..1]);
    assert_eq!(inventory.meetings.len(), rows);
    assert_eq!(inventory.agencies.len(), agencies);
    // a, b and c are distinct for every row here, so 4 people × 12 sessions × 1 h.
    assert_eq!(inventory.total_annual_person_hours(), (rows * 4 * 12) as f64);
    let report = InventoryReport::new(&inventory);
    let seats: usize = report.agencies.iter().map(|a| a.meetings).sum();
    assert_eq!(seats, rows * 3);
    assert!(report.agencies.iter().all(|a| a.sector == "高齢"));
    assert!(report.meetings.iter().all(|m| m.participants.iter().all(|p| p.sector == "高齢")));
}

#[test]
fn a_one_megabyte_name_is_refused_with_row_column_and_a_short_preview() {
    let name = "あ".repeat(1_000_000);
    let registry = format!("機関名,分野\n社会福祉協議会,地域\n{name},高齢\n");
    let meetings = format!(
        "ID,会議名,参加者,開催頻度,1回当たりの会議時間\nM1,{name},社会福祉協議会,月1回,60分\n\
         M2,支援会議,社会福祉協議会,月1回,60分\n"
    );
    let (inventory, problems) = load(&meetings, Some(&registry));
    let errors = errors(&problems);
    assert_eq!(errors.len(), 2, "{errors:#?}");
    let limit = MAX_CELL_CHARS;
    for (error, file, row, column) in
        [(errors[0], "agencies.csv", 3, "機関名"), (errors[1], "meetings.csv", 2, "会議名")]
    {
        assert_eq!(error.problem, Problem::CellTooLong { chars: 1_000_000, limit });
        assert_eq!(
            (error.file.as_str(), error.row, error.column.as_deref()),
            (file, Some(row), Some(column))
        );
        let preview = error.value.as_deref().expect("value shown");
        assert_eq!(preview.chars().count(), 81, "80 characters and an ellipsis");
        assert!(error.render(Lang::En).contains(&format!(
            "row {row} column '{column}' value '{}…': cell too long (1000000 characters, limit 20000)",
            "あ".repeat(80)
        )));
    }
    // The registry row and the meeting row are left out; the rest is read.
    assert_eq!(inventory.agencies.len(), 1);
    assert_eq!(inventory.meetings.len(), 1);
    assert_eq!(inventory.meetings[0].id, "M2");
}

#[test]
fn an_alias_list_of_ten_thousand_entries_resolves_every_alias() {
    let aliases = one_char_names(10_000);
    let registry = format!("機関名,別名,分野\n社会福祉協議会,\"{}\",地域\n", aliases.join("、"));
    let cell: Vec<&str> = aliases.iter().step_by(1_000).map(String::as_str).collect();
    let meetings = format!(
        "ID,会議名,参加者,開催頻度,1回当たりの会議時間\nM1,支援会議,\"{}\",月1回,60分\n",
        cell.join("、")
    );
    let (inventory, problems) = load(&meetings, Some(&registry));
    assert!(errors(&problems).is_empty(), "{:#?}", errors(&problems));
    assert_eq!(inventory.agencies.len(), 1);
    assert_eq!(inventory.agencies[0].aliases.len(), 10_000);
    // Ten aliases of one agency: one participant with a head-count of 10.
    let meeting = &inventory.meetings[0];
    assert_eq!(meeting.participants.len(), 1);
    assert_eq!(
        (meeting.participants[0].agency.as_str(), meeting.participants[0].count),
        ("社会福祉協議会", 10)
    );
}

#[test]
fn an_alias_list_over_the_cell_limit_names_the_aliases_column() {
    let aliases: Vec<String> = (0..10_000).map(|i| format!("略{i}")).collect();
    let cell = aliases.join("、");
    let chars = cell.chars().count();
    let registry = format!("機関名,別名,分野\n社会福祉協議会,\"{cell}\",地域\n");
    let (_, problems) = load("ID,会議名,参加者,開催頻度,1回当たりの会議時間\n", Some(&registry));
    let error = problems
        .iter()
        .find(|d| matches!(d.problem, Problem::CellTooLong { .. }))
        .expect("cell too long");
    assert_eq!((error.row, error.column.as_deref()), (Some(2), Some("別名")));
    assert!(chars > MAX_CELL_CHARS);
    assert!(
        error
            .render(Lang::En)
            .contains(&format!("cell too long ({chars} characters, limit 20000)"))
    );
}

#[test]
fn alias_cycles_are_reported_as_conflicts_without_following_them() {
    // A → B, B → C, C → A: names and aliases share one key space, so B and C's rows
    // conflict with what A claimed; nothing is followed, so nothing can loop.
    let registry = "機関名,別名,分野\nA,B,地域\nB,C,地域\nC,A,地域\n";
    let meetings = "ID,会議名,参加者,開催頻度,1回当たりの会議時間\nM1,会議,\"B、C\",月1回,60分\n";
    let (inventory, problems) = load(meetings, Some(registry));
    let rendered: Vec<String> = errors(&problems).iter().map(|d| d.render(Lang::En)).collect();
    assert_eq!(
        rendered,
        [
            "error: agencies.csv row 3 column '機関名' value 'B': this alias already names 'A'. \
             Fix: give the alias to one agency only",
            "error: agencies.csv row 4 column '別名' value 'A': this alias already names 'A'. \
             Fix: give the alias to one agency only",
        ]
    );
    let names: Vec<&str> = inventory.agencies.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["A", "C"]);
    let participants: Vec<&str> =
        inventory.meetings[0].participants.iter().map(|p| p.agency.as_str()).collect();
    assert_eq!(participants, ["A", "C"], "B is A's alias; C is an agency of its own");
}

#[test]
fn a_long_alias_chain_gives_one_conflict_per_claimed_name() {
    // 機関0 → 機関1, 機関1 → 機関2, … : every other row's name was already claimed as
    // an alias by the row above.
    let n = 5_000;
    let mut registry = String::from("機関名,別名,分野\n");
    for i in 0..n {
        registry.push_str(&format!("機関{i},機関{},地域\n", i + 1));
    }
    let (inventory, problems) =
        load("ID,会議名,参加者,開催頻度,1回当たりの会議時間\n", Some(&registry));
    let conflicts: Vec<&Diagnostic> =
        problems.iter().filter(|d| matches!(d.problem, Problem::ConflictingAlias { .. })).collect();
    assert_eq!(conflicts.len(), n / 2);
    assert_eq!(inventory.agencies.len(), n / 2);
    assert_eq!(
        conflicts[0].render(Lang::En),
        "error: agencies.csv row 3 column '機関名' value '機関1': this alias already names \
         '機関0'. Fix: give the alias to one agency only"
    );
}
