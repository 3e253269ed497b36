//! Topic terms: what a meeting discusses, reduced to comparable terms.
//!
//! Inventories write topics as phrases (成年後見制度の利用促進, 後見人への支援), so exact
//! phrase matching misses most real overlap. Each phrase is normalised (NFKC via
//! [`crate::model::normalize`], no spaces, lower case) and scanned for known concepts
//! from a small synonym list ("lexicon"); a phrase naming no known concept is kept whole
//! as its own term. Users extend the list with a TOML file.

use crate::model::{name_key, normalize};
use crate::overlap::OverlapError;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Built-in concepts and the spellings that name them. Kept short on purpose: every
/// entry is a subject the welfare fields share and that inventories spell in several
/// ways. Generic words (支援, 検討) are left out because they would link everything.
const BUILTIN: &[(&str, &[&str])] = &[
    ("虐待", &["虐待", "児童虐待", "高齢者虐待", "障害者虐待"]),
    ("DV", &["dv", "配偶者暴力", "ドメスティック・バイオレンス"]),
    ("成年後見", &["成年後見", "後見人", "市民後見", "後見制度"]),
    ("権利擁護", &["権利擁護"]),
    ("消費者被害", &["消費者被害", "悪質商法", "特殊詐欺"]),
    ("日常生活自立支援事業", &["日常生活自立支援"]),
    ("自殺", &["自殺", "自死", "希死念慮", "ゲートキーパー"]),
    ("ひきこもり", &["ひきこもり", "引きこもり", "引き籠もり", "引き篭もり"]),
    ("不登校", &["不登校", "登校渋り"]),
    ("若年無業者", &["若年無業者", "ニート"]),
    ("居場所", &["居場所", "通いの場", "サロン"]),
    ("就労", &["就労", "就職", "職場定着"]),
    ("生活困窮", &["生活困窮", "困窮"]),
    ("家計", &["家計", "滞納", "多重債務", "債務"]),
    ("住まい", &["住まい", "住宅", "住居", "居住", "空き家"]),
    ("認知症", &["認知症"]),
    ("介護予防", &["介護予防", "フレイル"]),
    ("見守り", &["見守り", "安否確認"]),
    ("支援困難事例", &["支援困難事例", "困難事例", "困難ケース", "多問題ケース"]),
    ("複合課題", &["複合課題", "複合的な課題", "8050", "ダブルケア"]),
    ("ケアマネジメント", &["ケアマネジメント", "ケアプラン"]),
    ("支援方針", &["支援方針", "支援プラン", "支援計画", "援助方針", "サポートプラン", "プラン"]),
    ("終結", &["終結"]),
    ("役割分担", &["役割分担"]),
    ("早期把握", &["早期把握", "早期発見"]),
    ("実態把握", &["実態把握", "状況把握"]),
    ("地域移行", &["地域移行"]),
    ("入退院", &["入退院", "退院支援", "退院後"]),
    ("医療的ケア児", &["医療的ケア"]),
    ("発達障害", &["発達障害", "発達の遅れ"]),
    ("子ども食堂", &["子ども食堂", "こども食堂", "子供食堂"]),
    ("学習支援", &["学習支援"]),
    ("要保護児童", &["要保護", "要支援児童", "特定妊婦"]),
    ("母子保健", &["妊産婦", "妊娠", "乳幼児", "出産"]),
    ("差別解消", &["差別", "合理的配慮"]),
    ("移動・買物支援", &["移動支援", "買物支援", "買い物支援"]),
    ("担い手", &["担い手", "人材育成", "人材確保"]),
    ("看取り", &["看取り", "acp", "人生会議"]),
    ("多職種連携", &["多職種", "医療・介護連携", "医療介護連携"]),
    ("精神保健", &["精神障害", "精神保健", "措置入院", "精神科"]),
    ("研修", &["研修", "勉強会", "学習会"]),
    ("計画の進捗", &["計画の進捗", "計画進捗", "進捗管理"]),
    ("地域課題", &["地域課題", "地区の困りごと", "地域の困りごと", "地域の課題"]),
    ("社会資源", &["社会資源", "資源開発", "資源の開発"]),
    ("ピアサポート", &["ピアサポート"]),
    ("食の支援", &["フードバンク", "食材", "食料支援"]),
    ("就学", &["就学", "進学"]),
];

/// Concepts and their spellings, used to turn topic phrases into terms.
///
/// ```
/// use kaigi::overlap::TopicLexicon;
/// let lexicon = TopicLexicon::builtin();
/// // a known concept is found inside a longer phrase, in any spelling
/// assert_eq!(lexicon.terms("引きこもり状態にある人の支援"), ["ひきこもり"]);
/// assert_eq!(lexicon.terms("不登校・ひきこもり・若年無業者の支援"), ["不登校", "ひきこもり", "若年無業者"]);
/// // a phrase with no known concept is its own term, NFKC-normalised
/// assert_eq!(lexicon.terms("ＡＢＣ会議の報告"), ["ABC会議の報告"]);
/// ```
#[derive(Debug, Clone)]
pub struct TopicLexicon {
    /// Spelling key → concept label; the longest spelling wins where several match.
    spellings: HashMap<String, String>,
    /// Spelling keys by their first character, longest first, for the scan.
    by_first: HashMap<char, Vec<String>>,
    /// Concepts added or extended by the user, for the report.
    user_concepts: BTreeSet<String>,
}

/// The TOML layout of a synonym file: a `[topics]` table of concept = [spellings].
#[derive(Deserialize)]
struct SynonymFile {
    topics: Option<BTreeMap<String, Vec<String>>>,
}

impl Default for TopicLexicon {
    fn default() -> Self {
        Self::builtin()
    }
}

