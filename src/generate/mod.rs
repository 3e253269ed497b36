//! Synthetic inventories with known answers: a realistic city's meetings and agencies,
//! with planted groups of near-duplicate meetings and a ground truth naming them.
//!
//! Used to test and benchmark the overlap analysis at any size; the same seed always
//! gives the same bytes (ChaCha8, seeded; no hash-map iteration order involved).
//!
//! ```
//! use kaigi::generate::{GenerateParams, generate};
//! let city = generate(&GenerateParams { meetings: 40, agencies: 80, seed: 7 })?;
//! let (inventory, problems) = city.load();
//! assert_eq!(inventory.meetings.len(), 40);
//! assert!(problems.iter().all(|p| p.severity != kaigi::input::Severity::Error));
//! assert!(!city.ground_truth.groups.is_empty());
//! # Ok::<(), kaigi::generate::GenerateError>(())
//! ```

mod catalogue;
mod region;

pub use region::{
    MAX_MUNICIPALITIES, MIN_MEETINGS_PER_MUNICIPALITY, RegionParams, generate_region,
};

use crate::input::{Diagnostic, LoadOptions, read_agencies, read_csv_bytes, read_meetings};
use crate::model::Inventory;
use catalogue::{Cadence, MeetingType};
use rand::seq::{IndexedRandom, SliceRandom};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// Fewest agencies a generated city may have: every fixed agency plus a few per sector.
pub const MIN_AGENCIES: usize = 50;
/// Most agencies: the name parts give about 10,000 distinct names; half keeps the
/// draw fast.
pub const MAX_AGENCIES: usize = 5_000;
/// Most meetings.
pub const MAX_MEETINGS: usize = 200_000;

/// Size and seed of a synthetic inventory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct GenerateParams {
    /// Meetings to write (planted duplicates included).
    pub meetings: usize,
    /// Agencies in the registry.
    pub agencies: usize,
    /// Seed of the random generator.
    pub seed: u64,
}

/// Parameters out of range.
#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    /// Meetings out of range.
    #[error("--meetings must be between 1 and {MAX_MEETINGS} (got {0})")]
    Meetings(usize),
    /// Agencies out of range.
    #[error("--agencies must be between {MIN_AGENCIES} and {MAX_AGENCIES} (got {0})")]
    Agencies(usize),
    /// Municipalities out of range.
    #[error("--municipalities must be between 1 and {MAX_MUNICIPALITIES} (got {0})")]
    Municipalities(usize),
    /// Too few or too many meetings for the municipalities.
    #[error(
        "--meetings must be between {MIN_MEETINGS_PER_MUNICIPALITY} per municipality ({}) and {MAX_MEETINGS} (got {meetings})",
        municipalities * MIN_MEETINGS_PER_MUNICIPALITY
    )]
    RegionMeetings {
        /// Meetings asked for.
        meetings: usize,
        /// Municipalities asked for.
        municipalities: usize,
    },
}

impl GenerateParams {
    /// Checks the sizes.
    pub fn check(&self) -> Result<(), GenerateError> {
        if self.meetings == 0 || self.meetings > MAX_MEETINGS {
            return Err(GenerateError::Meetings(self.meetings));
        }
        if !(MIN_AGENCIES..=MAX_AGENCIES).contains(&self.agencies) {
            return Err(GenerateError::Agencies(self.agencies));
        }
        Ok(())
    }
}

/// The planted answer: which meetings are near-duplicates of each other.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroundTruth {
    /// The generator's parameters (for a region: the meetings and agencies written).
    pub params: GenerateParams,
    /// Municipalities, when the inventory spans several ([`generate_region`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub municipalities: Option<usize>,
    /// Groups of meeting ids planted as near-duplicates, each sorted, ordered by first id.
    pub groups: Vec<Vec<String>>,
    /// What the file means.
    pub note: &'static str,
}

