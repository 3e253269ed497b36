//! The phrasebook: every word the proposal's data becomes, and the small formatters
//! (lists, "and N more", hours, percentages) that every renderer shares, so that the
//! same fact reads the same way in the text, HTML, Markdown and tables.

use crate::lang::Lang;
use crate::proposal::{Body, How, KeptBecause, Reason, SplitPart, Tier, Violation};

/// Hours as a planner writes them: rounded to one decimal, whole hours without one.
///
/// ```
/// assert_eq!(kaigi::report::phrases::hours(12.04), "12");
/// assert_eq!(kaigi::report::phrases::hours(0.25), "0.3");
/// ```
pub fn hours(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    let text =
        if rounded.fract() == 0.0 { format!("{rounded:.0}") } else { format!("{rounded:.1}") };
    if text == "-0" { "0".into() } else { text }
}

/// A share (0–1) as a whole percentage.
pub fn percent(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

/// "and N more" after a list cut short.
pub fn and_more(more: usize, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("ほか {more}"),
        Lang::En => format!("and {more} more"),
    }
}

/// The first `limit` items joined in the reader's language, then "and N more": the one
/// form every list in every document uses.
///
/// ```
/// use kaigi::{Lang, report::phrases::list};
/// assert_eq!(list(&["a", "b", "c"], 2, Lang::En), "a, b and 1 more");
/// assert_eq!(list(&["甲", "乙", "丙"], 2, Lang::Ja), "甲、乙 ほか 1");
/// assert_eq!(list(&["甲", "乙"], 2, Lang::Ja), "甲、乙");
/// ```
pub fn list<S: AsRef<str>>(items: &[S], limit: usize, lang: Lang) -> String {
    let shown: Vec<&str> = items.iter().take(limit).map(AsRef::as_ref).collect();
    let mut text = shown.join(separator(lang));
    if items.len() > limit {
        text.push(' ');
        text.push_str(&and_more(items.len() - limit, lang));
    }
    text
}

/// Separator between listed names.
pub fn separator(lang: Lang) -> &'static str {
    lang.pick("、", ", ")
}

/// What happens to a meeting, as the proposal's tables name it.
pub fn how(how: How, lang: Lang) -> &'static str {
    match how {
        How::Kept => lang.pick("維持", "kept"),
        How::Merged => lang.pick("統合", "merged"),
        How::Joint => lang.pick("合同開催", "held jointly"),
        How::Split => lang.pick("分割", "split"),
    }
}

/// A tier's name.
pub fn tier(tier: Tier, lang: Lang) -> &'static str {
    lang.pick(tier.label_ja(), tier.label_en())
}

/// The title of a proposed body: its leading meeting's name as written, with what the
/// body does beside it.
pub fn body_title(body: &Body, lang: Lang) -> String {
    match (body.part, body.absorbs.len()) {
        (Some(SplitPart::Plenary), _) => match lang {
            Lang::Ja => format!("{} 全体会議", body.name),
            Lang::En => format!("{} — plenary", body.name),
        },
        (Some(SplitPart::Case), _) => match lang {
            Lang::Ja => format!("{} 個別会議（随時）", body.name),
            Lang::En => format!("{} — ad hoc case meeting", body.name),
        },
        (None, 0 | 1) => body.name.clone(),
        (None, n) => {
            let joint = body.absorbs.iter().any(|a| a.how == How::Joint);
            match (lang, joint) {
                (Lang::Ja, true) => format!("{}（ほか {} 会議と合同開催）", body.name, n - 1),
                (Lang::Ja, false) => format!("{}（ほか {} 会議を統合）", body.name, n - 1),
                (Lang::En, true) => {
                    format!("{} (held jointly with {} other meetings)", body.name, n - 1)
                }
                (Lang::En, false) => format!("{} (absorbing {} other meetings)", body.name, n - 1),
            }
        }
    }
}

