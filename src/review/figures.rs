//! Headline figures of both years side by side, and the agencies whose role in the
//! network changed: brokers, cut points, isolated agencies and single points of failure.

use crate::connectivity::ConnectivityReport;
use crate::model::Inventory;
use serde::Serialize;
use std::collections::BTreeSet;

/// One headline figure in both years.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Figure {
    /// Stable key (`agencies`, `links`, `density` …); reports translate it.
    pub key: &'static str,
    /// Last year.
    pub before: f64,
    /// This year.
    pub after: f64,
}

impl Figure {
    /// This year minus last year.
    ///
    /// ```
    /// let f = kaigi::review::Figure { key: "agencies", before: 69.0, after: 68.0 };
    /// assert_eq!(f.change(), -1.0);
    /// ```
    pub fn change(&self) -> f64 {
        self.after - self.before
    }
}

/// The figure keys, in the order reports show them.
pub const FIGURE_KEYS: [&str; 12] = [
    "agencies",
    "meetings",
    "sessions_per_year",
    "annual_person_hours",
    "links",
    "density",
    "components",
    "largest_component",
    "average_clustering",
    "field_links",
    "unlinked_field_pairs",
    "single_points_of_failure",
];

/// An agency among the top brokers of a year.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Broker {
    /// Agency.
    pub name: String,
    /// Normalised betweenness: the share of shortest paths between other agencies that
    /// run through it.
    pub betweenness: f64,
    /// Gould–Fernandez brokerage across fields, as unordered pairs of agencies that do
    /// not meet and that it links (see `Brokerage::pairs`), as every document counts it.
    pub brokerage_across_fields: u64,
}

/// A pair of fields that one agency alone links.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
pub struct CriticalLink {
    /// The agency.
    pub agency: String,
    /// The two fields, the smaller first.
    #[serde(serialize_with = "crate::model::sector_code::pair")]
    pub sectors: [String; 2],
}

/// Why a single point of failure of last year is not one this year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Resolution {
    /// The two fields no longer share any meeting: the link itself is gone.
    LinkLost,
    /// Other agencies now carry the link too.
    NowShared,
}

/// A single point of failure of last year that is not one this year.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ResolvedCritical {
    /// The agency and fields.
    #[serde(flatten)]
    pub link: CriticalLink,
    /// Why it no longer hangs on this agency.
    pub because: Resolution,
    /// Whether the agency itself is gone this year.
    pub agency_removed: bool,
}

/// Agencies whose role changed.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct RoleReview {
    /// Top brokers last year, by betweenness (highest first, then by name).
    pub brokers_before: Vec<Broker>,
    /// Top brokers this year.
    pub brokers_after: Vec<Broker>,
    /// In this year's top, not last year's.
    pub brokers_gained: Vec<String>,
    /// In last year's top, not this year's.
    pub brokers_lost: Vec<String>,
    /// Cut points (articulation points) new this year.
    pub articulation_gained: Vec<String>,
    /// Cut points of last year that are not cut points this year.
    pub articulation_lost: Vec<String>,
    /// Agencies that meet no one this year but did last year, or are new and meet no one.
    pub isolated_new: Vec<String>,
    /// Agencies that met no one last year and meet someone this year.
    pub isolated_resolved: Vec<String>,
    /// Single points of failure new this year: an agency that alone links two fields.
    pub critical_new: Vec<CriticalLink>,
    /// Single points of failure of last year that are not this year.
    pub critical_resolved: Vec<ResolvedCritical>,
    /// Single points of failure in both years.
    pub critical_kept: Vec<CriticalLink>,
}

/// The headline figures of both years.
pub(crate) fn figures(
    before: (&Inventory, &ConnectivityReport),
    after: (&Inventory, &ConnectivityReport),
) -> Vec<Figure> {
    let values = |(inventory, report): (&Inventory, &ConnectivityReport)| -> [f64; 12] {
        let net = &report.network;
        let critical: usize = report.critical_agencies.values().map(Vec::len).sum();
        let fields = report.sector_matrix.len();
        [
            net.agencies as f64,
            net.meetings as f64,
            inventory.total_sessions_per_year(),
            inventory.total_annual_person_hours(),
            net.links as f64,
            net.density,
            net.components as f64,
            net.largest_component as f64,
            net.average_clustering,
            (fields - report.unlinked_sector_pairs.len()) as f64,
            report.unlinked_sector_pairs.len() as f64,
            critical as f64,
        ]
    };
    let (b, a) = (values(before), values(after));
    let by_field = fields_known(before.1) && fields_known(after.1);
    FIGURE_KEYS
        .iter()
        .enumerate()
        .filter(|(_, key)| by_field || !FIELD_KEYS.contains(key))
        .map(|(i, &key)| Figure { key, before: b[i], after: a[i] })
        .collect()
}

