//! kaigi (会議) audits an organisation's recurring inter-agency meetings, measures how
//! well its agencies are connected, and proposes a smaller meeting structure that keeps
//! every working link.
//!
//! The pipeline runs one way: [`input`] reads files into the [`model`]; [`graph`] builds
//! networks from the model; [`legal`] knows the well-known meeting types and the rules
//! on who may share a session; the analyses ([`connectivity`], [`overlap`], [`proposal`])
//! read those, and [`analysis`] runs them as one pipeline; [`review`] compares two years of one inventory; [`report`] renders the
//! results as bytes.
//! [`generate`] writes synthetic inventories with known answers, for tests and benchmarks.
//!
//! ```
//! use kaigi::input::{LoadOptions, read_csv_bytes, read_meetings};
//! let csv = "id,name,participants,topics,frequency,duration\n\
//!            M1,Case review,City welfare;Council x2,elderly,12,90\n";
//! let mut problems = Vec::new();
//! let table = read_csv_bytes(csv.as_bytes(), "meetings.csv", &LoadOptions::default(), &mut problems);
//! let inventory = read_meetings(&table, Vec::new(), &LoadOptions::default(), &mut problems);
//! // 3 people × 12 sessions × 1.5 h
//! assert_eq!(inventory.total_annual_person_hours(), 54.0);
//! ```

pub mod analysis;
pub mod batch;
pub mod connectivity;
pub mod generate;
pub mod graph;
pub mod input;
mod lang;
pub mod legal;
pub mod model;
pub mod overlap;
pub mod proposal;
pub mod report;
pub mod review;

pub use lang::{Lang, counted};
