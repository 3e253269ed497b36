//! Scenarios: several what-ifs (and proposals) named in one TOML file, evaluated on the
//! same inventory and compared side by side — "the proposal", "the proposal under a
//! stricter policy" and "only M23+M24" as columns of one table.
//!
//! ```toml
//! [[scenario]]
//! name = "権利擁護だけ統合"
//! description = "M23 into M24; nothing else changes"   # optional
//! merge = [["M23", "M24"]]          # groups, as --merge; one group may be written alone
//! joint = [["M09", "M10"]]          # as --joint
//! serves_as = [["M17", "M36"]]      # as --serves-as
//! drop = ["M30"]                    # as --drop
//! keep = ["M05"]                    # as --keep
//! policy = "strict-policy.toml"     # optional: judged under this policy instead
//!
//! [[scenario]]
//! name = "提案"
//! proposal = true                   # kaigi's proposal under the command's policy
//!
//! [[scenario]]
//! name = "提案（上限12人）"
//! proposal = true
//! policy = "strict-policy.toml"     # relative to this file
//! ```
//!
//! A file is checked whole before anything runs: every unknown key, unknown meeting id,
//! missing policy file and duplicate name is reported at once, each located by scenario
//! and key with the closest valid value.

use crate::legal::Tier;
use crate::model::Inventory;
use crate::proposal::body::Prepared;
use crate::proposal::escalation::meeting_targets;
use crate::proposal::result::{AgencyHours, Figures};
use crate::proposal::whatif::closest_ids;
use crate::proposal::{
    Change, Group, Holding, How, LinkChange, Policy, PolicyError, Proposal, WhatIf, WhatIfError,
    propose, what_if,
};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The keys a scenario may have.
pub const SCENARIO_KEYS: [&str; 9] =
    ["name", "description", "proposal", "policy", "merge", "joint", "serves_as", "drop", "keep"];

/// What a scenario is.
#[derive(Debug, Clone, PartialEq)]
pub enum Plan {
    /// The planner's own changes to today's structure.
    Changes(Vec<Change>),
    /// kaigi's proposal.
    Proposal,
}

/// One scenario as the file states it, checked against the inventory.
#[derive(Debug, Clone)]
pub struct ScenarioSpec {
    /// Its name (unique in the file).
    pub name: String,
    /// A line saying what it is for.
    pub description: Option<String>,
    /// Changes, or the proposal.
    pub plan: Plan,
    /// The policy file as written in the scenario file, and the policy read from it.
    pub policy: Option<(String, Policy)>,
}

/// A scenario file, read and checked.
#[derive(Debug, Clone)]
pub struct ScenarioFile {
    /// The scenarios in file order.
    pub scenarios: Vec<ScenarioSpec>,
}

/// Where in a scenario file a problem is, and what it is.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioProblem {
    /// The scenario's name, or `#N` (its position, from 1) when it has none.
    pub scenario: Option<String>,
    /// The key concerned.
    pub key: Option<String>,
    /// What is wrong.
    pub kind: ProblemKind,
}

/// What is wrong with a scenario.
#[derive(Debug, Clone, PartialEq)]
pub enum ProblemKind {
    /// A key no scenario has.
    UnknownKey {
        /// The closest valid key.
        closest: Option<String>,
    },
    /// A meeting id the inventory does not have.
    UnknownMeeting {
        /// The id given.
        id: String,
        /// The closest ids the inventory has.
        closest: Vec<String>,
    },
    /// A value of the wrong kind.
    WrongType {
        /// What the key takes.
        expected: &'static str,
    },
    /// A merge, joint sitting or serves-as naming fewer than two meetings.
    TooFew {
        /// The ids given.
        given: Vec<String>,
    },
    /// The name is missing or empty.
    MissingName,
    /// Another scenario has the same name.
    DuplicateName {
        /// Position (from 1) of the scenario that has it first.
        first: usize,
    },
    /// The policy file does not exist.
    MissingPolicy {
        /// The path tried (relative to the scenario file).
        path: String,
    },
    /// The policy file exists but is not a valid policy for this inventory.
    BadPolicy {
        /// What the policy check said.
        message: String,
    },
    /// `proposal = true` together with changes.
    ProposalWithChanges,
    /// Neither changes nor `proposal = true`.
    Empty,
    /// The file has no `[[scenario]]` at all.
    NoScenarios,
}

