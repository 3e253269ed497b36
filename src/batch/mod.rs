//! Many municipalities at once: every inventory under a folder analysed in parallel,
//! one summary row each, and a clear line for any inventory that could not be analysed
//! — one bad inventory never stops the batch.

use crate::analysis::{Settings, analyse};
use crate::input::{LoadOptions, Severity, load};
use crate::lang::Lang;
use crate::report::{Cell, Table};
use rayon::prelude::*;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// One municipality's figures, or why there are none.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BatchRow {
    /// Inventory name (folder or file stem).
    pub name: String,
    /// Path as found.
    pub path: String,
    /// Analysed, or failed with the reason in `problem`.
    pub status: BatchStatus,
    /// What went wrong (first error and how many more), when `status` is `error`.
    pub problem: Option<String>,
    /// Meetings.
    pub meetings: usize,
    /// Agencies.
    pub agencies: usize,
    /// Person-hours per year.
    pub annual_person_hours: f64,
    /// Network density.
    pub density: f64,
    /// Connected groups of agencies.
    pub components: usize,
    /// Clusters of overlapping meetings.
    pub overlap_clusters: usize,
    /// Hours a year the same agencies spend in several meetings of a cluster.
    pub overlap_hours: f64,
    /// Meeting bodies proposed.
    pub proposed_bodies: usize,
    /// Person-hours per year proposed.
    pub proposed_person_hours: f64,
    /// Person-hours per year saved.
    pub proposed_savings: f64,
}

impl BatchRow {
    fn failed(name: String, path: String, problem: String) -> Self {
        BatchRow {
            name,
            path,
            status: BatchStatus::Error,
            problem: Some(problem),
            meetings: 0,
            agencies: 0,
            annual_person_hours: 0.0,
            density: 0.0,
            components: 0,
            overlap_clusters: 0,
            overlap_hours: 0.0,
            proposed_bodies: 0,
            proposed_person_hours: 0.0,
            proposed_savings: 0.0,
        }
    }
}

/// Whether an inventory could be analysed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BatchStatus {
    /// Analysed.
    Ok,
    /// Not analysed; the row's `problem` says why.
    Error,
}

/// The whole batch.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BatchSummary {
    /// One row per inventory, sorted by name.
    pub rows: Vec<BatchRow>,
    /// Inventories analysed.
    pub analysed: usize,
    /// Inventories that failed.
    pub failed: usize,
    /// Person-hours per year over the analysed inventories.
    pub total_person_hours: f64,
    /// Person-hours per year the proposals save, over the analysed inventories.
    pub total_savings: f64,
}

