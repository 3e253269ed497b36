//! The review in plain words: labels, one sentence per finding, and the summary that
//! opens every format (text, HTML, Markdown). Kept in one place so the three say the
//! same thing.

use crate::lang::Lang;
use crate::model::Function;
use crate::report::frequency_label;
use crate::review::{Cause, CriticalLink, MeetingChange, Resolution, Review};
use std::collections::BTreeMap;

/// A field name in the report's language.
pub(crate) fn sector(name: &str, lang: Lang) -> String {
    crate::report::phrases::sector(name, lang).to_string()
}

/// `住まい × 障害` / `housing × disability`.
pub(crate) fn sector_pair(pair: &[String; 2], lang: Lang) -> String {
    format!("{} × {}", sector(&pair[0], lang), sector(&pair[1], lang))
}

/// Items joined with the language's list separator.
pub(crate) fn list<S: AsRef<str>>(items: &[S], lang: Lang) -> String {
    items.iter().map(AsRef::as_ref).collect::<Vec<_>>().join(lang.pick("、", ", "))
}

/// Numbers as people write them: whole numbers bare, others with up to three decimals.
pub(crate) fn number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.0}")
    } else {
        let text = format!("{value:.3}");
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// A change with its sign: `+1`, `-25`, `0`.
pub(crate) fn signed(value: f64) -> String {
    // -0.0 and rounding noise print as 0.
    if value.abs() < 5e-4 {
        "0".to_string()
    } else if value > 0.0 {
        format!("+{}", number(value))
    } else {
        number(value)
    }
}

/// A parenthetical: full-width brackets in Japanese, a space and ASCII ones in English.
pub(crate) fn paren(text: &str, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("（{text}）"),
        Lang::En => format!(" ({text})"),
    }
}

/// Percentage without decimals.
pub(crate) fn percent(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

/// Label of a headline figure.
pub(crate) fn figure_label(key: &str, lang: Lang) -> &'static str {
    match key {
        "agencies" => lang.pick("機関", "agencies"),
        "meetings" => lang.pick("会議", "meetings"),
        "sessions_per_year" => lang.pick("年間開催回数", "sessions per year"),
        "annual_person_hours" => lang.pick("年間延べ時間", "person-hours per year"),
        "links" => {
            lang.pick("機関間のつながり（同席する組）", "agency links (pairs sharing a meeting)")
        }
        "density" => lang.pick("密度", "density"),
        "components" => lang.pick(
            "連結成分（孤立機関を含むグループ数）",
            "connected groups (isolated agencies included)",
        ),
        "largest_component" => lang.pick("最大グループの機関数", "agencies in the largest group"),
        "average_clustering" => lang.pick("平均クラスタ係数", "average clustering"),
        "field_links" => lang.pick("分野間のつながり", "field links"),
        "unlinked_field_pairs" => lang.pick("同席しない分野の組", "field pairs that never meet"),
        "single_points_of_failure" => lang
            .pick("単一障害点（機関×分野の組）", "single points of failure (agency × field pair)"),
        _ => "",
    }
}

/// A shorter label for chart axes, where long labels are cut.
pub(crate) fn figure_short_label(key: &str, lang: Lang) -> &'static str {
    match key {
        "links" => lang.pick("機関間のつながり", "agency links"),
        "components" => lang.pick("グループ数", "connected groups"),
        "sessions_per_year" => lang.pick("年間開催回数", "sessions/year"),
        "annual_person_hours" => lang.pick("年間延べ時間", "person-hours/year"),
        "average_clustering" => lang.pick("平均クラスタ係数", "avg clustering"),
        other => figure_label(other, lang),
    }
}

fn function_label(function: Function, lang: Lang) -> &'static str {
    lang.pick(function.label_ja(), function.key())
}

fn flag(value: Option<bool>, lang: Lang) -> &'static str {
    match value {
        Some(true) => lang.pick("あり", "yes"),
        Some(false) => lang.pick("なし", "no"),
        None => lang.pick("（空欄）", "(blank)"),
    }
}

fn text(value: &Option<String>, lang: Lang) -> String {
    value.clone().unwrap_or_else(|| lang.pick("（空欄）", "(blank)").to_string())
}

