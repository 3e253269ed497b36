//! Links across two years: pairs of agencies and pairs of fields that share a meeting
//! in one year and not the other, each with the meetings that carried or carry it and,
//! where the data shows it, what made the difference (an agency gone, a meeting removed,
//! an agency that left a meeting …).

use crate::graph::AgencyNetwork;
use crate::model::Inventory;
use crate::review::matching::Matching;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// What made a link appear or disappear.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
#[serde(tag = "cause", rename_all = "snake_case")]
pub enum Cause {
    /// The agency is in neither the registry nor any meeting this year.
    AgencyRemoved {
        /// Agency.
        agency: String,
    },
    /// The agency is new this year.
    AgencyAdded {
        /// Agency.
        agency: String,
    },
    /// A meeting that carried the link is gone (last year's id).
    MeetingRemoved {
        /// Meeting id.
        meeting: String,
    },
    /// A new meeting carries the link (this year's id).
    MeetingAdded {
        /// Meeting id.
        meeting: String,
    },
    /// The agency no longer attends a meeting it attended (last year's id).
    AgencyLeft {
        /// Agency.
        agency: String,
        /// Meeting id.
        meeting: String,
    },
    /// The agency now attends a meeting it did not attend (this year's id).
    AgencyJoined {
        /// Agency.
        agency: String,
        /// Meeting id.
        meeting: String,
    },
    /// The agency is recorded under another field (field links only).
    SectorChanged {
        /// Agency.
        agency: String,
        /// Field last year.
        #[serde(serialize_with = "crate::model::sector_code::one")]
        before: String,
        /// Field this year.
        #[serde(serialize_with = "crate::model::sector_code::one")]
        after: String,
    },
}

/// A pair of agencies that share a meeting in one year only.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct AgencyLink {
    /// The two agencies, the smaller name first.
    pub agencies: [String; 2],
    /// Meetings that carried the link last year (lost) or carry it this year (gained),
    /// by id.
    pub meetings: Vec<String>,
    /// Why, sorted; empty only when the data cannot tell.
    pub causes: Vec<Cause>,
}

/// Agency links gained and lost.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct LinkReview {
    /// Pairs of agencies sharing a meeting last year.
    pub before: usize,
    /// Pairs of agencies sharing a meeting this year.
    pub after: usize,
    /// New pairs, sorted.
    pub gained: Vec<AgencyLink>,
    /// Pairs gone, sorted.
    pub lost: Vec<AgencyLink>,
}

/// A pair of fields that share a meeting in one year only.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct FieldLink {
    /// The two fields, the smaller first.
    #[serde(serialize_with = "crate::model::sector_code::pair")]
    pub sectors: [String; 2],
    /// Meetings that linked the fields last year (disconnected) or link them this year
    /// (connected), by id.
    pub meetings: Vec<String>,
    /// Agencies of either field in those meetings.
    pub carriers: Vec<String>,
    /// Why, sorted.
    pub causes: Vec<Cause>,
}

/// Field pairs connected and disconnected.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct FieldReview {
    /// Pairs of fields sharing a meeting last year.
    pub linked_before: usize,
    /// Pairs of fields sharing a meeting this year.
    pub linked_after: usize,
    /// Pairs newly sharing a meeting.
    pub connected: Vec<FieldLink>,
    /// Pairs that no longer share one.
    pub disconnected: Vec<FieldLink>,
    /// Pairs of fields present last year that shared no meeting.
    #[serde(serialize_with = "crate::model::sector_code::pairs")]
    pub unlinked_before: Vec<[String; 2]>,
    /// Pairs of fields present this year that share no meeting.
    #[serde(serialize_with = "crate::model::sector_code::pairs")]
    pub unlinked_after: Vec<[String; 2]>,
}

/// One year as the link comparison needs it.
pub(crate) struct YearView<'a> {
    pub inventory: &'a Inventory,
    pub network: &'a AgencyNetwork,
    /// Partner meeting in the other year, by meeting index.
    pub partner: Vec<Option<usize>>,
}

