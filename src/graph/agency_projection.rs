//! The agency projection: agencies linked when they sit in at least one common meeting,
//! each tie carrying the meetings that create it (its provenance), the hours they share
//! and Newman's collaboration weight.

use super::names::{AgencyIndex, split_by_lengths};
use crate::model::Inventory;
#[cfg(test)]
use crate::model::UNKNOWN_SECTOR;
use petgraph::graph::{NodeIndex, UnGraph};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::sync::{Mutex, OnceLock, PoisonError};

/// An agency as a node of the projection.
#[derive(Debug, Clone, PartialEq)]
pub struct AgencyNode {
    /// Canonical name.
    pub name: String,
    /// Field (分野); [`UNKNOWN_SECTOR`] when the registry does not say.
    pub sector: String,
    /// Hours per year its people spend in meetings: Σ head-count × sessions × minutes / 60.
    pub annual_hours: f64,
    /// Number of meetings it attends.
    pub meetings: usize,
}

/// A tie between two agencies that share at least one meeting.
///
/// The meetings that create it are held once for all ties by the network:
/// [`AgencyNetwork::tie_meetings`].
#[derive(Debug, Clone, PartialEq)]
pub struct Tie {
    /// Node index of the agency whose name sorts first (32 bits, as in
    /// [`AgencyNetwork::neighbors`]: half a million ties at 20,000 meetings, and every
    /// byte of each is memory touched for the first time).
    pub a: u32,
    /// Node index of the other agency.
    pub b: u32,
    /// Σ over shared meetings of sessions × minutes / 60 (meeting hours, not person-hours).
    pub shared_hours: f64,
    /// Newman's collaboration weight Σ 1/(k − 1) over shared meetings, k = agencies in the
    /// meeting (Newman 2001): a two-agency meeting is a full working tie, a seat among
    /// twenty a twentieth of one.
    pub collaboration: f64,
    /// Where its meetings start in its block's provenance list (32 bits: a block's list
    /// never comes near four billion entries, and every byte of a tie counts, half a
    /// million of them being written at 20,000 meetings).
    start: u32,
    /// Number of meetings both attend.
    count: u32,
}

impl Tie {
    /// Number of meetings both agencies attend (at least 1).
    pub fn meeting_count(&self) -> usize {
        self.count as usize
    }
}

/// The agency projection of an inventory.
///
/// Node `i` is the `i`-th agency by name (Rust string order, which is code-point order);
/// every registered agency is a node, including those that attend nothing. Edge `e` of
/// [`graph`](Self::graph) is tie `e` of [`ties`](Self::ties), ties sorted by `(a, b)`.
///
/// ```
/// use kaigi::graph::AgencyNetwork;
/// use kaigi::model::{Frequency, Inventory, Meeting, Participant};
/// let mut m1 = Meeting::new("M1", "個別ケース会議");
/// m1.participants = vec![Participant::new("A", 1), Participant::new("B", 2), Participant::new("C", 1)];
/// m1.frequency = Frequency::per_year(12.0);
/// m1.minutes_per_session = 60.0;
/// let mut m2 = Meeting::new("M2", "連絡会");
/// m2.participants = vec![Participant::new("A", 1), Participant::new("B", 1)];
/// m2.frequency = Frequency::per_year(4.0);
/// m2.minutes_per_session = 90.0;
/// let network = AgencyNetwork::build(&Inventory { meetings: vec![m1, m2], agencies: vec![] });
/// let ab = network.tie_between(0, 1).unwrap();
/// assert_eq!(network.tie_meeting_ids(ab), vec!["M1", "M2"]);
/// assert_eq!(ab.shared_hours, 12.0 + 6.0);
/// assert_eq!(ab.collaboration, 0.5 + 1.0);
/// assert_eq!(network.node(1).annual_hours, 2.0 * 12.0 + 6.0);
/// ```
#[derive(Debug, Clone)]
pub struct AgencyNetwork {
    /// Agencies in name order.
    nodes: Vec<AgencyNode>,
    /// Ties sorted by `(a, b)`, kept in the blocks of agencies they were built in (block
    /// `k` holds the ties of agencies `k * block_size..(k + 1) * block_size`): joining
    /// them into one list would write them all a second time (22 MB at 20,000 meetings).
    ties: Vec<Vec<Tie>>,
    /// Index of each block's first tie, then the number of ties.
    tie_start: Vec<usize>,
    /// The block holding tie `e` for every `e` that is a multiple of [`HINT_STRIDE`], so
    /// that [`tie`](Self::tie) finds a tie's block in a step or two (the analyses look
    /// ties up by index millions of times).
    tie_block_hint: Vec<u32>,
    /// Agencies per block.
    block_size: usize,
    /// The same as a petgraph graph, built on first use: only rustworkx-core's algorithms
    /// need it, and it would double the ties' memory for every other caller.
    graph: OnceLock<UnGraph<AgencyNode, Tie>>,
    /// Sorted distinct sectors.
    sectors: Vec<String>,
    /// Sector index of each node.
    sector_of: Vec<usize>,
    /// Meeting ids in input order, one after another in one string (one allocation
    /// instead of one per meeting); id `m` ends at `meeting_id_end[m]`.
    meeting_id_text: String,
    meeting_id_end: Vec<usize>,
    /// Annual meeting hours (sessions × minutes / 60) per meeting.
    meeting_hours: Vec<f64>,
    /// Distinct attending nodes per meeting, ascending.
    members: MemberLists,
    /// The meetings of the ties of each block, one tie after another in tie order, each
    /// tie's sorted by meeting id (flat lists rather than a list per tie: half a million
    /// ties at 20,000 meetings).
    provenance: Vec<Vec<u32>>,
    /// Compressed adjacency: neighbours of node `i` are `targets[offsets[i]..offsets[i+1]]`,
    /// ascending, with the tie index of each in `tie_of`.
    offsets: Vec<usize>,
    targets: Vec<u32>,
    tie_of: Vec<u32>,
}

