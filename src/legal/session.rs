//! The rulebook for sharing a session: whether two meetings may be one sitting (兼ねる or
//! 合同開催), whatever any policy says. A bar here is a matter of law, not of taste:
//!
//! - **Sharing bases**: a meeting that may share case information without the person's
//!   consent (支援会議 under 社会福祉法第106条の6, 生活困窮者自立支援法第9条 支援会議,
//!   要対協) cannot be one sitting with a meeting that shares only with consent (支援調整
//!   会議, 重層的支援会議); two meetings sharing without consent under different laws
//!   cannot either, since each law covers its own members only.
//! - **Confidentiality**: when a meeting handles case information, everyone in the
//!   sitting must be bound to confidentiality by their own duty, or be a member of that
//!   same statutory body (its law binds its members) — never through another law's body.

use crate::legal::{Profile, SharingBasis};
use crate::model::{Inventory, Meeting};
use serde::Serialize;
use std::collections::HashMap;

/// Why two meetings may not share a session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum SessionBar {
    /// One may share case information without consent, the other only with it.
    SharingBases {
        /// The meeting that may share without consent.
        without_consent: String,
        /// The law that allows it.
        law: String,
        /// The meeting that needs the person's consent.
        with_consent: String,
    },
    /// Both share without consent, each under its own law.
    DifferentSharingLaws {
        /// Meeting ids.
        meetings: [String; 2],
        /// Their laws, in the same order.
        laws: [String; 2],
    },
    /// Case information of one meeting would reach an attendee of the other who has no
    /// duty of confidentiality of its own.
    Confidentiality {
        /// The meeting whose cases would be heard.
        case_meeting: String,
        /// Attendees without a duty, by name.
        agencies: Vec<String>,
    },
}

/// The sharing-basis bar between two meetings, if any.
///
/// ```
/// use kaigi::legal::{SessionBar, SharingBasis, profile, sharing_conflict};
/// use kaigi::model::Meeting;
/// let support = profile(&Meeting::new("M15", "重層的支援体制整備事業 支援会議"));
/// let multi = profile(&Meeting::new("M16", "重層的支援会議"));
/// let bar = sharing_conflict("M16", &multi, "M15", &support).unwrap();
/// // The without-consent meeting is named as such, whatever the argument order.
/// assert!(matches!(bar, SessionBar::SharingBases { ref without_consent, .. } if without_consent == "M15"));
/// ```
pub fn sharing_conflict(a: &str, x: &Profile, b: &str, y: &Profile) -> Option<SessionBar> {
    use SharingBasis::{WithConsent, WithoutConsent};
    match (&x.sharing.value, &y.sharing.value) {
        (Some(WithoutConsent(law)), Some(WithConsent)) => Some(SessionBar::SharingBases {
            without_consent: a.to_string(),
            law: law.clone(),
            with_consent: b.to_string(),
        }),
        (Some(WithConsent), Some(WithoutConsent(law))) => Some(SessionBar::SharingBases {
            without_consent: b.to_string(),
            law: law.clone(),
            with_consent: a.to_string(),
        }),
        (Some(WithoutConsent(p)), Some(WithoutConsent(q))) if p != q => {
            Some(SessionBar::DifferentSharingLaws {
                meetings: [a.to_string(), b.to_string()],
                laws: [p.clone(), q.clone()],
            })
        }
        _ => None,
    }
}

/// Every bar to holding two meetings as one sitting. `bound` says whether an agency (by
/// name) carries a duty of confidentiality of its own.
pub fn session_bars(
    a: &Meeting,
    x: &Profile,
    b: &Meeting,
    y: &Profile,
    bound: &dyn Fn(&str) -> bool,
) -> Vec<SessionBar> {
    let mut bars: Vec<SessionBar> = sharing_conflict(&a.id, x, &b.id, y).into_iter().collect();
    for (case, profile, other) in [(a, x, b), (b, y, a)] {
        if !profile.personal_info.value {
            continue;
        }
        let member = |name: &str| {
            profile.confers_duty.value && case.participants.iter().any(|p| p.agency == name)
        };
        let mut agencies: Vec<String> = other
            .participants
            .iter()
            .map(|p| p.agency.as_str())
            .filter(|name| !bound(name) && !member(name))
            .map(str::to_string)
            .collect();
        agencies.sort();
        agencies.dedup();
        if !agencies.is_empty() {
            bars.push(SessionBar::Confidentiality { case_meeting: case.id.clone(), agencies });
        }
    }
    bars
}

/// Whether each registered agency carries its own duty of confidentiality, by name.
pub(crate) fn bound_agencies(inventory: &Inventory) -> HashMap<&str, bool> {
    inventory.agencies.iter().map(|a| (a.name.as_str(), a.confidentiality.is_bound())).collect()
}
