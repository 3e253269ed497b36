//! Synthetic inventories of many municipalities at once, as a prefecture or a
//! consultant with many client cities would load them: every municipality has its own
//! agencies and meetings, and a few regional offices (児童相談所, 保健所, 公共職業安定所,
//! 警察署) each serve a run of neighbouring municipalities.
//!
//! Each municipality is drafted like a single generated city (its own seed, drawn from
//! the region's), with the sizes real inventories show: most meetings seat 4–15
//! agencies, a few plenary bodies 16–25, some case meetings three. Names carry the
//! municipality (青葉市高齢福祉課, 青葉市地域ケア推進会議), and the 圏域 column names it too
//! (青葉市, or 青葉市北部 for an area), so no body is ever proposed across two
//! municipalities.

use super::{
    Agency, City, Draft, GenerateError, GenerateParams, Generated, GroundTruth, MAX_AGENCIES,
    MAX_MEETINGS, MIN_AGENCIES, Style, catalogue, draft_city, ids_and_planted, unique_names,
    write_agencies, write_meetings,
};
use rand::seq::SliceRandom;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;
use std::collections::BTreeMap;

/// Most municipalities in one region (Japan has 1,718).
pub const MAX_MUNICIPALITIES: usize = 2_000;

/// Fewest meetings per municipality when a total is given.
pub const MIN_MEETINGS_PER_MUNICIPALITY: usize = 10;

/// Size and seed of a multi-municipality inventory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RegionParams {
    /// Municipalities.
    pub municipalities: usize,
    /// Meetings in all, spread over the municipalities by their drawn sizes; `None`
    /// lets each municipality draw its own count (mostly 15–120, a few up to 400).
    pub meetings: Option<usize>,
    /// Seed of the random generator.
    pub seed: u64,
}

impl RegionParams {
    /// Checks the sizes.
    pub fn check(&self) -> Result<(), GenerateError> {
        if self.municipalities == 0 || self.municipalities > MAX_MUNICIPALITIES {
            return Err(GenerateError::Municipalities(self.municipalities));
        }
        if let Some(meetings) = self.meetings {
            let fewest = self.municipalities * MIN_MEETINGS_PER_MUNICIPALITY;
            if meetings < fewest || meetings > MAX_MEETINGS {
                return Err(GenerateError::RegionMeetings {
                    meetings,
                    municipalities: self.municipalities,
                });
            }
        }
        Ok(())
    }
}

/// A regional office shared by neighbouring municipalities: the name in the catalogue's
/// fixed list it replaces, how its own name and alias are made from the lead
/// municipality's stem, and how many municipalities one office serves.
struct Office {
    replaces: &'static str,
    name: &'static str,
    alias: &'static str,
    serves: (usize, usize),
}

const OFFICES: &[Office] = &[
    Office {
        replaces: "児童相談所",
        name: "{stem}児童相談所",
        alias: "{stem}児相",
        serves: (4, 8),
    },
    Office {
        replaces: "保健所",
        name: "{stem}保健所",
        alias: "{stem}保健福祉事務所",
        serves: (3, 6),
    },
    Office {
        replaces: "公共職業安定所",
        name: "{stem}公共職業安定所",
        alias: "ハローワーク{stem}",
        serves: (2, 5),
    },
    Office { replaces: "警察署", name: "{stem}警察署", alias: "{stem}署", serves: (1, 3) },
];