impl std::fmt::Display for ScenarioProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.scenario {
            Some(name) => write!(f, "scenario '{name}'")?,
            None => write!(f, "file")?,
        }
        if let Some(key) = &self.key {
            write!(f, ", key '{key}'")?;
        }
        write!(f, ": ")?;
        match &self.kind {
            ProblemKind::UnknownKey { closest } => {
                write!(f, "unknown key")?;
                match closest {
                    Some(c) => write!(f, " (did you mean '{c}'?)"),
                    None => write!(f, " (valid keys: {})", SCENARIO_KEYS.join(", ")),
                }
            }
            ProblemKind::UnknownMeeting { id, closest } => {
                write!(f, "unknown meeting id '{id}'; closest ids: {}", closest.join(", "))
            }
            ProblemKind::WrongType { expected } => write!(f, "expected {expected}"),
            ProblemKind::TooFew { given } => write!(
                f,
                "a group needs at least two meeting ids (got [{}])",
                given.iter().map(|g| format!("\"{g}\"")).collect::<Vec<_>>().join(", ")
            ),
            ProblemKind::MissingName => write!(f, "every scenario needs a name = \"…\""),
            ProblemKind::DuplicateName { first } => {
                write!(f, "the same name as scenario #{first}; names must be unique")
            }
            ProblemKind::MissingPolicy { path } => {
                write!(
                    f,
                    "policy file '{path}' does not exist (paths are relative to the scenario file)"
                )
            }
            ProblemKind::BadPolicy { message } => write!(f, "{message}"),
            ProblemKind::ProposalWithChanges => write!(
                f,
                "a scenario is either the proposal (proposal = true) or a list of changes, not both"
            ),
            ProblemKind::Empty => write!(
                f,
                "no changes; give merge, joint, serves_as, drop or keep, or proposal = true"
            ),
            ProblemKind::NoScenarios => {
                write!(f, "no scenarios; add [[scenario]] tables with a name and changes")
            }
        }
    }
}

/// Why a scenario file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ScenarioError {
    /// The file could not be read.
    #[error("could not read scenario file '{path}': {source}")]
    Io {
        /// File.
        path: String,
        /// Cause.
        source: std::io::Error,
    },
    /// Not TOML (the parser's message names the line and column).
    #[error("scenario file '{path}' is not valid TOML: {message}")]
    Parse {
        /// File.
        path: String,
        /// What the TOML parser said.
        message: String,
    },
    /// Every problem found, each located by scenario and key.
    #[error("scenario file '{path}' has {} problem(s):\n{}", problems.len(), problems.iter().map(|p| format!("  - {p}")).collect::<Vec<_>>().join("\n"))]
    Invalid {
        /// File.
        path: String,
        /// The problems, in file order.
        problems: Vec<ScenarioProblem>,
    },
    /// A checked scenario that still could not be evaluated.
    #[error("scenario '{scenario}': {source}")]
    WhatIf {
        /// The scenario.
        scenario: String,
        /// Why.
        source: WhatIfError,
    },
}