/// The figures that count fields: meaningless (always 0) without an agency list.
const FIELD_KEYS: [&str; 3] = ["field_links", "unlinked_field_pairs", "single_points_of_failure"];

/// Whether the year's agencies fall in at least two known fields.
pub(crate) fn fields_known(report: &ConnectivityReport) -> bool {
    crate::model::distinct_fields(report.agencies.iter().map(|a| a.sector.as_str())) >= 2
}

fn top_brokers(report: &ConnectivityReport, top: usize) -> Vec<Broker> {
    let mut ranked: Vec<&crate::connectivity::AgencyMeasures> =
        report.agencies.iter().filter(|a| a.betweenness > 0.0).collect();
    ranked.sort_by(|x, y| y.betweenness.total_cmp(&x.betweenness).then(x.name.cmp(&y.name)));
    ranked
        .into_iter()
        .take(top)
        .map(|a| Broker {
            name: a.name.clone(),
            betweenness: a.betweenness,
            brokerage_across_fields: a.brokerage.pairs().across_fields(),
        })
        .collect()
}

/// Names in `a` that are not in `b`, in `a`'s order.
fn missing_from(a: &[String], b: &[String]) -> Vec<String> {
    let b: BTreeSet<&String> = b.iter().collect();
    a.iter().filter(|n| !b.contains(n)).cloned().collect()
}

fn critical_links(report: &ConnectivityReport) -> BTreeSet<CriticalLink> {
    report
        .critical_agencies
        .iter()
        .flat_map(|(agency, pairs)| {
            pairs.iter().map(|p| CriticalLink { agency: agency.clone(), sectors: p.clone() })
        })
        .collect()
}

/// How agencies' roles changed; `top` brokers are compared.
pub(crate) fn roles(
    before: &ConnectivityReport,
    after: &ConnectivityReport,
    top: usize,
) -> RoleReview {
    let (brokers_before, brokers_after) = (top_brokers(before, top), top_brokers(after, top));
    let names = |brokers: &[Broker]| brokers.iter().map(|b| b.name.clone()).collect::<Vec<_>>();
    let present_after: BTreeSet<&str> = after.agencies.iter().map(|a| a.name.as_str()).collect();
    let (critical_before, critical_after) = (critical_links(before), critical_links(after));
    // A pair of fields missing from this year's matrix (a field with no agency left) is
    // not linked either.
    let linked_after: BTreeSet<&[String; 2]> = after
        .sector_matrix
        .iter()
        .filter(|l| !l.shared_meetings.is_empty())
        .map(|l| &l.sectors)
        .collect();
    RoleReview {
        brokers_gained: missing_from(&names(&brokers_after), &names(&brokers_before)),
        brokers_lost: missing_from(&names(&brokers_before), &names(&brokers_after)),
        brokers_before,
        brokers_after,
        articulation_gained: missing_from(&after.articulation_points, &before.articulation_points),
        articulation_lost: missing_from(&before.articulation_points, &after.articulation_points),
        isolated_new: missing_from(&after.isolated, &before.isolated),
        isolated_resolved: missing_from(&before.isolated, &after.isolated)
            .into_iter()
            .filter(|name| present_after.contains(name.as_str()))
            .collect(),
        critical_new: critical_after.difference(&critical_before).cloned().collect(),
        critical_resolved: critical_before
            .difference(&critical_after)
            .map(|link| ResolvedCritical {
                because: if linked_after.contains(&link.sectors) {
                    Resolution::NowShared
                } else {
                    Resolution::LinkLost
                },
                agency_removed: !present_after.contains(link.agency.as_str()),
                link: link.clone(),
            })
            .collect(),
        critical_kept: critical_before.intersection(&critical_after).cloned().collect(),
    }
}
