//! The overlap report as text a planner reads (Japanese or English) and as JSON.
//!
//! Each cluster is named by its reason: which agencies sit in every member, which
//! topics they share, and how many hours a year the same people spend twice.

use crate::counted;
use crate::lang::Lang;
use crate::overlap::{Caution, ClusterReport, OverlapReport, PairReport};
use crate::report::phrases::{self, hours};
use std::fmt::Write as _;

/// Most items of each list the text shows; JSON always has them all.
const TEXT_LIMIT: usize = 30;
/// Most agency names written out in one sentence.
const NAMES_SHOWN: usize = 8;

/// The report as pretty JSON with a final newline.
///
/// ```
/// let report = kaigi::overlap::analyze(&Default::default(), &Default::default())?;
/// let json = kaigi::report::overlap_json(&report);
/// assert!(String::from_utf8(json).unwrap().contains("\"clusters\": []"));
/// # Ok::<(), kaigi::overlap::OverlapError>(())
/// ```
pub fn overlap_json(report: &OverlapReport) -> Vec<u8> {
    // Serialising plain structs of strings and numbers cannot fail.
    let mut bytes = serde_json::to_vec_pretty(report).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

fn names(list: &[String], lang: Lang) -> String {
    phrases::list(list, NAMES_SHOWN, lang)
}

fn meeting_list(ids: &[String], meeting_names: &[String], lang: Lang) -> String {
    let labelled: Vec<String> =
        ids.iter().zip(meeting_names).map(|(id, name)| format!("{id} {name}")).collect();
    match lang {
        Lang::Ja => labelled.join(" と "),
        Lang::En => match labelled.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
            _ => labelled.join(""),
        },
    }
}

/// The report as text for a planner; `lang` picks Japanese or English.
///
/// ```
/// let loaded = kaigi::input::load("inputs/sample-city".as_ref(), &Default::default())?;
/// let report = kaigi::overlap::analyze(&loaded.inventory, &Default::default())?;
/// let text = kaigi::report::overlap_text(&report, kaigi::Lang::En);
/// assert!(text.contains("M23 権利擁護ネットワーク会議 and M24"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn overlap_text(report: &OverlapReport, lang: Lang) -> String {
    let mut out = String::new();
    let s = &report.summary;
    let _ = match lang {
        Lang::Ja => writeln!(
            out,
            "会議の重複: 会議 {} 件、比較した組 {} 組、しきい値 {:.2}\n重複のまとまり {} 件（会議 {} 件、年 {} 人時間）。同じ機関が重ねて出席している時間は年 {} 人時間です。",
            s.meetings,
            s.pairs_scored,
            report.settings.threshold,
            s.clusters,
            s.meetings_in_clusters,
            hours(s.annual_hours_in_clusters),
            hours(s.duplicated_hours)
        ),
        Lang::En => writeln!(
            out,
            "Overlapping meetings: {}, {} compared, threshold {:.2}\n{} ({}, {} person-hours a year); the same agencies spend {} hours a year in more than one of them.",
            counted(s.meetings, "meeting", "meetings"),
            counted(s.pairs_scored, "pair", "pairs"),
            report.settings.threshold,
            counted(s.clusters, "cluster", "clusters"),
            counted(s.meetings_in_clusters, "meeting", "meetings"),
            hours(s.annual_hours_in_clusters),
            hours(s.duplicated_hours)
        ),
    };
    clusters_text(&mut out, report, lang);
    pairs_text(&mut out, report, lang);
    containments_text(&mut out, report, lang);
    tiers_text(&mut out, report, lang);
    notes_text(&mut out, report, lang);
    out
}

fn more_line(out: &mut String, total: usize, lang: Lang) {
    if total > TEXT_LIMIT {
        let more = total - TEXT_LIMIT;
        let _ = match lang {
            Lang::Ja => writeln!(out, "   … ほか {more} 件（--format json で全件）"),
            Lang::En => writeln!(out, "   … and {more} more (all in --format json)"),
        };
    }
}

fn clusters_text(out: &mut String, report: &OverlapReport, lang: Lang) {
    if report.clusters.is_empty() {
        return;
    }
    out.push_str(lang.pick(
        "\n■ 重複のまとまり（統合・合同開催を検討する候補）\n",
        "\n■ Clusters (candidates for merging or joint sessions)\n",
    ));
    for (number, cluster) in report.clusters.iter().take(TEXT_LIMIT).enumerate() {
        let _ = writeln!(out, "{}. {}", number + 1, cluster_sentence(cluster, lang));
        let pair = (cluster.meetings.len() == 2)
            .then(|| {
                report
                    .pairs
                    .iter()
                    .find(|p| p.a == cluster.meetings[0] && p.b == cluster.meetings[1])
            })
            .flatten();
        let _ = match (pair, lang) {
            (Some(p), _) => writeln!(out, "   {}", score_parts(p, lang)),
            (None, Lang::Ja) => writeln!(
                out,
                "   平均類似度 {:.2}（最低 {:.2}）",
                cluster.mean_score, cluster.min_score
            ),
            (None, Lang::En) => writeln!(
                out,
                "   mean score {:.2} (lowest pair {:.2})",
                cluster.mean_score, cluster.min_score
            ),
        };
        for line in caution_lines(cluster, lang) {
            let _ = writeln!(out, "   {line}");
        }
    }
    more_line(out, report.clusters.len(), lang);
}

