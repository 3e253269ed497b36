//! How much each kind of resemblance counts in a pair score, checked before use.

use crate::overlap::OverlapError;
use serde::{Deserialize, Serialize};

/// Weights of the five parts of a pair score, as a user gives them (not yet checked).
///
/// The score of a pair is Σ weightᵢ × partᵢ / Σ weightᵢ, so only the ratios matter and
/// the score stays within 0–1. The defaults put half the weight on who attends, because
/// the same people sitting twice is what costs staff time (the Hatsukaichi finding), a
/// quarter on what is discussed, and the rest on the meeting's function, area and host.
///
/// | part | default | what is compared |
/// |---|---:|---|
/// | `participants` | 0.5 | weighted Jaccard over head-counts, Σ min / Σ max |
/// | `topics` | 0.25 | Jaccard over normalised topic terms |
/// | `function` | 0.1 | Jaccard over functions (個別ケース検討 …) |
/// | `area` | 0.1 | 1 when both cover the same area (blank = 全市) |
/// | `host` | 0.05 | 1 when the same department hosts both |
///
/// ```
/// use kaigi::overlap::SimilarityWeights;
/// let weights = SimilarityWeights::default().with_spec("participants=0.6,host=0")?.check()?;
/// assert!((weights.participants() - 0.6 / 1.05).abs() < 1e-12);
/// assert!(SimilarityWeights { topics: -1.0, ..Default::default() }.check().is_err());
/// # Ok::<(), kaigi::overlap::OverlapError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct SimilarityWeights {
    /// Weight of the participant overlap (weighted Jaccard).
    pub participants: f64,
    /// Weight of the topic overlap.
    pub topics: f64,
    /// Weight of the function overlap.
    pub function: f64,
    /// Weight of covering the same area.
    pub area: f64,
    /// Weight of having the same host.
    pub host: f64,
}

impl Default for SimilarityWeights {
    fn default() -> Self {
        SimilarityWeights { participants: 0.5, topics: 0.25, function: 0.1, area: 0.1, host: 0.05 }
    }
}

/// The TOML file layout: a `[weights]` table; other tables (such as `[topics]`
/// synonyms) may sit in the same file.
#[derive(Deserialize)]
struct WeightsFile {
    weights: Option<SimilarityWeights>,
}

impl SimilarityWeights {
    const NAMES: [&'static str; 5] = ["participants", "topics", "function", "area", "host"];

    fn slot(&mut self, name: &str) -> Option<&mut f64> {
        match name {
            "participants" => Some(&mut self.participants),
            "topics" => Some(&mut self.topics),
            "function" => Some(&mut self.function),
            "area" => Some(&mut self.area),
            "host" => Some(&mut self.host),
            _ => None,
        }
    }

    /// Overrides weights from `name=value` items separated by commas, as given on the
    /// command line (`--weights participants=0.6,topics=0.2`); unnamed weights keep
    /// their value.
    pub fn with_spec(mut self, spec: &str) -> Result<Self, OverlapError> {
        for item in spec.split(',').map(str::trim).filter(|item| !item.is_empty()) {
            let (name, value) = item
                .split_once('=')
                .ok_or_else(|| OverlapError::WeightSpec { item: item.to_string() })?;
            let name = name.trim();
            let value: f64 = value
                .trim()
                .parse()
                .map_err(|_| OverlapError::WeightSpec { item: item.to_string() })?;
            let slot = self.slot(name).ok_or_else(|| OverlapError::UnknownWeight {
                name: name.to_string(),
                known: Self::NAMES.join(", "),
            })?;
            *slot = value;
        }
        Ok(self)
    }

    /// Reads a `[weights]` table from TOML text (`source` names the file in errors);
    /// weights the table leaves out keep their defaults, and a file without the table
    /// gives the defaults.
    ///
    /// ```
    /// use kaigi::overlap::SimilarityWeights;
    /// let w = SimilarityWeights::from_toml("[weights]\ntopics = 0.5\n", "w.toml")?;
    /// assert_eq!((w.topics, w.participants), (0.5, 0.5));
    /// # Ok::<(), kaigi::overlap::OverlapError>(())
    /// ```
    pub fn from_toml(text: &str, source: &str) -> Result<Self, OverlapError> {
        let file: WeightsFile = toml::from_str(text).map_err(|e| OverlapError::Toml {
            source_name: source.to_string(),
            message: e.to_string(),
        })?;
        Ok(file.weights.unwrap_or_default())
    }

    /// Checks every weight is a finite number ≥ 0 and that they do not all vanish, and
    /// divides them by their sum.
    pub fn check(self) -> Result<ValidWeights, OverlapError> {
        let values = [self.participants, self.topics, self.function, self.area, self.host];
        for (name, value) in Self::NAMES.iter().zip(values) {
            if !(value.is_finite() && value >= 0.0) {
                return Err(OverlapError::BadWeight { name: (*name).to_string(), value });
            }
        }
        let sum: f64 = values.iter().sum();
        if sum <= 0.0 {
            return Err(OverlapError::ZeroWeights);
        }
        Ok(ValidWeights {
            raw: self,
            normalised: [
                self.participants / sum,
                self.topics / sum,
                self.function / sum,
                self.area / sum,
                self.host / sum,
            ],
        })
    }
}

/// Checked weights, divided by their sum (see [`SimilarityWeights::check`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ValidWeights {
    raw: SimilarityWeights,
    normalised: [f64; 5],
}