impl AgencyNetwork {
    /// Builds the projection. Participants missing from the registry become nodes with
    /// sector [`UNKNOWN_SECTOR`]; a participant listed twice in one meeting counts once
    /// as a member (head-counts added).
    pub fn build(inventory: &Inventory) -> Self {
        let meeting_count = inventory.meetings.len();
        let index = AgencyIndex::build(inventory);
        // Provenance is sorted by meeting id, equal ids by input order. Inventories
        // usually list their meetings in id order already: one comparison pass then
        // spares the sort.
        let in_id_order = inventory.meetings.par_windows(2).all(|pair| pair[0].id <= pair[1].id);
        let by_id: Option<Vec<usize>> = (!in_id_order).then(|| {
            let mut by_id: Vec<usize> = (0..meeting_count).collect();
            let id = |m: usize| inventory.meetings[m].id.as_str();
            // The order is total (equal ids by position), so a parallel sort is
            // deterministic.
            by_id.par_sort_unstable_by(|&x, &y| id(x).cmp(id(y)).then(x.cmp(&y)));
            by_id
        });
        // A handful of fields among thousands of agencies: number them as first seen,
        // then in name order.
        let mut sector_ids: FxHashMap<&str, usize> = FxHashMap::default();
        let first_seen_sector: Vec<usize> = index
            .names
            .iter()
            .map(|&(_, sector)| {
                let next = sector_ids.len();
                *sector_ids.entry(sector).or_insert(next)
            })
            .collect();
        let mut sector_names: Vec<(&str, usize)> = sector_ids.into_iter().collect();
        sector_names.sort_unstable();
        let mut sector_rank = vec![0_usize; sector_names.len()];
        for (rank, &(_, id)) in sector_names.iter().enumerate() {
            sector_rank[id] = rank;
        }
        let sectors: Vec<String> = sector_names.iter().map(|&(name, _)| name.to_string()).collect();
        let sector_of: Vec<usize> = first_seen_sector.iter().map(|&id| sector_rank[id]).collect();

        let n = index.names.len();
        // Each meeting's distinct members, ascending, meeting by meeting on every core,
        // into the meeting's own stretch of two flat lists (nodes and head-counts) as long
        // as its participant list: a participant listed twice counts once with the
        // head-counts added, and the stretch's tail is left unused. No allocation per
        // meeting.
        let seat_count = index.participant_nodes.len();
        let mut member_nodes = vec![0_u32; seat_count];
        let mut head_counts = vec![0_u32; seat_count];
        let mut member_len = vec![0_u32; meeting_count];
        let sizes = || (0..meeting_count).map(|m| index.participants(m).len());
        let node_parts = split_by_lengths(&mut member_nodes, sizes());
        let count_parts = split_by_lengths(&mut head_counts, sizes());
        node_parts
            .into_par_iter()
            .zip(count_parts)
            .zip(member_len.par_iter_mut())
            .enumerate()
            .for_each_init(Vec::new, |seats: &mut Vec<(u32, u32)>, (m, ((nodes, counts), len))| {
                seats.clear();
                let participants = &inventory.meetings[m].participants;
                seats.extend(
                    index
                        .participants(m)
                        .iter()
                        .zip(participants)
                        .map(|(&node, p)| (node, p.count)),
                );
                seats.sort_unstable_by_key(|&(node, _)| node);
                let mut distinct = 0;
                for &(node, count) in seats.iter() {
                    if distinct > 0 && nodes[distinct - 1] == node {
                        counts[distinct - 1] += count;
                    } else {
                        nodes[distinct] = node;
                        counts[distinct] = count;
                        distinct += 1;
                    }
                }
                *len = distinct as u32;
            });
        // The index's per-participant lists are no longer needed: its meeting offsets
        // become the member lists' own.
        let AgencyIndex { names, participant_start, .. } = index;
        let members =
            MemberLists { nodes: member_nodes, start: participant_start, len: member_len };
        // Hours add up meeting by meeting in input order, as the reference adds them.
        let mut hours = vec![0.0_f64; n];
        let mut attended = vec![0_usize; n];
        let mut meeting_hours = Vec::with_capacity(meeting_count);
        for (m, meeting) in inventory.meetings.iter().enumerate() {
            let sessions = meeting.frequency.sessions_per_year;
            let minutes = meeting.minutes_per_session;
            let counts = &head_counts[members.start[m]..];
            for (&node, &count) in members.of(m).iter().zip(counts) {
                // Same operation order as the reference (count × sessions × minutes / 60),
                // so hours agree to the last bit.
                hours[node as usize] += f64::from(count) * sessions * minutes / 60.0;
                attended[node as usize] += 1;
            }
            meeting_hours.push(sessions * minutes / 60.0);
        }

        // Each agency's meetings in input order (float sums keep the reference's order)
        // and, unless input order is already id order, in id order (provenance comes out
        // sorted).
        let by_input = attendance_lists(n, &attended, &members, 0..meeting_count);
        let by_rank =
            by_id.map(|by_id| attendance_lists(n, &attended, &members, by_id.into_iter()));

        // Ties of agency `a` with every later agency, accumulated through a's meetings in
        // arrays indexed by partner: no hashing, and ties come out grouped by `a`. Agencies
        // go in fixed blocks (their number depends on `n` only, so the result is the same
        // on any number of threads), each block on whichever core is free.
        let block_size = n.div_ceil(64).max(256);
        // One scratch per thread, made when the thread first needs it: rayon would make
        // one per job otherwise (16 or so), each half a megabyte at 20,000 meetings of
        // memory touched for the first time.
        let scratches: Vec<Mutex<Option<TieScratch>>> =
            (0..rayon::current_num_threads()).map(|_| Mutex::new(None)).collect();
        let (ties, provenance): (Vec<Vec<Tie>>, Vec<Vec<u32>>) = (0..n.div_ceil(block_size))
            .into_par_iter()
            .map(|k| {
                let agencies = k * block_size..((k + 1) * block_size).min(n);
                let ties_of = |scratch: &mut TieScratch| {
                    scratch.ties_of(
                        agencies.clone(),
                        &members,
                        &meeting_hours,
                        &by_input,
                        by_rank.as_ref(),
                    )
                };
                match rayon::current_thread_index().and_then(|i| scratches.get(i)) {
                    Some(slot) => {
                        // Only this thread uses its slot, so the lock is never contended;
                        // a poisoned one still holds a scratch that is reset after use.
                        let mut slot = slot.lock().unwrap_or_else(PoisonError::into_inner);
                        ties_of(slot.get_or_insert_with(|| TieScratch::new(n)))
                    }
                    None => ties_of(&mut TieScratch::new(n)),
                }
            })
            .unzip();
        drop(scratches);
        let mut tie_start = Vec::with_capacity(ties.len() + 1);
        tie_start.push(0);
        for block_ties in &ties {
            tie_start.push(tie_start.last().unwrap_or(&0) + block_ties.len());
        }
        let tie_count = tie_start.last().copied().unwrap_or(0);
        let mut tie_block_hint = Vec::with_capacity(tie_count.div_ceil(HINT_STRIDE));
        let mut block = 0;
        for e in (0..tie_count).step_by(HINT_STRIDE) {
            while tie_start[block + 1] <= e {
                block += 1;
            }
            tie_block_hint.push(block as u32);
        }

        // The adjacency on one core while the other copies the names and meeting ids.
        let ((offsets, targets, tie_of), (nodes, (meeting_id_text, meeting_id_end))) = rayon::join(
            || adjacency(n, ties.iter().flatten()),
            || {
                let nodes: Vec<AgencyNode> = names
                    .par_iter()
                    .zip(hours.par_iter().zip(attended.par_iter()))
                    .map(|(&(name, sector), (&annual_hours, &meetings))| AgencyNode {
                        name: name.to_string(),
                        sector: sector.to_string(),
                        annual_hours,
                        meetings,
                    })
                    .collect();
                let mut meeting_id_text = String::with_capacity(
                    inventory.meetings.iter().map(|meeting| meeting.id.len()).sum(),
                );
                let meeting_id_end: Vec<usize> = inventory
                    .meetings
                    .iter()
                    .map(|meeting| {
                        meeting_id_text.push_str(&meeting.id);
                        meeting_id_text.len()
                    })
                    .collect();
                (nodes, (meeting_id_text, meeting_id_end))
            },
        );
        AgencyNetwork {
            nodes,
            ties,
            tie_start,
            tie_block_hint,
            block_size,
            graph: OnceLock::new(),
            sectors,
            sector_of,
            meeting_id_text,
            meeting_id_end,
            meeting_hours,
            members,
            provenance,
            offsets,
            targets,
            tie_of,
        }
    }