impl GroundTruth {
    /// One label per meeting id, for [`crate::overlap::adjusted_rand_index`]: meetings
    /// of one planted group share a label, every other meeting has its own.
    ///
    /// ```
    /// use kaigi::generate::{GenerateParams, GroundTruth};
    /// let truth = GroundTruth {
    ///     params: GenerateParams { meetings: 3, agencies: 50, seed: 0 },
    ///     municipalities: None,
    ///     groups: vec![vec!["M1".into(), "M3".into()]],
    ///     note: "",
    /// };
    /// let ids = ["M1".to_string(), "M2".to_string(), "M3".to_string()];
    /// let labels = truth.labels(&ids);
    /// assert_eq!(labels[0], labels[2]);
    /// assert_ne!(labels[0], labels[1]);
    /// ```
    pub fn labels(&self, ids: &[String]) -> Vec<usize> {
        let mut group_of: BTreeMap<&str, usize> = BTreeMap::new();
        for (g, group) in self.groups.iter().enumerate() {
            for id in group {
                group_of.insert(id, g);
            }
        }
        let singletons = self.groups.len();
        ids.iter()
            .enumerate()
            .map(|(i, id)| group_of.get(id.as_str()).copied().unwrap_or(singletons + i))
            .collect()
    }

    /// The ground truth as pretty JSON with a final newline.
    pub fn to_json(&self) -> Vec<u8> {
        let mut bytes = serde_json::to_vec_pretty(self).unwrap_or_default();
        bytes.push(b'\n');
        bytes
    }
}

/// A generated inventory: the two CSV files as bytes, and the answer.
#[derive(Debug, Clone)]
pub struct Generated {
    /// `meetings.csv` (UTF-8, Japanese headers).
    pub meetings_csv: Vec<u8>,
    /// `agencies.csv` (UTF-8, Japanese headers).
    pub agencies_csv: Vec<u8>,
    /// The planted near-duplicate groups.
    pub ground_truth: GroundTruth,
}

