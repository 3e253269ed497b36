//! The review's charts: the agency network of both years drawn at the same positions
//! (one layout over every agency of either year), the changes drawn on one network, and
//! the headline figures side by side.

use crate::connectivity::articulation_points;
use crate::graph::AgencyNetwork;
use crate::lang::Lang;
use crate::model::Inventory;
use crate::report::charts::{
    ChartError, EdgeStyle, NetworkEdge, NetworkLegend, NetworkNode, Rendered, force_layout,
    grouped_bars, network_with_legend,
};
use crate::report::document::Chart;
use crate::report::review::words::{figure_short_label, number, sector};
use crate::review::Review;
use std::collections::{BTreeMap, BTreeSet};

/// Seed of the shared layout: fixed, so the drawing is the same on every run.
const LAYOUT_SEED: u64 = 2024;

/// Figures shown as bars (counts and ratios a planner compares year to year).
const BAR_FIGURES: [&str; 9] = [
    "agencies",
    "meetings",
    "sessions_per_year",
    "annual_person_hours",
    "links",
    "density",
    "components",
    "average_clustering",
    "field_links",
];

fn chart(key: &str, title: String, rendered: Rendered) -> Chart {
    Chart { key: key.to_string(), title, svg: rendered.svg, png: rendered.png }
}

/// One year's network by agency name: sector, hours, ties (with shared hours), cut points.
struct YearNetwork {
    agencies: BTreeMap<String, (String, f64)>,
    ties: BTreeMap<(String, String), f64>,
    cut_points: BTreeSet<String>,
}

impl YearNetwork {
    fn of(inventory: &Inventory) -> Self {
        let network = AgencyNetwork::build(inventory);
        let name = |i: usize| network.node(i).name.clone();
        YearNetwork {
            agencies: network
                .nodes()
                .map(|n| (n.name.clone(), (n.sector.clone(), n.annual_hours)))
                .collect(),
            ties: network
                .ties()
                .map(|t| ((name(t.a as usize), name(t.b as usize)), t.shared_hours))
                .collect(),
            cut_points: articulation_points(&network).into_iter().map(name).collect(),
        }
    }
}

/// Never used: every agency of the union is in one year or the other.
static FALLBACK: (String, f64) = (String::new(), 0.0);

/// Which year a drawing shows.
#[derive(Clone, Copy, PartialEq)]
enum Show {
    Before,
    After,
    Changes,
}

fn draw(
    title: &str,
    show: Show,
    union: &[String],
    positions: &[(f64, f64)],
    years: (&YearNetwork, &YearNetwork),
    brokers: (&BTreeSet<&str>, &BTreeSet<&str>),
    lang: Lang,
) -> Result<Rendered, ChartError> {
    let (before, after) = years;
    let mut nodes = Vec::new();
    let mut index: BTreeMap<&str, usize> = BTreeMap::new();
    // Every chart draws every agency of either year, those absent from the year shown
    // faded: positions and sector colours (assigned over the groups drawn) then match
    // from chart to chart even when a field disappears.
    for name in union {
        let (in_before, in_after) =
            (before.agencies.get(name.as_str()), after.agencies.get(name.as_str()));
        let shown = match show {
            Show::Before => in_before.map(|e| (e, before, brokers.0)),
            Show::After | Show::Changes => in_after.map(|e| (e, after, brokers.1)),
        };
        let other = in_after.or(in_before);
        let (field, hours) = shown.map_or(other, |(e, _, _)| Some(e)).unwrap_or(&FALLBACK);
        index.insert(name.as_str(), nodes.len());
        nodes.push(NetworkNode {
            label: name.clone(),
            group: sector(field, lang),
            size: *hours,
            broker: shown.is_some_and(|(_, _, top)| top.contains(name.as_str())),
            articulation: shown.is_some_and(|(_, year, _)| year.cut_points.contains(name.as_str())),
            faded: shown.is_none(),
        });
    }
    let mut edges = Vec::new();
    let mut push = |pair: &(String, String), weight: f64, style: EdgeStyle| {
        if let (Some(&a), Some(&b)) = (index.get(pair.0.as_str()), index.get(pair.1.as_str())) {
            edges.push(NetworkEdge { a, b, weight, style });
        }
    };
    match show {
        Show::Before => before.ties.iter().for_each(|(p, &w)| push(p, w, EdgeStyle::Normal)),
        Show::After => after.ties.iter().for_each(|(p, &w)| push(p, w, EdgeStyle::Normal)),
        Show::Changes => {
            for (pair, &w) in &after.ties {
                let style = if before.ties.contains_key(pair) {
                    EdgeStyle::Normal
                } else {
                    EdgeStyle::Gained
                };
                push(pair, w, style);
            }
            for (pair, &w) in &before.ties {
                if !after.ties.contains_key(pair) {
                    push(pair, w, EdgeStyle::Lost);
                }
            }
        }
    }
    let mut legend = NetworkLegend::new(lang, lang.pick("分野", "Field"));
    legend.faded = match show {
        Show::Before => lang.pick("今年度のみ（新たな機関）", "This year only (new agency)"),
        Show::After | Show::Changes => {
            lang.pick("前年度のみ（いなくなった機関）", "Last year only (agency gone)")
        }
    };
    network_with_legend(title, &nodes, &edges, positions, &legend)
}

/// Share of the height kept free at the bottom for agencies that meet no one.
const ISOLATED_BAND: f64 = 0.1;

