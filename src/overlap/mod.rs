//! Overlapping meetings: pair similarity, clusters of near-duplicates, and their
//! explanations (shared agencies and topics, duplicated hours, constraints).
//!
//! The pipeline: [`SimilarityIndex`] prepares meetings (agencies as integer sets, topics
//! as TF-IDF vectors from [`TopicVectors`]) and scores pairs found through an inverted
//! index; [`cluster_components`] runs average-linkage clustering per
//! connected component; [`analyze`] ties them together into an [`OverlapReport`].
//! [`adjusted_rand_index`] measures how well clusters recover known groups.
//!
//! ```
//! use kaigi::overlap::{OverlapParams, analyze};
//! let loaded = kaigi::input::load("inputs/sample-city".as_ref(), &Default::default())?;
//! let report = analyze(&loaded.inventory, &OverlapParams::default())?;
//! assert!(report.clusters.iter().any(|c| c.meetings == ["M23", "M24"]));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod analysis;
mod ari;
mod cluster;
mod similarity;
mod topics;
mod weights;

pub use analysis::{
    Caution, ClusterReport, Containment, OverlapParams, OverlapReport, PairReport, Settings,
    Summary, TOPIC_TERMS_LISTED, TierBody, TierMember, TierPair, analyze,
};
pub use ari::adjusted_rand_index;
pub use cluster::{ClusteringStats, SplitComponent, cluster_components};
pub use similarity::{
    FrequentAgencyCap, PARALLEL_THRESHOLD, PairScore, SimilarityIndex, SkippedAgency,
    topic_tanimoto,
};
pub use topics::{GENERIC_WORDS, TopicLexicon, TopicTerm, TopicVectors};
pub use weights::{SimilarityWeights, ValidWeights};

/// Problems with overlap parameters or their files.
#[derive(Debug, thiserror::Error)]
pub enum OverlapError {
    /// A weight that is negative, infinite or not a number.
    #[error("weight '{name}' must be a number ≥ 0 (got {value}); for example --weights {name}=0.1")]
    BadWeight {
        /// Weight name.
        name: String,
        /// Value given.
        value: f64,
    },
    /// Every weight is zero.
    #[error(
        "at least one weight must be above 0; the defaults are participants=0.5,topics=0.25,function=0.1,area=0.1,host=0.05"
    )]
    ZeroWeights,
    /// An unknown weight name.
    #[error("unknown weight '{name}'; the weights are {known}")]
    UnknownWeight {
        /// Name given.
        name: String,
        /// Names accepted.
        known: String,
    },
    /// A weight item that is not `name=number`.
    #[error("'{item}' is not name=number; write for example --weights participants=0.6,topics=0.2")]
    WeightSpec {
        /// The item.
        item: String,
    },
    /// A TOML file that could not be read as weights or synonyms.
    #[error("could not read '{source_name}': {message}")]
    Toml {
        /// File name.
        source_name: String,
        /// Parser message (names the line).
        message: String,
    },
    /// A synonym file names a generic word alone as a concept or spelling.
    #[error(
        "'{source_name}' names generic words alone as topic spellings ({spellings}); a concept triggered by such a word would join unrelated topics (プラン would make every plan one subject): use a longer spelling such as 支援プラン"
    )]
    GenericSpelling {
        /// File name.
        source_name: String,
        /// The offending `"concept": "spelling"` pairs.
        spellings: String,
    },
    /// The topic vectorizer refused its parameters (a bug in kaigi, not in the input).
    #[error("the topic vectorizer failed: {message}")]
    Vectorizer {
        /// linfa-preprocessing's message.
        message: String,
    },
    /// A threshold or limit out of range.
    #[error("{name} is out of range (got {value}); thresholds and shares lie between 0 and 1")]
    BadParameter {
        /// Parameter name.
        name: String,
        /// Value given.
        value: f64,
    },
}
