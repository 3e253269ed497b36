//! Networks built from an [`Inventory`](crate::model::Inventory): the two-mode
//! meeting × agency network, its agency projection (who sits with whom, in which
//! meetings), its meeting projection (which meetings share agencies) and the
//! sector × sector matrix. Construction only; the measures live in
//! [`connectivity`](crate::connectivity).
//!
//! Every builder orders nodes deterministically: agencies by name and meetings in input
//! order, so node indices, and with them every output, are the same from run to run.
//!
//! ```
//! use kaigi::graph::AgencyNetwork;
//! use kaigi::model::{Agency, Frequency, Inventory, Meeting, Participant};
//! let mut meeting = Meeting::new("M1", "支援会議");
//! meeting.participants = vec![Participant::new("福祉課", 1), Participant::new("社協", 1)];
//! meeting.frequency = Frequency::per_year(12.0);
//! meeting.minutes_per_session = 60.0;
//! let inventory = Inventory { meetings: vec![meeting], agencies: vec![Agency::new("包括", "高齢")] };
//! let network = AgencyNetwork::build(&inventory);
//! assert_eq!(network.node_count(), 3); // 包括 attends nothing but is still a node
//! assert_eq!(network.tie_count(), 1);
//! ```

mod agency_projection;
mod meeting_projection;
mod names;
mod sector_matrix;
mod two_mode;

pub use agency_projection::{AgencyNetwork, AgencyNode, Tie};
pub use meeting_projection::{MeetingLink, MeetingNetwork};
pub use sector_matrix::{SectorLink, SectorMatrix};
pub use two_mode::{Attendance, TwoModeNetwork, TwoModeNode};
