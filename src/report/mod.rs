//! Renderers that turn analyses into bytes, and the one place that writes files.
//!
//! Each renderer returns bytes and does no I/O, so every format is testable directly;
//! [`write_atomic`] is the only writer, so no output can land half-written or on top of
//! an input file.

mod connectivity;
mod inventory_table;
mod safety;

pub use connectivity::{connectivity_json, connectivity_text};
pub use inventory_table::{
    AgencyRow, InventoryReport, MeetingRow, ParticipantRow, Totals, frequency_label,
};
pub use safety::{OutputError, csv_with_bom, excel_safe, write_atomic};
