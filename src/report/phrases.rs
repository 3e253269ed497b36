//! The phrasebook: every word the proposal's data becomes, and the small formatters
//! (lists, "and N more", hours, percentages) that every renderer shares, so that the
//! same fact reads the same way in the text, HTML, Markdown and tables.

use crate::lang::Lang;
use crate::legal::{SessionBar, SharingBasis, TierRule};
use crate::proposal::{
    Approver, Body, CaseOption, EscalationRule, How, InferenceSource, InferredValue, KeptBecause,
    Proposal, Reason, SplitPart, Strength, Tier, Violation,
};

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

/// A field (分野) in the report's language; an agency the registry does not place says
/// so in words, never as the internal code `unknown`.
///
/// ```
/// use kaigi::Lang;
/// use kaigi::report::phrases::sector;
/// assert_eq!(sector("子ども", Lang::En), "children");
/// assert_eq!(sector("unknown", Lang::Ja), "分野不明");
/// assert_eq!(sector("学識", Lang::En), "学識");
/// ```
pub fn sector(sector: &str, lang: Lang) -> &str {
    if sector == crate::model::UNKNOWN_SECTOR {
        return lang.pick("分野不明", "field unknown");
    }
    match lang {
        Lang::Ja => sector,
        Lang::En => crate::model::sector_label_en(sector),
    }
}

/// Minutes as a whole number.
fn hours_minutes(minutes: f64) -> String {
    format!("{minutes:.0}")
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

/// The proposal's before/after measures, labelled, with their decimals: one list for
/// the text summary, the tables and the documents.
pub fn before_after_rows(proposal: &Proposal, lang: Lang) -> Vec<(String, f64, f64, usize)> {
    let (b, a) = (&proposal.before, &proposal.after);
    let per_body = hours(proposal.assumptions.secretariat_hours_per_body);
    vec![
        (lang.pick("会議体", "meeting bodies").into(), b.bodies as f64, a.bodies as f64, 0),
        (
            lang.pick("年間開催回数", "sessions per year").into(),
            b.sessions_per_year,
            a.sessions_per_year,
            0,
        ),
        (
            lang.pick(
                "年間延べ時間（都度参加の機関は自分の議題だけ出席）",
                "person-hours per year (per-item members attend their own items only)",
            )
            .into(),
            b.annual_person_hours,
            a.annual_person_hours,
            1,
        ),
        (
            lang.pick(
                "年間延べ時間（全員が毎回最後まで出席）",
                "person-hours per year (everyone sits through every session)",
            )
            .into(),
            b.annual_person_hours_full_attendance,
            a.annual_person_hours_full_attendance,
            1,
        ),
        (
            match lang {
                Lang::Ja => format!("事務局の作業時間（仮定: 1 会議体あたり年 {per_body} 時間）"),
                Lang::En => format!("secretariat hours (assumed: {per_body} per body a year)"),
            },
            b.secretariat_hours,
            a.secretariat_hours,
            0,
        ),
        (
            lang.pick(
                "機関間のつながり（都度参加を含む）",
                "agency links (including per-item seats)",
            )
            .into(),
            b.agency_links as f64,
            a.agency_links as f64,
            0,
        ),
        (
            lang.pick(
                "機関間のつながり（コアメンバーどうし）",
                "agency links between core members",
            )
            .into(),
            b.agency_links_core as f64,
            a.agency_links_core as f64,
            0,
        ),
    ]
    .into_iter()
    .chain(field_links_row(b.sector_links, a.sector_links, lang))
    .collect()
}

/// The field-links row, only when fields are known to count them.
pub fn field_links_row(
    before: Option<usize>,
    after: Option<usize>,
    lang: Lang,
) -> Option<(String, f64, f64, usize)> {
    let label = lang.pick("分野間のつながり", "field-to-field links").to_string();
    Some((label, before? as f64, after? as f64, 0))
}

/// Why the field links are not counted, when they are not: the one sentence every
/// document prints in place of a misleading 0.
///
/// ```
/// use kaigi::{Lang, report::phrases::field_links_unknown};
/// assert!(field_links_unknown(None, Lang::En).unwrap().contains("agency list"));
/// assert_eq!(field_links_unknown(Some(3), Lang::En), None);
/// ```
pub fn field_links_unknown(counted: Option<usize>, lang: Lang) -> Option<&'static str> {
    counted.is_none().then(|| {
        lang.pick(
            "分野間のつながり: 機関の分野が分からないため数えていません（機関一覧 agencies.csv に 機関名 と 分野 を書くと数えます）。",
            "Field-to-field links: not counted, because the agencies' fields are unknown (add an agency list, agencies.csv, with name and sector columns).",
        )
    })
}

/// A change in hours as a saving or an increase, never a negative saving.
fn saving(hours_saved: f64, lang: Lang) -> String {
    match (hours_saved < -0.05, lang) {
        (false, Lang::Ja) => format!("年 {} 時間の削減", hours(hours_saved.max(0.0))),
        (true, Lang::Ja) => format!("年 {} 時間の増加", hours(-hours_saved)),
        (false, Lang::En) => format!("{} hours a year saved", hours(hours_saved.max(0.0))),
        (true, Lang::En) => format!("{} hours a year more", hours(-hours_saved)),
    }
}