/// A meeting change as (what changed, last year, this year); for lists, last year's
/// column holds what was dropped and this year's what was added.
pub(crate) fn change_cells(change: &MeetingChange, lang: Lang) -> (String, String, String) {
    let l = |ja: &str, en: &str| lang.pick(ja, en).to_string();
    match change {
        MeetingChange::Id { before, after } => (l("ID", "id"), before.clone(), after.clone()),
        MeetingChange::Name { before, after } => {
            (l("会議名", "name"), before.clone(), after.clone())
        }
        MeetingChange::Host { before, after } => {
            (l("所管", "host"), text(before, lang), text(after, lang))
        }
        MeetingChange::Participants { added, removed } => (
            l("参加機関（抜けた / 加わった）", "participants (left / joined)"),
            list(removed, lang),
            list(added, lang),
        ),
        MeetingChange::HeadCount { agency, before, after } => (
            format!("{}{agency}", lang.pick("参加人数: ", "head-count: ")),
            before.to_string(),
            after.to_string(),
        ),
        MeetingChange::Topics { added, removed } => (
            l("議題（削除 / 追加）", "topics (dropped / added)"),
            list(removed, lang),
            list(added, lang),
        ),
        MeetingChange::Frequency { before, after } => (
            l("開催頻度", "frequency"),
            frequency_label(before, lang),
            frequency_label(after, lang),
        ),
        MeetingChange::Minutes { before, after } => {
            (l("1回当たりの時間（分）", "minutes per session"), number(*before), number(*after))
        }
        MeetingChange::Functions { added, removed } => {
            let labels =
                |fs: &[Function]| fs.iter().map(|f| function_label(*f, lang)).collect::<Vec<_>>();
            (
                l("機能（削除 / 追加）", "functions (dropped / added)"),
                list(&labels(removed), lang),
                list(&labels(added), lang),
            )
        }
        MeetingChange::LegalBasis { before, after } => {
            (l("根拠法令", "legal basis"), text(before, lang), text(after, lang))
        }
        MeetingChange::Statutory { before, after } => {
            (l("法定", "statutory"), flag(*before, lang).into(), flag(*after, lang).into())
        }
        MeetingChange::PersonalInfo { before, after } => (
            l("個人情報", "personal case information"),
            flag(*before, lang).into(),
            flag(*after, lang).into(),
        ),
        MeetingChange::Area { before, after } => {
            (l("圏域", "area"), text(before, lang), text(after, lang))
        }
        MeetingChange::ParentBody { before, after } => {
            (l("親会議", "parent body"), text(before, lang), text(after, lang))
        }
        MeetingChange::Tier { before, after } => {
            (l("階層", "tier"), text(before, lang), text(after, lang))
        }
        MeetingChange::Extra { column, before, after } => {
            (column.clone(), text(before, lang), text(after, lang))
        }
    }
}

/// One change as a short phrase: `居住支援法人 left` / `居住支援法人が抜けた`.
pub(crate) fn change_phrase(change: &MeetingChange, lang: Lang) -> String {
    let ja = lang == Lang::Ja;
    match change {
        MeetingChange::Participants { added, removed } => {
            let mut parts = Vec::new();
            if !removed.is_empty() {
                parts.push(if ja {
                    format!("{}が抜けた", list(removed, lang))
                } else {
                    format!("{} left", list(removed, lang))
                });
            }
            if !added.is_empty() {
                parts.push(if ja {
                    format!("{}が加わった", list(added, lang))
                } else {
                    format!("{} joined", list(added, lang))
                });
            }
            parts.join(lang.pick("、", "; "))
        }
        other => {
            let (what, before, after) = change_cells(other, lang);
            format!("{what}: {before} → {after}")
        }
    }
}

/// Last year's meetings that a new meeting appears to replace, by id.
fn merged_into(review: &Review) -> BTreeMap<&str, &str> {
    let mut map = BTreeMap::new();
    for merger in &review.meetings.mergers {
        for covered in &merger.replaces {
            map.insert(covered.id.as_str(), merger.id.as_str());
        }
    }
    map
}

