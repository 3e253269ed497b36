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

/// Writes the files of one report folder atomically, never over an input, calling `step`
/// before each (for a progress indicator) and remembering what it wrote.
pub(crate) struct FolderWriter<'a> {
    out: &'a Path,
    inputs: &'a [PathBuf],
    step: &'a mut dyn FnMut(&str),
    written: Vec<PathBuf>,
}

impl<'a> FolderWriter<'a> {
    pub(crate) fn new(out: &'a Path, inputs: &'a [PathBuf], step: &'a mut dyn FnMut(&str)) -> Self {
        FolderWriter { out, inputs, step, written: Vec::new() }
    }

    /// Writes one file under the folder.
    pub(crate) fn put(&mut self, relative: &str, bytes: &[u8]) -> Result<(), OutputError> {
        (self.step)(relative);
        let path = self.out.join(relative);
        write_atomic(&path, bytes, self.inputs)?;
        self.written.push(path);
        Ok(())
    }

    /// Every table as `tables/<key>.csv` and all of them as `tables.xlsx`.
    pub(crate) fn put_tables(
        &mut self,
        tables: &[crate::report::table::Table],
    ) -> Result<(), ReportError> {
        for table in tables {
            self.put(&format!("tables/{}.csv", table.key), &table.to_csv())?;
        }
        self.put("tables.xlsx", &tables_to_xlsx(tables)?)?;
        Ok(())
    }

    /// Every chart as `charts/<key>.svg` and `.png`.
    pub(crate) fn put_charts(&mut self, charts: &[Chart]) -> Result<(), OutputError> {
        for chart in charts {
            self.put(&format!("charts/{}.svg", chart.key), chart.svg.as_bytes())?;
            self.put(&format!("charts/{}.png", chart.key), &chart.png)?;
        }
        Ok(())
    }

    /// The files written, in order.
    pub(crate) fn finish(self) -> Vec<PathBuf> {
        self.written
    }
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
    let mut files = FolderWriter::new(out, inputs, step);
    files.put("report.html", html_report(analysis, parts.charts, lang).as_bytes())?;
    files.put("report.md", markdown_report(analysis, lang).as_bytes())?;
    let mut json = serde_json::to_vec_pretty(analysis)?;
    json.push(b'\n');
    files.put("analysis.json", &json)?;
    files.put_tables(&tables(analysis, lang))?;
    files.put_charts(parts.charts)?;
    for (key, network) in parts.networks {
        files.put(&format!("network/{key}.graphml"), &network.to_graphml())?;
        files.put(&format!("network/{key}.gexf"), &network.to_gexf())?;
    }
    Ok(files.finish())
}