pub(crate) fn cluster_sentence(cluster: &ClusterReport, lang: Lang) -> String {
    let members = meeting_list(&cluster.meetings, &cluster.names, lang);
    let core = cluster.core_participants.len();
    let all = cluster.all_participants;
    let topics = names(&cluster.shared_topics, lang);
    let duplicated = hours(cluster.duplicated_hours);
    let total = hours(cluster.annual_hours);
    let pair = cluster.meetings.len() == 2;
    match lang {
        Lang::Ja => {
            let mut text = if pair {
                format!(
                    "{members} は {all} 機関のうち {core} 機関が共通（{}）",
                    names(&cluster.core_participants, lang)
                )
            } else {
                format!(
                    "{members}: 全会議に出席する機関 {core} / {all}（{}）",
                    names(&cluster.core_participants, lang)
                )
            };
            if !cluster.majority_participants.is_empty() {
                let _ = write!(
                    text,
                    "、過半数の会議に出席する機関 {}（{}）",
                    cluster.majority_participants.len(),
                    names(&cluster.majority_participants, lang)
                );
            }
            if !cluster.shared_topics.is_empty() {
                let _ = write!(text, "、議題「{topics}」も共通");
            }
            let _ = write!(
                text,
                "。同じ機関が重ねて出席している時間は年 {duplicated} 人時間（{} 会議の合計 {total} 人時間）。",
                cluster.meetings.len()
            );
            text
        }
        Lang::En => {
            let mut text = if pair {
                format!(
                    "{members} share {core} of {all} agencies ({})",
                    names(&cluster.core_participants, lang)
                )
            } else {
                format!(
                    "{members}: {core} of {all} agencies attend every one ({})",
                    names(&cluster.core_participants, lang)
                )
            };
            if !cluster.majority_participants.is_empty() {
                let _ = write!(
                    text,
                    ", {} more attend most ({})",
                    cluster.majority_participants.len(),
                    names(&cluster.majority_participants, lang)
                );
            }
            if !cluster.shared_topics.is_empty() {
                let _ = write!(text, " and the topics {topics}");
            }
            let _ = write!(
                text,
                "; {duplicated} hours a year are spent by the same people twice ({total} person-hours in all)."
            );
            text
        }
    }
}

fn score_parts(p: &PairReport, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!(
            "類似度 {:.2}（参加者 {:.2}、包含 {:.2}、議題 {:.2}、機能 {:.2}、圏域 {}、所管 {}）",
            p.score,
            p.participant_jaccard,
            p.participant_overlap,
            p.topic_similarity,
            p.function_jaccard,
            if p.same_area { "同じ" } else { "異なる" },
            if p.same_host { "同じ" } else { "異なる" }
        ),
        Lang::En => format!(
            "score {:.2} (participants {:.2}, containment {:.2}, topics {:.2}, function {:.2}, {} area, {} host)",
            p.score,
            p.participant_jaccard,
            p.participant_overlap,
            p.topic_similarity,
            p.function_jaccard,
            if p.same_area { "same" } else { "different" },
            if p.same_host { "same" } else { "different" }
        ),
    }
}

/// What a planner must know before combining a cluster, in order: first whether the law
/// lets it be one sitting at all (the same rulebook as the proposal), then the cautions.
/// Advice to hold jointly is never given for a cluster the law keeps apart.
pub(crate) fn caution_lines(cluster: &ClusterReport, lang: Lang) -> Vec<String> {
    let mut lines = Vec::new();
    if !cluster.can_share_session {
        let reasons: Vec<String> =
            cluster.why_not.iter().map(|bar| phrases::session_bar(bar, lang)).collect();
        lines.push(match lang {
            Lang::Ja => format!(
                "1 回の会議にはできません（合同開催も兼ねることもできない）。{}。共通の構成員の負担を減らすには、同じ日に続けて開催することを検討してください。",
                reasons.join("。")
            ),
            Lang::En => format!(
                "These cannot be one sitting (neither held jointly nor one serving as the other): {}. To spare the shared members, consider holding them back to back on the same day.",
                reasons.join("; ")
            ),
        });
    }
    for caution in &cluster.cautions {
        let barred_advice =
            matches!(caution, Caution::Statutory { .. }) && !cluster.can_share_session;
        let barred_confidentiality =
            matches!(caution, Caution::Confidentiality { .. }) && !cluster.can_share_session;
        if !barred_advice && !barred_confidentiality {
            lines.push(caution_sentence(caution, lang));
        }
    }
    lines
}