/// Why a link appeared or disappeared, as a phrase.
pub(crate) fn cause_phrase(cause: &Cause, review: &Review, lang: Lang) -> String {
    let ja = lang == Lang::Ja;
    match cause {
        Cause::AgencyRemoved { agency } => {
            if ja {
                format!("{agency}がいなくなった")
            } else {
                format!("{agency} is gone")
            }
        }
        Cause::AgencyAdded { agency } => {
            if ja {
                format!("{agency}が新たに加わった")
            } else {
                format!("{agency} is new")
            }
        }
        Cause::MeetingRemoved { meeting } => {
            match (merged_into(review).get(meeting.as_str()), ja) {
                (Some(into), true) => format!("{meeting}の廃止（{into}に統合）"),
                (Some(into), false) => format!("{meeting} was removed (merged into {into})"),
                (None, true) => format!("{meeting}の廃止"),
                (None, false) => format!("{meeting} was removed"),
            }
        }
        Cause::MeetingAdded { meeting } => {
            if ja {
                format!("{meeting}の新設")
            } else {
                format!("{meeting} is a new meeting")
            }
        }
        Cause::AgencyLeft { agency, meeting } => {
            if ja {
                format!("{agency}が{meeting}から抜けた")
            } else {
                format!("{agency} left {meeting}")
            }
        }
        Cause::AgencyJoined { agency, meeting } => {
            if ja {
                format!("{agency}が{meeting}に加わった")
            } else {
                format!("{agency} joined {meeting}")
            }
        }
        Cause::SectorChanged { agency, before, after } => {
            let (b, a) = (sector(before, lang), sector(after, lang));
            if ja {
                format!("{agency}の分野が{b}から{a}に変わった")
            } else {
                format!("{agency} moved from {b} to {a}")
            }
        }
    }
}

/// All causes of one link, joined.
pub(crate) fn causes_phrase(causes: &[Cause], review: &Review, lang: Lang) -> String {
    if causes.is_empty() {
        return lang.pick("不明", "unknown").to_string();
    }
    let phrases: Vec<String> = causes.iter().map(|c| cause_phrase(c, review, lang)).collect();
    list(&phrases, lang)
}

/// How many links each cause explains, most first, then in cause order.
fn tally(links: &[&[Cause]]) -> Vec<(Cause, usize)> {
    let mut counts: BTreeMap<&Cause, usize> = BTreeMap::new();
    for causes in links {
        for cause in causes.iter() {
            *counts.entry(cause).or_insert(0) += 1;
        }
    }
    let mut tally: Vec<(Cause, usize)> = counts.into_iter().map(|(c, n)| (c.clone(), n)).collect();
    tally.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    tally
}

fn tally_phrase(links: &[&[Cause]], review: &Review, lang: Lang) -> String {
    let parts: Vec<String> = tally(links)
        .iter()
        .map(|(cause, n)| match lang {
            Lang::Ja => format!("{}（{n} 組）", cause_phrase(cause, review, lang)),
            Lang::En => format!("{n} because {}", cause_phrase(cause, review, lang)),
        })
        .collect();
    list(&parts, lang)
}

/// `M37 権利擁護…` for a meeting id of either year.
fn meeting_label(id: &str, name: &str) -> String {
    format!("{id} {name}")
}

fn critical_phrase(new: &[CriticalLink], kept: &[CriticalLink], lang: Lang) -> Vec<String> {
    // One sentence per agency: "住宅政策課 alone links housing with justice, …" when all
    // its pairs share a field, else the pairs listed; the pairs it already carried alone
    // last year follow, so the sentence shows everything that hangs on it.
    let mut by_agency: BTreeMap<&str, Vec<&[String; 2]>> = BTreeMap::new();
    for link in new {
        by_agency.entry(link.agency.as_str()).or_default().push(&link.sectors);
    }
    by_agency
        .into_iter()
        .map(|(agency, pairs)| {
            let old: Vec<&[String; 2]> =
                kept.iter().filter(|k| k.agency == agency).map(|k| &k.sectors).collect();
            let all: Vec<&[String; 2]> = pairs.iter().chain(&old).copied().collect();
            let common = (0..2).find_map(|side| {
                let field = &all[0][side];
                all.iter().all(|p| p.contains(field)).then_some(field.clone())
            });
            let describe = |pairs: &[&[String; 2]]| -> String {
                let parts: Vec<String> = pairs
                    .iter()
                    .map(|p| match &common {
                        Some(field) if all.len() > 1 => {
                            sector(if &p[0] == field { &p[1] } else { &p[0] }, lang)
                        }
                        _ => sector_pair(p, lang),
                    })
                    .collect();
                list(&parts, lang)
            };
            let head = match (&common, all.len() > 1) {
                (Some(field), true) => match lang {
                    Lang::Ja => format!(
                        "{agency}だけが{}と{}をつないでいる",
                        sector(field, lang),
                        describe(&pairs)
                    ),
                    Lang::En => format!(
                        "{agency} alone links {} with {}",
                        sector(field, lang),
                        describe(&pairs)
                    ),
                },
                _ => match lang {
                    Lang::Ja => format!("{agency}だけが{}をつないでいる", describe(&pairs)),
                    Lang::En => format!("{agency} alone links {}", describe(&pairs)),
                },
            };
            if old.is_empty() {
                head
            } else {
                match lang {
                    Lang::Ja => format!("{head}（前年度から引き続き{}とも）", describe(&old)),
                    Lang::En if common.is_some() && all.len() > 1 => {
                        format!("{head} (and, as last year, with {})", describe(&old))
                    }
                    Lang::En => format!("{head} (and, as last year, {})", describe(&old)),
                }
            }
        })
        .collect()
}

