//! The agency nodes shared by the two-mode network and the agency projection: every
//! registered agency and every participant, in name order, with each participant's node.

use crate::model::{Inventory, UNKNOWN_SECTOR};
use rayon::prelude::*;
use rustc_hash::FxHashMap;

/// Marks a participant not (yet) found in the registry.
const UNREGISTERED: u32 = u32::MAX;

/// Agencies in name order and the node of every participant.
pub(crate) struct AgencyIndex<'a> {
    /// `(name, sector)` of node `i`, sorted by name (code-point order).
    pub names: Vec<(&'a str, &'a str)>,
    /// Node of each participant, meeting by meeting in input order and within a meeting in
    /// listing order: the participants of meeting `m` are
    /// `participant_nodes[participant_start[m]..participant_start[m + 1]]`.
    pub participant_nodes: Vec<u32>,
    /// Offsets into `participant_nodes`, one per meeting plus one.
    pub participant_start: Vec<usize>,
}

impl<'a> AgencyIndex<'a> {
    /// Registry first (first spelling of a duplicate wins, blank sectors are
    /// [`UNKNOWN_SECTOR`]), then participants missing from it, with [`UNKNOWN_SECTOR`].
    pub fn build(inventory: &'a Inventory) -> Self {
        // A hash map finds names in first-seen order (Fx: the names are trusted local data
        // and long shared prefixes made a BTreeMap's comparisons the cost); one sort then
        // gives name order. Nothing iterates the map, so output order never depends on it.
        let participants: usize = inventory.meetings.iter().map(|m| m.participants.len()).sum();
        let mut seen: FxHashMap<&str, u32> = FxHashMap::default();
        seen.reserve(inventory.agencies.len() + 64);
        let mut first_seen: Vec<(&str, &str)> = Vec::with_capacity(inventory.agencies.len());
        for agency in &inventory.agencies {
            seen.entry(agency.name.as_str()).or_insert_with(|| {
                let sector = agency.sector.trim();
                let sector = if sector.is_empty() { UNKNOWN_SECTOR } else { sector };
                first_seen.push((agency.name.as_str(), sector));
                (first_seen.len() - 1) as u32
            });
        }
        let mut participant_start = Vec::with_capacity(inventory.meetings.len() + 1);
        participant_start.push(0);
        for meeting in &inventory.meetings {
            participant_start
                .push(participant_start.last().unwrap_or(&0) + meeting.participants.len());
        }
        // Registered names are looked up on every core (the look-ups were half of the
        // projection's time at 20,000 meetings), each meeting into its own slice of the
        // list; names missing from the registry are then added one by one in listing
        // order, so their first-seen order is kept.
        let mut participant_nodes = vec![UNREGISTERED; participants];
        let per_meeting = split_by_lengths(
            &mut participant_nodes,
            inventory.meetings.iter().map(|meeting| meeting.participants.len()),
        );
        per_meeting.into_par_iter().zip(&inventory.meetings).with_min_len(64).for_each(
            |(nodes, meeting)| {
                for (node, p) in nodes.iter_mut().zip(&meeting.participants) {
                    if let Some(&id) = seen.get(p.agency.as_str()) {
                        *node = id;
                    }
                }
            },
        );
        if participant_nodes.contains(&UNREGISTERED) {
            let names = inventory.meetings.iter().flat_map(|m| &m.participants);
            for (node, participant) in participant_nodes.iter_mut().zip(names) {
                if *node == UNREGISTERED {
                    let name = participant.agency.as_str();
                    *node = *seen.entry(name).or_insert_with(|| {
                        first_seen.push((name, UNKNOWN_SECTOR));
                        (first_seen.len() - 1) as u32
                    });
                }
            }
        }
        drop(seen);
        let mut order: Vec<u32> = (0..first_seen.len() as u32).collect();
        // Names are distinct, so an unstable sort is deterministic.
        order.par_sort_unstable_by_key(|&id| first_seen[id as usize].0);
        let mut rank = vec![0_u32; order.len()];
        for (node, &id) in order.iter().enumerate() {
            rank[id as usize] = node as u32;
        }
        for node in &mut participant_nodes {
            *node = rank[*node as usize];
        }
        let names = order.iter().map(|&id| first_seen[id as usize]).collect();
        AgencyIndex { names, participant_nodes, participant_start }
    }

    /// Nodes of meeting `m`'s participants, in listing order.
    pub fn participants(&self, m: usize) -> &[u32] {
        &self.participant_nodes[self.participant_start[m]..self.participant_start[m + 1]]
    }
}

/// `items` cut into consecutive slices of the given lengths (one per meeting, say), so
/// that each part can be filled on any core.
pub(crate) fn split_by_lengths<T>(
    mut items: &mut [T],
    lengths: impl ExactSizeIterator<Item = usize>,
) -> Vec<&mut [T]> {
    let mut parts = Vec::with_capacity(lengths.len());
    for length in lengths {
        let (part, rest) = std::mem::take(&mut items).split_at_mut(length);
        parts.push(part);
        items = rest;
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Agency, Meeting, Participant};

    #[test]
    fn registry_first_spelling_wins_and_unlisted_participants_are_unknown() {
        let mut m = Meeting::new("M1", "m");
        m.participants = vec![Participant::new("C", 1), Participant::new("A", 1)];
        let inventory = Inventory {
            meetings: vec![m],
            agencies: vec![
                Agency::new("Z", " "),
                Agency::new("A", "障害"),
                Agency::new("A", "高齢"),
            ],
        };
        let index = AgencyIndex::build(&inventory);
        assert_eq!(index.names, [("A", "障害"), ("C", UNKNOWN_SECTOR), ("Z", UNKNOWN_SECTOR)]);
        assert_eq!(index.participants(0), [1, 0]);
    }

    #[test]
    fn splits_into_consecutive_parts_of_the_given_lengths() {
        let mut items = [1, 2, 3, 4, 5, 6];
        let parts = split_by_lengths(&mut items, [2, 0, 3].into_iter());
        assert_eq!(parts, [&mut [1, 2][..], &mut [][..], &mut [3, 4, 5][..]]);
    }
}
