//! Sectors in machine-readable files: the language-free code of a sector (`children` for
//! 子ども), and serde helpers that write a sector-valued field as its code, so
//! `analysis.json`, `review.json` and the network files join on the same values whatever
//! `--lang` said. Kaigi keeps the canonical Japanese label inside (see
//! [`canonical_sector`](super::canonical_sector)); only what is written changes.

use super::sector_label_en;
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};
use std::collections::BTreeMap;

/// The code of a sector: the English key of a known sector, anything else as the
/// inventory wrote it (`unknown` for an agency no registry lists).
///
/// ```
/// use kaigi::model::sector_code;
/// assert_eq!(sector_code("子ども"), "children");
/// assert_eq!(sector_code("保健・医療"), "health");
/// assert_eq!(sector_code("文化"), "文化");
/// ```
pub fn sector_code(sector: &str) -> &str {
    sector_label_en(sector)
}

/// `#[serde(serialize_with = "sector_code::one")]` on a `String` sector.
pub fn one<S: Serializer>(sector: &str, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(sector_code(sector))
}

/// On an `Option<String>` field (分野) of a meeting: its sector code, `cross_field` for
/// cross-field case work, or null.
pub fn field<S: Serializer>(field: &Option<String>, serializer: S) -> Result<S::Ok, S::Error> {
    match field.as_deref() {
        None => serializer.serialize_none(),
        Some(crate::proposal::CROSS_FIELD) => serializer.serialize_str("cross_field"),
        Some(sector) => serializer.serialize_str(sector_code(sector)),
    }
}

/// On a `Vec<String>` of fields: each as [`field`] writes it.
pub fn many<S: Serializer>(fields: &[String], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(fields.iter().map(|f| match f.as_str() {
        crate::proposal::CROSS_FIELD => "cross_field",
        sector => sector_code(sector),
    }))
}

/// On a `[String; 2]` pair of sectors.
pub fn pair<S: Serializer>(pair: &[String; 2], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(pair.iter().map(|s| sector_code(s)))
}

/// A pair of sectors as its codes, for nesting in other helpers.
struct Pair<'a>(&'a [String; 2]);

impl Serialize for Pair<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        pair(self.0, serializer)
    }
}

/// On a `Vec<[String; 2]>` of sector pairs.
pub fn pairs<S: Serializer>(pairs: &[[String; 2]], serializer: S) -> Result<S::Ok, S::Error> {
    let mut seq = serializer.serialize_seq(Some(pairs.len()))?;
    for p in pairs {
        seq.serialize_element(&Pair(p))?;
    }
    seq.end()
}

/// On a map keyed by sector.
pub fn keys<S: Serializer, V: Serialize>(
    map: &BTreeMap<String, V>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut out = serializer.serialize_map(Some(map.len()))?;
    for (sector, value) in map {
        out.serialize_entry(sector_code(sector), value)?;
    }
    out.end()
}

/// On a map whose values are lists of sector pairs (e.g. agency → field pairs it alone
/// links).
pub fn pairs_by_key<S: Serializer>(
    map: &BTreeMap<String, Vec<[String; 2]>>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    struct Pairs<'a>(&'a [[String; 2]]);
    impl Serialize for Pairs<'_> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            pairs(self.0, serializer)
        }
    }
    let mut out = serializer.serialize_map(Some(map.len()))?;
    for (key, value) in map {
        out.serialize_entry(key, &Pairs(value))?;
    }
    out.end()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Sample {
        #[serde(serialize_with = "one")]
        sector: String,
        #[serde(serialize_with = "pair")]
        link: [String; 2],
        #[serde(serialize_with = "pairs")]
        unlinked: Vec<[String; 2]>,
        #[serde(serialize_with = "keys")]
        per_sector: BTreeMap<String, Option<f64>>,
        #[serde(serialize_with = "pairs_by_key")]
        critical: BTreeMap<String, Vec<[String; 2]>>,
    }

    #[test]
    fn every_helper_writes_codes_and_leaves_other_values_alone() {
        // Map entries keep the map's order (of the Japanese labels), only keys change.
        let s = |x: &str| x.to_string();
        let sample = Sample {
            sector: s("子ども"),
            link: [s("高齢"), s("障害")],
            unlinked: vec![[s("司法"), s("文化")]],
            per_sector: BTreeMap::from([(s("地域"), Some(0.5)), (s("unknown"), None)]),
            critical: BTreeMap::from([(s("社協"), vec![[s("高齢"), s("地域")]])]),
        };
        assert_eq!(
            serde_json::to_string(&sample).unwrap(),
            r#"{"sector":"children","link":["elderly","disability"],"unlinked":[["justice","文化"]],"per_sector":{"unknown":null,"community":0.5},"critical":{"社協":[["elderly","community"]]}}"#
        );
    }
}