pub(crate) fn caution_sentence(caution: &Caution, lang: Lang) -> String {
    let list = |ids: &[String]| ids.join(lang.pick("、", ", "));
    match (caution, lang) {
        (Caution::Statutory { meetings }, Lang::Ja) => format!(
            "注意: {} は法定の会議で廃止できません。合同開催にするか、1回の会議でそれぞれを兼ねる形にし、各会議の法的な位置づけを残してください。",
            list(meetings)
        ),
        (Caution::Statutory { meetings }, Lang::En) => format!(
            "Caution: {} statutory; it cannot be abolished. Hold the meetings jointly (合同開催) or let one session serve as each (兼ねる), keeping each legal identity.",
            match meetings.len() {
                1 => format!("{} is", meetings[0]),
                _ => format!("{} are", list(meetings)),
            }
        ),
        (Caution::Confidentiality { case_meetings, unbound_agencies }, Lang::Ja) => format!(
            "注意: {} は個人情報を扱う会議ですが、このまとまりには守秘義務のない機関（{}）がいます。統合した会議では個別ケースを検討できません。",
            list(case_meetings),
            names(unbound_agencies, lang)
        ),
        (Caution::Confidentiality { case_meetings, unbound_agencies }, Lang::En) => format!(
            "Caution: {} handle personal case information, and the cluster seats agencies with no duty of confidentiality ({}); a merged session could not review cases.",
            list(case_meetings),
            names(unbound_agencies, lang)
        ),
        (Caution::DifferentAreas { areas }, Lang::Ja) => {
            format!("注意: 対象の圏域が異なります（{}）。", list(areas))
        }
        (Caution::DifferentAreas { areas }, Lang::En) => {
            format!("Caution: the meetings serve different areas ({}).", list(areas))
        }
    }
}

fn pairs_text(out: &mut String, report: &OverlapReport, lang: Lang) {
    let outside: Vec<&PairReport> = report.pairs.iter().filter(|p| p.cluster.is_none()).collect();
    if outside.is_empty() {
        return;
    }
    let _ = match lang {
        Lang::Ja => writeln!(
            out,
            "\n■ 似ている会議の組（類似度 {:.2} 以上、まとまりに入らなかったもの）",
            report.settings.min_pair_score
        ),
        Lang::En => writeln!(
            out,
            "\n■ Similar pairs (score ≥ {:.2}) not in a cluster",
            report.settings.min_pair_score
        ),
    };
    for p in outside.iter().take(TEXT_LIMIT) {
        let union = p.shared_participants.len() + p.only_in_a.len() + p.only_in_b.len();
        let shared = names(&p.shared_participants, lang);
        let topics = names(&p.topic_terms.iter().map(|t| t.term.clone()).collect::<Vec<_>>(), lang);
        let _ = match lang {
            Lang::Ja => writeln!(
                out,
                "- {} {} と {} {}: 類似度 {:.2}。共通 {} / {} 機関（{shared}）{}",
                p.a,
                p.a_name,
                p.b,
                p.b_name,
                p.score,
                p.shared_participants.len(),
                union,
                if p.topic_terms.is_empty() {
                    String::new()
                } else {
                    format!("、共通の議題「{topics}」")
                }
            ),
            Lang::En => writeln!(
                out,
                "- {} {} and {} {}: score {:.2}; {} of {} agencies shared ({shared}){}",
                p.a,
                p.a_name,
                p.b,
                p.b_name,
                p.score,
                p.shared_participants.len(),
                union,
                if p.topic_terms.is_empty() { String::new() } else { format!(", topics {topics}") }
            ),
        };
    }
    more_line(out, outside.len(), lang);
}