    /// The petgraph graph: node weights are [`AgencyNode`]s, edge weights [`Tie`]s.
    pub fn graph(&self) -> &UnGraph<AgencyNode, Tie> {
        self.graph.get_or_init(|| {
            let mut graph = UnGraph::with_capacity(self.nodes.len(), self.tie_count());
            for node in &self.nodes {
                graph.add_node(node.clone());
            }
            for tie in self.ties() {
                graph.add_edge(
                    NodeIndex::new(tie.a as usize),
                    NodeIndex::new(tie.b as usize),
                    tie.clone(),
                );
            }
            graph
        })
    }

    /// Number of agencies.
    pub fn node_count(&self) -> usize {
        self.nodes.len()
    }

    /// Number of ties.
    pub fn tie_count(&self) -> usize {
        self.tie_start.last().copied().unwrap_or(0)
    }

    /// Agency `i` (by name order).
    pub fn node(&self, i: usize) -> &AgencyNode {
        &self.nodes[i]
    }

    /// Agencies in name order.
    pub fn nodes(&self) -> impl ExactSizeIterator<Item = &AgencyNode> + '_ {
        self.nodes.iter()
    }

    /// Node index of an agency by canonical name.
    pub fn index_of(&self, name: &str) -> Option<usize> {
        // Nodes are in name order, so a binary search finds the name.
        let (mut lo, mut hi) = (0, self.node_count());
        while lo < hi {
            let mid = (lo + hi) / 2;
            match self.node(mid).name.as_str().cmp(name) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(mid),
            }
        }
        None
    }

    /// Ties sorted by `(a, b)`; tie `e` is edge `e` of [`graph`](Self::graph).
    pub fn ties(&self) -> impl ExactSizeIterator<Item = &Tie> + '_ {
        Counted { inner: self.ties.iter().flatten(), remaining: self.tie_count() }
    }

    /// Tie `e`.
    pub fn tie(&self, e: usize) -> &Tie {
        // From the hinted block, step past the blocks that end at or before `e` (empty
        // ones included).
        let mut block = self.tie_block_hint[e / HINT_STRIDE] as usize;
        while self.tie_start[block + 1] <= e {
            block += 1;
        }
        &self.ties[block][e - self.tie_start[block]]
    }

    /// The tie between two agencies, if they share a meeting.
    pub fn tie_between(&self, a: usize, b: usize) -> Option<&Tie> {
        let range = self.offsets[a]..self.offsets[a + 1];
        let position = self.targets[range.clone()].binary_search(&(b as u32)).ok()?;
        Some(self.tie(self.tie_of[range.start + position] as usize))
    }

    /// The meetings that create a tie (indices into the inventory's meetings), sorted by
    /// meeting id.
    pub fn tie_meetings(&self, tie: &Tie) -> &[u32] {
        let start = tie.start as usize;
        &self.provenance[tie.a as usize / self.block_size][start..start + tie.count as usize]
    }

    /// Ids of the meetings that create a tie, sorted.
    pub fn tie_meeting_ids(&self, tie: &Tie) -> Vec<&str> {
        self.tie_meetings(tie).iter().map(|&m| self.meeting_id(m as usize)).collect()
    }

    /// Neighbours of agency `i`, ascending.
    pub fn neighbors(&self, i: usize) -> &[u32] {
        &self.targets[self.offsets[i]..self.offsets[i + 1]]
    }

    /// Tie indices of agency `i`'s neighbours, in the order of [`neighbors`](Self::neighbors).
    pub fn neighbor_ties(&self, i: usize) -> &[u32] {
        &self.tie_of[self.offsets[i]..self.offsets[i + 1]]
    }

    /// Whether two agencies share a meeting.
    pub fn adjacent(&self, a: usize, b: usize) -> bool {
        self.neighbors(a).binary_search(&(b as u32)).is_ok()
    }

    /// Number of other agencies agency `i` meets.
    pub fn degree(&self, i: usize) -> usize {
        self.offsets[i + 1] - self.offsets[i]
    }

    /// Distinct sectors, sorted.
    pub fn sectors(&self) -> &[String] {
        &self.sectors
    }

    /// Index into [`sectors`](Self::sectors) of agency `i`'s sector.
    pub fn sector_index(&self, i: usize) -> usize {
        self.sector_of[i]
    }

    /// Number of meetings.
    pub fn meeting_count(&self) -> usize {
        self.meeting_id_end.len()
    }

    /// Id of meeting `m` (input order).
    pub fn meeting_id(&self, m: usize) -> &str {
        let start = if m == 0 { 0 } else { self.meeting_id_end[m - 1] };
        &self.meeting_id_text[start..self.meeting_id_end[m]]
    }

    /// Meeting ids in input order.
    pub fn meeting_ids(&self) -> impl ExactSizeIterator<Item = &str> + Clone + '_ {
        (0..self.meeting_count()).map(|m| self.meeting_id(m))
    }

    /// Annual hours (sessions × minutes / 60) of each meeting, in input order.
    pub fn meeting_hours(&self) -> &[f64] {
        &self.meeting_hours
    }

    /// Distinct attending agencies of meeting `m` (input order), ascending node indices.
    pub fn meeting_members(&self, m: usize) -> &[u32] {
        self.members.of(m)
    }

    /// Distinct attending agencies of each meeting (ascending node indices), in input order.
    pub fn members(&self) -> impl ExactSizeIterator<Item = &[u32]> + Clone + '_ {
        (0..self.meeting_count()).map(|m| self.members.of(m))
    }
}

