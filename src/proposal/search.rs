//! Finding the partition of meetings into bodies with the least cost.
//!
//! Exact: dynamic programming over subsets (set partitioning) for groups of up to
//! `exact_limit` meetings, which proves the optimum. Heuristic: greedy agglomeration by
//! cost saving, then local moves, for real sizes. No crate offers set partitioning with
//! these non-linear body costs (core/per-item members depend on the whole group), so
//! both are written here and tested against each other.

use crate::legal::Tier;
use crate::proposal::body::{
    BodyFigures, Prepared, check_group, check_group_after_pairs, cost, figures, pair_violation,
};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// A partition: groups of item indices, each sorted, groups sorted by first member.
pub type Partition = Vec<Vec<usize>>;

/// Puts a partition in canonical order.
fn canonical(mut partition: Partition) -> Partition {
    for group in &mut partition {
        group.sort_unstable();
    }
    partition.retain(|g| !g.is_empty());
    partition.sort();
    partition
}

/// Cost of a group (singletons are always feasible); `None` when infeasible.
pub fn group_cost(prepared: &Prepared, group: &[usize]) -> Option<(f64, BodyFigures)> {
    let figures = if group.len() == 1 {
        figures(prepared, group)
    } else {
        check_group(prepared, group).ok()?
    };
    Some((cost(prepared, &figures), figures))
}

/// Total cost of a partition.
pub fn partition_cost(prepared: &Prepared, partition: &Partition) -> f64 {
    partition.iter().map(|g| group_cost(prepared, g).map_or(f64::INFINITY, |(c, _)| c)).sum()
}

/// Items that could share a body: pairwise compatible and sharing at least one agency.
/// Sorted, each pair once.
pub fn compatible_pairs(prepared: &Prepared, among: &[usize]) -> Vec<(usize, usize)> {
    // Inverted index (agency, class) → items, so only meetings that share someone and
    // could share a body at all are compared; `pair_violation` still decides each pair.
    let mut by_agency: HashMap<(usize, MergeClass<'_>), Vec<usize>> = HashMap::new();
    let mut sorted: Vec<usize> = among.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let classes: HashMap<usize, MergeClass<'_>> =
        sorted.iter().filter_map(|&i| Some((i, merge_class(prepared, i)?))).collect();
    for (&i, &class) in &classes {
        for &(agency, _) in &prepared.items[i].participants {
            by_agency.entry((agency, class)).or_default().push(i);
        }
    }
    for items in by_agency.values_mut() {
        items.sort_unstable();
    }
    // Each item's later partners are gathered through its agencies with a "last seen
    // by" stamp instead of a set of pairs: a popular agency (the council of social
    // welfare sits in 40 % of generated meetings) gives over 10^8 pairs at 30,000
    // meetings. Items are independent, so they run in parallel; `collect` keeps order.
    let partners: Vec<Vec<(usize, usize)>> = sorted
        .par_iter()
        .map_init(
            || vec![usize::MAX; prepared.items.len()],
            |seen_by, &a| {
                let mut later = Vec::new();
                let Some(&class) = classes.get(&a) else { return later };
                for &(agency, _) in &prepared.items[a].participants {
                    for &b in by_agency.get(&(agency, class)).into_iter().flatten() {
                        if b > a && seen_by[b] != a {
                            seen_by[b] = a;
                            if pair_violation(prepared, a, b).is_none() {
                                later.push((a, b));
                            }
                        }
                    }
                }
                later.sort_unstable();
                later
            },
        )
        .collect();
    partners.into_iter().flatten().collect()
}

/// What two meetings must have in common to share a body: the same tier and, unless
/// the policy allows mixed areas, the same area.
type MergeClass<'a> = (Tier, Option<&'a str>);

/// The meeting's class, or `None` when it can share a body with no other meeting
/// (pinned, ad hoc, or statutory while joint statutory bodies are not allowed). Every
/// pair this rules out is one `pair_violation` rejects too (tested below).
fn merge_class(prepared: &Prepared, i: usize) -> Option<MergeClass<'_>> {
    let item = &prepared.items[i];
    let policy = &prepared.policy;
    if item.pinned || item.ad_hoc || (!policy.allow_joint_statutory && item.profile.statutory.value)
    {
        return None;
    }
    let area = if policy.allow_mixed_areas { None } else { item.area.as_deref() };
    Some((item.profile.tier.value, area))
}