impl ScenarioFile {
    /// Reads a scenario file and checks it against the inventory; policy files are read
    /// relative to the scenario file's folder.
    ///
    /// # Errors
    /// [`ScenarioError`]: the file unreadable, not TOML, or with problems (all of them).
    pub fn load(path: &Path, inventory: &Inventory) -> Result<ScenarioFile, ScenarioError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|source| ScenarioError::Io { path: shown.clone(), source })?;
        let folder = path.parent().map(Path::to_path_buf).unwrap_or_default();
        ScenarioFile::from_toml(
            text.strip_prefix('\u{feff}').unwrap_or(&text),
            &shown,
            &folder,
            inventory,
        )
    }

    /// Parses scenario TOML; `path` names the file in messages and `folder` is where
    /// policy files are looked up.
    ///
    /// ```
    /// use kaigi::model::{Inventory, Meeting};
    /// use kaigi::proposal::ScenarioFile;
    /// let inventory = Inventory {
    ///     meetings: vec![Meeting::new("M01", "a"), Meeting::new("M02", "b")],
    ///     agencies: vec![],
    /// };
    /// let text = "[[scenario]]\nname = \"x\"\nmerge = [\"M01\", \"M2\"]\n";
    /// let error = ScenarioFile::from_toml(text, "s.toml", ".".as_ref(), &inventory)
    ///     .unwrap_err()
    ///     .to_string();
    /// assert!(error.contains("scenario 'x', key 'merge': unknown meeting id 'M2'"), "{error}");
    /// ```
    ///
    /// # Errors
    /// As [`ScenarioFile::load`].
    pub fn from_toml(
        text: &str,
        path: &str,
        folder: &Path,
        inventory: &Inventory,
    ) -> Result<ScenarioFile, ScenarioError> {
        let table: toml::Table = toml::from_str(text)
            .map_err(|e| ScenarioError::Parse { path: path.to_string(), message: e.to_string() })?;
        let ids: BTreeSet<&str> = inventory.meetings.iter().map(|m| m.id.as_str()).collect();
        let mut problems = Vec::new();
        let mut scenarios = Vec::new();
        for key in table.keys().filter(|k| k.as_str() != "scenario") {
            problems.push(ScenarioProblem {
                scenario: None,
                key: Some(key.clone()),
                kind: ProblemKind::UnknownKey {
                    closest: closest_key(key, &["scenario"]).or(Some("scenario".into())),
                },
            });
        }
        let entries = match table.get("scenario") {
            Some(toml::Value::Array(entries)) => entries.as_slice(),
            Some(_) => {
                problems.push(ScenarioProblem {
                    scenario: None,
                    key: Some("scenario".into()),
                    kind: ProblemKind::WrongType { expected: "[[scenario]] tables" },
                });
                &[]
            }
            None => &[],
        };
        if entries.is_empty() && problems.is_empty() {
            problems.push(ScenarioProblem {
                scenario: None,
                key: None,
                kind: ProblemKind::NoScenarios,
            });
        }
        let mut names: BTreeMap<String, usize> = BTreeMap::new();
        for (i, entry) in entries.iter().enumerate() {
            let mut checker =
                Checker { label: format!("#{}", i + 1), problems: Vec::new(), ids: &ids };
            let Some(entry) = entry.as_table() else {
                checker.problem(None, ProblemKind::WrongType { expected: "a [[scenario]] table" });
                problems.extend(checker.problems);
                continue;
            };
            let name = match entry.get("name") {
                Some(toml::Value::String(name)) if !name.trim().is_empty() => {
                    checker.label = name.trim().to_string();
                    Some(name.trim().to_string())
                }
                Some(toml::Value::String(_)) | None => {
                    checker.problem(Some("name"), ProblemKind::MissingName);
                    None
                }
                Some(_) => {
                    checker.problem(Some("name"), ProblemKind::WrongType { expected: "a string" });
                    None
                }
            };
            if let Some(name) = &name {
                if let Some(&first) = names.get(name) {
                    checker.problem(Some("name"), ProblemKind::DuplicateName { first });
                } else {
                    names.insert(name.clone(), i + 1);
                }
            }
            for key in entry.keys().filter(|k| !SCENARIO_KEYS.contains(&k.as_str())) {
                checker.problem(
                    Some(key),
                    ProblemKind::UnknownKey { closest: closest_key(key, &SCENARIO_KEYS) },
                );
            }
            let description = match entry.get("description") {
                Some(toml::Value::String(d)) => Some(d.clone()),
                Some(_) => {
                    checker.problem(
                        Some("description"),
                        ProblemKind::WrongType { expected: "a string" },
                    );
                    None
                }
                None => None,
            };
            let proposal = match entry.get("proposal") {
                Some(toml::Value::Boolean(b)) => *b,
                Some(_) => {
                    checker.problem(
                        Some("proposal"),
                        ProblemKind::WrongType { expected: "true or false" },
                    );
                    false
                }
                None => false,
            };
            let mut changes = Vec::new();
            for (key, make) in [
                ("merge", Change::Merge as fn(Vec<String>) -> Change),
                ("joint", Change::Joint),
                ("serves_as", Change::ServesAs),
            ] {
                if let Some(value) = entry.get(key) {
                    changes.extend(checker.groups(key, value).into_iter().map(make));
                }
            }
            for (key, make) in
                [("drop", Change::Drop as fn(String) -> Change), ("keep", Change::Keep)]
            {
                if let Some(value) = entry.get(key) {
                    changes.extend(checker.ids(key, value).into_iter().map(make));
                }
            }
            let has_change_keys = ["merge", "joint", "serves_as", "drop", "keep"]
                .iter()
                .any(|k| entry.contains_key(*k));
            if proposal && has_change_keys {
                checker.problem(Some("proposal"), ProblemKind::ProposalWithChanges);
            } else if !proposal && !has_change_keys {
                checker.problem(None, ProblemKind::Empty);
            }
            let policy = match entry.get("policy") {
                Some(toml::Value::String(file)) => checker.policy(file, folder, inventory),
                Some(_) => {
                    checker.problem(
                        Some("policy"),
                        ProblemKind::WrongType { expected: "a file path" },
                    );
                    None
                }
                None => None,
            };
            if checker.problems.is_empty() {
                scenarios.push(ScenarioSpec {
                    name: name.unwrap_or_default(),
                    description,
                    plan: if proposal { Plan::Proposal } else { Plan::Changes(changes) },
                    policy,
                });
            }
            problems.extend(checker.problems);
        }
        if problems.is_empty() {
            Ok(ScenarioFile { scenarios })
        } else {
            Err(ScenarioError::Invalid { path: path.to_string(), problems })
        }
    }
}

