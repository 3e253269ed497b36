//! The Hatsukaichi table: one row per meeting with participants, subjects, frequency,
//! minutes, sessions and annual person-hours, and totals — the table a planning office
//! shares with every department to ask what is still needed.

use crate::lang::Lang;
use crate::model::{Confidentiality, Function, Inventory, Meeting, UNKNOWN_SECTOR};
use crate::report::safety::csv_with_bom;
use serde::Serialize;
use std::collections::HashMap;
use std::fmt::Write as _;
use unicode_width::UnicodeWidthStr;

/// The table, ready to render.
#[derive(Debug, Clone, Serialize)]
pub struct InventoryReport {
    /// One row per meeting, in input order.
    pub meetings: Vec<MeetingRow>,
    /// The registry, with each agency's load.
    pub agencies: Vec<AgencyRow>,
    /// Sums over all meetings.
    pub totals: Totals,
}

/// An agency with the meetings it attends.
#[derive(Debug, Clone, Serialize)]
pub struct AgencyRow {
    /// Canonical name.
    pub name: String,
    /// Other names used for it.
    pub aliases: Vec<String>,
    /// Sector.
    pub sector: String,
    /// Kind (government, contractor, private, resident, or as written).
    pub kind: String,
    /// Duty of confidentiality.
    pub confidentiality: Confidentiality,
    /// Area.
    pub area: Option<String>,
    /// True when only a meeting named it.
    pub unregistered: bool,
    /// Meetings attended.
    pub meetings: usize,
    /// Head-count × sessions × hours over its meetings.
    pub annual_hours: f64,
}

/// One meeting as the table shows it.
#[derive(Debug, Clone, Serialize)]
pub struct MeetingRow {
    /// Meeting id.
    pub id: String,
    /// Meeting name.
    pub name: String,
    /// Host department.
    pub host: Option<String>,
    /// Participants with head-count and sector.
    pub participants: Vec<ParticipantRow>,
    /// Subjects.
    pub topics: Vec<String>,
    /// Functions (keys).
    pub functions: Vec<Function>,
    /// Sessions per year.
    pub sessions_per_year: f64,
    /// True when sessions per year is an estimate for an ad hoc meeting.
    pub sessions_estimated: bool,
    /// Minutes per session.
    pub minutes_per_session: f64,
    /// People at one session.
    pub head_count: u32,
    /// Head-count × sessions × hours.
    pub annual_person_hours: f64,
    /// Legal basis as written.
    pub legal_basis: Option<String>,
    /// Statutory flag.
    pub statutory: Option<bool>,
    /// Personal-information flag.
    pub personal_info: Option<bool>,
    /// Area.
    pub area: Option<String>,
    /// Parent body.
    pub parent_body: Option<String>,
    /// Tier within the parent body.
    pub tier: Option<String>,
}

/// A participant in the table.
#[derive(Debug, Clone, Serialize)]
pub struct ParticipantRow {
    /// Canonical agency name.
    pub name: String,
    /// Head-count.
    pub count: u32,
    /// Sector (canonical label, or `unknown`).
    pub sector: String,
}

/// Sums over the inventory.
#[derive(Debug, Clone, Serialize)]
pub struct Totals {
    /// Number of meetings.
    pub meetings: usize,
    /// Number of agencies in the registry (including unregistered participants).
    pub agencies: usize,
    /// Sessions per year over all meetings.
    pub sessions_per_year: f64,
    /// Person-hours per year over all meetings.
    pub annual_person_hours: f64,
}

/// Human label for a frequency: 月1回, 隔月, 随時(年6回) / monthly, every 2 months…
///
/// ```
/// use kaigi::{Lang, model::Frequency, report::frequency_label};
/// assert_eq!(frequency_label(&Frequency::per_year(24.0), Lang::Ja), "月2回");
/// assert_eq!(frequency_label(&Frequency::ad_hoc(6.0), Lang::En), "ad hoc (est. 6/year)");
/// ```
pub fn frequency_label(frequency: &crate::model::Frequency, lang: Lang) -> String {
    let n = frequency.sessions_per_year;
    let count = format_number(n);
    if frequency.ad_hoc {
        return match lang {
            Lang::Ja => format!("随時(年{count}回)"),
            Lang::En => format!("ad hoc (est. {count}/year)"),
        };
    }
    let label = match (n, lang) {
        (52.0, Lang::Ja) => "毎週",
        (52.0, Lang::En) => "weekly",
        (26.0, Lang::Ja) => "隔週",
        (26.0, Lang::En) => "every 2 weeks",
        (12.0, Lang::Ja) => "月1回",
        (12.0, Lang::En) => "monthly",
        (6.0, Lang::Ja) => "隔月",
        (6.0, Lang::En) => "every 2 months",
        (4.0, Lang::En) => "quarterly",
        (1.0, Lang::En) => "yearly",
        _ => "",
    };
    if !label.is_empty() {
        return label.to_string();
    }
    let monthly = n / 12.0;
    match lang {
        Lang::Ja if monthly.fract() == 0.0 && monthly >= 1.0 => {
            format!("月{}回", format_number(monthly))
        }
        Lang::Ja => format!("年{count}回"),
        Lang::En => format!("{count}/year"),
    }
}