/// Connected groups of items under the compatibility pairs; singletons included.
pub fn components(among: &[usize], pairs: &[(usize, usize)]) -> Vec<Vec<usize>> {
    let mut parent: BTreeMap<usize, usize> = among.iter().map(|&i| (i, i)).collect();
    fn find(parent: &mut BTreeMap<usize, usize>, x: usize) -> usize {
        let mut root = x;
        while parent[&root] != root {
            root = parent[&root];
        }
        let mut node = x;
        while parent[&node] != root {
            let next = parent[&node];
            parent.insert(node, root);
            node = next;
        }
        root
    }
    for &(a, b) in pairs {
        let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
        if ra != rb {
            parent.insert(ra.max(rb), ra.min(rb));
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &i in among {
        let root = find(&mut parent, i);
        groups.entry(root).or_default().push(i);
    }
    groups.into_values().collect()
}

/// Proven optimum for a set of items by dynamic programming over subsets:
/// best(S) = min over feasible groups G ∋ min(S), G ⊆ S of cost(G) + best(S \ G).
/// Returns `None` when there are more than 20 items (2^n memory).
pub fn exact(prepared: &Prepared, items: &[usize]) -> Option<(Partition, f64)> {
    let n = items.len();
    if n > 20 {
        return None;
    }
    if n == 0 {
        return Some((Vec::new(), 0.0));
    }
    let full = (1usize << n) - 1;
    // Pairwise compatibility prunes most subsets before they are evaluated.
    let mut compatible = vec![0usize; n];
    for a in 0..n {
        compatible[a] |= 1 << a;
        for b in a + 1..n {
            if pair_violation(prepared, items[a], items[b]).is_none() {
                compatible[a] |= 1 << b;
                compatible[b] |= 1 << a;
            }
        }
    }
    // Only cliques of the compatibility graph can be bodies. A set is a clique when the
    // set without its highest member is one and that member is compatible with the
    // rest: one pass over the masks, and pairs are never checked again per group.
    let mut clique = vec![false; full + 1];
    clique[0] = true;
    let mut group_costs = vec![f64::INFINITY; full + 1];
    let mut group = Vec::with_capacity(n);
    for mask in 1..=full {
        let high = usize::BITS as usize - 1 - mask.leading_zeros() as usize;
        if !clique[mask ^ (1 << high)] || compatible[high] & mask != mask {
            continue;
        }
        clique[mask] = true;
        group.clear();
        group.extend((0..n).filter(|&k| mask & (1 << k) != 0).map(|k| items[k]));
        let cost = if group.len() == 1 {
            group_cost(prepared, &group).map(|(c, _)| c)
        } else {
            check_group_after_pairs(prepared, &group).ok().map(|f| cost(prepared, &f))
        };
        if let Some(c) = cost {
            group_costs[mask] = c;
        }
    }
    let mut best = vec![f64::INFINITY; full + 1];
    let mut choice = vec![0usize; full + 1];
    best[0] = 0.0;
    for set in 1..=full {
        let lowest = set & set.wrapping_neg();
        let rest = set ^ lowest;
        // Enumerate subsets of `rest`, each joined with the lowest element.
        let mut sub = rest;
        loop {
            let group = sub | lowest;
            let c = group_costs[group];
            if c.is_finite() {
                let total = c + best[set ^ group];
                // Ties resolved towards the larger group (fewer bodies), then by mask.
                if total < best[set] - 1e-9
                    || ((total - best[set]).abs() <= 1e-9
                        && group.count_ones() > choice[set].count_ones())
                {
                    best[set] = total;
                    choice[set] = group;
                }
            }
            if sub == 0 {
                break;
            }
            sub = (sub - 1) & rest;
        }
    }
    let mut partition = Vec::new();
    let mut set = full;
    while set != 0 {
        let group = choice[set];
        partition.push((0..n).filter(|&k| group & (1 << k) != 0).map(|k| items[k]).collect());
        set ^= group;
    }
    Some((canonical(partition), best[full]))
}

/// Greedy agglomeration by cost saving, then local moves of single meetings.
/// Deterministic: ties are broken by the smallest item indices.
pub fn heuristic(prepared: &Prepared, items: &[usize]) -> (Partition, f64) {
    let pairs = compatible_pairs(prepared, items);
    let mut group_of: BTreeMap<usize, usize> = items.iter().map(|&i| (i, i)).collect();
    let mut groups: BTreeMap<usize, Vec<usize>> = items.iter().map(|&i| (i, vec![i])).collect();
    let mut costs: BTreeMap<usize, f64> = items
        .iter()
        .map(|&i| (i, group_cost(prepared, &[i]).map_or(f64::INFINITY, |(c, _)| c)))
        .collect();
    // Candidate merges keyed by group ids; savings recomputed when a group changes.
    let mut neighbours: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
    for &(a, b) in &pairs {
        neighbours.entry(a).or_default().insert(b);
        neighbours.entry(b).or_default().insert(a);
    }
    let saving =
        |groups: &BTreeMap<usize, Vec<usize>>, costs: &BTreeMap<usize, f64>, x: usize, y: usize| {
            let mut union = groups[&x].clone();
            union.extend(&groups[&y]);
            union.sort_unstable();
            group_cost(prepared, &union).map(|(c, _)| costs[&x] + costs[&y] - c)
        };
    let mut queue: BTreeSet<(Key, usize, usize)> = BTreeSet::new();
    for (&x, ys) in &neighbours {
        for &y in ys.range(x + 1..) {
            if let Some(s) = saving(&groups, &costs, x, y)
                && s > 1e-9
            {
                queue.insert((Key(-s), x, y));
            }
        }
    }
    while let Some((_, x, y)) = queue.pop_first() {
        if !groups.contains_key(&x) || !groups.contains_key(&y) {
            continue;
        }
        let Some(s) = saving(&groups, &costs, x, y) else { continue };
        if s <= 1e-9 {
            continue;
        }
        // Merge y into x.
        let members = groups.remove(&y).unwrap_or_default();
        for &m in &members {
            group_of.insert(m, x);
        }
        if let Some(group) = groups.get_mut(&x) {
            group.extend(members);
            group.sort_unstable();
        }
        let merged = group_cost(prepared, &groups[&x]).map_or(f64::INFINITY, |(c, _)| c);
        costs.insert(x, merged);
        costs.remove(&y);
        let ys = neighbours.remove(&y).unwrap_or_default();
        let mut xs = neighbours.remove(&x).unwrap_or_default();
        xs.extend(ys);
        xs.remove(&x);
        xs.remove(&y);
        for other in &xs {
            if let Some(set) = neighbours.get_mut(other) {
                set.remove(&y);
                set.insert(x);
            }
        }
        queue.retain(|&(_, a, b)| a != x && b != x && a != y && b != y);
        for &other in &xs {
            if let Some(s) = saving(&groups, &costs, x, other)
                && s > 1e-9
            {
                queue.insert((Key(-s), x.min(other), x.max(other)));
            }
        }
        neighbours.insert(x, xs);
    }
    let partition = local_search(prepared, groups.into_values().collect(), &pairs);
    let total = partition_cost(prepared, &partition);
    (partition, total)
}

/// Moves single meetings to another body (or out on their own) while that lowers the
/// total cost; at most a fixed number of rounds so it always ends.
fn local_search(prepared: &Prepared, partition: Partition, pairs: &[(usize, usize)]) -> Partition {
    let mut partition = canonical(partition);
    let mut neighbours: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
    for &(a, b) in pairs {
        neighbours.entry(a).or_default().insert(b);
        neighbours.entry(b).or_default().insert(a);
    }
    let cost_of = |group: &[usize]| -> f64 {
        if group.is_empty() {
            0.0
        } else {
            group_cost(prepared, group).map_or(f64::INFINITY, |(c, _)| c)
        }
    };
    for _round in 0..10 {
        let mut improved = false;
        let items: Vec<usize> = partition.iter().flatten().copied().collect();
        for item in items {
            let Some(from) = partition.iter().position(|g| g.contains(&item)) else { continue };
            let source: Vec<usize> =
                partition[from].iter().copied().filter(|&m| m != item).collect();
            let base = cost_of(&partition[from]);
            let source_cost = cost_of(&source);
            let mut best: Option<(f64, Option<usize>)> = None;
            if partition[from].len() > 1 {
                let delta = source_cost + cost_of(&[item]) - base;
                if delta < -1e-9 {
                    best = Some((delta, None));
                }
            }
            let targets: BTreeSet<usize> = neighbours
                .get(&item)
                .into_iter()
                .flatten()
                .filter_map(|n| partition.iter().position(|g| g.contains(n)))
                .filter(|&t| t != from)
                .collect();
            for target in targets {
                let mut joined = partition[target].clone();
                joined.push(item);
                joined.sort_unstable();
                let delta = source_cost + cost_of(&joined) - base - cost_of(&partition[target]);
                if delta < best.map_or(-1e-9, |(d, _)| d) {
                    best = Some((delta, Some(target)));
                }
            }
            if let Some((_, target)) = best {
                partition[from].retain(|&m| m != item);
                match target {
                    Some(t) => {
                        partition[t].push(item);
                        partition[t].sort_unstable();
                    }
                    None => partition.push(vec![item]),
                }
                partition = canonical(partition);
                improved = true;
            }
        }
        if !improved {
            break;
        }
    }
    partition
}

/// A valid lower bound on the cost of any feasible partition of `items`: every agency
/// spends at least its most expensive meeting's time (a body never meets less often or
/// for shorter sessions than a meeting it absorbs), and there is at least one body.
pub fn lower_bound(prepared: &Prepared, items: &[usize]) -> f64 {
    let mut per_agency: BTreeMap<usize, f64> = BTreeMap::new();
    for &i in items {
        let item = &prepared.items[i];
        for &(agency, count) in &item.participants {
            let minutes = f64::from(count) * item.annual_minutes();
            let entry = per_agency.entry(agency).or_insert(0.0);
            *entry = entry.max(minutes);
        }
    }
    let bodies = if items.is_empty() { 0.0 } else { 1.0 };
    per_agency.values().sum::<f64>() / 60.0 + bodies * prepared.policy.fixed_cost_hours
}

/// Orders savings so the largest comes first and equal savings fall back to indices.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Key(f64);

impl Eq for Key {}

impl PartialOrd for Key {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Key {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::{GenerateParams, generate};
    use crate::proposal::Policy;

    /// Every pair sharing an agency, checked one by one: what the indexed, classed and
    /// parallel `compatible_pairs` must reproduce exactly.
    fn brute_force_pairs(prepared: &Prepared) -> Vec<(usize, usize)> {
        let n = prepared.items.len();
        let mut pairs = Vec::new();
        for a in 0..n {
            for b in a + 1..n {
                let shares = prepared.items[a]
                    .participants
                    .iter()
                    .any(|(x, _)| prepared.items[b].participants.iter().any(|(y, _)| x == y));
                if shares && pair_violation(prepared, a, b).is_none() {
                    pairs.push((a, b));
                }
            }
        }
        pairs
    }

    #[test]
    fn compatible_pairs_match_a_brute_force_check_under_every_policy_switch() {
        for seed in 0..4 {
            let city = generate(&GenerateParams { meetings: 120, agencies: 60, seed }).unwrap();
            let (inventory, _) = city.load();
            let keep = vec![inventory.meetings[3].id.clone(), inventory.meetings[7].id.clone()];
            for (mixed, joint) in [(false, false), (true, false), (false, true), (true, true)] {
                let policy = Policy {
                    allow_mixed_areas: mixed,
                    allow_joint_statutory: joint,
                    keep: keep.clone(),
                    ..Policy::default()
                };
                let prepared = Prepared::new(&inventory, &policy);
                let all: Vec<usize> = (0..prepared.items.len()).rev().collect();
                let expected = brute_force_pairs(&prepared);
                assert!(!expected.is_empty(), "seed {seed}: the check needs some pairs");
                assert_eq!(compatible_pairs(&prepared, &all), expected, "seed {seed} {policy:?}");
            }
        }
    }
}