/// Collects the problems of one scenario.
struct Checker<'a> {
    label: String,
    problems: Vec<ScenarioProblem>,
    ids: &'a BTreeSet<&'a str>,
}

impl Checker<'_> {
    fn problem(&mut self, key: Option<&str>, kind: ProblemKind) {
        self.problems.push(ScenarioProblem {
            scenario: Some(self.label.clone()),
            key: key.map(str::to_string),
            kind,
        });
    }

    /// Meeting ids, each checked against the inventory; unknown ones are problems.
    fn known(&mut self, key: &str, ids: Vec<String>) -> Vec<String> {
        for id in &ids {
            if !self.ids.contains(id.as_str()) {
                let closest = closest_ids(id, self.ids.iter().copied());
                self.problem(Some(key), ProblemKind::UnknownMeeting { id: id.clone(), closest });
            }
        }
        ids
    }

    /// A list of ids, or one id alone.
    fn ids(&mut self, key: &str, value: &toml::Value) -> Vec<String> {
        match strings(value) {
            Some(ids) => self.known(key, ids),
            None => {
                self.problem(
                    Some(key),
                    ProblemKind::WrongType { expected: "a list of meeting ids" },
                );
                Vec::new()
            }
        }
    }

    /// A list of groups of ids (`[["M1", "M2"], ["M3", "M4"]]`), or one group alone
    /// (`["M1", "M2"]`).
    fn groups(&mut self, key: &str, value: &toml::Value) -> Vec<Vec<String>> {
        let groups: Option<Vec<Vec<String>>> = match value {
            toml::Value::Array(items) if items.iter().all(toml::Value::is_array) => {
                items.iter().map(strings).collect()
            }
            other => strings(other).map(|group| vec![group]),
        };
        let Some(groups) = groups else {
            self.problem(
                Some(key),
                ProblemKind::WrongType {
                    expected: "groups of meeting ids, e.g. [[\"M23\", \"M24\"]]",
                },
            );
            return Vec::new();
        };
        groups
            .into_iter()
            .map(|group| {
                if group.len() < 2 {
                    self.problem(Some(key), ProblemKind::TooFew { given: group.clone() });
                }
                self.known(key, group)
            })
            .collect()
    }

    /// The policy file, relative to the scenario file, read and checked.
    fn policy(
        &mut self,
        file: &str,
        folder: &Path,
        inventory: &Inventory,
    ) -> Option<(String, Policy)> {
        let path: PathBuf = folder.join(file);
        let shown = path.display().to_string();
        match Policy::from_file(&path).and_then(|p| p.check_ids(inventory, &shown).map(|()| p)) {
            Ok(policy) => Some((file.to_string(), policy)),
            Err(PolicyError::Io { source, .. })
                if source.kind() == std::io::ErrorKind::NotFound =>
            {
                self.problem(Some("policy"), ProblemKind::MissingPolicy { path: shown });
                None
            }
            Err(error) => {
                self.problem(Some("policy"), ProblemKind::BadPolicy { message: error.to_string() });
                None
            }
        }
    }
}