impl Generated {
    /// The files to write, by name.
    pub fn files(&self) -> [(&'static str, Vec<u8>); 3] {
        [
            ("meetings.csv", self.meetings_csv.clone()),
            ("agencies.csv", self.agencies_csv.clone()),
            ("ground_truth.json", self.ground_truth.to_json()),
        ]
    }

    /// Reads the generated files through the normal loader, as `kaigi` would read them
    /// from disk.
    pub fn load(&self) -> (Inventory, Vec<Diagnostic>) {
        let options = LoadOptions::default();
        let mut problems = Vec::new();
        let agencies_table =
            read_csv_bytes(&self.agencies_csv, "agencies.csv", &options, &mut problems);
        let agencies = read_agencies(&agencies_table, &mut problems);
        let meetings_table =
            read_csv_bytes(&self.meetings_csv, "meetings.csv", &options, &mut problems);
        let inventory = read_meetings(&meetings_table, agencies, &options, &mut problems);
        (inventory, problems)
    }
}

/// An agency of the generated registry.
#[derive(Debug, Clone)]
struct Agency {
    name: String,
    aliases: Vec<String>,
    sector: &'static str,
    kind: &'static str,
    confidentiality: &'static str,
    area: Option<String>,
    department: bool,
}

/// A meeting before it is written.
#[derive(Debug, Clone)]
struct Draft {
    name: String,
    host: usize,
    /// (agency index, head-count)
    participants: Vec<(usize, u32)>,
    topics: Vec<String>,
    frequency: String,
    duration: String,
    functions: Vec<&'static str>,
    legal_basis: Option<&'static str>,
    statutory: bool,
    case: bool,
    area: Option<String>,
    body: Option<(String, &'static str)>,
    sectors: Vec<&'static str>,
}

/// Builds a synthetic inventory.
///
/// About 4% of meetings are the seeds of planted groups of 2–4 near-duplicates (sharing
/// most participants and topics, with agencies dropped or added, a head-count, a
/// topic's spelling, the frequency, duration, host or functions changed); the rest are
/// independent: mostly one field's meetings, some cross-field, statutory ones with
/// their legal basis, tiers of statutory bodies, ad hoc case meetings, area meetings.
pub fn generate(params: &GenerateParams) -> Result<Generated, GenerateError> {
    params.check()?;
    let mut rng = ChaCha8Rng::seed_from_u64(params.seed);
    let City { agencies, mut drafts } =
        draft_city(&mut rng, params.meetings, params.agencies, Style::City);
    let (ids, planted) = ids_and_planted(&drafts, params.meetings.to_string().len().max(2));
    unique_names(&mut rng, &mut drafts);
    let meetings_csv = write_meetings(&mut rng, &ids, &drafts, &agencies);
    let agencies_csv = write_agencies(&agencies);
    Ok(Generated {
        meetings_csv,
        agencies_csv,
        ground_truth: GroundTruth {
            params: *params,
            municipalities: None,
            groups: planted,
            note: "groups of meeting ids planted as near-duplicates; every other meeting is a singleton",
        },
    })
}

/// How meeting sizes are drawn: the catalogue's ranges (the original generator, kept
/// byte for byte), or with the spread of real municipal inventories (a few plenary
/// bodies of 16–25 agencies, some case meetings of three).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    City,
    Region,
}

/// One city's agencies and meeting drafts, each draft with its planted group (if any).
/// Meeting ids `M01`… (at least `width` digits) for the drafts, and the planted groups
/// of near-duplicates as lists of ids (groups of two or more, sorted).
fn ids_and_planted(
    drafts: &[(Draft, Option<usize>)],
    width: usize,
) -> (Vec<String>, Vec<Vec<String>>) {
    let ids: Vec<String> = (1..=drafts.len()).map(|i| format!("M{i:0width$}")).collect();
    let mut members: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for ((_, group), id) in drafts.iter().zip(&ids) {
        if let Some(group) = group {
            members.entry(*group).or_default().push(id.clone());
        }
    }
    let mut planted: Vec<Vec<String>> = members.into_values().filter(|g| g.len() >= 2).collect();
    planted.sort();
    (ids, planted)
}

struct City {
    agencies: Vec<Agency>,
    drafts: Vec<(Draft, Option<usize>)>,
}

/// Drafts one city: areas, agencies, independent meetings and planted near-duplicates,
/// shuffled.
fn draft_city(rng: &mut ChaCha8Rng, meetings: usize, agency_count: usize, style: Style) -> City {
    let areas = pick_areas(rng, agency_count, meetings);
    let agencies = make_agencies(rng, agency_count, &areas);
    let by_sector = index_by_sector(&agencies);
    let (groups, independent) = plan_groups(rng, meetings);
    let mut drafts: Vec<(Draft, Option<usize>)> = Vec::with_capacity(meetings);
    let mut used = BTreeMap::new();
    for _ in 0..independent {
        drafts.push((draft_meeting(rng, &agencies, &by_sector, &areas, &mut used, style), None));
    }
    // Seeds of planted groups: independent meetings that are not tiers of a body (tiers
    // are expected overlaps, never clustered) and large enough to survive perturbation.
    let mut eligible: Vec<usize> = (0..drafts.len())
        .filter(|&i| drafts[i].0.body.is_none() && drafts[i].0.participants.len() >= 5)
        .collect();
    eligible.shuffle(rng);
    for (group, &size) in groups.iter().enumerate() {
        let Some(seed) = eligible.pop() else { break };
        drafts[seed].1 = Some(group);
        for _ in 1..size {
            let copy = perturb(rng, &drafts[seed].0, &agencies, &by_sector);
            drafts.push((copy, Some(group)));
        }
    }
    // Fill up if too few meetings were eligible as seeds, so the count is exact.
    while drafts.len() < meetings {
        drafts.push((draft_meeting(rng, &agencies, &by_sector, &areas, &mut used, style), None));
    }
    drafts.truncate(meetings);
    drafts.shuffle(rng);
    City { agencies, drafts }
}

/// Areas (圏域): at least three; larger inventories cover more of them (a wide-area
/// union, or a city with many daily-life areas), so that meetings of one kind repeat
/// across areas rather than within one.
fn pick_areas(rng: &mut ChaCha8Rng, agencies: usize, meetings: usize) -> Vec<String> {
    let count = (meetings / 15).min(agencies / 8).max(3);
    let mut areas: Vec<String> =
        catalogue::AREAS.iter().take(count).map(|a| a.to_string()).collect();
    let mut attempts = 0;
    while areas.len() < count && attempts < count * 50 {
        attempts += 1;
        let name = format!(
            "{}{}圏域",
            pick(rng, catalogue::PLACE_HEADS),
            pick(rng, catalogue::PLACE_TAILS)
        );
        if !areas.contains(&name) {
            areas.push(name);
        }
    }
    areas
}

fn make_agencies(rng: &mut ChaCha8Rng, count: usize, areas: &[String]) -> Vec<Agency> {
    let mut agencies: Vec<Agency> = catalogue::FIXED
        .iter()
        .map(|f| Agency {
            name: f.name.to_string(),
            aliases: f.aliases.iter().map(|a| a.to_string()).collect(),
            sector: f.sector,
            kind: f.kind,
            confidentiality: f.confidentiality,
            area: None,
            department: f.department,
        })
        .collect();
    for area in areas {
        for template in catalogue::PER_AREA {
            agencies.push(Agency {
                name: template.name.replace("{area}", area),
                aliases: vec![template.alias.replace("{area}", area)],
                sector: template.sector,
                kind: template.kind,
                confidentiality: template.confidentiality,
                area: Some(area.clone()),
                department: false,
            });
        }
    }
    let mut used: BTreeSet<String> = agencies
        .iter()
        .flat_map(|a| std::iter::once(a.name.clone()).chain(a.aliases.iter().cloned()))
        .collect();
    // Place agencies cycle through the templates so every sector grows together.
    let mut template = 0;
    let mut attempts = 0;
    while agencies.len() < count && attempts < count * 50 {
        attempts += 1;
        let t = &catalogue::PER_PLACE[template % catalogue::PER_PLACE.len()];
        let place =
            format!("{}{}", pick(rng, catalogue::PLACE_HEADS), pick(rng, catalogue::PLACE_TAILS));
        let name = t.name.replace("{place}", &place);
        if used.contains(&name) {
            continue;
        }
        template += 1;
        used.insert(name.clone());
        agencies.push(Agency {
            name,
            aliases: Vec::new(),
            sector: t.sector,
            kind: t.kind,
            confidentiality: t.confidentiality,
            // Half the place agencies serve one area; the rest the whole city.
            area: rng.random_bool(0.5).then(|| pick(rng, areas).clone()),
            department: false,
        });
    }
    agencies.truncate(count);
    agencies
}

fn pick<'a, T>(rng: &mut ChaCha8Rng, items: &'a [T]) -> &'a T {
    // Every list passed here is a non-empty constant or the area list (≥ 3 areas).
    items.choose(rng).expect("non-empty list")
}

