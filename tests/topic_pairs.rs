//! Topic similarity on a labelled set of topic pairs as municipal minutes and plans
//! write them (`tests/fixtures/overlap/topic_pairs.csv`: each phrase with its source, or
//! "constructed"). Every distinct phrase of the set is one document, so the inverse
//! document frequency is taken over the set as it would be over an inventory.
//!
//! `cargo test --test topic_pairs -- --nocapture` prints the ROC AUC and every score.

use kaigi::overlap::{TopicLexicon, TopicVectors};
use std::collections::BTreeMap;

struct Pair {
    id: String,
    same: bool,
    a: String,
    b: String,
}

struct Scored {
    pairs: Vec<Pair>,
    scores: Vec<f64>,
    vectors: TopicVectors,
    index: BTreeMap<String, usize>,
}

fn scored() -> Scored {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/overlap/topic_pairs.csv");
    let mut reader = csv::Reader::from_path(path).expect("fixture is readable");
    let mut pairs = Vec::new();
    for row in reader.records() {
        let row = row.expect("fixture rows are well-formed");
        let label = &row[1];
        assert!(label == "same" || label == "unrelated", "{}: label {label}", &row[0]);
        assert!(!row[3].is_empty() && !row[5].is_empty(), "{}: every phrase has a source", &row[0]);
        pairs.push(Pair {
            id: row[0].to_string(),
            same: label == "same",
            a: row[2].to_string(),
            b: row[4].to_string(),
        });
    }
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    for pair in &pairs {
        for phrase in [&pair.a, &pair.b] {
            let next = index.len();
            index.entry(phrase.clone()).or_insert(next);
        }
    }
    let mut documents = vec![Vec::new(); index.len()];
    for (phrase, &at) in &index {
        documents[at] = vec![phrase.clone()];
    }
    let vectors = TopicVectors::new(&documents, &TopicLexicon::builtin()).unwrap();
    let scores = pairs.iter().map(|p| vectors.similarity(index[&p.a], index[&p.b])).collect();
    Scored { pairs, scores, vectors, index }
}

/// ROC AUC as the Mann–Whitney statistic: the share of (same, unrelated) pairs in which
/// the same-meaning pair scores higher, ties counting half.
fn roc_auc(positives: &[f64], negatives: &[f64]) -> f64 {
    let mut wins = 0.0;
    for p in positives {
        for n in negatives {
            wins += if p > n {
                1.0
            } else if p == n {
                0.5
            } else {
                0.0
            };
        }
    }
    wins / (positives.len() * negatives.len()) as f64
}

#[test]
fn roc_auc_handles_ties_and_order() {
    assert_eq!(roc_auc(&[0.9, 0.8], &[0.1, 0.2]), 1.0);
    assert_eq!(roc_auc(&[0.1], &[0.9]), 0.0);
    assert_eq!(roc_auc(&[0.5], &[0.5]), 0.5);
}

#[test]
fn labelled_set_has_at_least_60_pairs_of_both_kinds() {
    let s = scored();
    let same = s.pairs.iter().filter(|p| p.same).count();
    assert!(s.pairs.len() >= 60, "{} pairs", s.pairs.len());
    assert!(same >= 25 && s.pairs.len() - same >= 25, "{same} same of {}", s.pairs.len());
}

#[test]
fn topic_similarity_separates_same_meaning_from_unrelated_with_auc_at_least_095() {
    let s = scored();
    let mut positives = Vec::new();
    let mut negatives = Vec::new();
    let mut lines = Vec::new();
    for (pair, &score) in s.pairs.iter().zip(&s.scores) {
        if pair.same {
            positives.push(score);
        } else {
            negatives.push(score);
        }
        let terms: Vec<String> = s
            .vectors
            .top_terms(s.index[&pair.a], s.index[&pair.b], 3)
            .into_iter()
            .map(|t| t.term)
            .collect();
        lines.push(format!(
            "{} {:9} {score:.3}  {} | {}  [{}]",
            pair.id,
            if pair.same { "same" } else { "unrelated" },
            pair.a,
            pair.b,
            terms.join(", ")
        ));
    }
    let auc = roc_auc(&positives, &negatives);
    println!("{}", lines.join("\n"));
    println!(
        "ROC AUC {auc:.4} over {} same-meaning and {} unrelated pairs",
        positives.len(),
        negatives.len()
    );
    assert!(auc >= 0.95, "ROC AUC {auc:.4} < 0.95\n{}", lines.join("\n"));
}

#[test]
fn the_five_pairs_of_issue_18_score_above_every_unrelated_pair() {
    let s = scored();
    let issue = [
        ("地域包括ケアシステムの構築", "地域包括ケアの推進"),
        ("ヤングケアラーの把握", "ヤングケアラー支援"),
        ("災害時の要配慮者支援", "避難行動要支援者の避難支援"),
        ("居住支援の取組", "住まいの確保に向けた支援"),
        ("子ども食堂の運営支援", "こども食堂のネットワークづくり"),
    ];
    let (worst, worst_id) = s
        .pairs
        .iter()
        .zip(&s.scores)
        .filter(|(p, _)| !p.same)
        .map(|(p, &score)| (score, p.id.as_str()))
        .fold((f64::MIN, ""), |best, next| if next.0 > best.0 { next } else { best });
    for (a, b) in issue {
        let score = s.vectors.similarity(s.index[a], s.index[b]);
        assert!(
            score > worst,
            "{a} | {b} scores {score:.3}, not above unrelated {worst_id} ({worst:.3})"
        );
    }
}

#[test]
fn the_plan_pair_shares_no_concept_and_scores_low() {
    let s = scored();
    let lexicon = TopicLexicon::builtin();
    let (a, b) = ("地域共生プラン2025", "かすがいっ子未来プラン");
    let (ta, tb) = (lexicon.terms(a), lexicon.terms(b));
    assert!(ta.iter().all(|t| !tb.contains(t)), "{ta:?} {tb:?}");
    let score = s.vectors.similarity(s.index[a], s.index[b]);
    assert!(score < 0.2, "{score}");
}
