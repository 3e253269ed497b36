//! The proposal as a readable summary: before/after first, then each body with its
//! members and reasons.

use crate::lang::Lang;
use crate::proposal::{Method, Proposal, Sensitivity};
use crate::report::phrases;
use std::fmt::Write as _;

/// Renders a proposal for the terminal.
pub fn proposal_text(proposal: &Proposal, lang: Lang) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", lang.pick("== 現状 → 提案 ==", "== Before → after =="));
    for (label, before, after, decimals) in phrases::before_after_rows(proposal, lang) {
        let _ = writeln!(out, "  {label}: {before:.decimals$} → {after:.decimals$}");
    }
    if let Some(note) = phrases::field_links_unknown(proposal.before.sector_links, lang) {
        let _ = writeln!(out, "  {note}");
    }
    let _ = writeln!(out, "  {}", phrases::cost_assumptions(proposal, lang));
    let dropped = proposal.dropped_links.len();
    let _ = match lang {
        Lang::Ja => writeln!(out, "  失われるつながり: {dropped} 件"),
        Lang::En => writeln!(out, "  links dropped: {dropped}"),
    };
    let o = &proposal.optimality;
    let _ = match (lang, o.method) {
        (Lang::Ja, Method::Exact) => writeln!(out, "  探索: 厳密解（最適性を証明）"),
        (Lang::En, Method::Exact) => writeln!(out, "  search: exact (proven optimum)"),
        (Lang::Ja, _) => {
            writeln!(out, "  探索: ヒューリスティック（下界との差 {:.1}%）", o.gap * 100.0)
        }
        (Lang::En, _) => {
            writeln!(out, "  search: heuristic (gap to lower bound {:.1}%)", o.gap * 100.0)
        }
    };
    let _ = writeln!(out, "\n{}", lang.pick("== 提案する会議体 ==", "== Proposed bodies =="));
    for body in &proposal.bodies {
        let tier = phrases::tier(body.tier, lang);
        let frequency = if body.ad_hoc {
            match lang {
                Lang::Ja => format!("随時(推定 年{:.0}回)", body.sessions_per_year),
                Lang::En => format!("ad hoc (est. {:.0}/year)", body.sessions_per_year),
            }
        } else {
            match lang {
                Lang::Ja => format!("年{:.0}回", body.sessions_per_year),
                Lang::En => format!("{:.0}/year", body.sessions_per_year),
            }
        };
        let _ = writeln!(
            out,
            "{} {} [{tier}] {frequency} × {:.0}{} — {:.1} → {:.1} {}",
            body.id,
            phrases::body_title(body, lang),
            body.minutes_per_session,
            lang.pick("分", " min"),
            body.hours_before,
            body.annual_person_hours,
            lang.pick("時間/年", "person-hours/year")
        );
        let absorbed: Vec<String> = body
            .absorbs
            .iter()
            .map(|x| format!("{} {} ({})", x.meeting, x.name, phrases::how(x.how, lang)))
            .collect();
        field(&mut out, lang.pick("対象", "absorbs"), &absorbed, lang);
        let role: Vec<&str> = body.role.iter().map(|f| lang.pick(f.label_ja(), f.key())).collect();
        field(&mut out, lang.pick("役割", "role"), &role, lang);
        let core: Vec<String> =
            body.core_members.iter().map(|m| member(&m.name, m.count)).collect();
        field(&mut out, lang.pick("コアメンバー", "core members"), &core, lang);
        let items: Vec<String> = body
            .per_item_members
            .iter()
            .map(|m| format!("{} {:.0}%", member(&m.name, m.count), m.expected_share * 100.0))
            .collect();
        field(&mut out, lang.pick("都度参加", "per-item members"), &items, lang);
        if let Some(target) = &body.escalates_to {
            let _ = writeln!(out, "    {}: {target}", lang.pick("課題の提起先", "escalates to"));
        }
        for reason in &body.reasons {
            let _ = writeln!(out, "    - {}", phrases::reason(reason, lang));
        }
    }
    if !proposal.options.is_empty() {
        let _ = writeln!(
            out,
            "\n{}",
            lang.pick(
                "== 個別ケース会議の選択肢（提案には含めていない） ==",
                "== Options for the case meetings (not part of the proposal) =="
            )
        );
        for option in &proposal.options {
            let _ = writeln!(out, "  - {}", phrases::case_option(option, lang));
        }
    }
    out
}

fn member(name: &str, count: u32) -> String {
    if count > 1 { format!("{name}×{count}") } else { name.to_string() }
}

/// One indented "label: a、b、c" line of a body; nothing when the list is empty.
fn field<S: AsRef<str>>(out: &mut String, label: &str, items: &[S], lang: Lang) {
    if !items.is_empty() {
        let _ = writeln!(out, "    {label}: {}", phrases::list(items, usize::MAX, lang));
    }
}

/// The sensitivity of a proposal: each pair of meetings some setting holds together,
/// with the share of settings that do, the robust core first.
pub fn sensitivity_text(result: &Sensitivity, lang: Lang) -> String {
    let mut out = String::new();
    let total = result.grid.len();
    let _ = writeln!(
        out,
        "{}",
        match lang {
            Lang::Ja => format!(
                "== 感度分析: ポリシーの {total} 通りの設定で提案を作り直し、同じ会議体にまとまる会議の組を数えた =="
            ),
            Lang::En => format!(
                "== Sensitivity: the proposal rerun under {total} policy settings; pairs of meetings held in one body =="
            ),
        }
    );
    for pair in &result.together {
        let share = pair.settings as f64 / total.max(1) as f64;
        let verdict = crate::report::scenarios::robustness(result.robustness(pair), lang);
        let mark = if pair.in_proposal {
            lang.pick("（今回の提案に含む）", " (in the proposal)")
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "  {} + {}: {}/{total} ({}) {verdict}{mark}",
            pair.meetings[0],
            pair.meetings[1],
            pair.settings,
            crate::report::scenarios::share_percent(share)
        );
    }
    out
}
