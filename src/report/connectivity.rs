//! The connectivity report as a planner reads it — fields that never meet first, then
//! single points of failure, the main brokers, and the figures — and as JSON.

use crate::connectivity::{AgencyMeasures, ConnectivityReport};
use crate::counted;
use crate::lang::Lang;
use crate::report::phrases;
use std::fmt::Write as _;

/// How many brokers and burdened agencies the text lists.
const TOP: usize = 5;
/// How many names a list shows before "and N more".
const NAMES: usize = 12;

/// The report as pretty JSON (every list already sorted, so the bytes repeat run to run).
///
/// ```
/// use kaigi::connectivity::{analyze, ConnectivityOptions};
/// use kaigi::model::Inventory;
/// let report = analyze(&Inventory::default(), &ConnectivityOptions::default())?;
/// let json = kaigi::report::connectivity_json(&report);
/// assert!(String::from_utf8(json).unwrap().contains("\"agencies\": 0"));
/// # Ok::<(), kaigi::connectivity::ConnectivityError>(())
/// ```
pub fn connectivity_json(report: &ConnectivityReport) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(report).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// The readable summary, in Japanese or English.
///
/// ```
/// use kaigi::connectivity::{analyze, ConnectivityOptions};
/// use kaigi::model::{Agency, Inventory};
/// let inventory = Inventory { meetings: vec![], agencies: vec![Agency::new("A", "高齢"), Agency::new("B", "障害")] };
/// let report = analyze(&inventory, &ConnectivityOptions::default())?;
/// let text = kaigi::report::connectivity_text(&report, kaigi::Lang::En);
/// assert!(text.contains("disability × elderly"));
/// # Ok::<(), kaigi::connectivity::ConnectivityError>(())
/// ```
pub fn connectivity_text(report: &ConnectivityReport, lang: Lang) -> String {
    let mut out = String::new();
    let ja = lang == Lang::Ja;
    let sector = |s: &str| -> String { crate::report::phrases::sector(s, lang).to_string() };
    let agency = |name: &str| -> Option<&AgencyMeasures> {
        report
            .agencies
            .binary_search_by(|a| a.name.as_str().cmp(name))
            .ok()
            .map(|i| &report.agencies[i])
    };
    let with_sector = |name: &str| -> String {
        match agency(name) {
            Some(a) if ja => format!("{name}（{}）", sector(&a.sector)),
            Some(a) => format!("{name} ({})", sector(&a.sector)),
            None => name.to_string(),
        }
    };
    let pair = |p: &[String; 2]| format!("{} × {}", sector(&p[0]), sector(&p[1]));
    let net = &report.network;

    let _ = writeln!(
        out,
        "{}",
        if ja {
            format!(
                "機関どうしのつながり: 機関 {}、会議 {}、会議で同席する機関の組 {}",
                net.agencies, net.meetings, net.links
            )
        } else {
            format!(
                "Connectivity: {}, {}, {} of agencies that share a meeting",
                counted(net.agencies, "agency", "agencies"),
                counted(net.meetings, "meeting", "meetings"),
                counted(net.links, "pair", "pairs")
            )
        }
    );

    // 1. Fields that never meet.
    heading(
        &mut out,
        lang.pick("会議で一度も同席しない分野の組み合わせ", "Fields that never meet"),
    );
    let unknown = fields_unknown(report, lang);
    if let Some(note) = unknown.as_ref().filter(|_| known_fields(report) < 2) {
        line(&mut out, note);
    } else {
        let (gaps, others) = field_gaps(report);
        if gaps.is_empty() {
            line(
                &mut out,
                lang.pick(
                    "なし: どの分野の組み合わせも、どこかの会議で同席しています。",
                    "None: every pair of fields shares at least one meeting.",
                ),
            );
            if let Some(note) = &unknown {
                line(&mut out, note);
            }
        } else {
            for p in &gaps {
                let _ = writeln!(out, "  - {}", pair(p));
            }
            line(&mut out, lang.pick(
                "これらの分野の機関は、どの会議でも顔を合わせていません。複合的な課題を抱える世帯の支援で連携が必要なら、既存の会議への参加や合同開催を検討してください。",
                "No agency of one field sits in any meeting with an agency of the other. If households need both, consider inviting one to an existing meeting or holding meetings jointly.",
            ));
        }
        if let Some(note) = other_sectors_note(&others, lang) {
            line(&mut out, &note);
        }
    }

    if !report.isolated.is_empty() {
        let isolated: Vec<String> = report.isolated.iter().map(|n| with_sector(n)).collect();
        let isolated: Vec<&str> = isolated.iter().map(String::as_str).collect();
        let _ = writeln!(
            out,
            "  {}{}",
            lang.pick(
                "どの会議でも他の機関と同席していない機関: ",
                "Agencies that meet no other agency in any meeting: "
            ),
            names(&isolated, lang)
        );
    }

    // 2. Single points of failure.
    heading(
        &mut out,
        lang.pick(
            "単一障害点（異動・欠席で切れるつながり）",
            "Single points of failure (links a staff transfer would cut)",
        ),
    );
    let fields_cannot_tell = known_fields(report) < 2;
    if fields_cannot_tell {
        line(
            &mut out,
            lang.pick(
                "分野どうしのつながり: 分野が不明のため判定できません（上記のとおり機関一覧に分野を書いてください）。",
                "Links between fields: cannot tell, the fields are unknown (see above for how to add them).",
            ),
        );
    } else if critical_between_fields(report).is_empty() {
        line(
            &mut out,
            lang.pick(
                "分野どうしのつながりを一機関だけが支えている箇所はありません。",
                "No pair of fields depends on a single agency.",
            ),
        );
    } else {
        line(
            &mut out,
            lang.pick(
                "この機関が抜けると、次の分野の組み合わせが同席する会議がなくなります:",
                "Without this agency, these pairs of fields would share no meeting:",
            ),
        );
        for (name, pairs) in critical_between_fields(report) {
            let pairs: Vec<String> = pairs.into_iter().map(pair).collect();
            let _ =
                writeln!(out, "  - {}: {}", with_sector(name), pairs.join(lang.pick("、", ", ")));
        }
    }
    if report.articulation_points.is_empty() {
        line(
            &mut out,
            lang.pick(
                "抜けると機関のつながりが分断される機関（切断点）はありません。",
                "No agency's departure would split the network (no articulation points).",
            ),
        );
    } else {
        line(&mut out, lang.pick(
            "抜けると一部の機関が他の機関とつながらなくなる機関（切断点）:",
            "Agencies whose departure would cut some agencies off from the rest (articulation points):",
        ));
        let mut points: Vec<&AgencyMeasures> =
            report.articulation_points.iter().filter_map(|n| agency(n)).collect();
        points.sort_by(|a, b| b.betweenness.total_cmp(&a.betweenness).then(a.name.cmp(&b.name)));
        for a in points.iter().take(NAMES) {
            let alone: Vec<&str> = report
                .bridges
                .iter()
                .filter_map(|[x, y]| {
                    let other = if *x == a.name {
                        y
                    } else if *y == a.name {
                        x
                    } else {
                        return None;
                    };
                    agency(other).filter(|o| o.degree == 1).map(|o| o.name.as_str())
                })
                .collect();
            let mut text = if ja {
                format!(
                    "  - {}: 同席する機関 {}、媒介中心性 {:.3}",
                    with_sector(&a.name),
                    a.degree,
                    a.betweenness
                )
            } else {
                format!(
                    "  - {}: meets {}, betweenness {:.3}",
                    with_sector(&a.name),
                    counted(a.degree, "agency", "agencies"),
                    a.betweenness
                )
            };
            if !alone.is_empty() {
                let _ = write!(
                    text,
                    "{}{}",
                    lang.pick("。この機関としか同席しない機関: ", "; only it meets: "),
                    names(&alone, lang)
                );
            }
            let _ = writeln!(out, "{text}");
        }
        more(&mut out, points.len(), lang);
    }

    // 3. Brokers.
    heading(&mut out, lang.pick("主な仲介役（分野をまたいで、互いに同席しない機関どうしをつなぐ機関）", "Main brokers (agencies linking agencies of different fields that do not meet each other)"));
    let brokers = report.main_brokers();
    if brokers.is_empty() && fields_cannot_tell {
        line(
            &mut out,
            lang.pick("分野が不明のため判定できません。", "Cannot tell: the fields are unknown."),
        );
    } else if brokers.is_empty() {
        line(&mut out, lang.pick("なし", "None"));
    }
    for (rank, a) in brokers.iter().take(TOP).enumerate() {
        let _ = writeln!(
            out,
            "  {}. {}: {}",
            rank + 1,
            with_sector(&a.name),
            crate::report::phrases::brokerage(a, lang)
        );
    }
    if !brokers.is_empty() {
        line(&mut out, crate::report::phrases::brokerage_note(lang));
    }

    // 4. The figures.
    heading(&mut out, lang.pick("数値", "Figures"));
    let figure = |out: &mut String, label: (&str, &str), value: String| {
        let _ = writeln!(out, "  {}: {value}", lang.pick(label.0, label.1));
    };
    figure(&mut out, ("密度", "density"), format!("{:.3}", net.density));
    figure(
        &mut out,
        ("連結成分", "connected groups"),
        if ja {
            format!("{}（最大 {} 機関）", net.components, net.largest_component)
        } else {
            format!(
                "{} (largest: {})",
                net.components,
                counted(net.largest_component, "agency", "agencies")
            )
        },
    );
    figure(
        &mut out,
        ("平均クラスタ係数", "average clustering"),
        format!("{:.3}", net.average_clustering),
    );
    figure(
        &mut out,
        ("最大成分の平均距離", "average distance in the largest group"),
        format!(
            "{:.3}{}",
            net.average_shortest_path,
            if net.exact_paths { "" } else { lang.pick("（推定）", " (estimated)") }
        ),
    );
    figure(
        &mut out,
        ("次数中心化", "degree centralization"),
        format!("{:.3}", net.degree_centralization),
    );
    let isolated: Vec<&str> = report.isolated.iter().map(String::as_str).collect();
    figure(&mut out, ("孤立した機関", "isolated agencies"), count_and_names(&isolated, lang));
    let pendants: Vec<&str> = report.pendants.iter().map(String::as_str).collect();
    figure(
        &mut out,
        ("1 機関としか同席しない機関", "agencies meeting only one other"),
        count_and_names(&pendants, lang),
    );
    figure(
        &mut out,
        ("コミュニティ（Louvain）", "communities (Louvain)"),
        match report.modularity {
            Some(q) if ja => format!("{}（モジュラリティ {q:.3}）", report.communities.len()),
            Some(q) => format!("{} (modularity {q:.3})", report.communities.len()),
            None => report.communities.len().to_string(),
        },
    );
    if report.communities.len() <= 10 {
        for (c, members) in report.communities.iter().enumerate().filter(|(_, m)| m.len() > 1) {
            let members: Vec<&str> = members.iter().map(String::as_str).collect();
            let _ = writeln!(out, "    {}. {}", c + 1, names(&members, lang));
        }
        // Agencies alone in their community (they meet no one, or no group claims them)
        // are counted above but not listed as groups: say who they are.
        let alone: Vec<&str> =
            report.communities.iter().filter(|m| m.len() == 1).map(|m| m[0].as_str()).collect();
        if !alone.is_empty() {
            let _ = match lang {
                Lang::Ja => writeln!(
                    out,
                    "    ほかに 1 機関だけのコミュニティが {} つ: {}",
                    alone.len(),
                    names(&alone, lang)
                ),
                Lang::En => writeln!(
                    out,
                    "    and {} of a single agency: {}",
                    counted(alone.len(), "community", "communities"),
                    names(&alone, lang)
                ),
            };
        }
    }
    let ei = |v: Option<f64>| v.map_or("-".to_string(), |v| format!("{v:+.2}"));
    let per_sector: Vec<String> = report
        .ei_index
        .per_sector
        .iter()
        .map(|(s, v)| format!("{} {}", sector(s), ei(*v)))
        .collect();
    let per_sector = per_sector.join(lang.pick("、", ", "));
    figure(
        &mut out,
        ("E-I 指数（+1 分野外、−1 分野内）", "E-I index (+1 across fields, −1 within)"),
        if known_fields(report) < 2 {
            lang.pick(
                "分野が不明のため判定できません（上記のとおり機関一覧に分野を書いてください）",
                "cannot tell, the fields are unknown (add them to the agency list, as above)",
            )
            .to_string()
        } else {
            format!(
                "{}{}{per_sector}",
                ei(report.ei_index.overall),
                lang.pick("。分野別: ", "; by field: ")
            )
        },
    );
    figure(
        &mut out,
        ("1 つの会議だけで結ばれた組", "pairs linked by a single meeting"),
        format!("{} / {}", report.single_meeting_links.len(), net.links),
    );
    figure(
        &mut out,
        (
            "偶然以上に強いつながり（SDSM、Holm α=0.05）",
            "ties stronger than chance (SDSM, Holm α = 0.05)",
        ),
        crate::report::phrases::backbone(report, lang),
    );
    figure(
        &mut out,
        ("会議時間の偏り（ジニ係数）", "spread of meeting hours (Gini)"),
        format!("{:.3}", report.burden_gini),
    );
    let burden = |entries: &[crate::connectivity::BurdenEntry], hours: bool| -> String {
        entries
            .iter()
            .map(|e| {
                if hours {
                    format!("{} {}", e.name, phrases::hours(e.annual_hours))
                } else {
                    format!("{} {}", e.name, e.meetings)
                }
            })
            .collect::<Vec<_>>()
            .join(lang.pick("、", ", "))
    };
    figure(
        &mut out,
        ("会議数の多い機関", "most meetings"),
        burden(&report.burden.most_meetings, false),
    );
    figure(
        &mut out,
        ("会議時間の多い機関（時間/年）", "most hours (per year)"),
        burden(&report.burden.most_hours, true),
    );
    if !net.exact_paths {
        line(&mut out, lang.pick(
            "注: 機関数が多いため、媒介中心性・近接中心性・平均距離は無作為に選んだ起点からの推定値です。",
            "Note: the network is large, so betweenness, closeness and the average distance are estimated from seeded random pivots.",
        ));
    }
    out
}