/// A string or a list of strings, trimmed, empty ones left out.
fn strings(value: &toml::Value) -> Option<Vec<String>> {
    match value {
        toml::Value::String(s) => Some(vec![s.trim().to_string()]),
        toml::Value::Array(items) => items
            .iter()
            .map(|v| v.as_str().map(|s| s.trim().to_string()))
            .collect::<Option<Vec<String>>>()
            .map(|v| v.into_iter().filter(|s| !s.is_empty()).collect()),
        _ => None,
    }
}

/// The valid key closest to a misspelt one, if any is reasonably close.
fn closest_key(key: &str, valid: &[&str]) -> Option<String> {
    valid
        .iter()
        .map(|v| (strsim::jaro_winkler(&key.to_lowercase().replace('-', "_"), v), *v))
        .filter(|(score, _)| *score >= 0.7)
        .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(a.1)))
        .map(|(_, v)| v.to_string())
}

/// What kind of scenario a column is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ScenarioKind {
    /// The planner's own changes.
    Changes,
    /// kaigi's proposal.
    Proposal,
}

/// One change as the scenario states it.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ChangeRecord {
    /// `merge`, `joint`, `serves_as`, `drop` or `keep`.
    pub change: String,
    /// The meetings.
    pub meetings: Vec<String>,
}

impl From<&Change> for ChangeRecord {
    fn from(change: &Change) -> Self {
        let (code, meetings) = match change {
            Change::Merge(ids) => ("merge", ids.clone()),
            Change::Joint(ids) => ("joint", ids.clone()),
            Change::ServesAs(ids) => ("serves_as", ids.clone()),
            Change::Drop(id) => ("drop", vec![id.clone()]),
            Change::Keep(id) => ("keep", vec![id.clone()]),
        };
        ChangeRecord { change: code.to_string(), meetings }
    }
}

/// A body of a scenario's structure, for its diagram.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct StructureBody {
    /// The body's id: the proposal's (`B03`), or the meeting's id, or the group's ids
    /// joined with `+`.
    pub id: String,
    /// Its name: the leading meeting's.
    pub name: String,
    /// Its tier.
    pub tier: Tier,
    /// The meetings it holds.
    pub meetings: Vec<String>,
    /// The body it raises issues to, by id.
    pub escalates_to: Option<String>,
}

/// One scenario evaluated.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ScenarioResult {
    /// Its name.
    pub name: String,
    /// Its description.
    pub description: Option<String>,
    /// Changes or the proposal.
    pub kind: ScenarioKind,
    /// The policy file it names (as written), if not the command's.
    pub policy: Option<String>,
    /// Its changes (empty for the proposal).
    pub changes: Vec<ChangeRecord>,
    /// The what-if: figures before and after, links lost and gained, violations (each
    /// with its rule under `violation.constraint`), hours per agency.
    pub result: WhatIf,
    /// The agencies whose hours grow most (at most three, most first).
    pub hours_gained_most: Vec<AgencyHours>,
    /// The agencies whose hours shrink most (at most three, most first).
    pub hours_lost_most: Vec<AgencyHours>,
    /// The structure after the scenario, for its diagram.
    pub structure: Vec<StructureBody>,
}

/// Every scenario of a file, side by side.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ScenarioComparison {
    /// Today's figures (the same for every scenario).
    pub today: Figures,
    /// The scenarios in file order.
    pub scenarios: Vec<ScenarioResult>,
}

