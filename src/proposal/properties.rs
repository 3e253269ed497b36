//! Invariants of the consolidation proposal over generated inventories, and the
//! heuristic measured against the proven optimum. Unit tests, because they reach the
//! crate-private search (`body`, `search`).

use crate::model::{Agency, Confidentiality, Frequency, Function, Inventory, Meeting, Participant};
use crate::proposal::body::{Prepared, check_group};
use crate::proposal::search::{exact, heuristic};
use crate::proposal::{How, Policy, Tier, propose};
use proptest::prelude::*;
use rand::{Rng, SeedableRng};
use std::collections::{BTreeMap, BTreeSet};

const NAMES: &[&str] = &[
    "地域ケア個別会議",
    "支援会議",
    "重層的支援会議",
    "支援調整会議",
    "見守りネットワーク会議",
    "権利擁護ネットワーク会議",
    "研修会",
    "連絡会",
    "計画推進委員会",
    "ケース会議",
];
const SECTORS: &[&str] = &["高齢", "障害", "子ども", "生活困窮", "地域"];
const FUNCTIONS: &[Function] = &[
    Function::CaseReview,
    Function::RelationshipBuilding,
    Function::CommunityDevelopment,
    Function::PolicyPlanning,
    Function::InformationSharing,
];

/// A small random inventory: `meetings` meetings over a pool of 9 agencies, with mixed
/// duties, areas, statutory and ad hoc meetings, and names the catalogue recognises.
fn inventory(rng: &mut impl Rng, meetings: usize) -> Inventory {
    let agencies: Vec<Agency> = (0..9)
        .map(|i| {
            let mut agency = Agency::new(format!("機関{i}"), SECTORS[i % SECTORS.len()]);
            agency.confidentiality = match rng.random_range(0..4) {
                0 => Confidentiality::None,
                1 => Confidentiality::Contractual,
                _ => Confidentiality::Statutory,
            };
            agency
        })
        .collect();
    let meetings = (0..meetings)
        .map(|m| {
            let mut meeting =
                Meeting::new(format!("M{m:02}"), NAMES[rng.random_range(0..NAMES.len())]);
            let size = rng.random_range(2..=6);
            let mut chosen = BTreeSet::new();
            // Meetings cluster around a few "home" agencies so that overlaps occur.
            let home = rng.random_range(0..5);
            while chosen.len() < size {
                let pick = if rng.random_bool(0.6) {
                    home + rng.random_range(0..4)
                } else {
                    rng.random_range(0..9)
                };
                chosen.insert(pick.min(8));
            }
            meeting.participants = chosen
                .iter()
                .map(|&a| {
                    Participant::new(format!("機関{a}"), if rng.random_bool(0.2) { 2 } else { 1 })
                })
                .collect();
            let sessions = [4.0, 6.0, 12.0, 24.0][rng.random_range(0..4)];
            meeting.frequency = if rng.random_bool(0.1) {
                Frequency::ad_hoc(sessions)
            } else {
                Frequency::per_year(sessions)
            };
            meeting.minutes_per_session = [60.0, 90.0, 120.0][rng.random_range(0..3)];
            let function_count = rng.random_range(1..=2);
            for _ in 0..function_count {
                let f = FUNCTIONS[rng.random_range(0..FUNCTIONS.len())];
                if !meeting.functions.contains(&f) {
                    meeting.functions.push(f);
                }
            }
            if rng.random_bool(0.5) {
                meeting.statutory = Some(rng.random_bool(0.3));
            }
            if rng.random_bool(0.5) {
                meeting.personal_info = Some(meeting.functions.contains(&Function::CaseReview));
            }
            meeting.area = match rng.random_range(0..4) {
                0 => Some("北部".into()),
                1 => Some("南部".into()),
                _ => None,
            };
            meeting
        })
        .collect();
    Inventory { meetings, agencies }
}