/// A violated constraint in words.
pub fn violation(violation: &Violation, lang: Lang) -> String {
    use Violation::*;
    match (violation, lang) {
        (Pinned { meeting }, Lang::Ja) => format!("{meeting} はポリシーで維持が指定されている"),
        (Pinned { meeting }, Lang::En) => format!("the policy pins {meeting}"),
        (AdHoc { meeting }, Lang::Ja) => {
            format!("{meeting} は随時開催の会議で、随時のまま維持する")
        }
        (AdHoc { meeting }, Lang::En) => format!("{meeting} is an ad hoc meeting and stays ad hoc"),
        (MixedAreas, Lang::Ja) => {
            "圏域が異なる（ポリシーで圏域をまたぐ統合を許可していない）".into()
        }
        (MixedAreas, Lang::En) => {
            "the areas differ (the policy does not allow mixing areas)".into()
        }
        (MixedTiers, Lang::Ja) => "階層（個別／地域・ネットワーク／施策）が異なる".into(),
        (MixedTiers, Lang::En) => "the tiers differ (case / community / policy)".into(),
        (NeverMerge { pair }, Lang::Ja) => {
            format!("ポリシーで {} と {} の統合が禁止されている", pair[0], pair[1])
        }
        (NeverMerge { pair }, Lang::En) => {
            format!("the policy forbids merging {} and {}", pair[0], pair[1])
        }
        (JointStatutoryNotAllowed, Lang::Ja) => {
            "ポリシーで法定会議の合同開催を許可していない".into()
        }
        (JointStatutoryNotAllowed, Lang::En) => {
            "the policy does not allow joint holding of statutory meetings".into()
        }
        (SharingBases { pair }, Lang::Ja) => format!(
            "{} と {} は個人情報共有の法的根拠が異なる（同意不要／同意が必要）ため 1 つの会議にはできない。連続開催（同日に続けて開催）を検討",
            pair[0], pair[1]
        ),
        (SharingBases { pair }, Lang::En) => format!(
            "{} and {} share case information on different legal bases (without / with consent), so they cannot be one session; consider holding them back to back",
            pair[0], pair[1]
        ),
        (Confidentiality { agency }, Lang::Ja) => {
            format!("個人情報を扱う会議に守秘義務のない {agency} が同席することになる")
        }
        (Confidentiality { agency }, Lang::En) => {
            format!("case information would reach {agency}, who has no duty of confidentiality")
        }
        (Size { core, limit }, Lang::Ja) => {
            format!("コアメンバーが {core} 人となり上限 {limit} 人を超える")
        }
        (Size { core, limit }, Lang::En) => {
            format!("core members would number {core}, over the limit of {limit}")
        }
        (PerItemShare { share, limit }, Lang::Ja) => {
            format!("都度参加の機関が {} となり上限 {} を超える", percent(*share), percent(*limit))
        }
        (PerItemShare { share, limit }, Lang::En) => format!(
            "per-item members would be {}, over the limit of {}",
            percent(*share),
            percent(*limit)
        ),
        (LowOverlap { meeting, overlap }, Lang::Ja) => {
            format!("{meeting} の参加機関の重なりが {} で、統合の目安に満たない", percent(*overlap))
        }
        (LowOverlap { meeting, overlap }, Lang::En) => format!(
            "{meeting} shares only {} of its agencies, below the threshold for merging",
            percent(*overlap)
        ),
        (MoreHours, Lang::Ja) => "統合すると延べ時間が増える".into(),
        (MoreHours, Lang::En) => "merging would increase person-hours".into(),
    }
}

/// A reason in words.
pub fn reason(reason: &Reason, lang: Lang) -> String {
    match reason {
        Reason::Kept { meeting, because } => {
            let prefix = match lang {
                Lang::Ja => format!("{meeting} は維持: "),
                Lang::En => format!("{meeting} is kept: "),
            };
            prefix + &kept_because(because, lang)
        }
        Reason::SharedAgencies { meetings, shared, total } => match lang {
            Lang::Ja => format!(
                "{} は参加機関 {total} のうち {} が重複している（{}）",
                meetings.join("・"),
                shared.len(),
                list(shared, 8, lang)
            ),
            Lang::En => format!(
                "{} share {} of their {total} agencies ({})",
                meetings.join(", "),
                shared.len(),
                list(shared, 8, lang)
            ),
        },
        Reason::SharedTopics { topics } => match lang {
            Lang::Ja => format!("共通の議題: {}", list(topics, 6, lang)),
            Lang::En => format!("shared topics: {}", list(topics, 6, lang)),
        },
        Reason::Hours { before, after, bodies_before, secretariat_hours } => match lang {
            Lang::Ja => format!(
                "年間延べ時間 {} → {}（{} 時間削減）、会議体 {bodies_before} → 1（事務局の固定費 {} 時間削減）",
                hours(*before),
                hours(*after),
                hours(before - after),
                hours(*secretariat_hours)
            ),
            Lang::En => format!(
                "person-hours per year {} → {} ({} saved); {bodies_before} bodies → 1 ({} secretariat hours saved)",
                hours(*before),
                hours(*after),
                hours(before - after),
                hours(*secretariat_hours)
            ),
        },
        Reason::KeepsLegalIdentity { meeting, basis } => match lang {
            Lang::Ja => format!(
                "{meeting} は法定会議（{basis}）のため廃止せず、合同開催として法的な位置づけを維持する（1 回の会議で兼ねる）"
            ),
            Lang::En => format!(
                "{meeting} is statutory ({basis}): it is not abolished but held jointly, keeping its legal identity"
            ),
        },
        Reason::ConstraintsChecked {
            core_head_count,
            core_limit,
            per_item_share,
            per_item_limit,
            same_area,
            confidentiality,
        } => constraints_checked(
            *core_head_count,
            *core_limit,
            *per_item_share,
            *per_item_limit,
            *same_area,
            *confidentiality,
            lang,
        ),
        Reason::Split { meeting, unbound } => match lang {
            Lang::Ja => format!(
                "{meeting} は個人情報を扱う個別ケース検討に守秘義務のない参加者（{}）が同席しているため、大田市の例にならい、全員が参加する全体会議（関係づくり・情報共有）と守秘義務のある機関だけの随時の個別会議に分ける",
                list(unbound, 6, lang)
            ),
            Lang::En => format!(
                "{meeting} reviews personal cases with attendees who have no duty of confidentiality ({}); following Ōda city, it is split into a plenary for everyone (relationships, information sharing) and an ad hoc case meeting of bound agencies only",
                list(unbound, 6, lang)
            ),
        },
    }
}