/// Distinct fields (sectors) known among the agencies, `unknown` left out.
pub(crate) fn known_fields(report: &ConnectivityReport) -> usize {
    crate::model::distinct_fields(report.agencies.iter().map(|a| a.sector.as_str()))
}

/// The field pairs that never meet, split into gaps between known fields (which get the
/// advice) and the values outside the field list that appear in other pairs (学識 …:
/// a university is not a field a household falls between, so no advice about it).
pub(crate) fn field_gaps(report: &ConnectivityReport) -> (Vec<&[String; 2]>, Vec<&str>) {
    let known = |p: &&[String; 2]| p.iter().all(|s| crate::model::is_known_sector(s));
    let gaps = report.unlinked_sector_pairs.iter().filter(known).collect();
    let mut others: Vec<&str> = report
        .unlinked_sector_pairs
        .iter()
        .flatten()
        .map(String::as_str)
        .filter(|s| !crate::model::is_known_sector(s) && *s != crate::model::UNKNOWN_SECTOR)
        .collect();
    others.sort_unstable();
    others.dedup();
    (gaps, others)
}

/// The single points of failure between known fields, by agency: the advice leaves out
/// pairs with a value outside the field list, as [`field_gaps`] does.
pub(crate) fn critical_between_fields(
    report: &ConnectivityReport,
) -> Vec<(&String, Vec<&[String; 2]>)> {
    report
        .critical_agencies
        .iter()
        .map(|(agency, pairs)| {
            let known = pairs.iter().filter(|p| p.iter().all(|s| crate::model::is_known_sector(s)));
            (agency, known.collect::<Vec<_>>())
        })
        .filter(|(_, pairs)| !pairs.is_empty())
        .collect()
}