/// Builds an inventory of `municipalities` municipalities (see the module notes).
///
/// ```
/// use kaigi::generate::{RegionParams, generate_region};
/// let region = generate_region(&RegionParams { municipalities: 3, meetings: Some(60), seed: 7 })?;
/// let (inventory, problems) = region.load();
/// assert_eq!(inventory.meetings.len(), 60);
/// assert!(problems.iter().all(|p| p.severity != kaigi::input::Severity::Error));
/// # Ok::<(), kaigi::generate::GenerateError>(())
/// ```
pub fn generate_region(params: &RegionParams) -> Result<Generated, GenerateError> {
    params.check()?;
    let n = params.municipalities;
    let mut rng = ChaCha8Rng::seed_from_u64(params.seed);
    let sizes = municipality_sizes(&mut rng, n, params.meetings);
    let stems = stems(&mut rng, n);
    let names: Vec<String> = stems
        .iter()
        .zip(&sizes)
        .map(|(stem, &size)| {
            let suffix = match size {
                0..20 => "村",
                20..40 => "町",
                _ => "市",
            };
            format!("{stem}{suffix}")
        })
        .collect();
    let seeds: Vec<u64> = (0..n).map(|_| rng.random()).collect();
    // Regional offices first: each serves a run of neighbouring municipalities (the
    // municipalities are listed as they lie along the region).
    let mut agencies: Vec<Agency> = Vec::new();
    let mut shared: Vec<BTreeMap<&'static str, usize>> = vec![BTreeMap::new(); n];
    for office in OFFICES {
        let template = catalogue::FIXED.iter().find(|f| f.name == office.replaces);
        let Some(template) = template else { continue };
        let mut start = 0;
        while start < n {
            let len = rng.random_range(office.serves.0..=office.serves.1).min(n - start);
            let stem = &stems[start];
            agencies.push(Agency {
                name: office.name.replace("{stem}", stem),
                aliases: vec![office.alias.replace("{stem}", stem)],
                sector: template.sector,
                kind: template.kind,
                confidentiality: template.confidentiality,
                area: None,
                department: false,
            });
            for slot in &mut shared[start..start + len] {
                slot.insert(office.replaces, agencies.len() - 1);
            }
            start += len;
        }
    }
    let mut drafts: Vec<(Draft, Option<usize>)> = Vec::new();
    let mut groups_so_far = 0;
    for k in 0..n {
        let mut local = ChaCha8Rng::seed_from_u64(seeds[k]);
        let agency_count = agencies_for(sizes[k]);
        let City { agencies: own, drafts: mut city } =
            draft_city(&mut local, sizes[k], agency_count, Style::Region);
        unique_names(&mut local, &mut city);
        let muni = &names[k];
        let global: Vec<usize> = own
            .into_iter()
            .map(|agency| {
                if let Some(&g) = shared[k].get(agency.name.as_str()) {
                    return g;
                }
                agencies.push(Agency {
                    name: format!("{muni}{}", agency.name),
                    aliases: agency.aliases.iter().map(|a| format!("{muni}{a}")).collect(),
                    area: agency.area.map(|a| format!("{muni}{a}")),
                    ..agency
                });
                agencies.len() - 1
            })
            .collect();
        let mut most_group = 0;
        for (mut draft, group) in city {
            draft.name = format!("{muni}{}", draft.name);
            draft.host = global[draft.host];
            for seat in &mut draft.participants {
                seat.0 = global[seat.0];
            }
            draft.area = Some(match draft.area {
                Some(area) => format!("{muni}{area}"),
                None => muni.clone(),
            });
            draft.body = draft.body.map(|(body, tier)| (format!("{muni}{body}"), tier));
            let group = group.map(|g| {
                most_group = most_group.max(g + 1);
                groups_so_far + g
            });
            drafts.push((draft, group));
        }
        groups_so_far += most_group;
    }
    let (ids, planted) = ids_and_planted(&drafts, drafts.len().to_string().len().max(2));
    let meetings_csv = write_meetings(&mut rng, &ids, &drafts, &agencies);
    let agencies_csv = write_agencies(&agencies);
    Ok(Generated {
        meetings_csv,
        agencies_csv,
        ground_truth: GroundTruth {
            params: GenerateParams {
                meetings: drafts.len(),
                agencies: agencies.len(),
                seed: params.seed,
            },
            municipalities: Some(n),
            groups: planted,
            note: "groups of meeting ids planted as near-duplicates (each within one municipality); every other meeting is a singleton",
        },
    })
}

/// Agencies of a municipality with `meetings` meetings: small towns about twice as
/// many agencies as meetings (the sample city: 36 meetings, 69 agencies), large cities
/// fewer than meetings.
fn agencies_for(meetings: usize) -> usize {
    (30 + meetings * 7 / 10).clamp(MIN_AGENCIES, MAX_AGENCIES)
}

/// A drawn size: seven in ten municipalities are towns of 15–40 meetings, a quarter
/// cities of 40–120, one in twenty large cities of 120–400.
fn drawn_size(rng: &mut ChaCha8Rng) -> usize {
    match rng.random_range(0..20u32) {
        0..14 => rng.random_range(15..=40),
        14..19 => rng.random_range(40..=120),
        _ => rng.random_range(120..=400),
    }
}

/// Meetings per municipality: drawn, or the drawn sizes scaled to the total (largest
/// remainders, at least [`MIN_MEETINGS_PER_MUNICIPALITY`] each), so the total is exact.
fn municipality_sizes(rng: &mut ChaCha8Rng, n: usize, total: Option<usize>) -> Vec<usize> {
    let drawn: Vec<usize> = (0..n).map(|_| drawn_size(rng)).collect();
    let Some(total) = total else { return drawn };
    let spare = total - n * MIN_MEETINGS_PER_MUNICIPALITY;
    let weight: usize = drawn.iter().sum();
    let mut sizes: Vec<usize> =
        drawn.iter().map(|&d| MIN_MEETINGS_PER_MUNICIPALITY + spare * d / weight).collect();
    let mut remainders: Vec<(usize, usize)> =
        drawn.iter().enumerate().map(|(k, &d)| (spare * d % weight, k)).collect();
    // Largest remainder first, then the earlier municipality.
    remainders.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let short = total - sizes.iter().sum::<usize>();
    for &(_, k) in remainders.iter().take(short) {
        sizes[k] += 1;
    }
    sizes
}

