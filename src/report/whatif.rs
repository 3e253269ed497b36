//! A what-if in words (text) and as JSON whose violations carry a rule code, the
//! meetings and a message in the reader's language.

use crate::lang::Lang;
use crate::proposal::{Holding, WhatIf};
use crate::report::phrases;
use std::fmt::Write as _;

/// JSON of a what-if: the data, with each violation as `{rule, meetings, message, …}`.
pub fn whatif_json(result: &WhatIf, lang: Lang) -> Vec<u8> {
    let mut value = serde_json::to_value(result).unwrap_or_default();
    let violations: Vec<serde_json::Value> = result
        .violations
        .iter()
        .map(|finding| {
            let mut entry = serde_json::to_value(&finding.violation).unwrap_or_default();
            if let Some(map) = entry.as_object_mut() {
                let rule = map.remove("constraint").unwrap_or_default();
                map.insert("rule".into(), rule);
                map.insert("meetings".into(), serde_json::json!(finding.meetings));
                map.insert(
                    "message".into(),
                    serde_json::json!(phrases::violation(&finding.violation, lang)),
                );
            }
            entry
        })
        .collect();
    value["violations"] = serde_json::Value::Array(violations);
    let mut bytes = serde_json::to_vec_pretty(&value).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// How a group is held, in words.
pub(crate) fn holding(holding: Holding, lang: Lang) -> &'static str {
    match holding {
        Holding::Merged => lang.pick("統合", "merged"),
        Holding::Joint => lang.pick("合同開催", "held jointly"),
        Holding::ServesAs => lang.pick("兼ねる", "serves as"),
        Holding::Split => lang.pick("目的別に分割", "split by purpose"),
    }
}

/// A what-if as a readable summary: figures, links, rules broken, hours per agency.
pub fn whatif_text(result: &WhatIf, lang: Lang) -> String {
    let mut out = String::new();
    let _ =
        writeln!(out, "{}", lang.pick("== 現状 → 変更後 ==", "== Today → after the changes =="));
    let (b, a) = (&result.before, &result.after);
    let rows = [
        (lang.pick("会議体", "meeting bodies"), b.bodies as f64, a.bodies as f64, 0),
        (
            lang.pick("年間開催回数", "sessions per year"),
            b.sessions_per_year,
            a.sessions_per_year,
            0,
        ),
        (
            lang.pick(
                "年間延べ時間（都度参加の機関は自分の議題だけ出席）",
                "person-hours per year (per-item members attend their own items only)",
            ),
            b.annual_person_hours,
            a.annual_person_hours,
            1,
        ),
        (
            lang.pick(
                "年間延べ時間（全員が毎回最後まで出席）",
                "person-hours per year (everyone sits through every session)",
            ),
            b.annual_person_hours_full_attendance,
            a.annual_person_hours_full_attendance,
            1,
        ),
        (
            lang.pick("機関間のつながり", "agency links"),
            b.agency_links as f64,
            a.agency_links as f64,
            0,
        ),
    ];
    let field_row = phrases::field_links_row(b.sector_links, a.sector_links, lang);
    let rows = rows.into_iter().map(|(l, b, a, d)| (l.to_string(), b, a, d)).chain(field_row);
    for (label, before, after, decimals) in rows {
        let _ = writeln!(out, "  {label}: {before:.decimals$} → {after:.decimals$}");
    }
    if let Some(note) = phrases::field_links_unknown(b.sector_links, lang) {
        let _ = writeln!(out, "  {note}");
    }
    for group in &result.groups {
        let how = holding(group.holding, lang);
        let _ = writeln!(out, "  {}: {how}", group.meetings.join(phrases::separator(lang)));
    }
    if !result.dropped.is_empty() {
        let _ = writeln!(
            out,
            "  {}: {}",
            lang.pick("廃止", "dropped"),
            result.dropped.join(phrases::separator(lang))
        );
    }
    let _ = writeln!(
        out,
        "\n{}",
        match lang {
            Lang::Ja => format!(
                "== 失われるつながり {} 組、新しいつながり {} 組 ==",
                result.links_lost.len(),
                result.links_gained.len()
            ),
            Lang::En => format!(
                "== {} lost, {} gained ==",
                crate::counted(result.links_lost.len(), "link", "links"),
                result.links_gained.len()
            ),
        }
    );
    for link in &result.links_lost {
        let _ = writeln!(
            out,
            "  - {} × {}（{}）",
            link.agencies[0],
            link.agencies[1],
            link.meetings.join(phrases::separator(lang))
        );
    }
    for pair in &result.field_links_lost {
        let _ = writeln!(out, "  - {} {} × {}", lang.pick("分野:", "field:"), pair[0], pair[1]);
    }
    let _ = writeln!(
        out,
        "\n{}",
        match lang {
            Lang::Ja => format!("== 守られない決まり {} 件 ==", result.violations.len()),
            Lang::En => format!("== {} rules broken ==", result.violations.len()),
        }
    );
    for finding in &result.violations {
        let _ = writeln!(out, "  - {}", phrases::violation(&finding.violation, lang));
    }
    if !result.agency_hours.is_empty() {
        let _ = writeln!(
            out,
            "\n{}",
            lang.pick(
                "== 時間が変わる機関（年間） ==",
                "== Agencies whose hours change (per year) =="
            )
        );
        for h in &result.agency_hours {
            let _ = writeln!(
                out,
                "  {}: {} → {}",
                h.name,
                phrases::hours(h.before),
                phrases::hours(h.after)
            );
        }
    }
    out
}