/// What the cost figures assume, in one sentence for the documents.
pub fn cost_assumptions(proposal: &Proposal, lang: Lang) -> String {
    let (b, a) = (&proposal.before, &proposal.after);
    let modelled = saving(b.annual_person_hours - a.annual_person_hours, lang);
    let full =
        saving(b.annual_person_hours_full_attendance - a.annual_person_hours_full_attendance, lang);
    let compression = percent(proposal.assumptions.agenda_compression);
    match lang {
        Lang::Ja => format!(
            "都度参加の機関が自分の議題の時間だけ出席する場合は{modelled}、全員が毎回最後まで出席する場合は{full}。統合した会議体は、吸収した議題の時間を最大 {compression} までしか短縮しないと仮定しています（ポリシーファイルの agenda_compression で変えられます）。事務局の作業時間もポリシーの仮定値で、削減時間には含めていません。"
        ),
        Lang::En => format!(
            "If per-item members attend their own items only: {modelled}; if everyone sits through every session: {full}. A merged body is assumed to shorten the agenda time it absorbs by at most {compression} (set by agenda_compression in the policy file). Secretariat hours are also an assumption of the policy and are not part of the saving."
        ),
    }
}

/// What happens to a meeting, as the proposal's tables name it.
pub fn how(how: How, lang: Lang) -> &'static str {
    match how {
        How::Kept => lang.pick("維持", "kept"),
        How::ServesAs => lang.pick("兼ねる", "serves as"),
        How::Joint => lang.pick("合同開催", "held jointly"),
        How::Subcommittee => lang.pick("部会化", "becomes a subcommittee"),
        How::Merged => lang.pick("統合", "merged"),
        How::Split => lang.pick("分割", "split"),
    }
}

/// What a body's existence rests on.
pub fn strength(strength: Strength, lang: Lang) -> &'static str {
    match strength {
        Strength::Law => lang.pick("法律", "an Act"),
        Strength::LawEndeavour => lang.pick("法律（努力義務）", "an Act (duty to endeavour)"),
        Strength::Regulation => lang.pick("政省令", "a regulation"),
        Strength::Guideline => lang.pick("国の実施要綱", "a national implementing guideline"),
        Strength::Ordinance => lang.pick("条例", "a municipal ordinance"),
        Strength::MunicipalRule => lang.pick("要綱・規則", "a municipal rule"),
        Strength::Optional => lang.pick("根拠なし", "no basis"),
    }
}

/// Who approves a change.
pub fn approver(approver: Approver, lang: Lang) -> &'static str {
    match approver {
        Approver::Council => lang.pick("議会（条例改正）", "the council (amending the ordinance)"),
        Approver::Mayor => {
            lang.pick("市長の決裁（要綱改正）", "the mayor's decision (amending the rule)")
        }
        Approver::SocialWelfareCouncilBoard => {
            lang.pick("社会福祉協議会の理事会", "the social welfare council's board")
        }
        Approver::WelfareVolunteersCouncil => {
            lang.pick("民生委員児童委員協議会", "the welfare volunteers' council")
        }
    }
}

/// Why a body raises its issues where it does.
pub fn escalation_rule(rule: EscalationRule, lang: Lang) -> &'static str {
    match rule {
        EscalationRule::Policy => lang.pick("ポリシーで指定", "set in the policy file"),
        EscalationRule::ParentColumn => lang.pick("親会議の欄による", "named in the parent-body column"),
        EscalationRule::OwnHierarchy => {
            lang.pick("同じ会議体の一つ上の階層", "one level up in the same body")
        }
        EscalationRule::Catalogue => lang.pick(
            "同じ種類の会議体の上位の会議（法令・要綱上の関係）",
            "the higher meeting of the same body type (its legal structure)",
        ),
        EscalationRule::CrossFieldProgram => lang.pick(
            "分野横断の事例は重層的支援体制整備事業・地域福祉計画を所管する会議へ",
            "cross-field cases go to the body running the multi-layered program or the welfare plan",
        ),
        EscalationRule::SameField => lang.pick(
            "同じ分野の一つ上の階層で参加機関が最も重なる会議",
            "the meeting of the same field one tier up that shares most agencies",
        ),
    }
}

/// A tier's name.
pub fn tier(tier: Tier, lang: Lang) -> &'static str {
    lang.pick(tier.label_ja(), tier.label_en())
}

