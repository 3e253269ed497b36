//! The review's tables, shared by the HTML page, the Markdown file, the CSV files and
//! the workbook. Every table is written even when empty, so the set of files is the same
//! every year and scripts can rely on it.

use crate::lang::Lang;
use crate::report::review::words::{
    causes_phrase, change_cells, figure_label, list, number, percent, sector,
};
use crate::report::table::{Cell, Table};
use crate::review::{MatchedBy, Resolution, Review};
use std::collections::BTreeMap;

/// Decimals a figure is shown with: ratios need three.
fn decimals(key: &str, value: f64) -> usize {
    match key {
        "density" | "average_clustering" => 3,
        _ if value.fract() == 0.0 => 0,
        _ => 1,
    }
}

fn figures(review: &Review, lang: Lang) -> Table {
    let mut table = Table::new(
        "figures",
        lang,
        "主な指標の比較",
        "Headline figures",
        &[
            ("指標", "measure"),
            ("前年度", "last year"),
            ("今年度", "this year"),
            ("増減", "change"),
        ],
    );
    for f in &review.figures {
        let d = decimals(f.key, f.before).max(decimals(f.key, f.after));
        table.rows.push(vec![
            figure_label(f.key, lang).into(),
            Cell::Number(f.before, d),
            Cell::Number(f.after, d),
            Cell::Number(f.change(), d),
        ]);
    }
    table
}

fn statutory(value: Option<bool>, lang: Lang) -> Cell {
    match value {
        Some(true) => lang.pick("法定", "statutory").into(),
        Some(false) => lang.pick("任意", "optional").into(),
        None => "".into(),
    }
}

fn meetings_added(review: &Review, lang: Lang) -> Table {
    let mut table = Table::new(
        "meetings_added",
        lang,
        "新設された会議",
        "Meetings added",
        &[
            ("ID", "id"),
            ("会議名", "name"),
            ("参加機関数", "agencies"),
            ("年間開催回数", "sessions per year"),
            ("年間延べ時間", "person-hours per year"),
            ("法定", "statutory"),
            ("統合したとみられる会議", "appears to replace"),
        ],
    );
    for entry in &review.meetings.added {
        let replaces: Vec<String> = review
            .meetings
            .mergers
            .iter()
            .filter(|m| m.id == entry.id)
            .flat_map(|m| m.replaces.iter().map(|c| format!("{} {}", c.id, c.name)))
            .collect();
        table.rows.push(vec![
            entry.id.clone().into(),
            entry.name.clone().into(),
            Cell::Int(entry.agencies as i64),
            Cell::Number(
                entry.sessions_per_year,
                usize::from(entry.sessions_per_year.fract() != 0.0),
            ),
            Cell::Number(entry.annual_person_hours, 1),
            statutory(entry.statutory, lang),
            list(&replaces, lang).into(),
        ]);
    }
    table
}

fn meetings_removed(review: &Review, lang: Lang) -> Table {
    let mut table = Table::new(
        "meetings_removed",
        lang,
        "廃止された会議",
        "Meetings removed",
        &[
            ("ID", "id"),
            ("会議名", "name"),
            ("参加機関数", "agencies"),
            ("年間開催回数", "sessions per year"),
            ("年間延べ時間", "person-hours per year"),
            ("法定", "statutory"),
            ("統合先とみられる会議", "appears replaced by"),
        ],
    );
    for entry in &review.meetings.removed {
        let by: Vec<String> = review
            .meetings
            .mergers
            .iter()
            .filter(|m| m.replaces.iter().any(|c| c.id == entry.id))
            .map(|m| format!("{} {}", m.id, m.name))
            .collect();
        table.rows.push(vec![
            entry.id.clone().into(),
            entry.name.clone().into(),
            Cell::Int(entry.agencies as i64),
            Cell::Number(
                entry.sessions_per_year,
                usize::from(entry.sessions_per_year.fract() != 0.0),
            ),
            Cell::Number(entry.annual_person_hours, 1),
            statutory(entry.statutory, lang),
            list(&by, lang).into(),
        ]);
    }
    table
}

