//! Writing a report folder: every file through [`write_atomic`], none over an input.

use crate::lang::Lang;
use crate::report::document::{Analysis, Chart, html_report, markdown_report, tables};
use crate::report::network_export::Network;
use crate::report::safety::{OutputError, write_atomic};
use crate::report::table::tables_to_xlsx;
use std::path::{Path, PathBuf};

/// Why a report could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// A file could not be written.
    #[error(transparent)]
    Output(#[from] OutputError),
    /// The workbook could not be built.
    #[error("could not build the workbook: {0}")]
    Workbook(#[from] rust_xlsxwriter::XlsxError),
    /// A chart could not be drawn.
    #[error("could not draw a chart: {0}")]
    Chart(#[from] crate::report::charts::ChartError),
    /// JSON serialisation failed.
    #[error("could not serialise analysis.json: {0}")]
    Json(#[from] serde_json::Error),
}

/// What goes into a report folder besides the analysis itself.
pub struct ReportParts<'a> {
    /// Charts (SVG and PNG each).
    pub charts: &'a [Chart],
    /// Networks to export as GraphML and GEXF, by file stem.
    pub networks: &'a [(String, Network)],
}

/// Writes the whole report into `out`. `step` is called before each file with its name
/// (for a progress indicator). Returns the files written, in order.
pub fn write_report(
    analysis: &Analysis,
    parts: &ReportParts<'_>,
    out: &Path,
    lang: Lang,
    inputs: &[PathBuf],
    step: &mut dyn FnMut(&str),
) -> Result<Vec<PathBuf>, ReportError> {
    let mut written = Vec::new();
    let mut put =
        |relative: &str, bytes: &[u8], step: &mut dyn FnMut(&str)| -> Result<(), OutputError> {
            step(relative);
            let path = out.join(relative);
            write_atomic(&path, bytes, inputs)?;
            written.push(path);
            Ok(())
        };
    put("report.html", html_report(analysis, parts.charts, lang).as_bytes(), step)?;
    put("report.md", markdown_report(analysis, lang).as_bytes(), step)?;
    let mut json = serde_json::to_vec_pretty(analysis)?;
    json.push(b'\n');
    put("analysis.json", &json, step)?;
    let tables = tables(analysis, lang);
    for table in &tables {
        put(&format!("tables/{}.csv", table.key), &table.to_csv(), step)?;
    }
    put("tables.xlsx", &tables_to_xlsx(&tables)?, step)?;
    for chart in parts.charts {
        put(&format!("charts/{}.svg", chart.key), chart.svg.as_bytes(), step)?;
        put(&format!("charts/{}.png", chart.key), &chart.png, step)?;
    }
    for (key, network) in parts.networks {
        put(&format!("network/{key}.graphml"), &network.to_graphml(), step)?;
        put(&format!("network/{key}.gexf"), &network.to_gexf(), step)?;
    }
    Ok(written)
}
