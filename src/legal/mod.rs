//! What the law says about meetings: the catalogue of well-known meeting types (basis,
//! tier, personal information, who may share it and on what footing) and the one
//! rulebook for whether two meetings may share a session. The overlap analysis, the
//! proposal and the review all ask here, so no analysis advises what another forbids.

mod catalogue;
mod session;

pub use catalogue::{
    CATALOGUE, Inferred, KnownType, Profile, SharingBasis, Strength, Tier, TierRule, profile,
    recognise, tier_from_words,
};
pub(crate) use session::bound_agencies;
pub use session::{SessionBar, session_bars, sharing_conflict};