/// The inventories under a folder: each sub-folder holding a meetings file, and each
/// workbook or CSV file directly inside it except an agency list (`agencies.csv`, read
/// with the CSVs beside it) and the template's examples (`*_記入例.csv`). Sorted by path.
pub fn find_inventories(root: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(root)? {
        let path = entry?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            // Anything under a meetings name counts (a folder, a broken link): loading it
            // then says what is wrong, rather than the inventory vanishing from the summary.
            let has_meetings = ["csv", "xlsx", "xlsm", "xls", "tsv"]
                .iter()
                .any(|ext| std::fs::symlink_metadata(path.join(format!("meetings.{ext}"))).is_ok());
            if has_meetings {
                found.push(path);
            }
        } else {
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_lowercase();
            let stem = path.file_stem().and_then(|n| n.to_str()).unwrap_or("");
            // An agency list is read with the meetings CSV beside it, and the template's
            // examples are never data: neither is an inventory of its own.
            let not_an_inventory = stem.eq_ignore_ascii_case("agencies")
                || stem.ends_with("_記入例")
                || stem.ends_with("_example");
            if ["csv", "xlsx", "xlsm", "xls"].contains(&ext.as_str()) && !not_an_inventory {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

/// A batch row's name: the folder's name, or the file's name with its extension, so that
/// `sample-city/` and `sample-city.xlsx` are told apart.
fn row_name(path: &Path) -> String {
    crate::input::safe_folder_name(
        &path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
    )
}

/// Analyses one inventory under the given settings (policy, path measures); every
/// failure becomes a row with a reason.
pub fn analyse_one(
    path: &Path,
    options: &LoadOptions,
    settings: &Settings,
    lang: Lang,
) -> BatchRow {
    let shown = path.display().to_string();
    let name = row_name(path);
    let loaded = match load(path, options) {
        Ok(loaded) => loaded,
        Err(error) => return BatchRow::failed(name, shown, error.to_string()),
    };
    let errors: Vec<_> =
        loaded.diagnostics.iter().filter(|d| d.severity == Severity::Error).collect();
    if let Some(first) = errors.first() {
        let more = match (errors.len() - 1, lang) {
            (0, _) => String::new(),
            (n, Lang::Ja) => format!("（ほか {n} 件）"),
            (n, Lang::En) => format!(" (and {n} more)"),
        };
        return BatchRow::failed(name, shown, format!("{}{more}", first.render(lang)));
    }
    let inventory = &loaded.inventory;
    let analysis = match analyse(&loaded.name, inventory, settings, &|_| {}) {
        Ok(analysis) => analysis,
        Err(error) => return BatchRow::failed(name, shown, error.to_string()),
    };
    let (connectivity, overlap, proposal) =
        (&analysis.connectivity, &analysis.overlap, &analysis.proposal);
    BatchRow {
        name,
        path: shown,
        status: BatchStatus::Ok,
        problem: None,
        meetings: inventory.meetings.len(),
        agencies: inventory.agencies.len(),
        annual_person_hours: proposal.before.annual_person_hours,
        density: connectivity.network.density,
        components: connectivity.network.components,
        overlap_clusters: overlap.summary.clusters,
        overlap_hours: overlap.summary.duplicated_hours,
        proposed_bodies: proposal.after.bodies,
        proposed_person_hours: proposal.after.annual_person_hours,
        proposed_savings: proposal.before.annual_person_hours - proposal.after.annual_person_hours
            + 0.0,
    }
}

/// Analyses every inventory in parallel; `done` is called after each one (for a
/// progress bar). A panic inside one analysis is caught and reported as that
/// inventory's failure.
pub fn run_batch(
    inventories: &[PathBuf],
    options: &LoadOptions,
    settings: &Settings,
    lang: Lang,
    done: &(dyn Fn(&BatchRow) + Sync),
) -> BatchSummary {
    let mut rows: Vec<BatchRow> = inventories
        .par_iter()
        .map(|path| {
            let row = std::panic::catch_unwind(|| analyse_one(path, options, settings, lang))
                .unwrap_or_else(|_| {
                    BatchRow::failed(
                        row_name(path),
                        path.display().to_string(),
                        lang.pick(
                            "内部エラー（不具合として報告してください）",
                            "internal error (please report it as a bug)",
                        )
                        .to_string(),
                    )
                });
            done(&row);
            row
        })
        .collect();
    rows.sort_by(|a, b| a.name.cmp(&b.name).then(a.path.cmp(&b.path)));
    let ok = rows.iter().filter(|r| r.status == BatchStatus::Ok);
    // `+ 0.0`: an empty sum of floats is -0.0, which must not print as "-0".
    let total_person_hours = ok.clone().map(|r| r.annual_person_hours).sum::<f64>() + 0.0;
    let total_savings = ok.clone().map(|r| r.proposed_savings).sum::<f64>() + 0.0;
    let analysed = ok.count();
    BatchSummary {
        failed: rows.len() - analysed,
        analysed,
        total_person_hours,
        total_savings,
        rows,
    }
}

impl BatchSummary {
    /// The summary as a table (CSV / .xlsx / Markdown).
    pub fn table(&self, lang: Lang) -> Table {
        let mut table = Table::new(
            "municipalities",
            lang,
            "自治体ごとの集計",
            "Summary per municipality",
            &[
                ("名前", "name"),
                ("状態", "status"),
                ("問題", "problem"),
                ("会議", "meetings"),
                ("機関", "agencies"),
                ("年間延べ時間", "person-hours per year"),
                ("密度", "density"),
                ("連結成分", "components"),
                ("重複のまとまり", "overlap clusters"),
                ("重複時間", "overlap hours"),
                ("提案の会議体", "proposed bodies"),
                ("提案の延べ時間", "proposed person-hours"),
                ("削減時間", "savings"),
            ],
        );
        for r in &self.rows {
            table.rows.push(vec![
                r.name.clone().into(),
                match r.status {
                    BatchStatus::Ok => lang.pick("分析済み", "analysed"),
                    BatchStatus::Error => lang.pick("失敗", "failed"),
                }
                .into(),
                r.problem.clone().unwrap_or_default().into(),
                Cell::Int(r.meetings as i64),
                Cell::Int(r.agencies as i64),
                Cell::Number(r.annual_person_hours, 1),
                Cell::Number(r.density, 4),
                Cell::Int(r.components as i64),
                Cell::Int(r.overlap_clusters as i64),
                Cell::Number(r.overlap_hours, 1),
                Cell::Int(r.proposed_bodies as i64),
                Cell::Number(r.proposed_person_hours, 1),
                Cell::Number(r.proposed_savings, 1),
            ]);
        }
        table
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agency_lists_and_template_examples_are_not_inventories() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["a.csv", "agencies.csv", "a_記入例.csv", "agencies_example.csv", "b.xlsx"] {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
        let found = find_inventories(dir.path()).unwrap();
        let names: Vec<&str> =
            found.iter().filter_map(|p| p.file_name().and_then(|n| n.to_str())).collect();
        assert_eq!(names, ["a.csv", "b.xlsx"]);
    }
}