fn index_by_sector(agencies: &[Agency]) -> BTreeMap<&'static str, Vec<usize>> {
    let mut by_sector: BTreeMap<&'static str, Vec<usize>> = BTreeMap::new();
    for (i, agency) in agencies.iter().enumerate() {
        by_sector.entry(agency.sector).or_default().push(i);
    }
    by_sector
}

/// Sizes of planted groups and the number of independent meetings.
fn plan_groups(rng: &mut ChaCha8Rng, meetings: usize) -> (Vec<usize>, usize) {
    let wanted = ((meetings as f64) * 0.04).round().max(1.0) as usize;
    let mut groups = Vec::new();
    let mut extra = 0;
    for _ in 0..wanted {
        let size = match rng.random_range(0..10u32) {
            0..=5 => 2,
            6..=8 => 3,
            _ => 4,
        };
        // Keep at least half the meetings independent.
        if 2 * (extra + size) > meetings {
            break;
        }
        extra += size - 1;
        groups.push(size);
    }
    (groups, meetings - extra)
}

fn weighted_sector(rng: &mut ChaCha8Rng) -> &'static str {
    let total: u32 = catalogue::SECTORS.iter().map(|(_, w)| w).sum();
    let mut roll = rng.random_range(0..total);
    for (sector, weight) in catalogue::SECTORS {
        if roll < *weight {
            return sector;
        }
        roll -= weight;
    }
    catalogue::SECTORS[0].0
}

