//! Options where the hours are: case meetings hold about half of a typical inventory's
//! hours and are rarely merged (their law, consent and confidentiality keep them apart).
//! These are offered beside the proposal, each with its hours under stated assumptions
//! and the condition under which it is lawful — never applied silently.
//!
//! - **Back to back**: two case meetings that may not be one sitting (different sharing
//!   bases) but share most members are held on the same day, one after the other. It
//!   saves the shared members' travel and a second scheduling round, not sitting time.
//! - **Per-case attendance**: a regular case meeting keeps a small core (its host and the
//!   agencies of its own field; not offered for cross-field case work) and invites the
//!   others per case. 46.8% of surveyed
//!   municipalities have no fixed participants in their support meetings (DOMAIN.md).
//! - **Written review of routine plans**: a monthly or more frequent case meeting meets
//!   half as often and reviews routine plans (継続案件の進捗確認) in writing.

use crate::legal::{SharingBasis, Tier};
use crate::model::Function;
use crate::proposal::body::{Item, Prepared, sharing_conflict};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};

/// An option offered beside the proposal.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CaseOption {
    /// Hold two case meetings back to back on the same day.
    BackToBack {
        /// The two meetings.
        meetings: [String; 2],
        /// Agencies attending both.
        shared_agencies: Vec<String>,
        /// Travel hours a year saved for the shared members (0 when the policy gives no
        /// travel time).
        hours_saved: f64,
        /// Travel minutes per agency per trip assumed (from the policy).
        travel_minutes: f64,
    },
    /// A small core attends every session; the others are invited per case.
    PerCaseAttendance {
        /// The meeting.
        meeting: String,
        /// Agencies that attend every session.
        core: Vec<String>,
        /// Agencies invited when a case concerns them.
        invited: Vec<String>,
        /// Person-hours a year today.
        hours_now: f64,
        /// Person-hours a year if the invited attend the assumed share of sessions.
        hours_after: f64,
        /// Share of sessions an invited agency is assumed to attend.
        invited_share: f64,
    },
    /// Meet half as often; routine plans are reviewed in writing.
    WrittenReview {
        /// The meeting.
        meeting: String,
        /// Sessions a year today.
        sessions_now: f64,
        /// Sessions a year proposed.
        sessions_after: f64,
        /// Person-hours a year saved.
        hours_saved: f64,
        /// Whether the meeting shares case information without consent under a law that
        /// requires the meeting itself (then written review needs the law's own rules).
        statutory_sharing: bool,
    },
}

/// Share of sessions an invited agency is assumed to attend under per-case attendance.
pub(crate) const INVITED_SHARE: f64 = 0.5;

/// Smallest share of the smaller meeting's agencies two case meetings must share for
/// back-to-back sittings to be worth offering.
const BACK_TO_BACK_OVERLAP: f64 = 0.5;

/// Fewest shared agencies for back-to-back sittings to be worth offering.
const BACK_TO_BACK_MIN_SHARED: usize = 3;

/// Every option for the inventory's case meetings, in inventory order.
pub(crate) fn case_options(prepared: &Prepared) -> Vec<CaseOption> {
    let items = &prepared.items;
    let case = |i: &Item| i.profile.tier.value == Tier::Case && i.profile.personal_info.value;
    // Only case meetings sharing an agency can share the three needed, so each one's
    // later partners are found through an agency index rather than by trying every
    // pair (quadratic in the case meetings of a prefecture's inventory).
    let mut by_agency: HashMap<usize, Vec<usize>> = HashMap::new();
    for (j, y) in items.iter().enumerate().filter(|(_, i)| case(i)) {
        for &(g, _) in &y.participants {
            let list = by_agency.entry(g).or_default();
            if list.last() != Some(&j) {
                list.push(j);
            }
        }
    }
    let cases: Vec<usize> = (0..items.len()).filter(|&a| case(&items[a])).collect();
    let back_to_back: Vec<Vec<CaseOption>> = cases
        .par_iter()
        .map(|&a| {
            let x = &items[a];
            let mut later: Vec<usize> = x
                .participants
                .iter()
                .filter_map(|(g, _)| by_agency.get(g))
                .flatten()
                .copied()
                .filter(|&b| b > a)
                .collect();
            later.sort_unstable();
            later.dedup();
            later.into_iter().filter_map(|b| back_to_back(prepared, a, b)).collect()
        })
        .collect();
    let mut options: Vec<CaseOption> = back_to_back.into_iter().flatten().collect();
    for item in items.iter().filter(|i| case(i) && !i.ad_hoc) {
        if let Some(option) = per_case(prepared, item) {
            options.push(option);
        }
        let reviews_plans = item.functions.contains(&Function::CaseReview);
        if reviews_plans && item.sessions >= 12.0 {
            let statutory_sharing =
                matches!(item.profile.sharing.value, Some(SharingBasis::WithoutConsent(_)));
            options.push(CaseOption::WrittenReview {
                meeting: item.id.clone(),
                sessions_now: item.sessions,
                sessions_after: item.sessions / 2.0,
                hours_saved: item.person_hours / 2.0,
                statutory_sharing,
            });
        }
    }
    options
}