/// The title of a proposed body: its leading meeting's name as written, then what it
/// does for the others: 「地域ケア推進会議（第1層協議体を兼ねる）」.
pub fn body_title(body: &Body, lang: Lang) -> String {
    match body.part {
        Some(SplitPart::Plenary) => {
            return match lang {
                Lang::Ja => format!("{} 全体会議", body.name),
                Lang::En => format!("{} — plenary", body.name),
            };
        }
        Some(SplitPart::Case) => {
            return match lang {
                Lang::Ja => format!("{} 個別会議（随時）", body.name),
                Lang::En => format!("{} — ad hoc case meeting", body.name),
            };
        }
        None => {}
    }
    let others = |wanted: How| -> Vec<&str> {
        body.absorbs
            .iter()
            .filter(|a| a.how == wanted && a.name != body.name)
            .map(|a| a.name.as_str())
            .collect()
    };
    let mut parts = Vec::new();
    for (kind, ja, en) in [
        (How::ServesAs, "を兼ねる", "also serving as "),
        (How::Joint, "と合同開催", "held jointly with "),
        (How::Merged, "を統合", "absorbing "),
    ] {
        let names = others(kind);
        if !names.is_empty() {
            parts.push(match lang {
                Lang::Ja => format!("{}{ja}", names_short(&names, lang)),
                Lang::En => format!("{en}{}", names_short(&names, lang)),
            });
        }
    }
    if parts.is_empty() {
        return body.name.clone();
    }
    match lang {
        Lang::Ja => format!("{}（{}）", body.name, parts.join("、")),
        Lang::En => format!("{} ({})", body.name, parts.join("; ")),
    }
}

/// Up to two names, then how many more meetings.
fn names_short(names: &[&str], lang: Lang) -> String {
    let shown = names.iter().take(2).copied().collect::<Vec<_>>().join(lang.pick("・", ", "));
    match (names.len().saturating_sub(2), lang) {
        (0, _) => shown,
        (n, Lang::Ja) => format!("{shown} ほか {n} 会議"),
        (n, Lang::En) => format!("{shown} and {n} more meetings"),
    }
}