fn draft_meeting(
    rng: &mut ChaCha8Rng,
    agencies: &[Agency],
    by_sector: &BTreeMap<&'static str, Vec<usize>>,
    areas: &[String],
    used: &mut BTreeMap<String, u32>,
    style: Style,
) -> Draft {
    let sector = weighted_sector(rng);
    let mut candidates: Vec<&MeetingType> =
        catalogue::TYPES.iter().filter(|t| t.sectors.contains(&sector)).collect();
    if candidates.is_empty() {
        candidates = catalogue::TYPES.iter().collect();
    }
    // The least used kind: a city runs each kind of meeting once (or once per area)
    // before it runs a second of the same kind.
    let uses = |used: &BTreeMap<String, u32>, key: &str| used.get(key).copied().unwrap_or(0);
    let fewest = candidates.iter().map(|t| uses(used, t.name)).min().unwrap_or(0);
    candidates.retain(|t| uses(used, t.name) == fewest);
    let kind: &MeetingType = pick::<&MeetingType>(rng, &candidates);
    let count = used.entry(kind.name.to_string()).or_insert(0);
    *count += 1;
    // A second meeting of a city-wide kind is another area's own; each kind goes to the
    // area that has fewest of it.
    let scoped = kind.name.contains("{area}") || *count > 1;
    let area = scoped.then(|| {
        let key = |area: &String| format!("{}\u{1f}{area}", kind.name);
        let fewest = areas.iter().map(|a| uses(used, &key(a))).min().unwrap_or(0);
        let open: Vec<&String> = areas.iter().filter(|a| uses(used, &key(a)) == fewest).collect();
        let area = (*pick(rng, &open)).clone();
        *used.entry(key(&area)).or_insert(0) += 1;
        area
    });
    let name = match &area {
        Some(area) if kind.name.contains("{area}") => kind.name.replace("{area}", area),
        Some(area) => format!("{}（{area}）", kind.name),
        None => kind.name.to_string(),
    };
    let sectors: Vec<&'static str> = kind.sectors.to_vec();
    let host = department_of(agencies, sectors[0]);
    let size = rng.random_range(kind.size.0..=kind.size.1) as usize;
    let (size, pool_sectors) = match style {
        Style::City => (size, sectors.clone()),
        Style::Region => region_size(rng, kind, size, &sectors),
    };
    let mut participants = draw_participants(
        rng,
        agencies,
        by_sector,
        &pool_sectors,
        host,
        size,
        kind.case,
        area.as_deref(),
    );
    let mut topics: Vec<String> = kind.topics.sample(rng, 1).map(|t| t.to_string()).collect();
    let extra = rng.random_range(1..=2u32) as usize;
    for sector in sectors.iter().take(2) {
        if let Some((_, pool)) = catalogue::SECTOR_TOPICS.iter().find(|(s, _)| s == sector) {
            for topic in pool.sample(rng, extra) {
                if !topics.iter().any(|t| t == topic) {
                    topics.push(topic.to_string());
                }
            }
        }
    }
    topics.truncate(3);
    // Most meetings also have a subject of their own (a district's cases, a project),
    // which is what makes two meetings of the same kind differ in an inventory.
    if rng.random_bool(0.7) {
        let place =
            format!("{}{}", pick(rng, catalogue::PLACE_HEADS), pick(rng, catalogue::PLACE_TAILS));
        topics.push(format!("{place}地区の{}", pick(rng, catalogue::LOCAL_SUBJECTS)));
    }
    let mut functions = kind.functions.to_vec();
    if rng.random_bool(0.3) {
        let extra = *pick(rng, catalogue::FUNCTIONS);
        if !functions.contains(&extra) {
            functions.push(extra);
        }
    } else if functions.len() > 1 && rng.random_bool(0.25) {
        functions.remove(rng.random_range(0..functions.len() as u32) as usize);
    }
    let host = if rng.random_bool(0.25) {
        let departments: Vec<usize> = (0..agencies.len())
            .filter(|&i| agencies[i].department && sectors.contains(&agencies[i].sector))
            .collect();
        departments.choose(rng).copied().unwrap_or(host)
    } else {
        host
    };
    if !participants.iter().any(|&(a, _)| a == host) {
        participants.push((host, 1));
    }
    // An area's own tier belongs to that area's body, not the city's.
    let body = kind.body.map(|(body, tier)| match &area {
        Some(area) => (format!("{body}（{area}）"), tier),
        None => (body.to_string(), tier),
    });
    Draft {
        name,
        host,
        participants,
        topics,
        frequency: frequency(rng, kind.cadence),
        duration: pick(rng, catalogue::DURATIONS).to_string(),
        functions,
        legal_basis: kind.legal_basis,
        statutory: kind.legal_basis.is_some(),
        case: kind.case,
        body,
        area,
        sectors,
    }
}