/// Each meeting's distinct members in one flat list (one allocation rather than one per
/// meeting): meeting `m`'s are `nodes[start[m]..start[m] + len[m]]`, where `start` follows
/// the participant lists, so a meeting that lists an agency twice leaves a gap.
#[derive(Debug, Clone)]
struct MemberLists {
    nodes: Vec<u32>,
    start: Vec<usize>,
    len: Vec<u32>,
}

impl MemberLists {
    /// Members of meeting `m`, ascending.
    fn of(&self, m: usize) -> &[u32] {
        &self.nodes[self.start[m]..self.start[m] + self.len[m] as usize]
    }
}

/// Each agency's meetings as one flat list (compressed rows), meetings in the order given.
struct AttendanceLists {
    offsets: Vec<usize>,
    /// (meeting, where the members after the agency start in the meeting's sorted list).
    meetings: Vec<(u32, u32)>,
}

impl AttendanceLists {
    /// Meetings agency `a` attends, each with the position of its later members.
    fn of(&self, a: usize) -> &[(u32, u32)] {
        &self.meetings[self.offsets[a]..self.offsets[a + 1]]
    }
}

/// One worker's arrays indexed by partner agency, reset after each agency.
struct TieScratch {
    /// Per partner: meetings shared so far, their hours and collaboration weight, side
    /// by side so that one cache line serves a visit.
    sums: Vec<PartnerSums>,
    cursor: Vec<usize>,
    partners: Vec<usize>,
    /// (partner, meeting) in the order the first pass met them, kept when that order is
    /// already meeting-id order, so the meetings are laid out without a second pass.
    visits: Vec<(u32, u32)>,
}