/// Distinct place stems for municipality names: a head and a tail (432 of them), then
/// two heads and a tail. Tails that read as a kind of municipality (町) are left out.
fn stems(rng: &mut ChaCha8Rng, n: usize) -> Vec<String> {
    let tails: Vec<&str> =
        catalogue::PLACE_TAILS.iter().copied().filter(|t| !t.contains('町')).collect();
    let mut short: Vec<String> = catalogue::PLACE_HEADS
        .iter()
        .flat_map(|h| tails.iter().map(move |t| format!("{h}{t}")))
        .collect();
    short.shuffle(rng);
    if n <= short.len() {
        short.truncate(n);
        return short;
    }
    let mut long: Vec<String> = catalogue::PLACE_HEADS
        .iter()
        .flat_map(|h| {
            catalogue::PLACE_HEADS
                .iter()
                .filter(move |g| *g != h)
                .flat_map(|g| tails.iter().map(move |t| format!("{h}{g}{t}")))
                .collect::<Vec<_>>()
        })
        .collect();
    long.shuffle(rng);
    short.extend(long.into_iter().take(n - short.len()));
    short
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::Severity;
    use std::collections::BTreeSet;

    #[test]
    fn same_seed_gives_the_same_bytes_and_another_seed_does_not() {
        let params = RegionParams { municipalities: 4, meetings: None, seed: 5 };
        let (a, b) = (generate_region(&params).unwrap(), generate_region(&params).unwrap());
        assert_eq!(a.files(), b.files());
        let other = generate_region(&RegionParams { seed: 6, ..params }).unwrap();
        assert_ne!(a.meetings_csv, other.meetings_csv);
    }

    #[test]
    fn a_total_is_spread_exactly_and_every_municipality_gets_its_share() {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        for (n, total) in [(1, 10), (3, 100), (50, 20_000), (7, 71)] {
            let sizes = municipality_sizes(&mut rng, n, Some(total));
            assert_eq!(sizes.iter().sum::<usize>(), total);
            assert!(sizes.iter().all(|&s| s >= MIN_MEETINGS_PER_MUNICIPALITY), "{sizes:?}");
        }
    }

    #[test]
    fn stems_are_distinct_beyond_the_short_list() {
        let mut rng = ChaCha8Rng::seed_from_u64(2);
        let stems = stems(&mut rng, 1_000);
        assert_eq!(stems.iter().collect::<BTreeSet<_>>().len(), 1_000);
    }

    #[test]
    fn loads_cleanly_with_regional_offices_shared_and_nothing_else() {
        let region =
            generate_region(&RegionParams { municipalities: 12, meetings: Some(600), seed: 3 })
                .unwrap();
        let (inventory, problems) = region.load();
        let serious: Vec<String> = problems
            .iter()
            .filter(|p| p.severity == Severity::Error || p.value.is_some())
            .map(|p| p.render(crate::Lang::En))
            .collect();
        assert!(serious.is_empty(), "{serious:#?}");
        assert_eq!(inventory.meetings.len(), 600);
        assert!(inventory.agencies.iter().all(|a| !a.unregistered));
        // Which municipalities (by the 圏域 column's municipality) each agency serves.
        let muni_of = |area: &str| area.chars().take_while(|c| !"市町村".contains(*c)).count();
        let mut served: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
        for meeting in &inventory.meetings {
            let area = meeting.area.as_deref().unwrap();
            let muni: String = area.chars().take(muni_of(area) + 1).collect();
            for p in &meeting.participants {
                served.entry(p.agency.as_str()).or_default().insert(muni.clone());
            }
        }
        for (agency, munis) in &served {
            let regional = ["児童相談所", "保健所", "公共職業安定所", "警察署"]
                .iter()
                .any(|office| agency.ends_with(office));
            if !regional {
                assert_eq!(munis.len(), 1, "{agency} serves {munis:?}");
                let muni = munis.iter().next().unwrap();
                assert!(agency.starts_with(muni.as_str()), "{agency} in {muni}");
            }
        }
        let offices: Vec<usize> = served
            .iter()
            .filter(|(agency, _)| agency.ends_with("児童相談所"))
            .map(|(_, munis)| munis.len())
            .collect();
        assert!(offices.iter().any(|&m| m >= 2), "{offices:?}");
    }

    #[test]
    fn sizes_range_from_three_to_twenty_five_with_a_few_plenaries() {
        let region =
            generate_region(&RegionParams { municipalities: 20, meetings: Some(2_000), seed: 4 })
                .unwrap();
        let (inventory, _) = region.load();
        let sizes: Vec<usize> = inventory.meetings.iter().map(|m| m.participants.len()).collect();
        assert!(sizes.iter().all(|&s| (3..=25).contains(&s)), "{:?}", sizes.iter().max());
        let large = sizes.iter().filter(|&&s| s >= 16).count();
        assert!(large > 0 && large * 10 < sizes.len(), "{large} of {}", sizes.len());
        assert!(sizes.contains(&3));
    }

    #[test]
    fn rejects_sizes_out_of_range() {
        let bad = [
            RegionParams { municipalities: 0, meetings: None, seed: 0 },
            RegionParams { municipalities: MAX_MUNICIPALITIES + 1, meetings: None, seed: 0 },
            RegionParams { municipalities: 10, meetings: Some(99), seed: 0 },
        ];
        for params in bad {
            assert!(generate_region(&params).is_err(), "{params:?}");
        }
    }
}
