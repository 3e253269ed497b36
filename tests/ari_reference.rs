//! kaigi's adjusted Rand index against values computed once with scikit-learn's
//! `adjusted_rand_score` (scripts/overlap/ari_reference.py).

use kaigi::overlap::adjusted_rand_index;
use serde_json::Value;

#[test]
fn adjusted_rand_index_matches_scikit_learn() {
    let text = std::fs::read_to_string("tests/fixtures/overlap/ari_reference.json").unwrap();
    let document: Value = serde_json::from_str(&text).unwrap();
    let cases = document["cases"].as_array().unwrap();
    assert!(cases.len() >= 10);
    let labels = |v: &Value| -> Vec<u64> {
        v.as_array().unwrap().iter().map(|x| x.as_u64().unwrap()).collect()
    };
    for case in cases {
        let (truth, found) = (labels(&case["truth"]), labels(&case["found"]));
        let expected = case["ari"].as_f64().unwrap();
        let got = adjusted_rand_index(&truth, &found);
        assert!(
            (got - expected).abs() < 1e-12,
            "{}: kaigi {got}, scikit-learn {expected}",
            case["name"]
        );
    }
}