#[derive(Clone, Copy, Default)]
struct PartnerSums {
    shared: u32,
    hours: f64,
    collaboration: f64,
}

impl TieScratch {
    fn new(n: usize) -> Self {
        TieScratch {
            sums: vec![PartnerSums::default(); n],
            cursor: vec![0; n],
            partners: Vec::new(),
            visits: Vec::new(),
        }
    }

    /// The ties of each agency in `agencies` with every later agency, sorted by (a, b),
    /// and their meetings in id order, laid out one tie after another (`start` counts
    /// from the beginning of the returned list).
    fn ties_of(
        &mut self,
        agencies: std::ops::Range<usize>,
        members: &MemberLists,
        meeting_hours: &[f64],
        by_input: &AttendanceLists,
        by_rank: Option<&AttendanceLists>,
    ) -> (Vec<Tie>, Vec<u32>) {
        let TieScratch { sums, cursor, partners, visits } = self;
        // Input order is id order (the usual case, `by_rank` absent): one pass suffices.
        let id_order = by_rank.is_none();
        // Every (agency, later member, meeting) the block visits is one provenance entry
        // and at most one tie: reserving that many spares the lists' regrowth copies
        // (memory reserved and never written costs no page).
        let visited: usize = agencies
            .clone()
            .flat_map(|a| {
                by_input
                    .of(a)
                    .iter()
                    .map(|&(m, later)| members.of(m as usize).len() - later as usize)
            })
            .sum();
        let mut ties = Vec::with_capacity(visited);
        let mut provenance: Vec<u32> = Vec::with_capacity(visited);
        for a in agencies {
            for &(m, later) in by_input.of(a) {
                let nodes = members.of(m as usize);
                let weight = 1.0 / (nodes.len() - 1).max(1) as f64;
                let hours = meeting_hours[m as usize];
                for &b in &nodes[later as usize..] {
                    if id_order {
                        visits.push((b, m));
                    }
                    let partner = &mut sums[b as usize];
                    if partner.shared == 0 {
                        partners.push(b as usize);
                    }
                    partner.shared += 1;
                    partner.hours += hours;
                    partner.collaboration += weight;
                }
            }
            if partners.is_empty() {
                continue;
            }
            partners.sort_unstable();
            // Lay the ties' meeting lists out one after another, then fill them in id order.
            let mut start = provenance.len();
            for &b in partners.iter() {
                let partner = std::mem::take(&mut sums[b]);
                ties.push(Tie {
                    a: a as u32,
                    b: b as u32,
                    shared_hours: partner.hours,
                    collaboration: partner.collaboration,
                    // A block's provenance stays far below 2³² entries (16 GB of them).
                    start: start as u32,
                    count: partner.shared,
                });
                cursor[b] = start;
                start += partner.shared as usize;
            }
            provenance.resize(start, 0);
            if let Some(by_rank) = by_rank {
                for &(m, later) in by_rank.of(a) {
                    for &b in &members.of(m as usize)[later as usize..] {
                        provenance[cursor[b as usize]] = m;
                        cursor[b as usize] += 1;
                    }
                }
            } else {
                for &(b, m) in visits.iter() {
                    provenance[cursor[b as usize]] = m;
                    cursor[b as usize] += 1;
                }
                visits.clear();
            }
            partners.clear();
        }
        (ties, provenance)
    }
}