/// A violated constraint in words.
pub fn violation(violation: &Violation, lang: Lang) -> String {
    use Violation::*;
    match (violation, lang) {
        (Pinned { meeting }, Lang::Ja) => format!("{meeting} はポリシーで維持が指定されている"),
        (Pinned { meeting }, Lang::En) => format!("the policy pins {meeting}"),
        (AdHoc { meeting }, Lang::Ja) => {
            format!(
                "{meeting} は事案が起きたときに開く随時開催の会議のため、ほかの会議と 1 つにはしない"
            )
        }
        (AdHoc { meeting }, Lang::En) => {
            format!(
                "{meeting} meets ad hoc, when a case arises, so it is not made one with another meeting"
            )
        }
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
        (SharingBases { without_consent, law, with_consent }, Lang::Ja) => format!(
            "{without_consent} は本人の同意なしに個人情報を共有できる会議（{law}）で、{with_consent} は本人の同意を得て共有する会議のため、1 つの会議にはできない"
        ),
        (SharingBases { without_consent, law, with_consent }, Lang::En) => format!(
            "{without_consent} may share case information without the person's consent ({law}) while {with_consent} needs consent, so they cannot be one session"
        ),
        (DifferentSharingLaws { meetings, laws }, Lang::Ja) => format!(
            "{} と {} はそれぞれ別の法律（{}、{}）で同意なしの情報共有が認められており、その範囲は各会議の構成員に限られるため 1 つの会議にはできない",
            meetings[0], meetings[1], laws[0], laws[1]
        ),
        (DifferentSharingLaws { meetings, laws }, Lang::En) => format!(
            "{} and {} may each share without consent under a different law ({}, {}), which covers only its own members, so they cannot be one session",
            meetings[0], meetings[1], laws[0], laws[1]
        ),
        (SessionTooLong { minutes, limit }, Lang::Ja) => format!(
            "すべての議題を扱うには 1 回 {} 分が必要で、上限 {} 分を超える",
            hours_minutes(*minutes),
            hours_minutes(*limit)
        ),
        (SessionTooLong { minutes, limit }, Lang::En) => format!(
            "keeping every agenda would take {} minutes a session, over the limit of {}",
            hours_minutes(*minutes),
            hours_minutes(*limit)
        ),
        (DifferentFields { fields }, Lang::Ja) => {
            format!("個別ケースを扱う会議で、分野が異なる（{}、{}）", fields[0], fields[1])
        }
        (DifferentFields { fields }, Lang::En) => format!(
            "they handle case information in different fields ({}, {})",
            fields[0], fields[1]
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
        (BasisAbolished { meeting }, Lang::Ja) => format!(
            "{meeting} は根拠のある会議体で、廃止や統合による消滅はできない（合同開催か兼ねる形にする）"
        ),
        (BasisAbolished { meeting }, Lang::En) => format!(
            "{meeting} rests on a basis and cannot be abolished or merged away (hold it jointly or let one sitting serve as it)"
        ),
        (MoreHours, Lang::Ja) => "統合すると延べ時間が増える".into(),
        (MoreHours, Lang::En) => "merging would increase person-hours".into(),
    }
}

/// An inferred value with its source: 「法定: はい（会議名から推定: 支援会議）」.
pub fn inferred(value: &InferredValue, lang: Lang) -> String {
    let yes_no =
        |flag: bool| if flag { lang.pick("はい", "yes") } else { lang.pick("いいえ", "no") };
    let from = |source: &InferenceSource| match (source, lang) {
        (InferenceSource::Catalogue { .. }, Lang::Ja) => "会議の種類から推定".to_string(),
        (InferenceSource::Catalogue { .. }, Lang::En) => {
            "inferred from the meeting type".to_string()
        }
        (InferenceSource::Default, Lang::Ja) => "既定値".to_string(),
        (InferenceSource::Default, Lang::En) => "default".to_string(),
    };
    let (label, text, source) = match value {
        InferredValue::Statutory { value, source } => {
            (lang.pick("法定", "statutory"), yes_no(*value).to_string(), from(source))
        }
        InferredValue::LegalBasis { value, source } => {
            (lang.pick("根拠", "basis"), value.clone(), from(source))
        }
        InferredValue::Strength { value, source } => (
            lang.pick("根拠の種類", "kind of basis"),
            strength(*value, lang).to_string(),
            from(source),
        ),
        InferredValue::Tier { value, rule } => {
            let rule = match rule {
                TierRule::TierColumn => lang.pick("階層の欄から", "from the tier column"),
                TierRule::Catalogue => {
                    lang.pick("会議の種類から推定", "inferred from the meeting type")
                }
                TierRule::Name => lang.pick("会議名から推定", "inferred from the name"),
                TierRule::Functions => lang.pick("機能から推定", "inferred from the functions"),
                TierRule::Policy => lang.pick("ポリシーで指定", "set in the policy"),
            };
            (lang.pick("階層", "tier"), tier(*value, lang).to_string(), rule.to_string())
        }
        InferredValue::PersonalInfo { value, source } => (
            lang.pick("個人情報", "personal information"),
            yes_no(*value).to_string(),
            from(source),
        ),
        InferredValue::Sharing { value, source } => {
            let text = match value {
                Some(SharingBasis::WithoutConsent(law)) => match lang {
                    Lang::Ja => format!("本人の同意なしに共有できる（{law}）"),
                    Lang::En => format!("without consent ({law})"),
                },
                Some(SharingBasis::WithConsent) => {
                    lang.pick("本人の同意を得て共有", "with consent").into()
                }
                None => lang.pick("共有しない", "none").into(),
            };
            (lang.pick("情報共有", "information sharing"), text, from(source))
        }
        InferredValue::ConfersDuty { value, source } => (
            lang.pick("構成員の守秘義務", "members bound to confidentiality"),
            yes_no(*value).to_string(),
            from(source),
        ),
    };
    match lang {
        Lang::Ja => format!("{label}: {text}（{source}）"),
        Lang::En => format!("{label}: {text} ({source})"),
    }
}

/// An option for a case meeting: what, its hours, and when it is lawful.
pub fn case_option(option: &CaseOption, lang: Lang) -> String {
    match option {
        CaseOption::BackToBack { meetings, shared_agencies, hours_saved, travel_minutes } => {
            let saved = if *travel_minutes > 0.0 {
                match lang {
                    Lang::Ja => format!(
                        "移動時間を 1 回 {} 分とすると年 {} 時間の削減",
                        hours(*travel_minutes),
                        hours(*hours_saved)
                    ),
                    Lang::En => format!(
                        "{} hours a year of travel saved at {} minutes a trip",
                        hours(*hours_saved),
                        hours(*travel_minutes)
                    ),
                }
            } else {
                lang.pick(
                    "移動時間はポリシーで指定されていないため削減時間に数えない",
                    "travel time is not given in the policy, so no hours are counted",
                )
                .to_string()
            };
            match lang {
                Lang::Ja => format!(
                    "{} と {} を同じ日に続けて開催する（共通の構成員 {} 機関: {}）。会議はそれぞれ別に開き、議事録と情報共有の根拠も別に保つため適法。{saved}",
                    meetings[0],
                    meetings[1],
                    shared_agencies.len(),
                    list(shared_agencies, 6, lang)
                ),
                Lang::En => format!(
                    "Hold {} and {} back to back on the same day ({} shared agencies: {}). Each stays a separate meeting with its own minutes and its own basis for sharing information, so this is lawful. {saved}.",
                    meetings[0],
                    meetings[1],
                    shared_agencies.len(),
                    list(shared_agencies, 6, lang)
                ),
            }
        }
        CaseOption::PerCaseAttendance {
            meeting,
            core,
            invited,
            hours_now,
            hours_after,
            invited_share,
        } => match lang {
            Lang::Ja => format!(
                "{meeting} を、毎回出席する中核の機関（{}）と、事例に応じて招く機関（{}）に分ける。招く機関が {} の回に出席すると仮定すると年 {} 時間から {} 時間へ。招く機関も構成員として守秘義務の定めは変わらない場合に限る",
                list(core, 6, lang),
                list(invited, 6, lang),
                percent(*invited_share),
                hours(*hours_now),
                hours(*hours_after)
            ),
            Lang::En => format!(
                "Split {meeting} into a core that attends every session ({}) and agencies invited per case ({}). If the invited attend {} of sessions, {} person-hours a year become {}. Only where the invited stay members under the same confidentiality rules.",
                list(core, 6, lang),
                list(invited, 6, lang),
                percent(*invited_share),
                hours(*hours_now),
                hours(*hours_after)
            ),
        },
        CaseOption::WrittenReview {
            meeting,
            sessions_now,
            sessions_after,
            hours_saved,
            statutory_sharing,
        } => {
            let condition = match (statutory_sharing, lang) {
                (true, Lang::Ja) => {
                    "同意なしの情報共有は会議の場に限られるため、書面で確認するのは本人の同意を得た継続案件に限る"
                }
                (true, Lang::En) => {
                    "sharing without consent is allowed in the meeting only, so written review is limited to continuing cases with the person's consent"
                }
                (false, Lang::Ja) => "設置要綱が書面による確認（持ち回り）を認める場合に限る",
                (false, Lang::En) => "only where the meeting's rules allow review in writing",
            };
            match lang {
                Lang::Ja => format!(
                    "{meeting} の開催を年 {} 回から {} 回にし、定型的な計画の確認は書面で行う。年 {} 時間の削減。{condition}",
                    hours(*sessions_now),
                    hours(*sessions_after),
                    hours(*hours_saved)
                ),
                Lang::En => format!(
                    "Meet {meeting} {} instead of {} times a year and review routine plans in writing: {} person-hours a year saved; {condition}.",
                    hours(*sessions_after),
                    hours(*sessions_now),
                    hours(*hours_saved)
                ),
            }
        }
    }
}

/// A bar to sharing a session, in words.
pub fn session_bar(bar: &SessionBar, lang: Lang) -> String {
    match bar {
        SessionBar::SharingBases { without_consent, law, with_consent } => violation(
            &Violation::SharingBases {
                without_consent: without_consent.clone(),
                law: law.clone(),
                with_consent: with_consent.clone(),
            },
            lang,
        ),
        SessionBar::DifferentSharingLaws { meetings, laws } => violation(
            &Violation::DifferentSharingLaws { meetings: meetings.clone(), laws: laws.clone() },
            lang,
        ),
        SessionBar::Confidentiality { case_meeting, agencies } => match lang {
            Lang::Ja => format!(
                "{case_meeting} の個別ケースの情報が、守秘義務のない {} に伝わることになる",
                list(agencies, 6, lang)
            ),
            Lang::En => format!(
                "{case_meeting}'s case information would reach {}, who have no duty of confidentiality",
                list(agencies, 6, lang)
            ),
        },
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
        Reason::Hours {
            before,
            after,
            after_full_attendance,
            bodies_before,
            secretariat_hours,
        } => match lang {
            Lang::Ja => format!(
                "年間延べ時間は {} 時間から {} 時間へ（都度参加の機関が自分の議題の時間だけ出席する場合）。全員が毎回最後まで出席すると {} 時間。会議体は {bodies_before} から 1 へ（事務局の作業を 1 会議体あたり年 {} 時間と仮定すると、さらに {} 時間の削減）",
                hours(*before),
                hours(*after),
                hours(*after_full_attendance),
                hours(secretariat_hours / (*bodies_before as f64 - 1.0).max(1.0)),
                hours(*secretariat_hours)
            ),
            Lang::En => format!(
                "person-hours per year go from {} to {} if per-item members attend their own items only, or {} if everyone sits through every session; {bodies_before} bodies become 1 (assuming {} secretariat hours per body a year, a further {} hours saved)",
                hours(*before),
                hours(*after),
                hours(*after_full_attendance),
                hours(secretariat_hours / (*bodies_before as f64 - 1.0).max(1.0)),
                hours(*secretariat_hours)
            ),
        },
        Reason::KeepsLegalIdentity { meeting, basis, strength: basis_strength, how: kept_as } => {
            let basis = basis.as_deref().unwrap_or_else(|| strength(*basis_strength, lang));
            match (lang, kept_as) {
                (Lang::Ja, How::ServesAs) => format!(
                    "{meeting} は根拠（{basis}）のある会議体のため廃止しない。構成員全員が出席する 1 回の会議で {meeting} を兼ね、会議録と構成員の定めは {meeting} として残す"
                ),
                (Lang::Ja, _) => format!(
                    "{meeting} は根拠（{basis}）のある会議体のため廃止しない。同じ日に議題を分けて合同開催し、会議録と構成員の定めは {meeting} として残す"
                ),
                (Lang::En, How::ServesAs) => format!(
                    "{meeting} rests on {basis} and is not abolished: one sitting with all its members serves as {meeting}, keeping its own minutes and membership rules"
                ),
                (Lang::En, _) => format!(
                    "{meeting} rests on {basis} and is not abolished: it is held jointly, with its own agenda items, minutes and membership rules"
                ),
            }
        }
        Reason::OwnerDecides { meeting, approver: owner } => match lang {
            Lang::Ja => format!(
                "{meeting} は市が運営する会議体ではないため、この変更は{}への提案であり、決定は先方が行う",
                approver(*owner, lang)
            ),
            Lang::En => format!(
                "{meeting} is not run by the municipality: this change is a recommendation to {}, who decides",
                approver(*owner, lang)
            ),
        },
        Reason::EscalatesTo { from, body, meeting, rule } => match lang {
            Lang::Ja => format!(
                "{from} の課題の提起先は {body}（{meeting}）。理由: {}",
                escalation_rule(*rule, lang)
            ),
            Lang::En => format!(
                "{from} raises issues to {body} ({meeting}): {}",
                escalation_rule(*rule, lang)
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
    checks.push(
        lang.pick(
            "延べ時間が増えない（都度参加の機関は自分の議題だけ出席する前提）",
            "no increase in person-hours (per-item members attending their own items only)",
        )
        .into(),
    );
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

/// A brokerage role (Gould–Fernandez) by its key, as every document names it. On an
/// undirected network the gatekeeper and representative counts are always equal (each
/// open path is counted once in each direction), so documents show them as one role,
/// the field's gateway (`gateway`).
///
/// ```
/// use kaigi::{Lang, report::phrases::brokerage_role};
/// assert_eq!(brokerage_role("gateway", Lang::Ja), "分野の窓口");
/// assert_eq!(brokerage_role("liaison", Lang::En), "liaison between two other fields");
/// ```
pub fn brokerage_role(role: &str, lang: Lang) -> &'static str {
    match role {
        "coordinator" => lang.pick("分野内の調整役", "coordinator within its field"),
        "gateway" => lang.pick("分野の窓口", "gateway of its field"),
        "consultant" => lang.pick("外部の相談役", "consultant to another field"),
        "liaison" => lang.pick("分野外どうしの連絡役", "liaison between two other fields"),
        _ => lang.pick("仲介", "brokerage"),
    }
}

/// One broker's roles and betweenness, in the same words in the text and the HTML.
pub fn brokerage(agency: &crate::connectivity::AgencyMeasures, lang: Lang) -> String {
    let b = agency.brokerage.pairs();
    let roles = [("gateway", b.gateway), ("consultant", b.consultant), ("liaison", b.liaison)]
        .iter()
        .map(|(role, n)| format!("{} {n}", brokerage_role(role, lang)))
        .collect::<Vec<_>>()
        .join(separator(lang));
    match lang {
        Lang::Ja => format!(
            "分野をまたぐ仲介 {}（{roles}）、媒介中心性 {:.3}",
            b.across_fields(),
            agency.betweenness
        ),
        Lang::En => format!(
            "cross-field brokerage {} ({roles}), betweenness {:.3}",
            b.across_fields(),
            agency.betweenness
        ),
    }
}

/// What the brokerage counts mean, printed once under every list of brokers.
pub fn brokerage_note(lang: Lang) -> &'static str {
    lang.pick(
        "仲介の数は、互いに同席しない 2 機関をこの機関が結ぶ組の数です（内訳の合計が「分野をまたぐ仲介」）。「分野の窓口」は自分の分野と他の分野を結ぶ組（門番と代表の役割。同席の関係には向きがないため両者は常に同じ数になり、1 つにまとめています）、「外部の相談役」は同じ分野の 2 機関を外から結ぶ組、「分野外どうしの連絡役」は自分とは別の 2 分野を結ぶ組です。",
        "Brokerage counts the pairs of agencies that do not meet each other and that this agency links (the roles add up to the cross-field figure). 'Gateway of its field' links its own field with another (the gatekeeper and representative roles, always equal here because sitting together has no direction, so shown as one); 'consultant' links two agencies of one other field from outside; 'liaison' links two fields neither of which is its own.",
    )
}

/// The count of ties stronger than chance, with what it means: 0 on a small inventory is
/// the usual result, not a finding of weak ties; a fit that failed says why.
pub fn backbone(report: &crate::connectivity::ConnectivityReport, lang: Lang) -> String {
    use crate::connectivity::BackboneStatus;
    let b = &report.backbone;
    match (b.status, lang) {
        (BackboneStatus::Ok, _) if !report.backbone_links.is_empty() => {
            report.backbone_links.len().to_string()
        }
        (BackboneStatus::Ok, Lang::Ja) => "0（どの組も、参加会議数から偶然に見込まれる以上には同席していません。会議の少ない一覧ではふつうの結果で、つながりが弱いという意味ではありません。何度も同じ会議で会う組が多い一覧ほど、ここに挙がります）".into(),
        (BackboneStatus::Ok, Lang::En) => "0 (no pair meets more often than their numbers of meetings alone would predict. This is the usual result for a small inventory and does not mean the ties are weak; inventories where the same pairs meet in many meetings show them here)".into(),
        (BackboneStatus::Degenerate, Lang::Ja) => format!(
            "算出できません（会議の多い上位 {} 機関が出席しうるすべての会議に出席しているため、同席が偶然かどうかを統計的に判定できません）",
            b.tight_agencies.unwrap_or(0)
        ),
        (BackboneStatus::Degenerate, Lang::En) => format!(
            "not computed (the {} agencies with the most meetings fill every seat open to them, so chance cannot be told from certainty)",
            b.tight_agencies.unwrap_or(0)
        ),
        (_, Lang::Ja) => format!(
            "算出できません（統計モデルの計算が {} 回の反復で収束しませんでした）",
            b.iterations
        ),
        (_, Lang::En) => format!(
            "not computed (the statistical model did not converge in {} iterations)",
            b.iterations
        ),
    }
}

/// The summary's words: its headings and one line per decision and per approver.
pub mod summary {
    use super::{approver, hours, how, list, saving};
    use crate::lang::Lang;
    use crate::proposal::{Approver, Body};

    /// The summary's heading.
    pub fn heading(lang: Lang) -> &'static str {
        lang.pick("概要", "Summary")
    }

    /// Heading of the headline figures.
    pub fn figures(lang: Lang) -> &'static str {
        lang.pick("主な数字（現状 → 提案）", "Headline figures (today → proposed)")
    }

    /// Heading of the structure after the change.
    pub fn structure(lang: Lang) -> &'static str {
        lang.pick("提案後の会議体系", "The structure after the change")
    }

    /// Heading of the changes that save the most.
    pub fn decisions(lang: Lang) -> &'static str {
        lang.pick("主な変更（削減時間の大きい順）", "The main changes (largest saving first)")
    }

    /// Heading of who approves what.
    pub fn approvals(lang: Lang) -> &'static str {
        lang.pick("必要な承認（承認者ごと）", "Who must approve what")
    }

    /// Said when no change needs anyone's approval.
    pub fn no_approvals(lang: Lang) -> &'static str {
        lang.pick("承認が必要な変更はありません。", "No change needs an approval.")
    }

    /// Said when the proposal keeps every meeting as it is.
    pub fn no_decisions(lang: Lang) -> &'static str {
        lang.pick(
            "提案はすべての会議を現状のまま維持します。",
            "The proposal keeps every meeting as it is.",
        )
    }

    /// One decision: the body, what it takes in and how, and the hours it saves.
    pub fn decision(body: &Body, lang: Lang) -> String {
        let absorbed: Vec<String> = body
            .absorbs
            .iter()
            .map(|a| match lang {
                Lang::Ja => format!("{} {}（{}）", a.meeting, a.name, how(a.how, lang)),
                Lang::En => format!("{} {} ({})", a.meeting, a.name, how(a.how, lang)),
            })
            .collect();
        let change = saving(body.hours_before - body.annual_person_hours, lang);
        format!("{} {}: {} — {change}", body.id, body.name, list(&absorbed, 4, lang))
    }

    /// Who approves, and the bodies whose change they approve; a body its owner runs
    /// is marked as a recommendation to that owner.
    pub fn approval(who: Approver, bodies: &[&Body], lang: Lang) -> String {
        let names: Vec<String> = bodies
            .iter()
            .map(|b| {
                let mark = match (b.recommendation_to_owner, lang) {
                    (false, _) => "",
                    (true, Lang::Ja) => "（提言）",
                    (true, Lang::En) => " (a recommendation)",
                };
                format!("{} {}{mark}", b.id, b.name)
            })
            .collect();
        format!("{}: {}", approver(who, lang), list(&names, 8, lang))
    }

    /// The hours figure of the summary's lead sentence: the model's saving with the
    /// full-attendance saving beside it.
    pub fn lead(before: f64, after: f64, before_full: f64, after_full: f64, lang: Lang) -> String {
        match lang {
            Lang::Ja => format!(
                "年間延べ時間は {} → {} 時間（全員が毎回最後まで出席する場合 {} → {} 時間）。",
                hours(before),
                hours(after),
                hours(before_full),
                hours(after_full)
            ),
            Lang::En => format!(
                "Person-hours a year: {} → {} ({} → {} if everyone sits through every session).",
                hours(before),
                hours(after),
                hours(before_full),
                hours(after_full)
            ),
        }
    }
}