impl Default for ValidWeights {
    fn default() -> Self {
        // The defaults are valid by construction; the test below keeps them so.
        let raw = SimilarityWeights::default();
        let sum = raw.participants + raw.topics + raw.function + raw.area + raw.host;
        ValidWeights {
            raw,
            normalised: [
                raw.participants / sum,
                raw.topics / sum,
                raw.function / sum,
                raw.area / sum,
                raw.host / sum,
            ],
        }
    }
}

impl ValidWeights {
    /// The weights as given.
    pub fn raw(&self) -> SimilarityWeights {
        self.raw
    }
    /// Share of the score given to participants.
    pub fn participants(&self) -> f64 {
        self.normalised[0]
    }
    /// Share of the score given to topics.
    pub fn topics(&self) -> f64 {
        self.normalised[1]
    }
    /// Share of the score given to function.
    pub fn function(&self) -> f64 {
        self.normalised[2]
    }
    /// Share of the score given to area.
    pub fn area(&self) -> f64 {
        self.normalised[3]
    }
    /// Share of the score given to host.
    pub fn host(&self) -> f64 {
        self.normalised[4]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid_and_sum_to_one() {
        let checked = SimilarityWeights::default().check().unwrap();
        assert_eq!(checked, ValidWeights::default());
        let sum = checked.participants()
            + checked.topics()
            + checked.function()
            + checked.area()
            + checked.host();
        assert!((sum - 1.0).abs() < 1e-12);
    }

    #[test]
    fn rejects_negative_nan_and_all_zero_weights_by_name() {
        let bad = SimilarityWeights { host: f64::NAN, ..Default::default() }.check();
        assert!(matches!(bad, Err(OverlapError::BadWeight { ref name, .. }) if name == "host"));
        let zero = SimilarityWeights {
            participants: 0.0,
            topics: 0.0,
            function: 0.0,
            area: 0.0,
            host: 0.0,
        };
        assert!(matches!(zero.check(), Err(OverlapError::ZeroWeights)));
    }

    #[test]
    fn spec_names_unknown_weights_and_bad_items() {
        let unknown = SimilarityWeights::default().with_spec("people=1").unwrap_err();
        assert!(unknown.to_string().contains("people"), "{unknown}");
        assert!(SimilarityWeights::default().with_spec("topics").is_err());
        assert!(SimilarityWeights::default().with_spec("topics=lots").is_err());
    }

    #[test]
    fn toml_rejects_unknown_keys_and_keeps_other_tables() {
        let ok = SimilarityWeights::from_toml(
            "[weights]\narea = 0\n[topics]\n\"ひきこもり\" = [\"引きこもり\"]\n",
            "f.toml",
        )
        .unwrap();
        assert_eq!(ok.area, 0.0);
        let error = SimilarityWeights::from_toml("[weights]\npeople = 1\n", "f.toml").unwrap_err();
        assert!(error.to_string().contains("f.toml"), "{error}");
    }
}