/// One layout for every agency of either year. Agencies with a link in either year are
/// placed by [`force_layout`]; agencies with none would drift to the corners and squeeze
/// the rest into the middle, so they are lined up along the bottom instead.
fn shared_layout(n: usize, springs: &BTreeMap<(usize, usize), f64>) -> Vec<(f64, f64)> {
    let linked: BTreeSet<usize> = springs.keys().flat_map(|&(a, b)| [a, b]).collect();
    let slot: BTreeMap<usize, usize> = linked.iter().enumerate().map(|(i, &v)| (v, i)).collect();
    let edges: Vec<(usize, usize, f64)> =
        springs.iter().map(|(&(a, b), &w)| (slot[&a], slot[&b], w)).collect();
    let placed = force_layout(linked.len(), &edges, &[], LAYOUT_SEED);
    let alone: Vec<usize> = (0..n).filter(|v| !linked.contains(v)).collect();
    let band = if alone.is_empty() { 0.0 } else { ISOLATED_BAND };
    let mut positions = vec![(0.5, 0.5); n];
    for (&v, &(x, y)) in linked.iter().zip(&placed) {
        positions[v] = (x, y * (1.0 - band));
    }
    for (i, &v) in alone.iter().enumerate() {
        positions[v] = ((i as f64 + 0.5) / alone.len() as f64, 1.0);
    }
    positions
}

/// Every chart of the review: the network of changes, each year's network at the same
/// positions, and the headline figures.
///
/// ```
/// use kaigi::model::{Agency, Inventory};
/// use kaigi::review::{Year, ReviewOptions, review};
/// let inventory = Inventory { meetings: vec![], agencies: vec![Agency::new("社協", "地域")] };
/// let year = Year::new("2024", &inventory);
/// let review = review(year, year, &ReviewOptions::default())?;
/// let charts = kaigi::report::review_charts(&review, &inventory, &inventory, kaigi::Lang::En)?;
/// let keys: Vec<&str> = charts.iter().map(|c| c.key.as_str()).collect();
/// assert_eq!(keys, ["network_changes", "network_before", "network_after", "figures"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// [`ChartError`] when a chart cannot be drawn.
pub fn review_charts(
    review: &Review,
    before: &Inventory,
    after: &Inventory,
    lang: Lang,
) -> Result<Vec<Chart>, ChartError> {
    let (year_before, year_after) = (YearNetwork::of(before), YearNetwork::of(after));
    let union: Vec<String> = year_before
        .agencies
        .keys()
        .chain(year_after.agencies.keys())
        .cloned()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let slot: BTreeMap<&str, usize> =
        union.iter().enumerate().map(|(i, n)| (n.as_str(), i)).collect();
    // One spring per pair that met in either year, as strong as its stronger year, so
    // both drawings share one layout and an agency stays where it was.
    let mut springs: BTreeMap<(usize, usize), f64> = BTreeMap::new();
    for ties in [&year_before.ties, &year_after.ties] {
        for ((a, b), &w) in ties {
            let key = (slot[a.as_str()], slot[b.as_str()]);
            let entry = springs.entry(key).or_insert(0.0);
            *entry = entry.max(w);
        }
    }
    let positions = shared_layout(union.len(), &springs);
    let brokers_before: BTreeSet<&str> =
        review.roles.brokers_before.iter().map(|b| b.name.as_str()).collect();
    let brokers_after: BTreeSet<&str> =
        review.roles.brokers_after.iter().map(|b| b.name.as_str()).collect();
    let years = (&year_before, &year_after);
    let brokers = (&brokers_before, &brokers_after);

    let mut charts = Vec::new();
    let (b, a) = (&review.before.name, &review.after.name);
    for (key, show, title) in [
        (
            "network_changes",
            Show::Changes,
            match lang {
                Lang::Ja => format!("機関のつながりの変化（{b} → {a}）"),
                Lang::En => format!("Agency links gained and lost ({b} → {a})"),
            },
        ),
        (
            "network_before",
            Show::Before,
            match lang {
                Lang::Ja => format!("前年度の機関のつながり（{b}）"),
                Lang::En => format!("Agency network last year ({b})"),
            },
        ),
        (
            "network_after",
            Show::After,
            match lang {
                Lang::Ja => format!("今年度の機関のつながり（{a}）"),
                Lang::En => format!("Agency network this year ({a})"),
            },
        ),
    ] {
        let rendered = draw(&title, show, &union, &positions, years, brokers, lang)?;
        charts.push(chart(key, title, rendered));
    }

    // Each figure as an index (last year = 100): counts, hours and ratios differ by
    // orders of magnitude, so raw bars would hide every change but the person-hours.
    let mut categories = Vec::new();
    let mut last_year = Vec::new();
    let mut this_year = Vec::new();
    for key in BAR_FIGURES {
        let Some(f) = review.figure(key) else { continue };
        let shown = |v: f64| {
            if key == "density" || key == "average_clustering" {
                format!("{v:.3}")
            } else {
                number(v.round())
            }
        };
        categories.push(format!(
            "{} {} → {}",
            figure_short_label(key, lang),
            shown(f.before),
            shown(f.after)
        ));
        let (before_index, after_index): (f64, f64) = if f.before != 0.0 {
            (100.0, 100.0 * f.after / f.before)
        } else {
            (0.0, if f.after != 0.0 { 100.0 } else { 0.0 })
        };
        // One decimal is all a bar label needs.
        last_year.push((before_index * 10.0).round() / 10.0);
        this_year.push((after_index * 10.0).round() / 10.0);
    }
    let title = lang
        .pick("主な指標の比較（前年度 = 100）", "Headline figures (last year = 100)")
        .to_string();
    let series = vec![
        (lang.pick("前年度", "last year").to_string(), last_year),
        (lang.pick("今年度", "this year").to_string(), this_year),
    ];
    charts.push(chart("figures", title.clone(), grouped_bars(&title, &categories, &series)?));
    Ok(charts)
}