impl YearView<'_> {
    fn has_agency(&self, name: &str) -> bool {
        self.network.index_of(name).is_some()
    }

    fn sector(&self, name: &str) -> Option<&str> {
        self.network.index_of(name).map(|i| self.network.node(i).sector.as_str())
    }

    fn attends(&self, meeting: usize, name: &str) -> bool {
        self.network.index_of(name).is_some_and(|i| {
            self.network.meeting_members(meeting).binary_search(&(i as u32)).is_ok()
        })
    }

    fn id(&self, meeting: usize) -> String {
        self.inventory.meetings[meeting].id.clone()
    }

    /// Agencies of a meeting, by sector.
    fn by_sector(&self, meeting: usize) -> BTreeMap<&str, Vec<&str>> {
        let mut out: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for &a in self.network.meeting_members(meeting) {
            let node = self.network.node(a as usize);
            out.entry(node.sector.as_str()).or_default().push(node.name.as_str());
        }
        out
    }
}

/// Partner of each meeting under a matching: (last year → this year, this year → last).
pub(crate) fn partners(
    matching: &Matching,
    before: usize,
    after: usize,
) -> (Vec<Option<usize>>, Vec<Option<usize>>) {
    let mut forward = vec![None; before];
    let mut backward = vec![None; after];
    for pair in &matching.pairs {
        forward[pair.before] = Some(pair.after);
        backward[pair.after] = Some(pair.before);
    }
    (forward, backward)
}

/// Direction of a comparison: `from` is the year that has the link, `to` the one that
/// does not. Lost links look from last year to this; gained ones the other way.
#[derive(Clone, Copy)]
enum Direction {
    Lost,
    Gained,
}

impl Direction {
    fn meeting_gone(self, id: String) -> Cause {
        match self {
            Direction::Lost => Cause::MeetingRemoved { meeting: id },
            Direction::Gained => Cause::MeetingAdded { meeting: id },
        }
    }

    fn agency_gone(self, agency: &str) -> Cause {
        let agency = agency.to_string();
        match self {
            Direction::Lost => Cause::AgencyRemoved { agency },
            Direction::Gained => Cause::AgencyAdded { agency },
        }
    }

    fn not_attending(self, agency: &str, meeting: String) -> Cause {
        let agency = agency.to_string();
        match self {
            Direction::Lost => Cause::AgencyLeft { agency, meeting },
            Direction::Gained => Cause::AgencyJoined { agency, meeting },
        }
    }

    fn sector_changed(self, agency: &str, from: &str, to: &str) -> Cause {
        let (before, after) = match self {
            Direction::Lost => (from, to),
            Direction::Gained => (to, from),
        };
        Cause::SectorChanged {
            agency: agency.to_string(),
            before: before.to_string(),
            after: after.to_string(),
        }
    }
}

type Pair = (String, String);

fn agency_pairs(network: &AgencyNetwork) -> BTreeMap<Pair, Vec<usize>> {
    network
        .ties()
        .map(|t| {
            let meetings = network.tie_meetings(t).iter().map(|&m| m as usize).collect();
            (
                (network.node(t.a as usize).name.clone(), network.node(t.b as usize).name.clone()),
                meetings,
            )
        })
        .collect()
}

/// Why the agency pair `(a, b)`, carried in `from` by `meetings`, is not carried in `to`.
fn agency_causes(
    direction: Direction,
    (a, b): (&str, &str),
    meetings: &[usize],
    from: &YearView<'_>,
    to: &YearView<'_>,
) -> Vec<Cause> {
    let mut causes = BTreeSet::new();
    for &m in meetings {
        let Some(partner) = from.partner[m] else {
            causes.insert(direction.meeting_gone(from.id(m)));
            continue;
        };
        for agency in [a, b] {
            if !to.has_agency(agency) {
                causes.insert(direction.agency_gone(agency));
            } else if !to.attends(partner, agency) {
                // `from`'s id: last year's for a lost link, this year's for a gained one.
                causes.insert(direction.not_attending(agency, from.id(m)));
            }
        }
    }
    causes.into_iter().collect()
}

fn agency_links(
    direction: Direction,
    from: &YearView<'_>,
    to: &YearView<'_>,
    to_pairs: &BTreeMap<Pair, Vec<usize>>,
) -> Vec<AgencyLink> {
    agency_pairs(from.network)
        .into_iter()
        .filter(|(pair, _)| !to_pairs.contains_key(pair))
        .map(|((a, b), meetings)| {
            let causes = agency_causes(direction, (&a, &b), &meetings, from, to);
            let mut ids: Vec<String> = meetings.iter().map(|&m| from.id(m)).collect();
            ids.sort();
            AgencyLink { agencies: [a, b], meetings: ids, causes }
        })
        .collect()
}