/// Sizes as real inventories have them: about a third of the policy-level bodies that
/// already seat a dozen are plenaries of 16–25 agencies drawn from every field; one case
/// meeting in seven is a small one of three.
fn region_size(
    rng: &mut ChaCha8Rng,
    kind: &MeetingType,
    size: usize,
    sectors: &[&'static str],
) -> (usize, Vec<&'static str>) {
    if matches!(kind.cadence, Cadence::Policy) && kind.size.1 >= 12 && rng.random_bool(0.35) {
        let every: Vec<&'static str> = catalogue::SECTORS.iter().map(|(s, _)| *s).collect();
        return (rng.random_range(16..=25usize), every);
    }
    if kind.case && rng.random_bool(0.15) {
        return (3, sectors.to_vec());
    }
    (size, sectors.to_vec())
}

fn department_of(agencies: &[Agency], sector: &str) -> usize {
    agencies
        .iter()
        .position(|a| a.department && a.sector == sector)
        .or_else(|| agencies.iter().position(|a| a.department && a.sector == "地域"))
        .unwrap_or(0)
}

#[allow(clippy::too_many_arguments)]
fn draw_participants(
    rng: &mut ChaCha8Rng,
    agencies: &[Agency],
    by_sector: &BTreeMap<&'static str, Vec<usize>>,
    sectors: &[&'static str],
    host: usize,
    size: usize,
    case: bool,
    area: Option<&str>,
) -> Vec<(usize, u32)> {
    // Case meetings only seat agencies bound by confidentiality; area meetings only
    // agencies serving that area or the whole city.
    let fits = |i: usize| {
        let a = &agencies[i];
        (!case || a.confidentiality != "なし")
            && match (area, &a.area) {
                (Some(wanted), Some(theirs)) => wanted == theirs,
                // City-wide meetings may seat area agencies (an area centre attends
                // city-wide networks); area meetings seat city-wide agencies.
                _ => true,
            }
    };
    let mut pool: Vec<usize> = sectors
        .iter()
        .flat_map(|s| by_sector.get(s).into_iter().flatten().copied())
        .filter(|&i| i != host && fits(i))
        .collect();
    pool.sort_unstable();
    pool.dedup();
    let mut chosen: Vec<usize> = vec![host];
    // The social welfare council sits in many meetings, as in every city.
    if let Some(council) = agencies.iter().position(|a| a.name == "社会福祉協議会")
        && council != host
        && rng.random_bool(0.4)
    {
        chosen.push(council);
    }
    if let Some(area) = area
        && let Some(centre) = agencies.iter().position(|a| a.area.as_deref() == Some(area))
        && !chosen.contains(&centre)
        && fits(centre)
    {
        chosen.push(centre);
    }
    pool.retain(|i| !chosen.contains(i));
    let wanted = size.saturating_sub(chosen.len());
    chosen.extend(pool.sample(rng, wanted).copied());
    chosen
        .into_iter()
        .map(|i| {
            let count = match rng.random_range(0..100u32) {
                0..=84 => 1,
                85..=96 => 2,
                _ => 3,
            };
            (i, count)
        })
        .collect()
}

fn frequency(rng: &mut ChaCha8Rng, cadence: Cadence) -> String {
    let (spelling, sessions) = *pick(rng, catalogue::frequencies(cadence));
    match sessions {
        Some(0) => spelling.replace("{n}", &rng.random_range(4..=24u32).to_string()),
        _ => spelling.to_string(),
    }
}

/// A near-duplicate of `base`: most participants and topics kept, small changes.
fn perturb(
    rng: &mut ChaCha8Rng,
    base: &Draft,
    agencies: &[Agency],
    by_sector: &BTreeMap<&'static str, Vec<usize>>,
) -> Draft {
    let mut copy = base.clone();
    // Another name from the same field, as when two bodies grew up separately.
    let alternatives: Vec<&MeetingType> = catalogue::TYPES
        .iter()
        .filter(|t| {
            t.sectors.iter().any(|s| base.sectors.contains(s))
                && t.body.is_none()
                && t.case == base.case
        })
        .collect();
    if let Some(other) = alternatives.choose(rng) {
        let area = base.area.clone().unwrap_or_default();
        copy.name = other.name.replace("{area}", &area);
    }
    copy.body = None;
    let drops = rng.random_range(0..=2u32) as usize;
    for _ in 0..drops {
        if copy.participants.len() > 4 {
            let at = rng.random_range(1..copy.participants.len() as u32) as usize;
            copy.participants.remove(at);
        }
    }
    let adds = rng.random_range(0..=2u32) as usize;
    let pool: Vec<usize> = base
        .sectors
        .iter()
        .flat_map(|s| by_sector.get(s).into_iter().flatten().copied())
        .filter(|&i| !base.case || agencies[i].confidentiality != "なし")
        .collect();
    for _ in 0..adds {
        if let Some(&agency) = pool.choose(rng)
            && !copy.participants.iter().any(|(a, _)| *a == agency)
        {
            copy.participants.push((agency, 1));
        }
    }
    if rng.random_bool(0.3) && !copy.participants.is_empty() {
        let at = rng.random_range(0..copy.participants.len() as u32) as usize;
        copy.participants[at].1 = copy.participants[at].1 % 3 + 1;
    }
    copy.participants.shuffle(rng);
    if rng.random_bool(0.6) {
        respell_one_topic(rng, &mut copy.topics);
    }
    if rng.random_bool(0.3)
        && copy.topics.len() > 2
        && let Some((_, pool)) =
            catalogue::SECTOR_TOPICS.iter().find(|(s, _)| *s == base.sectors[0])
        && let Some(topic) = pool.choose(rng)
        && !copy.topics.iter().any(|t| t == topic)
    {
        let at = rng.random_range(0..copy.topics.len() as u32) as usize;
        copy.topics[at] = topic.to_string();
    }
    if rng.random_bool(0.5) {
        copy.frequency = frequency(rng, if base.case { Cadence::Case } else { Cadence::Network });
    }
    if rng.random_bool(0.5) {
        copy.duration = pick(rng, catalogue::DURATIONS).to_string();
    }
    if rng.random_bool(0.25) {
        let departments: Vec<usize> = (0..agencies.len())
            .filter(|&i| agencies[i].department && base.sectors.contains(&agencies[i].sector))
            .collect();
        if let Some(&host) = departments.choose(rng) {
            copy.host = host;
        }
    }
    if rng.random_bool(0.3) {
        if copy.functions.len() > 1 {
            copy.functions.pop();
        } else {
            copy.functions.push("情報共有");
        }
    }
    if rng.random_bool(0.3) {
        copy.statutory = false;
        copy.legal_basis = None;
    }
    copy
}

fn respell_one_topic(rng: &mut ChaCha8Rng, topics: &mut [String]) {
    let mut order: Vec<usize> = (0..topics.len()).collect();
    order.shuffle(rng);
    for i in order {
        for (from, to) in catalogue::SPELLING_VARIANTS {
            if topics[i].contains(from) {
                topics[i] = topics[i].replacen(from, to, 1);
                return;
            }
        }
    }
    // No known variant: a typist's full-width space inside the phrase, which NFKC and
    // the comparison key remove.
    if let Some(topic) = topics.first_mut() {
        let mut chars: Vec<char> = topic.chars().collect();
        let at = chars.len() / 2;
        chars.insert(at, '\u{3000}');
        *topic = chars.into_iter().collect();
    }
}

/// Repeated names get a place-free ordinal, as an office numbers its case meetings.
fn unique_names(rng: &mut ChaCha8Rng, drafts: &mut [(Draft, Option<usize>)]) {
    let mut seen: BTreeMap<String, u32> = BTreeMap::new();
    for (draft, _) in drafts.iter_mut() {
        let count = seen.entry(draft.name.clone()).or_insert(0);
        *count += 1;
        if *count > 1 {
            let style = rng.random_range(0..2u32);
            draft.name = match style {
                0 => format!("{}（{}）", draft.name, count),
                _ => format!("{} その{}", draft.name, count),
            };
        }
    }
}

fn head_count_text(rng: &mut ChaCha8Rng, name: &str, count: u32) -> String {
    if count == 1 {
        return name.to_string();
    }
    match rng.random_range(0..4u32) {
        0 => format!("{name}×{count}"),
        1 => format!("{name}（{count}名）"),
        2 => format!("{name}({count}人)"),
        _ => format!("{name} x{count}"),
    }
}

fn write_meetings(
    rng: &mut ChaCha8Rng,
    ids: &[String],
    drafts: &[(Draft, Option<usize>)],
    agencies: &[Agency],
) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut writer = csv::WriterBuilder::new().from_writer(&mut out);
        let header = [
            "ID",
            "会議名",
            "所管",
            "参加者",
            "議題",
            "開催頻度",
            "1回当たりの会議時間",
            "機能",
            "根拠法令",
            "法定",
            "個人情報",
            "圏域",
            "親会議",
            "階層",
        ];
        // Writing into a Vec cannot fail.
        let _ = writer.write_record(header);
        for (id, (draft, _)) in ids.iter().zip(drafts) {
            let separator = match rng.random_range(0..10u32) {
                0 => "；",
                1 => "\n",
                _ => "、",
            };
            let participants: Vec<String> = draft
                .participants
                .iter()
                .map(|&(i, count)| {
                    let agency = &agencies[i];
                    // Typists often use the short name.
                    let name = match agency.aliases.first() {
                        Some(alias) if rng.random_bool(0.3) => alias.as_str(),
                        _ => agency.name.as_str(),
                    };
                    head_count_text(rng, name, count)
                })
                .collect();
            let statutory = if draft.statutory {
                *pick(rng, &["法定", "はい", "○"])
            } else {
                *pick(rng, &["", "任意", ""])
            };
            let record = [
                id.clone(),
                draft.name.clone(),
                agencies[draft.host].name.clone(),
                participants.join(separator),
                draft.topics.join(separator),
                draft.frequency.clone(),
                draft.duration.clone(),
                draft.functions.join("、"),
                draft.legal_basis.unwrap_or("").to_string(),
                statutory.to_string(),
                if draft.case { "あり" } else { "なし" }.to_string(),
                draft.area.clone().unwrap_or_else(|| "全市".to_string()),
                draft.body.as_ref().map_or("", |(body, _)| body.as_str()).to_string(),
                draft.body.as_ref().map_or("", |(_, tier)| tier).to_string(),
            ];
            let _ = writer.write_record(&record);
        }
        let _ = writer.flush();
    }
    out
}