/// The findings in plain words, most important first: what a planner reads before any
/// table. Every sentence is plain text; renderers escape it.
pub(crate) fn summary(review: &Review, lang: Lang) -> Vec<String> {
    let ja = lang == Lang::Ja;
    let mut out = Vec::new();
    if review.is_unchanged() {
        out.push(
            lang.pick(
                "変化はありません: 会議・機関・つながり・指標はすべて前年度と同じです。",
                "No change: the meetings, agencies, links and figures are the same as last year.",
            )
            .to_string(),
        );
        return out;
    }
    let m = &review.meetings;
    let ids = |entries: &[crate::review::MeetingEntry]| {
        entries.iter().map(|e| meeting_label(&e.id, &e.name)).collect::<Vec<_>>()
    };
    out.push(match ja {
        true => format!("会議: {} → {}。", review.before.meetings, review.after.meetings),
        false => format!("Meetings: {} → {}.", review.before.meetings, review.after.meetings),
    });
    if !m.removed.is_empty() {
        out.push(match ja {
            true => {
                format!("廃止された会議（{}）: {}。", m.removed.len(), list(&ids(&m.removed), lang))
            }
            false => format!("Removed ({}): {}.", m.removed.len(), list(&ids(&m.removed), lang)),
        });
    }
    if !m.added.is_empty() {
        out.push(match ja {
            true => {
                format!("新設された会議（{}）: {}。", m.added.len(), list(&ids(&m.added), lang))
            }
            false => format!("Added ({}): {}.", m.added.len(), list(&ids(&m.added), lang)),
        });
    }
    for merger in &m.mergers {
        let replaced: Vec<&str> = merger.replaces.iter().map(|c| c.id.as_str()).collect();
        let shares: Vec<String> = merger
            .replaces
            .iter()
            .map(|c| match lang {
                Lang::Ja => format!("{}の{}機関中{}", c.id, c.agencies, c.shared),
                Lang::En => format!("{} of {}'s {}", c.shared, c.id, c.agencies),
            })
            .collect();
        out.push(match ja {
            true => format!(
                "{}は{}を統合したものとみられます（参加機関: {}が出席）。",
                meeting_label(&merger.id, &merger.name),
                list(&replaced, lang),
                list(&shares, lang)
            ),
            false => format!(
                "{} appears to replace {} (it seats {} agencies).",
                meeting_label(&merger.id, &merger.name),
                and_list(&replaced),
                and_list(&shares)
            ),
        });
    }
    for split in &m.splits {
        let into: Vec<&str> = split.into.iter().map(|c| c.id.as_str()).collect();
        out.push(match ja {
            true => format!(
                "{}は{}に分割されたとみられます。",
                meeting_label(&split.id, &split.name),
                list(&into, lang)
            ),
            false => format!(
                "{} appears to have been split into {}.",
                meeting_label(&split.id, &split.name),
                and_list(&into)
            ),
        });
    }
    for pair in &m.renamed {
        out.push(match ja {
            true => format!(
                "名称変更: {} → {}。",
                meeting_label(&pair.before_id, &pair.before_name),
                meeting_label(&pair.after_id, &pair.after_name)
            ),
            false => format!(
                "Renamed: {} → {}.",
                meeting_label(&pair.before_id, &pair.before_name),
                meeting_label(&pair.after_id, &pair.after_name)
            ),
        });
    }
    if !m.changed.is_empty() {
        let changes: Vec<String> = m
            .changed
            .iter()
            .map(|c| {
                let phrases: Vec<String> =
                    c.changes.iter().map(|x| change_phrase(x, lang)).collect();
                format!(
                    "{}{}",
                    meeting_label(&c.after_id, &c.name),
                    paren(&phrases.join(lang.pick("、", "; ")), lang)
                )
            })
            .collect();
        out.push(match ja {
            true => format!("変更された会議（{}）: {}。", m.changed.len(), list(&changes, lang)),
            false => format!("Changed ({}): {}.", m.changed.len(), list(&changes, lang)),
        });
    }
    let a = &review.agencies;
    for (entries, ja_word, en_word, verb) in [
        (&a.removed, "いなくなった機関", "Agencies removed", "attended"),
        (&a.added, "新たな機関", "Agencies added", "attends"),
    ] {
        if entries.is_empty() {
            continue;
        }
        let names: Vec<String> = entries
            .iter()
            .map(|e| {
                let meetings = match (e.meetings.is_empty(), lang) {
                    (true, _) => lang.pick("会議なし", "in no meeting").to_string(),
                    (false, Lang::Ja) => format!("{}に参加", list(&e.meetings, lang)),
                    (false, Lang::En) => format!("{verb} {}", list(&e.meetings, lang)),
                };
                format!(
                    "{}{}",
                    e.name,
                    paren(
                        &format!("{}{}{meetings}", sector(&e.sector, lang), lang.pick("、", "; ")),
                        lang
                    )
                )
            })
            .collect();
        out.push(match ja {
            true => format!("{ja_word}（{}）: {}。", entries.len(), list(&names, lang)),
            false => format!("{en_word} ({}): {}.", entries.len(), list(&names, lang)),
        });
    }
    if !a.changed.is_empty() {
        let names: Vec<&str> = a.changed.iter().map(|c| c.name.as_str()).collect();
        out.push(match ja {
            true => format!("登録内容が変わった機関: {}。", list(&names, lang)),
            false => format!("Agencies recorded differently: {}.", list(&names, lang)),
        });
    }
    let links = &review.links;
    out.push(match ja {
        true => format!(
            "会議で同席する機関の組: {} → {}（失われた {} 組、新たな {} 組）。",
            links.before,
            links.after,
            links.lost.len(),
            links.gained.len()
        ),
        false => format!(
            "Pairs of agencies that share a meeting: {} → {} ({} lost, {} gained).",
            links.before,
            links.after,
            links.lost.len(),
            links.gained.len()
        ),
    });
    for (found, ja_word, en_word) in
        [(&links.lost, "失われた理由", "Lost"), (&links.gained, "新たな理由", "Gained")]
    {
        if found.is_empty() {
            continue;
        }
        let causes: Vec<&[Cause]> = found.iter().map(|l| l.causes.as_slice()).collect();
        out.push(match ja {
            true => format!("{ja_word}: {}。", tally_phrase(&causes, review, lang)),
            false => format!("{en_word}: {}.", tally_phrase(&causes, review, lang)),
        });
    }
    let fields = &review.fields;
    for (found, ja_word, en_word) in [
        (
            &fields.disconnected,
            "同席する会議がなくなった分野の組",
            "Fields that no longer share any meeting",
        ),
        (
            &fields.connected,
            "新たに同席するようになった分野の組",
            "Fields that now share a meeting",
        ),
    ] {
        if found.is_empty() {
            continue;
        }
        let pairs: Vec<String> = found
            .iter()
            .map(|f| {
                format!(
                    "{}{}",
                    sector_pair(&f.sectors, lang),
                    paren(&causes_phrase(&f.causes, review, lang), lang)
                )
            })
            .collect();
        out.push(match ja {
            true => format!("{ja_word}: {}。", list(&pairs, lang)),
            false => format!("{en_word}: {}.", list(&pairs, lang)),
        });
    }
    if !fields.unlinked_after.is_empty() {
        let pairs: Vec<String> =
            fields.unlinked_after.iter().map(|p| sector_pair(p, lang)).collect();
        out.push(match ja {
            true => format!("今年度も同席しない分野の組: {}。", list(&pairs, lang)),
            false => format!("Fields that never meet this year: {}.", list(&pairs, lang)),
        });
    }
    let roles = &review.roles;
    if !roles.critical_new.is_empty() {
        out.push(match ja {
            true => format!(
                "新たな単一障害点（異動・欠席で切れるつながり）: {}。",
                list(&critical_phrase(&roles.critical_new, &roles.critical_kept, lang), lang)
            ),
            false => format!(
                "New single points of failure (links a staff transfer would cut): {}.",
                list(&critical_phrase(&roles.critical_new, &roles.critical_kept, lang), lang)
            ),
        });
    }
    if !roles.critical_resolved.is_empty() {
        let parts: Vec<String> = roles
            .critical_resolved
            .iter()
            .map(|r| {
                let why = match (r.because, ja) {
                    (Resolution::LinkLost, true) => "つながり自体が失われた",
                    (Resolution::LinkLost, false) => "the link itself is lost",
                    (Resolution::NowShared, true) => "他の機関も担うようになった",
                    (Resolution::NowShared, false) => "other agencies now carry it too",
                };
                format!(
                    "{} — {}{}",
                    r.link.agency,
                    sector_pair(&r.link.sectors, lang),
                    paren(why, lang)
                )
            })
            .collect();
        out.push(match ja {
            true => format!("単一障害点でなくなったもの: {}。", list(&parts, lang)),
            false => format!("No longer single points of failure: {}.", list(&parts, lang)),
        });
    }
    if !roles.brokers_gained.is_empty() || !roles.brokers_lost.is_empty() {
        let top = review.rules.top_brokers;
        let mut parts = Vec::new();
        if !roles.brokers_gained.is_empty() {
            parts.push(match ja {
                true => format!("{}が上位{top}に入った", list(&roles.brokers_gained, lang)),
                false => format!("{} entered the top {top}", and_list(&roles.brokers_gained)),
            });
        }
        if !roles.brokers_lost.is_empty() {
            parts.push(match ja {
                true => format!("{}が上位{top}から外れた", list(&roles.brokers_lost, lang)),
                false => format!("{} left it", and_list(&roles.brokers_lost)),
            });
        }
        out.push(match ja {
            true => format!("仲介役（媒介中心性）: {}。", parts.join("、")),
            false => format!("Brokers (betweenness): {}.", parts.join("; ")),
        });
    }
    for (names, ja_word, en_word) in [
        (
            &roles.articulation_gained,
            "新たな切断点（抜けると分断される機関）",
            "New cut points (agencies whose loss splits the network)",
        ),
        (&roles.articulation_lost, "切断点でなくなった機関", "No longer cut points"),
        (&roles.isolated_new, "どの機関とも同席しなくなった機関", "Agencies that now meet no one"),
        (&roles.isolated_resolved, "孤立が解消した機関", "Agencies no longer isolated"),
    ] {
        if !names.is_empty() {
            out.push(match ja {
                true => format!("{ja_word}: {}。", list(names, lang)),
                false => format!("{en_word}: {}.", list(names, lang)),
            });
        }
    }
    if let Some(hours) = review.figure("annual_person_hours") {
        out.push(match ja {
            true => format!(
                "年間延べ時間: {} → {}（{}）。",
                number(hours.before.round()),
                number(hours.after.round()),
                signed(hours.change().round())
            ),
            false => format!(
                "Person-hours per year: {} → {} ({}).",
                number(hours.before.round()),
                number(hours.after.round()),
                signed(hours.change().round())
            ),
        });
    }
    if !review.fields_known {
        out.push(
            lang.pick(
                "分野間のつながり・同席しない分野の組・単一障害点: 機関の分野が分からないため数えていません（両年度の機関一覧 agencies.csv に 機関名 と 分野 を書くと数えます）。",
                "Field links, fields that never meet and single points of failure: not counted, because the agencies' fields are unknown (add an agency list, agencies.csv, with name and sector columns to both years).",
            )
            .to_string(),
        );
    }
    out
}

/// `A`, `A and B`, `A, B and C`.
fn and_list<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [rest @ .., last] => format!(
            "{} and {}",
            rest.iter().map(AsRef::as_ref).collect::<Vec<_>>().join(", "),
            last.as_ref()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_signs_read_naturally() {
        assert_eq!(number(722.0), "722");
        assert_eq!(number(0.30775), "0.308");
        assert_eq!(number(10.5), "10.5");
        assert_eq!(signed(-25.0), "-25");
        assert_eq!(signed(1.0), "+1");
        assert_eq!(signed(-0.0), "0");
        assert_eq!(and_list(&["M23", "M24"]), "M23 and M24");
        assert_eq!(and_list(&["a", "b", "c"]), "a, b and c");
    }
}