fn meetings_renamed(review: &Review, lang: Lang) -> Table {
    let mut table = Table::new(
        "meetings_renamed",
        lang,
        "名称が変わった会議",
        "Meetings renamed",
        &[
            ("前年度ID", "id last year"),
            ("前年度の名称", "name last year"),
            ("今年度ID", "id this year"),
            ("今年度の名称", "name this year"),
            ("対応づけ", "matched by"),
            ("名称の類似度", "name similarity"),
        ],
    );
    for pair in &review.meetings.renamed {
        table.rows.push(vec![
            pair.before_id.clone().into(),
            pair.before_name.clone().into(),
            pair.after_id.clone().into(),
            pair.after_name.clone().into(),
            match pair.matched_by {
                MatchedBy::Id => lang.pick("ID", "id"),
                MatchedBy::Name => lang.pick("名称", "name"),
            }
            .into(),
            Cell::Number(pair.similarity, 2),
        ]);
    }
    table
}

fn meeting_changes(review: &Review, lang: Lang) -> Table {
    let mut table = Table::new(
        "meeting_changes",
        lang,
        "変更された会議（項目ごと）",
        "Meeting changes, item by item",
        &[
            ("前年度ID", "id last year"),
            ("今年度ID", "id this year"),
            ("会議名", "name"),
            ("項目", "item"),
            ("前年度", "last year"),
            ("今年度", "this year"),
        ],
    );
    for changed in &review.meetings.changed {
        let row = |item: String, before: String, after: String| -> Vec<Cell> {
            vec![
                changed.before_id.clone().into(),
                changed.after_id.clone().into(),
                changed.name.clone().into(),
                item.into(),
                before.into(),
                after.into(),
            ]
        };
        for change in &changed.changes {
            let (item, before, after) = change_cells(change, lang);
            table.rows.push(row(item, before, after));
        }
        if changed.person_hours_before != changed.person_hours_after {
            table.rows.push(row(
                lang.pick("年間延べ時間（結果）", "person-hours per year (result)").to_string(),
                number(changed.person_hours_before),
                number(changed.person_hours_after),
            ));
        }
    }
    table
}

fn mergers(review: &Review, lang: Lang) -> Table {
    let mut table = Table::new(
        "mergers",
        lang,
        "統合・分割とみられる会議",
        "Probable mergers and splits",
        &[
            ("種類", "kind"),
            ("会議", "meeting"),
            ("対応する会議（参加機関の重なり）", "counterparts (agencies covered)"),
        ],
    );
    for merger in &review.meetings.mergers {
        let replaces: Vec<String> = merger
            .replaces
            .iter()
            .map(|c| format!("{} {} ({})", c.id, c.name, percent(c.coverage)))
            .collect();
        table.rows.push(vec![
            lang.pick("統合", "merger").into(),
            format!("{} {}", merger.id, merger.name).into(),
            list(&replaces, lang).into(),
        ]);
    }
    for split in &review.meetings.splits {
        let into: Vec<String> = split
            .into
            .iter()
            .map(|c| format!("{} {} ({})", c.id, c.name, percent(c.coverage)))
            .collect();
        table.rows.push(vec![
            lang.pick("分割", "split").into(),
            format!("{} {}", split.id, split.name).into(),
            list(&into, lang).into(),
        ]);
    }
    table
}

fn agencies(review: &Review, lang: Lang) -> Table {
    let mut table = Table::new(
        "agencies",
        lang,
        "機関の増減",
        "Agencies added, removed and changed",
        &[
            ("変化", "change"),
            ("機関名", "agency"),
            ("分野", "sector"),
            ("機関一覧に登録", "registered"),
            ("参加している会議", "meetings"),
            ("内容", "details"),
        ],
    );
    let yes_no = |b: bool| lang.pick(if b { "あり" } else { "なし" }, if b { "yes" } else { "no" });
    for (entries, ja, en) in
        [(&review.agencies.removed, "削除", "removed"), (&review.agencies.added, "追加", "added")]
    {
        for e in entries.iter() {
            table.rows.push(vec![
                lang.pick(ja, en).into(),
                e.name.clone().into(),
                sector(&e.sector, lang).into(),
                yes_no(e.registered).into(),
                list(&e.meetings, lang).into(),
                "".into(),
            ]);
        }
    }
    for c in &review.agencies.changed {
        let details: Vec<String> = c
            .changes
            .iter()
            .map(|change| match change {
                crate::review::AgencyChange::Sector { before, after } => format!(
                    "{}: {} → {}",
                    lang.pick("分野", "sector"),
                    sector(before, lang),
                    sector(after, lang)
                ),
                crate::review::AgencyChange::Kind { before, after } => format!(
                    "{}: {} → {}",
                    lang.pick("種別", "kind"),
                    lang.pick(before.label_ja(), before.label_en()),
                    lang.pick(after.label_ja(), after.label_en())
                ),
                crate::review::AgencyChange::Confidentiality { before, after } => format!(
                    "{}: {} → {}",
                    lang.pick("守秘義務", "confidentiality"),
                    before.label_ja(),
                    after.label_ja()
                ),
                crate::review::AgencyChange::Area { before, after } => format!(
                    "{}: {} → {}",
                    lang.pick("圏域", "area"),
                    before.as_deref().unwrap_or("-"),
                    after.as_deref().unwrap_or("-")
                ),
                crate::review::AgencyChange::Registered { before, after } => format!(
                    "{}: {} → {}",
                    lang.pick("登録", "registered"),
                    yes_no(*before),
                    yes_no(*after)
                ),
            })
            .collect();
        table.rows.push(vec![
            lang.pick("変更", "changed").into(),
            c.name.clone().into(),
            "".into(),
            "".into(),
            "".into(),
            details.join(lang.pick("、", "; ")).into(),
        ]);
    }
    table
}

