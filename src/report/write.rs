//! Writing a report folder: every file through [`write_atomic`], none over an input.

use crate::analysis::Analysis;
use crate::lang::Lang;
use crate::report::document::{Chart, html_report, markdown_report, tables};
use crate::report::docx::docx_report;
use crate::report::network_export::NetworkFormat;
use crate::report::networks::NetworkExport;
use crate::report::safety::{OutputError, write_atomic, write_atomic_with};
use crate::report::table::tables_to_xlsx;
use rayon::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

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
    /// The Word document could not be built.
    #[error(transparent)]
    Docx(#[from] crate::report::docx::DocxError),
    /// JSON serialisation failed.
    #[error("could not serialise analysis.json: {0}")]
    Json(#[from] serde_json::Error),
}

/// What goes into a report folder besides the analysis itself.
pub struct ReportParts<'a> {
    /// Charts (SVG and PNG each).
    pub charts: &'a [Chart],
    /// Networks to export in every [`NetworkFormat`] (see [`network_exports`](crate::report::network_exports)).
    pub networks: &'a [NetworkExport],
}

/// Produces a whole file as bytes.
type RenderBytes<'a> = dyn Fn() -> Result<Vec<u8>, ReportError> + Send + Sync + 'a;

/// Writes a file piece by piece.
type RenderStream<'a> = dyn Fn(&mut dyn Write) -> std::io::Result<()> + Send + Sync + 'a;

/// Renders one file; run on any thread.
pub(crate) enum Render<'a> {
    /// The whole file as bytes.
    Bytes(Box<RenderBytes<'a>>),
    /// Written piece by piece into the file (for files too large to hold twice).
    Stream(Box<RenderStream<'a>>),
    /// Bytes that already exist (the charts).
    Ready(&'a [u8]),
}

/// Writes the files of one report folder atomically, never over an input, calling `step`
/// before each (for a progress indicator) and remembering what it wrote.
///
/// Files are rendered and written in parallel (rayon): the large ones (the workbook,
/// the network exports, `analysis.json`) each take seconds at 30,000 meetings, and
/// every atomic write waits for its `fsync`. The list of files written keeps the order
/// they were queued in, whatever order the threads finish.
pub(crate) struct FolderWriter<'a> {
    out: &'a Path,
    inputs: &'a [PathBuf],
    step: Mutex<&'a mut (dyn FnMut(&str) + Send)>,
    queued: Vec<(String, Render<'a>)>,
}

impl<'a> FolderWriter<'a> {
    pub(crate) fn new(
        out: &'a Path,
        inputs: &'a [PathBuf],
        step: &'a mut (dyn FnMut(&str) + Send),
    ) -> Self {
        FolderWriter { out, inputs, step: Mutex::new(step), queued: Vec::new() }
    }

    /// Queues one file under the folder, rendered when the folder is written.
    pub(crate) fn put(
        &mut self,
        relative: impl Into<String>,
        render: impl Fn() -> Result<Vec<u8>, ReportError> + Send + Sync + 'a,
    ) {
        self.queued.push((relative.into(), Render::Bytes(Box::new(render))));
    }

    /// Queues one file written straight into the output as it is produced.
    pub(crate) fn put_stream(
        &mut self,
        relative: impl Into<String>,
        write: impl Fn(&mut dyn Write) -> std::io::Result<()> + Send + Sync + 'a,
    ) {
        self.queued.push((relative.into(), Render::Stream(Box::new(write))));
    }

    /// Queues every table as `tables/<key>.csv` and all of them as `tables.xlsx`.
    pub(crate) fn put_tables(&mut self, tables: &'a [crate::report::table::Table]) {
        for table in tables {
            self.put(format!("tables/{}.csv", table.key), move || Ok(table.to_csv()));
        }
        self.put("tables.xlsx", move || Ok(tables_to_xlsx(tables)?));
    }

    /// Queues every chart as `charts/<key>.svg` and `.png`.
    pub(crate) fn put_charts(&mut self, charts: &'a [Chart]) {
        for chart in charts {
            self.queued
                .push((format!("charts/{}.svg", chart.key), Render::Ready(chart.svg.as_bytes())));
            self.queued.push((format!("charts/{}.png", chart.key), Render::Ready(&chart.png)));
        }
    }

    /// Renders and writes every queued file; returns the files written, in queue order.
    /// The first error (in queue order) is returned; files already written stay.
    pub(crate) fn finish(self) -> Result<Vec<PathBuf>, ReportError> {
        let FolderWriter { out, inputs, step, queued } = self;
        let results: Vec<Result<PathBuf, ReportError>> = queued
            .par_iter()
            .map(|(relative, render)| {
                if let Ok(mut step) = step.lock() {
                    step(relative);
                }
                let path = out.join(relative);
                match render {
                    Render::Bytes(render) => write_atomic(&path, &render()?, inputs)?,
                    Render::Stream(write) => write_atomic_with(&path, inputs, write)?,
                    Render::Ready(bytes) => write_atomic(&path, bytes, inputs)?,
                }
                Ok(path)
            })
            .collect();
        results.into_iter().collect()
    }
}

/// A file a report leaves out on purpose, for the command to say so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LeftOut {
    /// `network/incidence.csv`: the dense matrix would be over
    /// [`INCIDENCE_CELL_LIMIT`](crate::report::network_export::INCIDENCE_CELL_LIMIT) cells.
    IncidenceMatrix {
        /// Rows (meetings).
        meetings: usize,
        /// Columns (agencies).
        agencies: usize,
    },
}

/// What [`write_report`] wrote and what it left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// The files written, in order.
    pub files: Vec<PathBuf>,
    /// Files left out on purpose, with why.
    pub left_out: Vec<LeftOut>,
}