/// Whole numbers without decimals, others with up to two.
fn format_number(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        let text = format!("{value:.2}");
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// Hours with one decimal, as the table shows them.
fn hours(value: f64) -> String {
    format!("{value:.1}")
}

impl InventoryReport {
    /// Builds the table from an inventory.
    pub fn new(inventory: &Inventory) -> Self {
        // Sector by name, first registry entry winning as `Inventory::sector_of` does
        // (a linear lookup per participant was quadratic in large inventories).
        let mut sectors: HashMap<&str, &str> = HashMap::new();
        for agency in &inventory.agencies {
            sectors.entry(agency.name.as_str()).or_insert(agency.sector.as_str());
        }
        let meetings: Vec<MeetingRow> =
            inventory.meetings.iter().map(|m| row(&sectors, m)).collect();
        let totals = Totals {
            meetings: meetings.len(),
            agencies: inventory.agencies.len(),
            sessions_per_year: inventory.total_sessions_per_year(),
            annual_person_hours: inventory.total_annual_person_hours(),
        };
        let hours = inventory.agency_annual_hours();
        // Meetings per agency in one pass (scanning every meeting for every agency took
        // minutes at 30,000 meetings); a meeting naming an agency twice counts once.
        let mut attended: HashMap<&str, usize> = HashMap::new();
        for meeting in &inventory.meetings {
            let mut names: Vec<&str> =
                meeting.participants.iter().map(|p| p.agency.as_str()).collect();
            names.sort_unstable();
            names.dedup();
            for name in names {
                *attended.entry(name).or_insert(0) += 1;
            }
        }
        let agencies = inventory
            .agencies
            .iter()
            .map(|a| AgencyRow {
                name: a.name.clone(),
                aliases: a.aliases.clone(),
                sector: a.sector.clone(),
                kind: a.kind.label_en().to_string(),
                confidentiality: a.confidentiality,
                area: a.area.clone(),
                unregistered: a.unregistered,
                meetings: attended.get(a.name.as_str()).copied().unwrap_or(0),
                annual_hours: hours.get(&a.name).copied().unwrap_or(0.0),
            })
            .collect();
        InventoryReport { meetings, agencies, totals }
    }

    /// JSON, pretty-printed, keys in a fixed order.
    pub fn to_json(&self) -> Vec<u8> {
        let mut bytes = serde_json::to_vec_pretty(self).unwrap_or_default();
        bytes.push(b'\n');
        bytes
    }

    /// The table as CSV with a BOM, one row per meeting and a totals row.
    pub fn to_csv(&self, lang: Lang) -> Vec<u8> {
        let header: Vec<String> = [
            ("ID", "id"),
            ("会議名", "name"),
            ("所管", "host"),
            ("参加者", "participants"),
            ("議題・対象", "topics"),
            ("開催頻度", "frequency"),
            ("1回当たりの会議時間（分）", "minutes_per_session"),
            ("年間開催回数", "sessions_per_year"),
            ("参加人数", "head_count"),
            ("年間延べ時間（人・時間）", "annual_person_hours"),
            ("機能", "functions"),
            ("法定", "statutory"),
            ("個人情報", "personal_info"),
            ("根拠法令", "legal_basis"),
            ("圏域", "area"),
        ]
        .iter()
        .map(|(ja, en)| lang.pick(ja, en).to_string())
        .collect();
        let mut rows = vec![header];
        let separator = lang.pick("、", "; ");
        for m in &self.meetings {
            rows.push(vec![
                m.id.clone(),
                m.name.clone(),
                m.host.clone().unwrap_or_default(),
                m.participants.iter().map(participant_label).collect::<Vec<_>>().join(separator),
                m.topics.join(separator),
                frequency_label(&frequency(m), lang),
                format_number(m.minutes_per_session),
                format_number(m.sessions_per_year),
                m.head_count.to_string(),
                hours(m.annual_person_hours),
                m.functions
                    .iter()
                    .map(|f| lang.pick(f.label_ja(), f.key()))
                    .collect::<Vec<_>>()
                    .join(separator),
                yes_no(m.statutory, lang),
                yes_no(m.personal_info, lang),
                m.legal_basis.clone().unwrap_or_default(),
                m.area.clone().unwrap_or_default(),
            ]);
        }
        let mut total = vec![String::new(); rows[0].len()];
        total[1] = lang.pick("合計", "Total").to_string();
        total[7] = format_number(self.totals.sessions_per_year);
        total[9] = hours(self.totals.annual_person_hours);
        rows.push(total);
        csv_with_bom(&rows)
    }

    /// A readable summary for the terminal: one block per meeting, totals last.
    pub fn to_text(&self, lang: Lang) -> String {
        let mut out = String::new();
        let width = self.meetings.iter().map(|m| m.name.width()).max().unwrap_or(0);
        let separator = lang.pick("、", ", ");
        for m in &self.meetings {
            let padding = " ".repeat(width.saturating_sub(m.name.width()));
            let _ = match lang {
                Lang::Ja => writeln!(
                    out,
                    "{:<4} {}{padding}  {} × {}分 × {}人 = {} 時間/年",
                    m.id,
                    m.name,
                    frequency_label(&frequency(m), lang),
                    format_number(m.minutes_per_session),
                    m.head_count,
                    hours(m.annual_person_hours)
                ),
                Lang::En => writeln!(
                    out,
                    "{:<4} {}{padding}  {} × {} min × {} people = {} person-hours/year",
                    m.id,
                    m.name,
                    frequency_label(&frequency(m), lang),
                    format_number(m.minutes_per_session),
                    m.head_count,
                    hours(m.annual_person_hours)
                ),
            };
            let names: Vec<String> = m.participants.iter().map(participant_label).collect();
            let _ = writeln!(
                out,
                "     {}: {}",
                lang.pick("参加者", "participants"),
                names.join(separator)
            );
            if !m.topics.is_empty() {
                let _ = writeln!(
                    out,
                    "     {}: {}",
                    lang.pick("議題", "topics"),
                    m.topics.join(separator)
                );
            }
        }
        let t = &self.totals;
        let _ = match lang {
            Lang::Ja => writeln!(
                out,
                "\n合計: 会議 {} 件、機関 {} 、年間開催 {} 回、年間延べ {} 人・時間",
                t.meetings,
                t.agencies,
                format_number(t.sessions_per_year),
                hours(t.annual_person_hours)
            ),
            Lang::En => writeln!(
                out,
                "\nTotal: {} meetings, {} agencies, {} sessions/year, {} person-hours/year",
                t.meetings,
                t.agencies,
                format_number(t.sessions_per_year),
                hours(t.annual_person_hours)
            ),
        };
        out
    }
}

fn frequency(m: &MeetingRow) -> crate::model::Frequency {
    crate::model::Frequency { sessions_per_year: m.sessions_per_year, ad_hoc: m.sessions_estimated }
}

fn participant_label(p: &ParticipantRow) -> String {
    if p.count > 1 { format!("{}×{}", p.name, p.count) } else { p.name.clone() }
}

fn yes_no(flag: Option<bool>, lang: Lang) -> String {
    match flag {
        Some(true) => lang.pick("○", "yes").into(),
        Some(false) => lang.pick("×", "no").into(),
        None => String::new(),
    }
}

fn row(sectors: &HashMap<&str, &str>, meeting: &Meeting) -> MeetingRow {
    MeetingRow {
        id: meeting.id.clone(),
        name: meeting.name.clone(),
        host: meeting.host.clone(),
        participants: meeting
            .participants
            .iter()
            .map(|p| ParticipantRow {
                name: p.agency.clone(),
                count: p.count,
                sector: sectors
                    .get(p.agency.as_str())
                    .copied()
                    .unwrap_or(UNKNOWN_SECTOR)
                    .to_string(),
            })
            .collect(),
        topics: meeting.topics.clone(),
        functions: meeting.functions.clone(),
        sessions_per_year: meeting.frequency.sessions_per_year,
        sessions_estimated: meeting.frequency.ad_hoc,
        minutes_per_session: meeting.minutes_per_session,
        head_count: meeting.head_count(),
        annual_person_hours: meeting.annual_person_hours(),
        legal_basis: meeting.legal_basis.clone(),
        statutory: meeting.statutory,
        personal_info: meeting.personal_info,
        area: meeting.area.clone(),
        parent_body: meeting.parent_body.clone(),
        tier: meeting.tier.clone(),
    }
}