/// A function of the role matrix.
pub fn role(role: crate::analysis::Role, lang: Lang) -> &'static str {
    use crate::analysis::Role;
    match role {
        Role::CaseReview => lang.pick("個別事例の検討", "case review"),
        Role::RelationshipBuilding => lang.pick("関係づくり", "relationship building"),
        Role::CommunityDevelopment => lang.pick("地域づくり", "community development"),
        Role::PolicyPlanning => lang.pick("政策形成・計画", "policy planning"),
        Role::InformationSharing => lang.pick("情報共有", "information sharing"),
        Role::CareIndividualProblems => {
            lang.pick("【地域ケア会議】個別課題解決", "[care meeting] individual problems")
        }
        Role::CareNetworkBuilding => {
            lang.pick("【地域ケア会議】ネットワーク構築", "[care meeting] network building")
        }
        Role::CareIssueDiscovery => {
            lang.pick("【地域ケア会議】地域課題発見", "[care meeting] finding regional issues")
        }
        Role::CareResourceDevelopment => lang.pick(
            "【地域ケア会議】地域づくり・資源開発",
            "[care meeting] community and resource development",
        ),
        Role::CarePolicyFormation => {
            lang.pick("【地域ケア会議】政策形成", "[care meeting] policy formation")
        }
    }
}