/// Writes the whole report into `out`. `step` is called before each file with its name
/// (for a progress indicator). Returns the files written, in order, and those left out.
pub fn write_report(
    analysis: &Analysis,
    parts: &ReportParts<'_>,
    out: &Path,
    lang: Lang,
    inputs: &[PathBuf],
    step: &mut (dyn FnMut(&str) + Send),
) -> Result<Written, ReportError> {
    // The tables are dropped before the networks are built.
    let mut written = {
        let mut tables = tables(analysis, lang);
        tables.extend(crate::report::role_tables(analysis, lang));
        let mut files = FolderWriter::new(out, inputs, step);
        // Every table is built once and shared by the HTML, the Markdown, the CSVs and
        // the workbook, and the Word document.
        files.put("report.html", || {
            Ok(html_report(analysis, &tables, parts.charts, lang).into_bytes())
        });
        files.put("report.md", || {
            Ok(markdown_report(analysis, &tables, parts.charts, lang).into_bytes())
        });
        files.put("report.docx", || Ok(docx_report(analysis, &tables, parts.charts, lang)?));
        files.put_stream("analysis.json", |file| {
            serde_json::to_writer_pretty(&mut *file, analysis)?;
            file.write_all(b"\n")
        });
        files.put_tables(&tables);
        files.put_charts(parts.charts);
        files.finish()?
    };
    let mut left_out = Vec::new();
    // One network at a time, after the rest: each is large, and is dropped once written.
    for (key, build) in parts.networks {
        let network = build(analysis, lang);
        let mut files = FolderWriter::new(out, inputs, step);
        if let (Some(meetings), None) =
            (network.first_mode, NetworkFormat::Incidence.file_name(key, &network))
        {
            let agencies = network.nodes.len().saturating_sub(meetings);
            left_out.push(LeftOut::IncidenceMatrix { meetings, agencies });
        }
        for format in NetworkFormat::ALL {
            if let Some(name) = format.file_name(key, &network) {
                let network = &network;
                files
                    .put_stream(format!("network/{name}"), move |file| format.write(network, file));
            }
        }
        written.extend(files.finish()?);
    }
    Ok(Written { files: written, left_out })
}