fn containments_text(out: &mut String, report: &OverlapReport, lang: Lang) {
    if report.containments.is_empty() {
        return;
    }
    out.push_str(lang.pick(
        "\n■ 参加機関がすべて他の会議にも出席している会議（部会・中核チームとして想定される重なり。まとまりに入ったものだけが重複の候補）\n",
        "\n■ Meetings whose agencies all attend another (expected for a sub-committee or core team; only those also in a cluster are overlap candidates)\n",
    ));
    for c in report.containments.iter().take(TEXT_LIMIT) {
        let mark =
            if c.clustered { lang.pick("［まとまり内］", " [in a cluster]") } else { "" };
        let _ = match (c.equal, lang) {
            (true, Lang::Ja) => writeln!(
                out,
                "- {} {} と {} {} は参加機関 {} がまったく同じ{mark}",
                c.smaller, c.smaller_name, c.larger, c.larger_name, c.smaller_agencies
            ),
            (true, Lang::En) => writeln!(
                out,
                "- {} {} and {} {} have the same {}{mark}",
                c.smaller,
                c.smaller_name,
                c.larger,
                c.larger_name,
                counted(c.smaller_agencies, "agency", "agencies")
            ),
            (false, Lang::Ja) => writeln!(
                out,
                "- {} {} の {} 機関はすべて {} {}（{} 機関）にも出席{mark}",
                c.smaller,
                c.smaller_name,
                c.smaller_agencies,
                c.larger,
                c.larger_name,
                c.larger_agencies
            ),
            (false, Lang::En) => writeln!(
                out,
                "- all {} of {} {} also attend {} {} ({}){mark}",
                counted(c.smaller_agencies, "agency", "agencies"),
                c.smaller,
                c.smaller_name,
                c.larger,
                c.larger_name,
                counted(c.larger_agencies, "agency", "agencies")
            ),
        };
    }
    more_line(out, report.containments.len(), lang);
}

fn tiers_text(out: &mut String, report: &OverlapReport, lang: Lang) {
    if report.tiers.is_empty() {
        return;
    }
    out.push_str(lang.pick(
        "\n■ 同じ会議体の階層（設計上の重なりで、無駄ではありません。まとまりの対象外）\n",
        "\n■ Tiers of one body (overlap by design, not waste; never clustered)\n",
    ));
    for body in report.tiers.iter().take(TEXT_LIMIT) {
        let members: Vec<String> = body
            .meetings
            .iter()
            .map(|m| match &m.tier {
                Some(tier) => format!("{} {}", m.id, tier),
                None => m.id.clone(),
            })
            .collect();
        let shared = names(&body.shared_participants, lang);
        let _ = match lang {
            Lang::Ja => writeln!(
                out,
                "- {}: {}。全階層に共通の機関 {}{}",
                body.parent_body,
                members.join("、"),
                body.shared_participants.len(),
                if shared.is_empty() { String::new() } else { format!("（{shared}）") }
            ),
            Lang::En => writeln!(
                out,
                "- {}: {}; {} every tier{}",
                body.parent_body,
                members.join(", "),
                counted(body.shared_participants.len(), "agency attends", "agencies attend"),
                if shared.is_empty() { String::new() } else { format!(" ({shared})") }
            ),
        };
    }
    more_line(out, report.tiers.len(), lang);
}

fn notes_text(out: &mut String, report: &OverlapReport, lang: Lang) {
    if !report.skipped_agencies.is_empty() {
        let listed: Vec<String> = report
            .skipped_agencies
            .iter()
            .map(|a| format!("{} ({})", a.agency, a.meetings))
            .collect();
        let _ = match lang {
            Lang::Ja => writeln!(
                out,
                "\n注: 次の機関は多くの会議（{} 件超）に出席しているため、組を探すときには使っていません。これらの機関だけを共有する組は比較していません（他の機関も共有する組では数えています）: {}",
                report.settings.frequent_agency.limit(report.summary.meetings),
                names(&listed, lang)
            ),
            Lang::En => writeln!(
                out,
                "\nNote: these agencies attend more than {} meetings and were not used to find pairs; pairs sharing only them were not compared (pairs that also share another agency count them in full): {}",
                report.settings.frequent_agency.limit(report.summary.meetings),
                names(&listed, lang)
            ),
        };
    }
    for split in &report.clustering.split_components {
        let _ = match lang {
            Lang::Ja => writeln!(
                out,
                "注: 会議 {} 件がつながった大きなまとまりは、類似度 {:.2} 未満の組を外して分割してから分類しました。",
                split.meetings, split.floor
            ),
            Lang::En => writeln!(
                out,
                "Note: a component of {} meetings was split by dropping pairs below {:.2} before clustering.",
                split.meetings, split.floor
            ),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_drop_needless_decimals() {
        assert_eq!(hours(66.0), "66");
        assert_eq!(hours(40.54), "40.5");
        assert_eq!(hours(0.04), "0");
    }

    #[test]
    fn long_name_lists_are_cut_with_a_count() {
        let list: Vec<String> = (0..10).map(|i| format!("機関{i}")).collect();
        assert!(names(&list, Lang::Ja).ends_with("機関7 ほか 2"));
        assert!(names(&list, Lang::En).ends_with("機関7 and 2 more"));
    }
}