/// How the role matrix marks a cell, and what the marks mean.
pub fn role_mark(rule: crate::analysis::RoleRule, twice: bool, lang: Lang) -> &'static str {
    let given = rule == crate::analysis::RoleRule::Given;
    match (given, twice) {
        (true, false) => "●",
        (false, false) => "○",
        (true, true) => lang.pick("●重複", "● twice"),
        (false, true) => lang.pick("○重複", "○ twice"),
    }
}

/// The legend of the role matrix.
pub fn role_legend(lang: Lang) -> &'static str {
    lang.pick(
        "● 会議一覧の「機能」欄にある機能。○ kaigi が推定した機能（機能欄が空なら階層から、議題の語、\
         会議の種類、地域ケア会議の5機能は一般の機能と課題の提起先から）。「重複」は同じ分野・階層・圏域の\
         別の会議も担っている機能。",
        "● a function the inventory's functions column names. ○ one kaigi inferred (from the tier \
         when the column is empty, from words of the topics, from the meeting's type; the five \
         functions of the community care meeting from the general ones and from where the meeting \
         raises issues). \"twice\": another meeting of the same field, tier and area serves it too.",
    )
}

/// Under a table the Word file cuts short: how much it shows and where the rest is.
///
/// ```
/// use kaigi::{Lang, report::{Cut, phrases::cut_note}};
/// let cut = Cut { shown: 500, total: 20_000, key: "meetings".into() };
/// assert_eq!(
///     cut_note(&cut, Lang::Ja),
///     "全 20,000 件のうち最初の 500 件を載せています。すべては tables.xlsx と tables/meetings.csv にあります。"
/// );
/// assert_eq!(
///     cut_note(&cut, Lang::En),
///     "The first 500 of 20,000 are shown; all of them are in tables.xlsx and tables/meetings.csv."
/// );
/// ```
pub fn cut_note(cut: &crate::report::Cut, lang: Lang) -> String {
    use crate::input::thousands;
    let (total, shown) = (thousands(cut.total), thousands(cut.shown));
    match lang {
        Lang::Ja => format!(
            "全 {total} 件のうち最初の {shown} 件を載せています。すべては tables.xlsx と tables/{}.csv にあります。",
            cut.key
        ),
        Lang::En => format!(
            "The first {shown} of {total} are shown; all of them are in tables.xlsx and tables/{}.csv.",
            cut.key
        ),
    }
}