impl TopicLexicon {
    /// The built-in list only.
    pub fn builtin() -> Self {
        let mut lexicon = TopicLexicon {
            spellings: HashMap::new(),
            by_first: HashMap::new(),
            user_concepts: BTreeSet::new(),
        };
        for (concept, spellings) in BUILTIN {
            lexicon.insert(concept, spellings.iter().copied());
        }
        lexicon.reindex();
        lexicon
    }

    fn insert<'a>(&mut self, concept: &'a str, spellings: impl IntoIterator<Item = &'a str>) {
        let label = normalize(concept);
        for spelling in std::iter::once(concept).chain(spellings) {
            let key = name_key(spelling);
            if !key.is_empty() {
                // Later entries win, so a user file can move a spelling to another concept.
                self.spellings.insert(key, label.clone());
            }
        }
    }

    fn reindex(&mut self) {
        self.by_first.clear();
        for key in self.spellings.keys() {
            if let Some(first) = key.chars().next() {
                self.by_first.entry(first).or_default().push(key.clone());
            }
        }
        for keys in self.by_first.values_mut() {
            // Longest first so 児童虐待 is tried before 虐待; ties by text for determinism.
            keys.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
        }
    }

    /// Adds the concepts of a synonym file (`source` names it in errors):
    ///
    /// ```toml
    /// [topics]
    /// "ひきこもり" = ["引きこもり状態", "社会的孤立"]   # extends a built-in concept
    /// "ヤングケアラー" = ["ヤングケアラー", "家族の世話をする子ども"]   # a new one
    /// ```
    ///
    /// ```
    /// use kaigi::overlap::TopicLexicon;
    /// let mut lexicon = TopicLexicon::builtin();
    /// lexicon.extend_from_toml("[topics]\n\"ヤングケアラー\" = [\"家族の世話をする子ども\"]\n", "s.toml")?;
    /// assert_eq!(lexicon.terms("家族の世話をする子どもの把握"), ["ヤングケアラー"]);
    /// # Ok::<(), kaigi::overlap::OverlapError>(())
    /// ```
    pub fn extend_from_toml(&mut self, text: &str, source: &str) -> Result<(), OverlapError> {
        let file: SynonymFile = toml::from_str(text).map_err(|e| OverlapError::Toml {
            source_name: source.to_string(),
            message: e.to_string(),
        })?;
        for (concept, spellings) in file.topics.unwrap_or_default() {
            if name_key(&concept).is_empty() {
                return Err(OverlapError::Toml {
                    source_name: source.to_string(),
                    message: "a concept in [topics] has an empty name".to_string(),
                });
            }
            self.insert(&concept, spellings.iter().map(String::as_str));
            self.user_concepts.insert(normalize(&concept));
        }
        self.reindex();
        Ok(())
    }

    /// Concepts the user added or extended.
    pub fn user_concepts(&self) -> impl Iterator<Item = &str> {
        self.user_concepts.iter().map(String::as_str)
    }

    /// The terms of one topic phrase, in the order found, each once: every known concept
    /// the phrase names (leftmost, longest spelling first, not overlapping), or the
    /// normalised phrase itself when it names none.
    pub fn terms(&self, phrase: &str) -> Vec<String> {
        let key: Vec<char> = name_key(phrase).chars().collect();
        let mut found: Vec<String> = Vec::new();
        let mut i = 0;
        while i < key.len() {
            let matched = self.by_first.get(&key[i]).and_then(|candidates| {
                candidates.iter().find_map(|spelling| {
                    let length = spelling.chars().count();
                    let window = key.get(i..i + length)?;
                    spelling.chars().eq(window.iter().copied()).then_some((spelling, length))
                })
            });
            match matched {
                Some((spelling, length)) => {
                    let concept = &self.spellings[spelling];
                    if !found.contains(concept) {
                        found.push(concept.clone());
                    }
                    i += length;
                }
                None => i += 1,
            }
        }
        if found.is_empty() {
            let whole = normalize(phrase);
            if !whole.is_empty() {
                found.push(whole);
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sample_city_phrases_meet_on_shared_concepts() {
        let lexicon = TopicLexicon::builtin();
        assert_eq!(lexicon.terms("成年後見制度の利用促進"), ["成年後見"]);
        assert_eq!(lexicon.terms("市民後見人の育成"), ["成年後見"]);
        assert_eq!(lexicon.terms("自殺未遂者への支援"), ["自殺"]);
        assert_eq!(lexicon.terms("ゲートキーパーの養成"), ["自殺"]);
        assert_eq!(lexicon.terms("支援プラン（案）の確認"), ["支援方針"]);
        assert_eq!(lexicon.terms("高齢者・障害者虐待の防止"), ["虐待"]);
    }

    #[test]
    fn full_width_and_spaces_do_not_matter() {
        let lexicon = TopicLexicon::builtin();
        assert_eq!(lexicon.terms("ＡＣＰの普及"), ["看取り"]);
        assert_eq!(lexicon.terms("引き こもり"), ["ひきこもり"]);
    }

    #[test]
    fn user_file_extends_and_reports_bad_toml_with_its_name() {
        let mut lexicon = TopicLexicon::builtin();
        lexicon
            .extend_from_toml("[topics]\n\"ひきこもり\" = [\"社会的孤立\"]\n", "s.toml")
            .unwrap();
        assert_eq!(lexicon.terms("社会的孤立の防止"), ["ひきこもり"]);
        assert_eq!(lexicon.user_concepts().collect::<Vec<_>>(), ["ひきこもり"]);
        let error = lexicon.extend_from_toml("[topics]\nx = 1\n", "s.toml").unwrap_err();
        assert!(error.to_string().contains("s.toml"), "{error}");
    }
}