fn write_agencies(agencies: &[Agency]) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut writer = csv::WriterBuilder::new().from_writer(&mut out);
        let _ = writer.write_record(["機関名", "別名", "分野", "種別", "守秘義務", "圏域"]);
        for a in agencies {
            let _ = writer.write_record([
                a.name.as_str(),
                &a.aliases.join("、"),
                a.sector,
                a.kind,
                a.confidentiality,
                a.area.as_deref().unwrap_or(""),
            ]);
        }
        let _ = writer.flush();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::Severity;

    #[test]
    fn same_seed_gives_the_same_bytes_and_another_seed_does_not() {
        let params = GenerateParams { meetings: 120, agencies: 150, seed: 42 };
        let (a, b) = (generate(&params).unwrap(), generate(&params).unwrap());
        assert_eq!(a.files(), b.files());
        let other = generate(&GenerateParams { seed: 43, ..params }).unwrap();
        assert_ne!(a.meetings_csv, other.meetings_csv);
    }

    #[test]
    fn generated_files_load_without_errors_or_unknown_agencies() {
        let city = generate(&GenerateParams { meetings: 300, agencies: 200, seed: 1 }).unwrap();
        let (inventory, problems) = city.load();
        let serious: Vec<String> = problems
            .iter()
            .filter(|p| p.severity == Severity::Error || p.value.is_some())
            .map(|p| p.render(crate::Lang::En))
            .collect();
        assert!(serious.is_empty(), "{serious:#?}");
        assert_eq!(inventory.meetings.len(), 300);
        assert_eq!(inventory.agencies.len(), 200);
        assert!(inventory.agencies.iter().all(|a| !a.unregistered));
    }

    #[test]
    fn ground_truth_names_real_meetings_in_groups_of_two_to_four() {
        let city = generate(&GenerateParams { meetings: 500, agencies: 300, seed: 3 }).unwrap();
        let (inventory, _) = city.load();
        let ids: BTreeSet<&str> = inventory.meetings.iter().map(|m| m.id.as_str()).collect();
        let groups = &city.ground_truth.groups;
        assert!(groups.len() >= 10, "{}", groups.len());
        for group in groups {
            assert!((2..=4).contains(&group.len()));
            assert!(group.iter().all(|id| ids.contains(id.as_str())));
        }
    }

    #[test]
    fn case_meetings_seat_only_agencies_with_a_duty_of_confidentiality() {
        let city = generate(&GenerateParams { meetings: 400, agencies: 250, seed: 9 }).unwrap();
        let (inventory, _) = city.load();
        for meeting in inventory.meetings.iter().filter(|m| m.personal_info == Some(true)) {
            for p in &meeting.participants {
                let agency = inventory.agency(&p.agency).unwrap();
                assert!(agency.confidentiality.is_bound(), "{} in {}", p.agency, meeting.id);
            }
        }
    }

    #[test]
    fn rejects_sizes_out_of_range() {
        assert!(generate(&GenerateParams { meetings: 0, agencies: 100, seed: 0 }).is_err());
        assert!(generate(&GenerateParams { meetings: 10, agencies: 10, seed: 0 }).is_err());
    }
}