/// The meeting table's total row. When a document shows only the first rows, the row
/// still adds up every meeting, so it says so.
///
/// ```
/// use kaigi::{Lang, report::phrases::total_label};
/// assert_eq!(total_label(36, false, Lang::Ja), "合計");
/// assert_eq!(total_label(3_000, true, Lang::Ja), "合計（全 3,000 件）");
/// assert_eq!(total_label(3_000, true, Lang::En), "Total (all 3,000)");
/// ```
pub fn total_label(rows: usize, some_documents_cut: bool, lang: Lang) -> String {
    let rows = crate::input::thousands(rows);
    match (some_documents_cut, lang) {
        (false, _) => lang.pick("合計", "Total").to_string(),
        (true, Lang::Ja) => format!("合計（全 {rows} 件）"),
        (true, Lang::En) => format!("Total (all {rows})"),
    }
}

/// Why a file of the report was left out, and where the same data is.
///
/// ```
/// use kaigi::{Lang, report::{LeftOut, phrases::left_out}};
/// let matrix = LeftOut::IncidenceMatrix { meetings: 20_000, agencies: 15_335 };
/// assert!(left_out(&matrix, Lang::Ja).starts_with("network/incidence.csv は書き出していません"));
/// assert!(left_out(&matrix, Lang::En).contains("306,700,000 cells"));
/// ```
pub fn left_out(item: &crate::report::LeftOut, lang: Lang) -> String {
    use crate::input::thousands;
    match *item {
        crate::report::LeftOut::IncidenceMatrix { meetings, agencies } => {
            let cells = thousands(meetings.saturating_mul(agencies));
            let limit = thousands(crate::report::network_export::INCIDENCE_CELL_LIMIT as usize);
            let (meetings, agencies) = (thousands(meetings), thousands(agencies));
            match lang {
                Lang::Ja => format!(
                    "network/incidence.csv は書き出していません: 会議 {meetings} 件 × 機関 {agencies} 件 = {cells} マスの密な表になり、上限の {limit} マスを超えるためです。同じ参加は network/two_mode_edges.csv と network/two_mode.graphml にあります。"
                ),
                Lang::En => format!(
                    "network/incidence.csv was not written: {meetings} meetings × {agencies} agencies make a dense table of {cells} cells, over the limit of {limit}. The same seats are in network/two_mode_edges.csv and network/two_mode.graphml."
                ),
            }
        }
    }
}
