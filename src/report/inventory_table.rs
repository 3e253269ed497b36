//! The Hatsukaichi table: one row per meeting with participants, subjects, frequency,
//! minutes, sessions and annual person-hours, and totals — the table a planning office
//! shares with every department to ask what is still needed.

use crate::analysis::{AgencyRow, InventoryReport, ParticipantRow};
use crate::lang::Lang;
use crate::report::safety::csv_with_bom;
use std::fmt::Write as _;
use unicode_width::UnicodeWidthStr;

/// Human label for a frequency: 月1回, 隔月, 随時(推定 年6回) / monthly, every 2 months…
/// An estimated count is marked 推定 / est. in both languages.
///
/// ```
/// use kaigi::{Lang, model::Frequency, report::frequency_label};
/// assert_eq!(frequency_label(&Frequency::per_year(24.0), Lang::Ja), "月2回");
/// assert_eq!(frequency_label(&Frequency::ad_hoc(6.0), Lang::En), "ad hoc (est. 6/year)");
/// assert_eq!(frequency_label(&Frequency::ad_hoc(12.0), Lang::Ja), "随時(推定 年12回)");
/// assert_eq!(frequency_label(&Frequency::about(2.5), Lang::Ja), "年2.5回(推定)");
/// assert_eq!(frequency_label(&Frequency::about(12.0), Lang::En), "monthly (est.)");
/// ```
pub fn frequency_label(frequency: &crate::model::Frequency, lang: Lang) -> String {
    let n = frequency.sessions_per_year;
    let count = format_number(n);
    if frequency.ad_hoc {
        return match lang {
            Lang::Ja => format!("随時(推定 年{count}回)"),
            Lang::En => format!("ad hoc (est. {count}/year)"),
        };
    }
    let label = regular_frequency_label(n, lang);
    match (frequency.estimated, lang) {
        (false, _) => label,
        (true, Lang::Ja) => format!("{label}(推定)"),
        (true, Lang::En) => format!("{label} (est.)"),
    }
}

/// Minutes per session as a table shows them, marked 推定 / est. when estimated.
///
/// ```
/// use kaigi::{Lang, report::minutes_label};
/// assert_eq!(minutes_label(90.0, false, Lang::Ja), "90");
/// assert_eq!(minutes_label(75.0, true, Lang::Ja), "75(推定)");
/// assert_eq!(minutes_label(75.0, true, Lang::En), "75 (est.)");
/// ```
pub fn minutes_label(minutes: f64, estimated: bool, lang: Lang) -> String {
    let value = format_number(minutes);
    match (estimated, lang) {
        (false, _) => value,
        (true, Lang::Ja) => format!("{value}(推定)"),
        (true, Lang::En) => format!("{value} (est.)"),
    }
}

fn regular_frequency_label(n: f64, lang: Lang) -> String {
    let count = format_number(n);
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

/// Whole numbers without decimals, others with up to two; never `-0`.
fn format_number(value: f64) -> String {
    let text = if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        let text = format!("{value:.2}");
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    };
    no_negative_zero(text)
}

/// Hours with one decimal, as the table shows them; never `-0.0`.
fn hours(value: f64) -> String {
    no_negative_zero(format!("{value:.1}"))
}

/// `-0`, `-0.0`, `-0.00` (a tiny negative rounded away) read as 0.
pub(crate) fn no_negative_zero(text: String) -> String {
    match text.strip_prefix('-') {
        Some(rest) if rest.chars().all(|c| c == '0' || c == '.') => rest.to_string(),
        _ => text,
    }
}

impl InventoryReport {
    /// JSON, pretty-printed, keys in a fixed order.
    pub fn to_json(&self) -> Vec<u8> {
        let mut bytes = serde_json::to_vec_pretty(self).unwrap_or_default();
        bytes.push(b'\n');
        bytes
    }

    /// The table as CSV with a BOM, one row per meeting and a totals row; columns kaigi
    /// does not interpret (備考 and others) follow, under their own headers.
    pub fn to_csv(&self, lang: Lang) -> Vec<u8> {
        let extra = self.extra_headers();
        let mut header: Vec<String> = [
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
        header.extend(extra.iter().cloned());
        let mut rows = vec![header];
        let separator = lang.pick("、", "; ");
        for m in &self.meetings {
            rows.push(vec![
                m.id.clone(),
                m.name.clone(),
                m.host.clone().unwrap_or_default(),
                m.participants.iter().map(participant_label).collect::<Vec<_>>().join(separator),
                m.topics_label(separator),
                frequency_label(&m.frequency(), lang),
                minutes_label(m.minutes_per_session, m.minutes_estimated, lang),
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
            if let Some(row) = rows.last_mut() {
                row.extend(extra.iter().map(|h| m.extra.get(h).cloned().unwrap_or_default()));
            }
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
            let (minutes, people, per_year) = match lang {
                Lang::Ja => ("分", "人", "時間/年"),
                Lang::En => (" min", " people", "person-hours/year"),
            };
            let _ = writeln!(
                out,
                "{:<4} {}{padding}  {} × {}{minutes} × {}{people} = {} {per_year}",
                m.id,
                m.name,
                frequency_label(&m.frequency(), lang),
                minutes_label(m.minutes_per_session, m.minutes_estimated, lang),
                m.head_count,
                hours(m.annual_person_hours)
            );
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
                    // A cell with line breaks would break the layout: its items, joined.
                    match &m.topics_as_written {
                        Some(cell) if !cell.contains(['\n', '\r']) => cell.clone(),
                        _ => m.topics.join(separator),
                    }
                );
            }
            for (header, value) in &m.extra {
                let _ = writeln!(out, "     {header}: {value}");
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
                "\nTotal: {}, {}, {} sessions/year, {} person-hours/year",
                crate::counted(t.meetings, "meeting", "meetings"),
                crate::counted(t.agencies, "agency", "agencies"),
                format_number(t.sessions_per_year),
                hours(t.annual_person_hours)
            ),
        };
        out
    }
}

impl AgencyRow {
    /// The kind in the run's language (`kind` itself keeps the language-free code).
    ///
    /// ```
    /// # use kaigi::{Lang, model::{Agency, AgencyKind, Inventory}, analysis::InventoryReport};
    /// let mut agency = Agency::new("福祉課", "行政");
    /// agency.kind = AgencyKind::Government;
    /// let report = InventoryReport::new(&Inventory { meetings: vec![], agencies: vec![agency] });
    /// assert_eq!(report.agencies[0].kind, "government");
    /// assert_eq!(report.agencies[0].kind_label(Lang::Ja), "行政");
    /// ```
    pub fn kind_label(&self, lang: Lang) -> String {
        let ja = match self.kind.as_str() {
            "government" => "行政",
            "contractor" => "委託先",
            "private" => "民間",
            "resident" => "住民・民生委員",
            other => other,
        };
        lang.pick(ja, &self.kind).to_string()
    }
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
