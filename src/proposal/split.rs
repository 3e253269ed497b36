//! The Ōda pattern: a regular meeting whose case review is attended by people without a
//! duty of confidentiality is split by purpose into a plenary for everyone and an ad hoc
//! case meeting of bound agencies only.

use crate::model::Function;
use crate::proposal::body::{BodyFigures, Item, Prepared};
use std::collections::BTreeSet;

/// Meetings to split (the Ōda pattern): regular meetings that review cases with personal
/// information and do something else too, while attendees without any duty of
/// confidentiality sit in the room. Splitting closes the case part to them.
pub(crate) fn split_candidates(prepared: &Prepared) -> BTreeSet<usize> {
    prepared
        .items
        .iter()
        .enumerate()
        .filter(|(_, item)| {
            let case = item.profile.personal_info.value && !item.ad_hoc && !item.pinned;
            let mixed = item.functions.contains(&Function::CaseReview)
                && item.functions.iter().any(|f| *f != Function::CaseReview);
            case && mixed && !item.profile.confers_duty.value && !unbound(prepared, item).is_empty()
        })
        .map(|(i, _)| i)
        .collect()
}

/// Attendees of a meeting without a duty of confidentiality.
pub(crate) fn unbound(prepared: &Prepared, item: &Item) -> Vec<usize> {
    item.participants.iter().map(|&(a, _)| a).filter(|&a| !prepared.bound(a)).collect()
}

/// The case share of a split meeting's time: one part per function it serves.
fn case_share(item: &Item) -> f64 {
    1.0 / item.functions.len().max(1) as f64
}

/// Person-hours after splitting: everyone for the plenary part, bound attendees only
/// for the case part.
pub(crate) fn split_hours(prepared: &Prepared, index: usize) -> f64 {
    let item = &prepared.items[index];
    let share = case_share(item);
    let heads = |bound_only: bool| -> f64 {
        item.participants
            .iter()
            .filter(|(a, _)| !bound_only || prepared.bound(*a))
            .map(|&(_, c)| f64::from(c))
            .sum()
    };
    (heads(false) * (1.0 - share) + heads(true) * share) * item.annual_minutes() / 60.0
}

/// A body before it gets its id and texts.
pub(crate) struct Draft {
    pub members: Vec<usize>,
    pub part: Part,
    pub figures: BodyFigures,
    pub ad_hoc: bool,
}

#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Part {
    Group,
    Plenary,
    Case,
}

pub(crate) fn split_drafts(prepared: &Prepared, index: usize) -> [Draft; 2] {
    let item = &prepared.items[index];
    let share = case_share(item);
    let all = item.participants.clone();
    let bound: Vec<(usize, u32)> =
        all.iter().copied().filter(|(a, _)| prepared.bound(*a)).collect();
    let make = |core: Vec<(usize, u32)>, fraction: f64| {
        let heads: f64 = core.iter().map(|&(_, c)| f64::from(c)).sum();
        BodyFigures {
            sessions: item.sessions,
            minutes: item.minutes * fraction,
            person_hours: heads * item.annual_minutes() * fraction / 60.0,
            full_attendance_hours: heads * item.annual_minutes() * fraction / 60.0,
            core,
            per_item: Vec::new(),
            hours_before: item.person_hours * fraction,
        }
    };
    [
        Draft {
            members: vec![index],
            part: Part::Plenary,
            figures: make(all, 1.0 - share),
            ad_hoc: false,
        },
        Draft { members: vec![index], part: Part::Case, figures: make(bound, share), ad_hoc: true },
    ]
}