fn constraints_checked(
    core_head_count: u32,
    core_limit: u32,
    per_item_share: f64,
    per_item_limit: f64,
    same_area: bool,
    confidentiality: bool,
    lang: Lang,
) -> String {
    let mut checks: Vec<String> = Vec::new();
    checks.push(match (lang, same_area) {
        (Lang::Ja, true) => "同一の階層・圏域".into(),
        (Lang::Ja, false) => "同一の階層".into(),
        (Lang::En, true) => "same tier and area".into(),
        (Lang::En, false) => "same tier".into(),
    });
    checks.push(lang.pick("随時開催の会議を含まない", "no ad hoc meeting").into());
    checks.push(match lang {
        Lang::Ja => {
            format!("コアメンバー {core_head_count} 人（上限 {core_limit} 人以内）")
        }
        Lang::En => format!("{core_head_count} core members, within the limit of {core_limit}"),
    });
    checks.push(match lang {
        Lang::Ja => format!(
            "都度参加の機関 {}（上限 {} 以内）",
            percent(per_item_share),
            percent(per_item_limit)
        ),
        Lang::En => format!(
            "per-item members {}, within the limit of {}",
            percent(per_item_share),
            percent(per_item_limit)
        ),
    });
    checks.push(lang.pick("延べ時間が増えない", "no increase in person-hours").into());
    checks.push(lang.pick("つながりを失わない", "no link lost").into());
    if confidentiality {
        checks.push(lang.pick(
            "個人情報を扱うため出席者全員の守秘義務（本人の義務または法定会議の構成員としての義務）",
            "case information handled: every attendee is bound to confidentiality (own duty or as a member of a statutory meeting)",
        ).into());
    }
    match lang {
        Lang::Ja => format!("確認した制約: {}", checks.join("、")),
        Lang::En => format!("constraints checked: {}", checks.join(", ")),
    }
}

fn kept_because(because: &KeptBecause, lang: Lang) -> String {
    match because {
        KeptBecause::Constraint { violation: v } => violation(v, lang),
        KeptBecause::NothingShared => {
            lang.pick("参加機関が共通する会議がない", "no other meeting shares its agencies").into()
        }
        KeptBecause::ClosestBlocked { closest, overlap, violations } => {
            let words: Vec<String> = violations.iter().map(|v| violation(v, lang)).collect();
            match lang {
                Lang::Ja => format!(
                    "最も重なる {closest}（重なり {}）との統合は不可。{}",
                    percent(*overlap),
                    words.join("。また、")
                ),
                Lang::En => format!(
                    "the closest meeting, {closest} ({} overlap), cannot join it: {}",
                    percent(*overlap),
                    words.join("; also, ")
                ),
            }
        }
        KeptBecause::NoSaving { closest, before, after } => match lang {
            Lang::Ja => format!(
                "{closest} と統合しても延べ時間と固定費の合計が下がらない（{} 時間から {} 時間）",
                hours(*before),
                hours(*after)
            ),
            Lang::En => format!(
                "merging with {closest} would not lower person-hours plus fixed cost ({} hours against {})",
                hours(*after),
                hours(*before)
            ),
        },
        KeptBecause::ClosestJoinsOther { closest, body } => match lang {
            Lang::Ja => format!("{closest} は {body} に統合され、そちらの方が削減が大きい"),
            Lang::En => format!("{closest} joins {body} instead, which saves more"),
        },
    }
}