/// Evaluates every scenario (in parallel) under its own policy or `policy`.
///
/// # Errors
/// [`ScenarioError::WhatIf`] if a change cannot be evaluated (not after
/// [`ScenarioFile::load`] checked it).
pub fn compare_scenarios(
    inventory: &Inventory,
    policy: &Policy,
    file: &ScenarioFile,
) -> Result<ScenarioComparison, ScenarioError> {
    let scenarios: Vec<ScenarioResult> = file
        .scenarios
        .par_iter()
        .map(|spec| evaluate(inventory, policy, spec))
        .collect::<Result<_, _>>()?;
    let today = match scenarios.first() {
        Some(first) => first.result.before.clone(),
        None => {
            what_if(inventory, policy, &[])
                .map_err(|source| ScenarioError::WhatIf { scenario: String::new(), source })?
                .before
        }
    };
    Ok(ScenarioComparison { today, scenarios })
}

fn evaluate(
    inventory: &Inventory,
    policy: &Policy,
    spec: &ScenarioSpec,
) -> Result<ScenarioResult, ScenarioError> {
    let policy = spec.policy.as_ref().map_or(policy, |(_, p)| p);
    let (kind, changes, result, structure) = match &spec.plan {
        Plan::Changes(changes) => {
            let result = what_if(inventory, policy, changes)
                .map_err(|source| ScenarioError::WhatIf { scenario: spec.name.clone(), source })?;
            let structure = whatif_structure(inventory, policy, changes, &result);
            (
                ScenarioKind::Changes,
                changes.iter().map(ChangeRecord::from).collect(),
                result,
                structure,
            )
        }
        Plan::Proposal => {
            let proposal = propose(inventory, policy);
            let result = proposal_as_whatif(inventory, policy, &proposal);
            let structure = proposal
                .bodies
                .iter()
                .map(|b| StructureBody {
                    id: b.id.clone(),
                    name: b.name.clone(),
                    tier: b.tier,
                    meetings: b.absorbs.iter().map(|a| a.meeting.clone()).collect(),
                    escalates_to: b.escalates_to.clone(),
                })
                .collect();
            (ScenarioKind::Proposal, Vec::new(), result, structure)
        }
    };
    let mut changed: Vec<&AgencyHours> = result.agency_hours.iter().collect();
    changed.sort_by(|x, y| {
        (y.after - y.before).total_cmp(&(x.after - x.before)).then(x.name.cmp(&y.name))
    });
    let hours_gained_most =
        changed.iter().filter(|h| h.after > h.before).take(3).map(|h| (*h).clone()).collect();
    let hours_lost_most =
        changed.iter().rev().filter(|h| h.after < h.before).take(3).map(|h| (*h).clone()).collect();
    Ok(ScenarioResult {
        name: spec.name.clone(),
        description: spec.description.clone(),
        kind,
        policy: spec.policy.as_ref().map(|(file, _)| file.clone()),
        changes,
        result,
        hours_gained_most,
        hours_lost_most,
        structure,
    })
}

/// The bodies after a what-if: each group and each untouched meeting, with the tier of
/// its first meeting (as the proposal does) and the escalation of the first meeting
/// that has one outside its own body.
fn whatif_structure(
    inventory: &Inventory,
    policy: &Policy,
    changes: &[Change],
    result: &WhatIf,
) -> Vec<StructureBody> {
    let mut policy = policy.clone();
    policy.keep.extend(changes.iter().filter_map(|c| match c {
        Change::Keep(id) => Some(id.clone()),
        _ => None,
    }));
    let prepared = Prepared::new(inventory, &policy);
    let dropped: BTreeSet<&str> = result.dropped.iter().map(String::as_str).collect();
    let grouped: BTreeMap<&str, usize> = result
        .groups
        .iter()
        .enumerate()
        .flat_map(|(g, group)| group.meetings.iter().map(move |m| (m.as_str(), g)))
        .collect();
    // One body per group (at its first meeting's place) or untouched meeting, in
    // inventory order.
    let mut members: Vec<Vec<usize>> = Vec::new();
    let mut body_of: BTreeMap<usize, usize> = BTreeMap::new();
    let mut group_body: BTreeMap<usize, usize> = BTreeMap::new();
    for (i, item) in prepared.items.iter().enumerate() {
        if dropped.contains(item.id.as_str()) {
            continue;
        }
        let body = match grouped.get(item.id.as_str()) {
            Some(&g) => *group_body.entry(g).or_insert_with(|| {
                members.push(Vec::new());
                members.len() - 1
            }),
            None => {
                members.push(Vec::new());
                members.len() - 1
            }
        };
        members[body].push(i);
        body_of.insert(i, body);
    }
    let targets = meeting_targets(&prepared);
    let ids: Vec<String> = members
        .iter()
        .map(|m| m.iter().map(|&i| prepared.items[i].id.as_str()).collect::<Vec<_>>().join("+"))
        .collect();
    members
        .iter()
        .enumerate()
        .map(|(b, m)| {
            let first = &prepared.items[m[0]];
            let escalates_to = m
                .iter()
                .filter_map(|&i| targets[i].and_then(|t| body_of.get(&t.meeting).copied()))
                .find(|&t| t != b)
                .map(|t| ids[t].clone());
            StructureBody {
                id: ids[b].clone(),
                name: first.name.clone(),
                tier: first.profile.tier.value,
                meetings: m.iter().map(|&i| prepared.items[i].id.clone()).collect(),
                escalates_to,
            }
        })
        .collect()
}