fn links(review: &Review, lang: Lang, lost: bool) -> Table {
    let (key, ja, en, meetings) = if lost {
        (
            "links_lost",
            "失われたつながり",
            "Agency links lost",
            ("前年度に同席した会議", "meetings last year"),
        )
    } else {
        (
            "links_gained",
            "新たなつながり",
            "Agency links gained",
            ("今年度に同席する会議", "meetings this year"),
        )
    };
    let mut table = Table::new(
        key,
        lang,
        ja,
        en,
        &[("機関A", "agency a"), ("機関B", "agency b"), meetings, ("理由", "because")],
    );
    let found = if lost { &review.links.lost } else { &review.links.gained };
    for link in found {
        table.rows.push(vec![
            link.agencies[0].clone().into(),
            link.agencies[1].clone().into(),
            list(&link.meetings, lang).into(),
            causes_phrase(&link.causes, review, lang).into(),
        ]);
    }
    table
}

fn field_links(review: &Review, lang: Lang) -> Table {
    let mut table = Table::new(
        "field_links",
        lang,
        "分野間のつながりの変化",
        "Field links connected and disconnected",
        &[
            ("変化", "change"),
            ("分野A", "field a"),
            ("分野B", "field b"),
            ("会議", "meetings"),
            ("担っていた・担う機関", "carried by"),
            ("理由", "because"),
        ],
    );
    for (found, ja, en) in [
        (&review.fields.disconnected, "同席しなくなった", "disconnected"),
        (&review.fields.connected, "同席するようになった", "connected"),
    ] {
        for f in found.iter() {
            table.rows.push(vec![
                lang.pick(ja, en).into(),
                sector(&f.sectors[0], lang).into(),
                sector(&f.sectors[1], lang).into(),
                list(&f.meetings, lang).into(),
                list(&f.carriers, lang).into(),
                causes_phrase(&f.causes, review, lang).into(),
            ]);
        }
    }
    let before: std::collections::BTreeSet<&[String; 2]> =
        review.fields.unlinked_before.iter().collect();
    for pair in &review.fields.unlinked_after {
        if before.contains(pair) {
            table.rows.push(vec![
                lang.pick("引き続き同席しない", "still never meet").into(),
                sector(&pair[0], lang).into(),
                sector(&pair[1], lang).into(),
                "".into(),
                "".into(),
                "".into(),
            ]);
        }
    }
    table
}

fn brokers(review: &Review, lang: Lang) -> Table {
    let mut table = Table::new(
        "brokers",
        lang,
        "仲介役（媒介中心性の上位）",
        "Top brokers by betweenness",
        &[
            ("順位", "rank"),
            ("前年度", "last year"),
            ("媒介中心性（前年度）", "betweenness last year"),
            ("今年度", "this year"),
            ("媒介中心性（今年度）", "betweenness this year"),
        ],
    );
    let (before, after) = (&review.roles.brokers_before, &review.roles.brokers_after);
    for rank in 0..before.len().max(after.len()) {
        let cells = |b: Option<&crate::review::Broker>| -> [Cell; 2] {
            match b {
                Some(b) => [b.name.clone().into(), Cell::Number(b.betweenness, 3)],
                None => ["".into(), "".into()],
            }
        };
        let [bn, bv] = cells(before.get(rank));
        let [an, av] = cells(after.get(rank));
        table.rows.push(vec![Cell::Int(rank as i64 + 1), bn, bv, an, av]);
    }
    table
}

