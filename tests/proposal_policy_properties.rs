//! Whatever the policy says, the proposal never merges away a body with a basis and
//! never abolishes the 重層的支援会議 or a 支援会議 (property test over policy values on
//! the bundled sample city).

use kaigi::input::{LoadOptions, load};
use kaigi::model::Inventory;
use kaigi::proposal::{How, Policy, propose, recognise};
use proptest::prelude::*;
use std::path::Path;
use std::sync::OnceLock;

fn sample_city() -> &'static Inventory {
    static CITY: OnceLock<Inventory> = OnceLock::new();
    CITY.get_or_init(|| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("inputs/sample-city");
        load(&path, &LoadOptions::default()).expect("the sample city loads").inventory
    })
}

/// Meetings with a basis in the sample city: a legal basis written in the inventory, or
/// a catalogue type that has one (the 第1層協議体, 重層的支援会議, 成年後見 協議会 …).
fn with_basis(inventory: &Inventory) -> Vec<String> {
    inventory
        .meetings
        .iter()
        .filter(|m| {
            m.legal_basis.as_deref().is_some_and(|b| !b.trim().is_empty())
                || m.statutory == Some(true)
                || recognise(&m.name).is_some_and(|k| k.strength.has_basis())
        })
        .map(|m| m.id.clone())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn no_body_with_a_basis_is_merged_away_under_any_policy(
        max_per_item_share in 0.0f64..=1.0,
        max_core_members in 2u32..60,
        fixed_cost_hours in 0.0f64..200.0,
        min_member_overlap in 0.0f64..=1.0,
        agenda_compression in 0.0f64..=0.9,
        max_session_minutes in 30.0f64..600.0,
        allow_mixed_areas in any::<bool>(),
        allow_joint_statutory in any::<bool>(),
    ) {
        let policy = Policy {
            max_per_item_share,
            max_core_members,
            fixed_cost_hours,
            min_member_overlap,
            agenda_compression,
            max_session_minutes,
            allow_mixed_areas,
            allow_joint_statutory,
            ..Policy::default()
        };
        let inventory = sample_city();
        let proposal = propose(inventory, &policy);
        let protected = with_basis(inventory);
        // M15 (支援会議, 社会福祉法第106条の6) and M16 (重層的支援会議) are in the list.
        prop_assert!(protected.contains(&"M15".to_string()));
        prop_assert!(protected.contains(&"M16".to_string()));
        for decision in &proposal.meetings {
            if protected.contains(&decision.meeting) {
                prop_assert_ne!(decision.how, How::Merged, "{} merged away", decision.meeting);
            }
        }
        for id in ["M15", "M16"] {
            let decision = proposal.meetings.iter().find(|d| d.meeting == id).unwrap();
            prop_assert!(!decision.bodies.is_empty(), "{} abolished", id);
            let legal: Vec<&str> = proposal
                .bodies
                .iter()
                .flat_map(|b| b.legal_identities.iter().map(|l| l.meeting.as_str()))
                .collect();
            prop_assert!(legal.contains(&id), "{} lost its legal identity", id);
        }
    }
}
