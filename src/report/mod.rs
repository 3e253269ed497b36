//! Renderers that turn analyses into bytes, and the one place that writes files.
//!
//! Each renderer returns bytes and does no I/O, so every format is testable directly;
//! [`write_atomic`] is the only writer, so no output can land half-written or on top of
//! an input file.

pub mod charts;
mod connectivity;
mod document;
mod docx;
mod figures;
mod inventory_table;
pub mod network_export;
mod network_tables;
mod networks;
mod overlap;
mod pajek;
pub mod phrases;
mod proposal_text;
mod review;
mod roles;
pub(crate) mod safety;
mod scenarios;
mod schema;
mod summary;
mod table;
mod template;
mod whatif;
mod write;

pub use connectivity::{connectivity_json, connectivity_text};
pub use document::{Chart, html_report, markdown_report, tables};
pub use docx::{DocxError, docx_report};
pub use figures::{report_charts, structure_after, structure_before};
pub use inventory_table::{frequency_label, minutes_label};
pub use networks::{NetworkExport, network_exports};
pub use overlap::{overlap_json, overlap_text};
pub use proposal_text::{proposal_text, sensitivity_text};
pub use review::{
    review_charts, review_html, review_json, review_markdown, review_tables, review_text,
    write_review,
};
pub use roles::role_tables;
pub use safety::{
    OutputError, csv_text, csv_with_bom, excel_safe, is_xml_forbidden, replace_xml_forbidden,
    reproducible_workbook, visible_controls, write_atomic, write_atomic_with, xml_text,
};
pub use scenarios::{
    scenario_charts, scenario_table, scenarios_json, scenarios_text, sensitivity_table,
    structure_diagram,
};
pub use schema::{
    SchemaFile, analysis_schema, review_schema, scenarios_schema, schema_files, whatif_schema,
};
pub use table::{Cell, Cut, Table, markdown_text, tables_to_xlsx};
pub use template::{CsvTemplate, example_label, template_csv, template_xlsx};
pub use whatif::{whatif_json, whatif_text};
pub use write::{LeftOut, ReportError, ReportParts, Written, write_report};