/// Spacing of the tie indices whose block is recorded (a block holds thousands of ties
/// at the sizes where this matters).
const HINT_STRIDE: usize = 4096;

/// An iterator that knows its length (std's `Flatten` does not).
struct Counted<I> {
    inner: I,
    remaining: usize,
}

impl<I: Iterator> Iterator for Counted<I> {
    type Item = I::Item;

    fn next(&mut self) -> Option<I::Item> {
        let item = self.inner.next()?;
        self.remaining -= 1;
        Some(item)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.remaining, Some(self.remaining))
    }
}

impl<I: Iterator> ExactSizeIterator for Counted<I> {}

/// Compressed adjacency of `n` nodes from ties sorted by `(a, b)`: offsets, neighbours and
/// the tie of each. A node's lower neighbours come from ties where it is `b` (ascending
/// `a`), then its higher ones from ties where it is `a` (ascending `b`), so every list
/// fills in ascending order without a sort.
fn adjacency<'a>(
    n: usize,
    ties: impl Iterator<Item = &'a Tie> + Clone,
) -> (Vec<usize>, Vec<u32>, Vec<u32>) {
    let mut offsets = vec![0_usize; n + 1];
    for tie in ties.clone() {
        offsets[tie.a as usize + 1] += 1;
        offsets[tie.b as usize + 1] += 1;
    }
    for i in 0..n {
        offsets[i + 1] += offsets[i];
    }
    let mut fill = offsets[..n].to_vec();
    let mut targets = vec![0_u32; offsets[n]];
    let mut tie_of = vec![0_u32; offsets[n]];
    for (t, tie) in ties.enumerate() {
        for (from, to) in [(tie.a as usize, tie.b), (tie.b as usize, tie.a)] {
            targets[fill[from]] = to;
            tie_of[fill[from]] = t as u32;
            fill[from] += 1;
        }
    }
    debug_assert!((0..n).all(|i| targets[offsets[i]..offsets[i + 1]].is_sorted()));
    (offsets, targets, tie_of)
}