/// Agency links gained and lost between two years.
pub(crate) fn review_links(before: &YearView<'_>, after: &YearView<'_>) -> LinkReview {
    let (pairs_before, pairs_after) = (agency_pairs(before.network), agency_pairs(after.network));
    LinkReview {
        before: pairs_before.len(),
        after: pairs_after.len(),
        gained: agency_links(Direction::Gained, after, before, &pairs_before),
        lost: agency_links(Direction::Lost, before, after, &pairs_after),
    }
}

/// Linked field pairs of a year, with the meetings (indices) that link each.
fn field_pairs(year: &YearView<'_>) -> BTreeMap<Pair, Vec<usize>> {
    let mut pairs: BTreeMap<Pair, Vec<usize>> = BTreeMap::new();
    for m in 0..year.network.meeting_count() {
        let sectors: Vec<&str> = year.by_sector(m).into_keys().collect();
        for (i, s) in sectors.iter().enumerate() {
            for t in &sectors[i + 1..] {
                pairs.entry((s.to_string(), t.to_string())).or_default().push(m);
            }
        }
    }
    pairs
}

fn field_causes(
    direction: Direction,
    (s, t): (&str, &str),
    meetings: &[usize],
    from: &YearView<'_>,
    to: &YearView<'_>,
) -> Vec<Cause> {
    let mut causes = BTreeSet::new();
    for &m in meetings {
        let Some(partner) = from.partner[m] else {
            causes.insert(direction.meeting_gone(from.id(m)));
            continue;
        };
        let there = to.by_sector(partner);
        let here = from.by_sector(m);
        for sector in [s, t] {
            if there.contains_key(sector) {
                continue;
            }
            // The field is missing from the other year's row: every agency that brought
            // it here explains part of the difference.
            for agency in here.get(sector).into_iter().flatten() {
                match to.sector(agency) {
                    None => causes.insert(direction.agency_gone(agency)),
                    Some(other) if other != sector => {
                        causes.insert(direction.sector_changed(agency, sector, other))
                    }
                    Some(_) => causes.insert(direction.not_attending(agency, from.id(m))),
                };
            }
        }
    }
    causes.into_iter().collect()
}

fn field_links(
    direction: Direction,
    from: &YearView<'_>,
    to: &YearView<'_>,
    from_pairs: &BTreeMap<Pair, Vec<usize>>,
    to_pairs: &BTreeMap<Pair, Vec<usize>>,
) -> Vec<FieldLink> {
    from_pairs
        .iter()
        .filter(|(pair, _)| !to_pairs.contains_key(*pair))
        .map(|((s, t), meetings)| {
            let mut carriers = BTreeSet::new();
            for &m in meetings {
                let by_sector = from.by_sector(m);
                for sector in [s.as_str(), t.as_str()] {
                    carriers.extend(by_sector.get(sector).into_iter().flatten().copied());
                }
            }
            let mut ids: Vec<String> = meetings.iter().map(|&m| from.id(m)).collect();
            ids.sort();
            FieldLink {
                sectors: [s.clone(), t.clone()],
                meetings: ids,
                carriers: carriers.into_iter().map(String::from).collect(),
                causes: field_causes(direction, (s, t), meetings, from, to),
            }
        })
        .collect()
}

fn unlinked(network: &AgencyNetwork, linked: &BTreeMap<Pair, Vec<usize>>) -> Vec<[String; 2]> {
    let sectors = network.sectors();
    let mut out = Vec::new();
    for (i, s) in sectors.iter().enumerate() {
        for t in &sectors[i + 1..] {
            if !linked.contains_key(&(s.clone(), t.clone())) {
                out.push([s.clone(), t.clone()]);
            }
        }
    }
    out
}

/// Field pairs connected and disconnected between two years.
pub(crate) fn review_fields(before: &YearView<'_>, after: &YearView<'_>) -> FieldReview {
    let (pairs_before, pairs_after) = (field_pairs(before), field_pairs(after));
    FieldReview {
        linked_before: pairs_before.len(),
        linked_after: pairs_after.len(),
        connected: field_links(Direction::Gained, after, before, &pairs_after, &pairs_before),
        disconnected: field_links(Direction::Lost, before, after, &pairs_before, &pairs_after),
        unlinked_before: unlinked(before.network, &pairs_before),
        unlinked_after: unlinked(after.network, &pairs_after),
    }
}