fn roles(review: &Review, lang: Lang) -> Table {
    let mut table = Table::new(
        "roles",
        lang,
        "役割が変わった機関",
        "Agencies whose role changed",
        &[("役割", "role"), ("変化", "change"), ("機関名", "agency")],
    );
    let r = &review.roles;
    let top = format!("{}", review.rules.top_brokers);
    let broker_ja = format!("仲介役（上位{top}）");
    let broker_en = format!("broker (top {top})");
    let groups: [(&Vec<String>, &str, &str, &str, &str); 6] = [
        (&r.brokers_gained, &broker_ja, &broker_en, "新たに", "new"),
        (&r.brokers_lost, &broker_ja, &broker_en, "外れた", "no longer"),
        (&r.articulation_gained, "切断点", "cut point", "新たに", "new"),
        (&r.articulation_lost, "切断点", "cut point", "解消", "no longer"),
        (&r.isolated_new, "孤立（同席なし）", "isolated (meets no one)", "新たに", "new"),
        (&r.isolated_resolved, "孤立（同席なし）", "isolated (meets no one)", "解消", "no longer"),
    ];
    for (names, role_ja, role_en, change_ja, change_en) in groups {
        for name in names {
            table.rows.push(vec![
                lang.pick(role_ja, role_en).into(),
                lang.pick(change_ja, change_en).into(),
                name.clone().into(),
            ]);
        }
    }
    table
}

fn single_points(review: &Review, lang: Lang) -> Table {
    let mut table = Table::new(
        "single_points_of_failure",
        lang,
        "単一障害点（一機関だけが分野をつないでいる箇所）",
        "Single points of failure (one agency alone links two fields)",
        &[("機関名", "agency"), ("分野A", "field a"), ("分野B", "field b"), ("状況", "status")],
    );
    let r = &review.roles;
    let mut rows: BTreeMap<(String, [String; 2]), String> = BTreeMap::new();
    for link in &r.critical_new {
        rows.insert((link.agency.clone(), link.sectors.clone()), lang.pick("新たに", "new").into());
    }
    for link in &r.critical_kept {
        rows.insert(
            (link.agency.clone(), link.sectors.clone()),
            lang.pick("前年度から継続", "as last year").into(),
        );
    }
    for resolved in &r.critical_resolved {
        let status = match resolved.because {
            Resolution::LinkLost => {
                lang.pick("解消: つながり自体が失われた", "gone: the link itself is lost")
            }
            Resolution::NowShared => lang
                .pick("解消: 他の機関も担うようになった", "gone: other agencies now carry it too"),
        };
        rows.insert((resolved.link.agency.clone(), resolved.link.sectors.clone()), status.into());
    }
    for ((agency, pair), status) in rows {
        table.rows.push(vec![
            agency.into(),
            sector(&pair[0], lang).into(),
            sector(&pair[1], lang).into(),
            status.into(),
        ]);
    }
    table
}

/// Every table of the review, in the order the workbook and Markdown show them.
///
/// ```
/// use kaigi::model::Inventory;
/// use kaigi::review::{Year, ReviewOptions, review};
/// let empty = Inventory::default();
/// let year = Year::new("x", &empty);
/// let review = review(year, year, &ReviewOptions::default())?;
/// let tables = kaigi::report::review_tables(&review, kaigi::Lang::En);
/// assert_eq!(tables[0].key, "figures");
/// assert!(tables.iter().any(|t| t.key == "links_lost"));
/// # Ok::<(), kaigi::review::ReviewError>(())
/// ```
pub fn review_tables(review: &Review, lang: Lang) -> Vec<Table> {
    vec![
        figures(review, lang),
        meetings_added(review, lang),
        meetings_removed(review, lang),
        meetings_renamed(review, lang),
        meeting_changes(review, lang),
        mergers(review, lang),
        agencies(review, lang),
        links(review, lang, true),
        links(review, lang, false),
        field_links(review, lang),
        brokers(review, lang),
        roles(review, lang),
        single_points(review, lang),
    ]
}

/// One figure as text cells (label, last year, this year, change), with the decimals the
/// table uses.
pub(crate) fn figure_line(key: &str, before: f64, after: f64, lang: Lang) -> [String; 4] {
    let d = decimals(key, before).max(decimals(key, after));
    [
        figure_label(key, lang).to_string(),
        format!("{before:.d$}"),
        format!("{after:.d$}"),
        if (after - before).abs() < 1e-12 {
            "0".to_string()
        } else {
            signed_fixed(after - before, d)
        },
    ]
}

fn signed_fixed(value: f64, d: usize) -> String {
    let text = format!("{value:.d$}");
    if value > 0.0 { format!("+{text}") } else { text }
}