/// Back-to-back sittings for two case meetings that may not be one sitting but share
/// most members.
fn back_to_back(prepared: &Prepared, a: usize, b: usize) -> Option<CaseOption> {
    let (x, y) = (&prepared.items[a], &prepared.items[b]);
    sharing_conflict(x, y)?;
    let xs: BTreeSet<usize> = x.participants.iter().map(|&(g, _)| g).collect();
    let shared: Vec<usize> =
        y.participants.iter().map(|&(g, _)| g).filter(|g| xs.contains(g)).collect();
    let smaller = x.participants.len().min(y.participants.len()).max(1);
    if shared.len() < BACK_TO_BACK_MIN_SHARED
        || (shared.len() as f64) < BACK_TO_BACK_OVERLAP * smaller as f64
    {
        return None;
    }
    let travel = prepared.policy.travel_minutes;
    // The shared members travel once instead of twice, as often as the rarer meeting
    // sits.
    let trips = x.sessions.min(y.sessions);
    Some(CaseOption::BackToBack {
        meetings: [x.id.clone(), y.id.clone()],
        shared_agencies: shared.iter().map(|&g| prepared.agencies[g].name.clone()).collect(),
        hours_saved: shared.len() as f64 * trips * travel / 60.0,
        travel_minutes: travel,
    })
}

/// A participant seat: (agency index, head-count).
type Seat = (usize, u32);

/// Per-case attendance for one meeting: the core is its field's agencies (and its host's
/// department when registered); offered only when at least three agencies would be
/// invited per case.
fn per_case(prepared: &Prepared, item: &Item) -> Option<CaseOption> {
    // Cross-field case work has no field whose agencies could form the core.
    if crate::proposal::escalation::is_cross_field(item) {
        return None;
    }
    let field = item.field.as_ref()?;
    let (core, invited): (Vec<&Seat>, Vec<&Seat>) =
        item.participants.iter().partition(|(g, _)| prepared.agencies[*g].sector == *field);
    if core.is_empty() || invited.len() < 3 {
        return None;
    }
    let heads = |list: &[&Seat]| list.iter().map(|(_, c)| f64::from(*c)).sum::<f64>();
    let hours_per_head = item.annual_minutes() / 60.0;
    let names = |list: &[&Seat]| -> Vec<String> {
        list.iter().map(|(g, _)| prepared.agencies[*g].name.clone()).collect()
    };
    Some(CaseOption::PerCaseAttendance {
        meeting: item.id.clone(),
        core: names(&core),
        invited: names(&invited),
        hours_now: item.person_hours,
        hours_after: (heads(&core) + heads(&invited) * INVITED_SHARE) * hours_per_head,
        invited_share: INVITED_SHARE,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::{RegionParams, generate_region};
    use crate::proposal::Policy;

    #[test]
    fn back_to_back_through_the_agency_index_matches_every_pair() {
        for seed in 0..3 {
            let region =
                generate_region(&RegionParams { municipalities: 4, meetings: Some(500), seed })
                    .unwrap();
            let (inventory, _) = region.load();
            let prepared = Prepared::new(&inventory, &Policy::default());
            let case =
                |i: &Item| i.profile.tier.value == Tier::Case && i.profile.personal_info.value;
            let mut expected = Vec::new();
            for a in 0..prepared.items.len() {
                for b in a + 1..prepared.items.len() {
                    if case(&prepared.items[a]) && case(&prepared.items[b]) {
                        expected.extend(back_to_back(&prepared, a, b));
                    }
                }
            }
            let found: Vec<CaseOption> = case_options(&prepared)
                .into_iter()
                .filter(|o| matches!(o, CaseOption::BackToBack { .. }))
                .collect();
            assert!(!expected.is_empty(), "seed {seed}: the check needs some options");
            assert_eq!(found, expected, "seed {seed}");
        }
    }
}