fn check_invariants(inventory: &Inventory, policy: &Policy) -> Result<(), TestCaseError> {
    let proposal = propose(inventory, policy);
    let prepared = Prepared::new(inventory, policy);
    // Every original meeting is accounted for exactly once.
    prop_assert_eq!(proposal.meetings.len(), inventory.meetings.len());
    let mut seen: BTreeMap<String, Vec<How>> = BTreeMap::new();
    for body in &proposal.bodies {
        for absorbed in &body.absorbs {
            seen.entry(absorbed.meeting.clone()).or_default().push(absorbed.how);
        }
    }
    for meeting in &inventory.meetings {
        let hows = seen.get(&meeting.id).cloned().unwrap_or_default();
        match hows.as_slice() {
            [How::Split, How::Split] => {}
            [single] => prop_assert_ne!(*single, How::Split),
            other => prop_assert!(false, "{} absorbed as {:?}", meeting.id, other),
        }
    }
    let index: BTreeMap<&str, usize> =
        inventory.meetings.iter().enumerate().map(|(i, m)| (m.id.as_str(), i)).collect();
    let agency = |name: &str| inventory.agency(name).expect("registered");
    for body in &proposal.bodies {
        let members: Vec<usize> = body.absorbs.iter().map(|a| index[a.meeting.as_str()]).collect();
        let merged = body.absorbs.len() > 1;
        for absorbed in &body.absorbs {
            let item = &prepared.items[index[absorbed.meeting.as_str()]];
            // Statutory meetings are never merged away.
            if item.profile.statutory.value {
                prop_assert_ne!(absorbed.how, How::Merged, "{} merged away", absorbed.meeting);
            }
            // Ad hoc meetings stay ad hoc and alone.
            if item.ad_hoc {
                prop_assert!(!merged && body.ad_hoc, "{} lost its ad hoc status", absorbed.meeting);
            }
        }
        if merged {
            // Re-check every constraint independently of the search.
            prop_assert!(check_group(&prepared, &members).is_ok());
            let areas: BTreeSet<_> = members.iter().map(|&m| &inventory.meetings[m].area).collect();
            prop_assert!(areas.len() == 1 || policy.allow_mixed_areas);
            let core: u32 = body.core_members.iter().map(|m| m.count).sum();
            prop_assert!(core <= policy.max_core_members);
        }
        // Case information only reaches bound attendees in any new or split body.
        if body.personal_info && (merged || body.absorbs[0].how == How::Split) {
            for member in body.core_members.iter().chain(&body.per_item_members) {
                let bound = agency(&member.name).confidentiality.is_bound();
                let conferred = members.iter().any(|&m| {
                    prepared.items[m].profile.confers_duty.value
                        && inventory.meetings[m].has_participant(&member.name)
                });
                prop_assert!(bound || conferred, "{} in case body {}", member.name, body.id);
            }
        }
        if body.tier == Tier::Case && body.absorbs[0].how == How::Split {
            prop_assert!(body.ad_hoc);
        }
    }
    // No link lost, and hours never rise.
    prop_assert!(proposal.dropped_links.is_empty(), "{:?}", proposal.dropped_links);
    prop_assert!(proposal.dropped_sector_links.is_empty());
    prop_assert!(proposal.after.agency_links >= proposal.before.agency_links);
    prop_assert!(
        proposal.after.annual_person_hours <= proposal.before.annual_person_hours + 1e-9,
        "{} > {}",
        proposal.after.annual_person_hours,
        proposal.before.annual_person_hours
    );
    prop_assert!(
        proposal.after.bodies
            <= proposal.before.bodies
                + proposal.meetings.iter().filter(|m| m.how == How::Split).count()
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn proposals_keep_every_invariant(seed in any::<u64>(), meetings in 2usize..14, exact_limit in 0usize..8) {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
        let inventory = inventory(&mut rng, meetings);
        let policy = Policy { exact_limit, ..Policy::default() };
        check_invariants(&inventory, &policy)?;
    }

    #[test]
    fn tight_policies_are_respected(seed in any::<u64>(), meetings in 2usize..12) {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
        let inventory = inventory(&mut rng, meetings);
        let policy = Policy {
            max_core_members: 4,
            max_per_item_share: 0.3,
            fixed_cost_hours: 60.0,
            allow_joint_statutory: false,
            keep: vec!["M00".into()],
            never_merge: vec![["M01".into(), "M02".into()]],
            ..Policy::default()
        };
        check_invariants(&inventory, &policy)?;
        let proposal = propose(&inventory, &policy);
        let m00 = proposal.meetings.iter().find(|m| m.meeting == "M00").unwrap();
        prop_assert!(matches!(m00.how, How::Kept | How::Split));
        for body in &proposal.bodies {
            let ids: Vec<&str> = body.absorbs.iter().map(|a| a.meeting.as_str()).collect();
            prop_assert!(!(ids.contains(&"M01") && ids.contains(&"M02")));
        }
    }
}

#[test]
fn heuristic_is_within_two_percent_of_the_optimum_on_ninety_five_percent_of_cases() {
    let policy = Policy::default();
    let mut within = 0;
    let mut worst: f64 = 0.0;
    let cases = 200;
    for seed in 0..cases {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
        let meetings = 6 + (seed as usize % 7); // 6..=12 meetings
        let inventory = inventory(&mut rng, meetings);
        let prepared = Prepared::new(&inventory, &policy);
        let all: Vec<usize> = (0..prepared.items.len()).collect();
        let (_, optimum) = exact(&prepared, &all).expect("small enough");
        let (_, found) = heuristic(&prepared, &all);
        assert!(found >= optimum - 1e-6, "heuristic {found} beat the proven optimum {optimum}");
        let gap = (found - optimum) / optimum;
        worst = worst.max(gap);
        if gap <= 0.02 {
            within += 1;
        }
    }
    println!("heuristic within 2% of optimum: {within}/{cases}; worst gap {:.2}%", worst * 100.0);
    assert!(within * 100 >= cases * 95, "only {within} of {cases} within 2%");
}

#[test]
fn exact_search_agrees_with_brute_force_enumeration() {
    // Every set partition of up to 7 meetings, costed directly.
    fn partitions(items: &[usize]) -> Vec<Vec<Vec<usize>>> {
        let Some((&first, rest)) = items.split_first() else { return vec![vec![]] };
        let mut out = Vec::new();
        for partition in partitions(rest) {
            for i in 0..partition.len() {
                let mut p = partition.clone();
                p[i].push(first);
                out.push(p);
            }
            let mut p = partition.clone();
            p.push(vec![first]);
            out.push(p);
        }
        out
    }
    let policy = Policy::default();
    for seed in 0..30 {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(1000 + seed);
        let inventory = inventory(&mut rng, 7);
        let prepared = Prepared::new(&inventory, &policy);
        let all: Vec<usize> = (0..7).collect();
        let brute = partitions(&all)
            .into_iter()
            .map(|mut p| {
                for g in &mut p {
                    g.sort_unstable();
                }
                crate::proposal::search::partition_cost(&prepared, &p)
            })
            .fold(f64::INFINITY, f64::min);
        let (_, optimum) = exact(&prepared, &all).unwrap();
        assert!((brute - optimum).abs() < 1e-6, "seed {seed}: brute {brute} vs exact {optimum}");
    }
}

#[test]
fn generated_cases_do_merge_so_the_comparison_is_not_vacuous() {
    let policy = Policy::default();
    let merged_cases = (0..200u64)
        .filter(|&seed| {
            let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
            let inventory = inventory(&mut rng, 6 + (seed as usize % 7));
            let prepared = Prepared::new(&inventory, &policy);
            let all: Vec<usize> = (0..prepared.items.len()).collect();
            exact(&prepared, &all).unwrap().0.iter().any(|group| group.len() > 1)
        })
        .count();
    assert!(merged_cases >= 50, "only {merged_cases} of 200 cases merge anything");
}