/// The note under the gaps when some sector values are not fields.
pub(crate) fn other_sectors_note(others: &[&str], lang: Lang) -> Option<String> {
    if others.is_empty() {
        return None;
    }
    let listed = others.join(lang.pick("、", ", "));
    Some(match lang {
        Lang::Ja => format!(
            "「{listed}」は福祉の分野の一覧にない区分のため、ほかの分野と同席しない組があっても、分野のすき間としては挙げていません。"
        ),
        Lang::En => format!(
            "{listed}: not in the list of welfare fields, so pairs with it that never meet are not listed as gaps between fields."
        ),
    })
}

/// What a finding by field cannot say when agencies have no field, and how to add them;
/// `None` when every agency's field is known.
pub(crate) fn fields_unknown(report: &ConnectivityReport, lang: Lang) -> Option<String> {
    let total = report.agencies.len();
    let unknown =
        report.agencies.iter().filter(|a| a.sector == crate::model::UNKNOWN_SECTOR).count();
    if unknown == 0 {
        return None;
    }
    Some(match (known_fields(report) < 2, lang) {
        (true, Lang::Ja) => format!(
            "判定できません: {total} 機関のうち {unknown} 機関の分野が不明です。機関一覧（会議ファイルと同じフォルダの agencies.csv、またはブックの「機関」シート）に 機関名 と 分野 の列を書くと、分野どうしのつながりを調べます。"
        ),
        (true, Lang::En) => format!(
            "Cannot tell: the field of {unknown} of {total} agencies is unknown. Add an agency list (agencies.csv beside the meetings, or an 'agencies' sheet) with name and sector columns to see which fields meet."
        ),
        (false, Lang::Ja) => format!(
            "ただし {total} 機関のうち {unknown} 機関は分野が不明で、判定に含まれていません（機関一覧に分野を書くと含まれます）。"
        ),
        (false, Lang::En) => format!(
            "But the field of {unknown} of {total} agencies is unknown and not counted (add their sector to the agency list)."
        ),
    })
}

fn heading(out: &mut String, text: &str) {
    let _ = writeln!(out, "\n■ {text}");
}

fn line(out: &mut String, text: &str) {
    let _ = writeln!(out, "  {text}");
}

fn names(list: &[&str], lang: Lang) -> String {
    phrases::list(list, NAMES, lang)
}

fn count_and_names(list: &[&str], lang: Lang) -> String {
    if list.is_empty() {
        return "0".into();
    }
    match lang {
        Lang::Ja => format!("{}（{}）", list.len(), names(list, lang)),
        Lang::En => format!("{} ({})", list.len(), names(list, lang)),
    }
}

fn more(out: &mut String, total: usize, lang: Lang) {
    if total > NAMES {
        let _ = writeln!(out, "  {}", phrases::and_more(total - NAMES, lang));
    }
}