/// Lists, for each of `n` agencies attending `attended[a]` meetings, the meetings in the
/// order `order` visits them, with where the agency's later members start (so the tie
/// loops need no search of each member list).
fn attendance_lists(
    n: usize,
    attended: &[usize],
    members: &MemberLists,
    order: impl Iterator<Item = usize>,
) -> AttendanceLists {
    let mut offsets = Vec::with_capacity(n + 1);
    offsets.push(0);
    for a in 0..n {
        offsets.push(offsets[a] + attended[a]);
    }
    let mut fill = offsets.clone();
    let mut meetings = vec![(0_u32, 0_u32); offsets[n]];
    for m in order {
        for (position, &a) in members.of(m).iter().enumerate() {
            let a = a as usize;
            meetings[fill[a]] = (m as u32, position as u32 + 1);
            fill[a] += 1;
        }
    }
    AttendanceLists { offsets, meetings }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Agency, Frequency, Meeting, Participant};

    fn meeting(id: &str, names: &[&str], sessions: f64, minutes: f64) -> Meeting {
        let mut m = Meeting::new(id, id);
        m.participants = names.iter().map(|n| Participant::new(*n, 1)).collect();
        m.frequency = Frequency::per_year(sessions);
        m.minutes_per_session = minutes;
        m
    }

    /// Everything a network holds, in one comparable value.
    fn contents(network: &AgencyNetwork) -> impl PartialEq + std::fmt::Debug {
        let ties: Vec<(Tie, Vec<u32>)> =
            network.ties().map(|t| (t.clone(), network.tie_meetings(t).to_vec())).collect();
        let adjacency: Vec<(Vec<u32>, Vec<u32>)> = (0..network.node_count())
            .map(|i| (network.neighbors(i).to_vec(), network.neighbor_ties(i).to_vec()))
            .collect();
        let nodes: Vec<AgencyNode> = network.nodes().cloned().collect();
        (
            nodes,
            ties,
            adjacency,
            network.members().map(<[u32]>::to_vec).collect::<Vec<_>>(),
            network.sectors().to_vec(),
        )
    }

    #[test]
    fn finds_every_tie_by_index_across_empty_blocks() {
        // Agencies A… and Z… meet; 700 registered M… agencies between them attend nothing,
        // so whole blocks of agencies (256 each at this size) have no ties, and the ties
        // outnumber several hint strides.
        let meetings: Vec<Meeting> = (0..600)
            .map(|k| {
                let names: Vec<String> = (0..14)
                    .map(|j| {
                        let i = (k * 7 + j * 13 + j * j) % 300;
                        if j % 2 == 0 { format!("A{i:03}") } else { format!("Z{i:03}") }
                    })
                    .collect();
                let names: Vec<&str> = names.iter().map(String::as_str).collect();
                meeting(&format!("K{k:04}"), &names, 12.0, 60.0)
            })
            .collect();
        let agencies = (0..700).map(|i| Agency::new(format!("M{i:03}"), "高齢")).collect();
        let network = AgencyNetwork::build(&Inventory { meetings, agencies });
        assert!(network.tie_count() > 2 * HINT_STRIDE, "{} ties", network.tie_count());
        let (_, before_last) = network.ties.split_last().expect("blocks");
        assert!(before_last.iter().any(Vec::is_empty), "an empty block between others");
        for (e, tie) in network.ties().enumerate() {
            assert_eq!(network.tie(e), tie, "tie {e}");
        }
        for a in 0..network.node_count() {
            for (&b, &t) in network.neighbors(a).iter().zip(network.neighbor_ties(a)) {
                let tie = network.tie(t as usize);
                assert_eq!(
                    (tie.a.min(tie.b), tie.a.max(tie.b)),
                    ((a as u32).min(b), (a as u32).max(b))
                );
            }
        }
    }

    #[test]
    fn one_thread_and_several_build_the_same_network() {
        // Enough agencies for several blocks of ties; half of them registered, so names
        // are found both by the parallel look-up and by the one-by-one pass after it.
        let mut inventory = crate::connectivity::random_inventory(3, 1500, 1200, 14);
        inventory.agencies = (0..1500)
            .step_by(2)
            .map(|i| Agency::new(format!("A{i:03}"), if i % 4 == 0 { "高齢" } else { "障害" }))
            .collect();
        inventory.meetings.reverse(); // ids out of order: provenance must still sort
        let build_on = |threads: usize| {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build();
            pool.expect("thread pool").install(|| AgencyNetwork::build(&inventory))
        };
        let (one, four) = (build_on(1), build_on(4));
        assert!(one.node_count() > 2 * 256, "several blocks of agencies");
        assert_eq!(contents(&one), contents(&four));
        // And right across the blocks' seams: each tie's meetings are exactly those both
        // agencies attend, in id order (found here the slow way, by name).
        let mut expected: std::collections::BTreeMap<(String, String), Vec<&str>> =
            std::collections::BTreeMap::new();
        for meeting in &inventory.meetings {
            let names: Vec<&str> = meeting.participants.iter().map(|p| p.agency.as_str()).collect();
            for x in &names {
                for y in &names {
                    if x < y {
                        expected
                            .entry((x.to_string(), y.to_string()))
                            .or_default()
                            .push(&meeting.id);
                    }
                }
            }
        }
        for ids in expected.values_mut() {
            ids.sort_unstable();
        }
        let found: std::collections::BTreeMap<(String, String), Vec<&str>> = one
            .ties()
            .map(|t| {
                let key =
                    (one.node(t.a as usize).name.clone(), one.node(t.b as usize).name.clone());
                (key, one.tie_meeting_ids(t))
            })
            .collect();
        assert_eq!(found, expected);
    }

    #[test]
    fn orders_nodes_by_name_and_keeps_isolated_agencies() {
        let inventory = Inventory {
            meetings: vec![meeting("M1", &["C", "A"], 12.0, 60.0)],
            agencies: vec![Agency::new("Z", "高齢"), Agency::new("A", "障害")],
        };
        let network = AgencyNetwork::build(&inventory);
        let names: Vec<&str> = network.nodes().map(|n| n.name.as_str()).collect();
        assert_eq!(names, ["A", "C", "Z"]);
        assert_eq!(network.node(1).sector, UNKNOWN_SECTOR);
        assert_eq!(network.degree(2), 0);
        assert_eq!(network.index_of("Z"), Some(2));
        assert_eq!(network.index_of("B"), None);
    }

    #[test]
    fn sorts_provenance_by_meeting_id_as_text() {
        let inventory = Inventory {
            meetings: vec![
                meeting("M2", &["A", "B"], 1.0, 60.0),
                meeting("M10", &["A", "B", "C"], 1.0, 60.0),
            ],
            agencies: vec![],
        };
        let network = AgencyNetwork::build(&inventory);
        let tie = network.tie_between(1, 0).unwrap();
        assert_eq!(network.tie_meeting_ids(tie), ["M10", "M2"]);
        assert_eq!(tie.collaboration, 1.5);
        assert!(network.adjacent(2, 0));
        assert_eq!(network.neighbors(0), [1, 2]);
    }

    #[test]
    fn counts_a_repeated_participant_once_as_member() {
        let mut m = meeting("M1", &["A", "B"], 12.0, 60.0);
        m.participants.push(Participant::new("A", 2));
        let network = AgencyNetwork::build(&Inventory { meetings: vec![m], agencies: vec![] });
        assert_eq!(network.tie(0).collaboration, 1.0);
        assert_eq!(network.node(0).annual_hours, 36.0);
        assert_eq!(network.node(0).meetings, 1);
    }
}
