//! JSON Schemas of kaigi's JSON files, generated from the Rust types that write them
//! (schemars), so a script that reads `analysis.json`, `review.json` or the what-if JSON
//! can check what it reads. The copies under `docs/schema/` are these bytes; `tests/json_schema.rs` fails
//! when they drift from the types and validates the sample city's outputs against them.

use crate::analysis::Analysis;
use crate::proposal::{ScenarioComparison, WhatIf};
use crate::review::Review;

/// A schema file: its name under `docs/schema/` and how to generate it.
pub type SchemaFile = (&'static str, fn() -> Vec<u8>);

/// Every schema kaigi publishes, by file name under `docs/schema/`.
pub fn schema_files() -> [SchemaFile; 4] {
    [
        ("analysis.schema.json", analysis_schema),
        ("review.schema.json", review_schema),
        ("whatif.schema.json", whatif_schema),
        ("scenarios.schema.json", scenarios_schema),
    ]
}

/// The schema of `kaigi whatif --scenarios FILE --format json`: the data as the types
/// write it (language-free; each violation's rule is `violation.constraint`).
pub fn scenarios_schema() -> Vec<u8> {
    pretty(schemars::schema_for!(ScenarioComparison))
}

fn pretty(schema: schemars::Schema) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(&schema).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// The schema of `analysis.json` (`kaigi report`), JSON Schema draft 2020-12.
pub fn analysis_schema() -> Vec<u8> {
    pretty(schemars::schema_for!(Analysis))
}

/// The schema of `review.json` (`kaigi review`, also `--format json`).
pub fn review_schema() -> Vec<u8> {
    pretty(schemars::schema_for!(Review))
}

/// The schema of `kaigi whatif --format json`. The JSON is the [`WhatIf`] data except
/// its violations, which [`whatif_json`](super::whatif_json) writes as the violation's
/// own fields with its `rule` code, the `meetings` involved and a `message` in the
/// reader's language; the schema says so for that one property.
pub fn whatif_schema() -> Vec<u8> {
    let mut schema = schemars::schema_for!(WhatIf);
    if let Some(properties) = schema.get_mut("properties").and_then(|p| p.as_object_mut()) {
        properties.insert(
            "violations".to_string(),
            serde_json::json!({
                "description": "Rules the changes break: each with its rule code, the meetings involved, a message in the reader's language, and the rule's own fields.",
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["rule", "meetings", "message"],
                    "properties": {
                        "rule": { "type": "string" },
                        "meetings": { "type": "array", "items": { "type": "string" } },
                        "message": { "type": "string" }
                    }
                }
            }),
        );
    }
    pretty(schema)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemas_are_2020_12_objects_that_require_the_top_level_keys() {
        let analysis: serde_json::Value = serde_json::from_slice(&analysis_schema()).unwrap();
        assert_eq!(analysis["$schema"], "https://json-schema.org/draft/2020-12/schema");
        assert_eq!(analysis["type"], "object");
        let required = analysis["required"].as_array().unwrap();
        for key in ["kaigi_version", "inventory", "connectivity", "overlap", "proposal"] {
            assert!(required.iter().any(|k| k == key), "{key} in {required:?}");
        }
        let review: serde_json::Value = serde_json::from_slice(&review_schema()).unwrap();
        assert_eq!(review["title"], "Review");
    }

    #[test]
    fn schemas_are_the_same_bytes_every_time() {
        assert_eq!(analysis_schema(), analysis_schema());
        assert_eq!(review_schema(), review_schema());
    }
}