/// The proposal as a what-if, so it sits in the same columns: its own figures and hours
/// (the figures `kaigi propose` prints), every agency or field link lost or gained
/// (including any the policy allows to lose), and no violation (the search never breaks
/// a rule of its policy).
fn proposal_as_whatif(inventory: &Inventory, policy: &Policy, proposal: &Proposal) -> WhatIf {
    let prepared = Prepared::new(inventory, policy);
    let index: BTreeMap<&str, usize> =
        prepared.agencies.iter().enumerate().map(|(i, a)| (a.name.as_str(), i)).collect();
    let before_sets: Vec<BTreeSet<usize>> =
        prepared.items.iter().map(|i| i.participants.iter().map(|&(a, _)| a).collect()).collect();
    let after_sets: Vec<BTreeSet<usize>> = proposal
        .bodies
        .iter()
        .map(|b| {
            b.core_members
                .iter()
                .chain(&b.per_item_members)
                .filter_map(|m| index.get(m.name.as_str()).copied())
                .collect()
        })
        .collect();
    let (before_links, before_fields) = crate::proposal::assemble::links(&prepared, &before_sets);
    let (after_links, after_fields) = crate::proposal::assemble::links(&prepared, &after_sets);
    let name = |a: usize| prepared.agencies[a].name.clone();
    let change = |(a, b): (usize, usize), carriers: Vec<String>| {
        let mut agencies = [name(a), name(b)];
        agencies.sort();
        LinkChange { agencies, meetings: carriers }
    };
    let links_lost = before_links
        .difference(&after_links)
        .map(|&(a, b)| {
            let carriers = before_sets
                .iter()
                .enumerate()
                .filter(|(_, s)| s.contains(&a) && s.contains(&b))
                .map(|(k, _)| prepared.items[k].id.clone())
                .collect();
            change((a, b), carriers)
        })
        .collect();
    let links_gained = after_links
        .difference(&before_links)
        .map(|&(a, b)| {
            let carriers = after_sets
                .iter()
                .zip(&proposal.bodies)
                .filter(|(s, _)| s.contains(&a) && s.contains(&b))
                .flat_map(|(_, body)| body.absorbs.iter().map(|x| x.meeting.clone()))
                .collect();
            change((a, b), carriers)
        })
        .collect();
    let groups = proposal
        .bodies
        .iter()
        .filter(|b| b.absorbs.len() > 1 || b.absorbs.iter().any(|a| a.how == How::Split))
        .map(|b| {
            let holding = if b.absorbs.iter().any(|a| a.how == How::Split) {
                Holding::Split
            } else if b.absorbs.iter().any(|a| a.how == How::ServesAs) {
                Holding::ServesAs
            } else if b.absorbs.iter().any(|a| a.how == How::Joint) {
                Holding::Joint
            } else {
                Holding::Merged
            };
            let people: f64 =
                b.core_members.iter().chain(&b.per_item_members).map(|m| f64::from(m.count)).sum();
            Group {
                meetings: b.absorbs.iter().map(|a| a.meeting.clone()).collect(),
                holding,
                annual_person_hours: b.annual_person_hours,
                annual_person_hours_full_attendance: people
                    * b.sessions_per_year
                    * b.minutes_per_session
                    / 60.0,
            }
        })
        .collect();
    let pairs = |set: BTreeSet<&(String, String)>| -> Vec<[String; 2]> {
        set.into_iter().map(|(s, t)| [s.clone(), t.clone()]).collect()
    };
    WhatIf {
        before: proposal.before.clone(),
        after: proposal.after.clone(),
        groups,
        dropped: Vec::new(),
        links_lost,
        links_gained,
        field_links_lost: pairs(before_fields.difference(&after_fields).collect()),
        field_links_gained: pairs(after_fields.difference(&before_fields).collect()),
        violations: Vec::new(),
        agency_hours: proposal
            .agency_hours
            .iter()
            .filter(|h| (h.before - h.after).abs() > 1e-9)
            .cloned()
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Meeting;

    fn inventory() -> Inventory {
        Inventory {
            meetings: vec![
                Meeting::new("M01", "a"),
                Meeting::new("M02", "b"),
                Meeting::new("M03", "c"),
            ],
            agencies: vec![],
        }
    }

    fn problems(text: &str) -> Vec<ScenarioProblem> {
        match ScenarioFile::from_toml(text, "s.toml", Path::new("."), &inventory()) {
            Err(ScenarioError::Invalid { problems, .. }) => problems,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn reads_changes_groups_written_alone_and_proposals() {
        let text = r#"
            [[scenario]]
            name = "a"
            merge = ["M01", "M02"]
            joint = [["M02", "M03"]]
            drop = "M03"
            [[scenario]]
            name = "b"
            proposal = true
        "#;
        let file = ScenarioFile::from_toml(text, "s.toml", Path::new("."), &inventory()).unwrap();
        assert_eq!(
            file.scenarios[0].plan,
            Plan::Changes(vec![
                Change::Merge(vec!["M01".into(), "M02".into()]),
                Change::Joint(vec!["M02".into(), "M03".into()]),
                Change::Drop("M03".into()),
            ])
        );
        assert_eq!(file.scenarios[1].plan, Plan::Proposal);
    }

    #[test]
    fn reports_every_problem_located_by_scenario_and_key() {
        let found = problems(
            r#"
            [[scenario]]
            name = "a"
            mrege = [["M01", "M02"]]
            [[scenario]]
            name = "a"
            merge = [["M01", "M9"]]
            [[scenario]]
            proposal = true
            drop = ["M01"]
            policy = "nowhere.toml"
        "#,
        );
        let lines: Vec<String> = found.iter().map(ToString::to_string).collect();
        assert_eq!(
            lines,
            [
                "scenario 'a', key 'mrege': unknown key (did you mean 'merge'?)",
                "scenario 'a': no changes; give merge, joint, serves_as, drop or keep, or proposal = true",
                "scenario 'a', key 'name': the same name as scenario #1; names must be unique",
                "scenario 'a', key 'merge': unknown meeting id 'M9'; closest ids: M01, M02, M03",
                "scenario '#3', key 'name': every scenario needs a name = \"…\"",
                "scenario '#3', key 'proposal': a scenario is either the proposal (proposal = true) or a list of changes, not both",
                "scenario '#3', key 'policy': policy file './nowhere.toml' does not exist (paths are relative to the scenario file)",
            ]
        );
    }

    #[test]
    fn a_file_without_scenarios_or_with_a_stray_key_is_refused() {
        assert_eq!(problems("")[0].kind, ProblemKind::NoScenarios);
        let found = problems("scenarios = 1");
        assert_eq!(found[0].key.as_deref(), Some("scenarios"));
        assert_eq!(found[0].kind, ProblemKind::UnknownKey { closest: Some("scenario".into()) });
    }

    #[test]
    fn a_group_of_one_is_refused() {
        let found = problems("[[scenario]]\nname = \"x\"\njoint = [[\"M01\"]]\n");
        assert_eq!(found[0].kind, ProblemKind::TooFew { given: vec!["M01".into()] });
    }
}
