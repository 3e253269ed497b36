//! Topic terms and topic similarity: what a meeting discusses, made comparable.
//!
//! Inventories and minutes write the same subject in many ways (地域包括ケアシステムの構築,
//! 地域包括ケアの推進), and Japanese has no spaces to split words on. Two tools work
//! together here:
//!
//! - **Concepts** ([`TopicLexicon`]): a short synonym list maps spellings to one concept
//!   (引きこもり → ひきこもり, 居住 → 住まい) before anything is counted. No spelling may be
//!   a generic word alone ([`GENERIC_WORDS`]: 支援, 計画, プラン, …), so 地域共生プラン2025 and
//!   かすがいっ子未来プラン never meet on a concept. Users extend the list with a TOML file.
//! - **Character n-grams weighted by TF-IDF** ([`TopicVectors`]): the rest of each phrase
//!   is cut into character bigrams and trigrams, counted with linfa-preprocessing's
//!   TF-IDF vectorizer, with the inverse document frequency taken over the inventory's
//!   meetings, so strings every meeting uses (支援, 推進, 事業) weigh little and rare shared
//!   strings (ヤングケアラー) weigh much. Two meetings' topics are compared by the cosine of
//!   their vectors (Salton & Buckley 1988, "Term-weighting approaches in automatic text
//!   retrieval"; character bigrams are the usual unit for Japanese retrieval without a
//!   morphological analyser).
//!
//! Every phrase is normalised first (NFKC via [`crate::model::normalize`], no spaces,
//! lower case).

use crate::model::{name_key, normalize};
use crate::overlap::OverlapError;
use linfa_preprocessing::tf_idf_vectorization::TfIdfMethod;
use linfa_preprocessing::{CountVectorizer, Tokenizer};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Built-in concepts and the spellings that name them. Kept short on purpose: every
/// entry is a subject the welfare fields share and that inventories spell in several
/// ways. No spelling is a generic word alone ([`GENERIC_WORDS`], tested); 支援計画 is left
/// out too, since it also names plans of other kinds (地域福祉支援計画).
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
    ("支援方針", &["支援方針", "支援プラン", "援助方針", "サポートプラン"]),
    ("終結", &["終結"]),
    ("役割分担", &["役割分担"]),
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
    ("防災・避難支援", &["防災", "災害", "避難", "個別避難計画", "避難行動要支援者"]),
];

/// Words that say how a subject is handled rather than what it is, and the grammar
/// between subjects (に向けた, に関する). None may be a spelling
/// of a concept on its own (the built-in list and user files are checked), because a
/// concept triggered by one of them would join unrelated topics: 「プラン」 once made
/// 地域共生プラン2025 and かすがいっ子未来プラン one concept. Longer spellings that contain
/// them (支援プラン, 早期発見) are allowed. In the n-gram vectors they are simply frequent,
/// so the inverse document frequency keeps their weight low.
pub const GENERIC_WORDS: &[&str] = &[
    "支援",
    "推進",
    "事業",
    "計画",
    "プラン",
    "会議",
    "検討",
    "報告",
    "連携",
    "取組",
    "取り組み",
    "体制",
    "整備",
    "協議",
    "共有",
    "情報共有",
    "相談",
    "対策",
    "対応",
    "活動",
    "運営",
    "確認",
    "評価",
    "強化",
    "充実",
    "促進",
    "地域",
    "福祉",
    "課題",
    "ネットワーク",
    "事例",
    "ケース",
    "方針",
    "把握",
    "育成",
    "養成",
    "構築",
    "実施",
    "状況",
    "施策",
    "制度",
    "ビジョン",
    "戦略",
    "早期発見",
    "早期把握",
    "早期対応",
    "実態把握",
    "状況把握",
    // grammar that administrative Japanese strings between subjects
    "に向けた",
    "に関する",
    "における",
    "のための",
    "に対する",
    "について",
    "による",
    "を通した",
];

/// Concepts and their spellings, used to turn topic phrases into terms and to unify
/// spellings before the n-gram vectors are built.
///
/// ```
/// use kaigi::overlap::TopicLexicon;
/// let lexicon = TopicLexicon::builtin();
/// // a known concept is found inside a longer phrase, in any spelling
/// assert_eq!(lexicon.terms("引きこもり状態にある人の支援"), ["ひきこもり"]);
/// assert_eq!(lexicon.terms("不登校・ひきこもり・若年無業者の支援"), ["不登校", "ひきこもり", "若年無業者"]);
/// // a phrase with no known concept is its own term, NFKC-normalised
/// assert_eq!(lexicon.terms("ＡＢＣ会議の報告"), ["ABC会議の報告"]);
/// // a generic word alone names no concept
/// assert_eq!(lexicon.terms("地域共生プラン2025"), ["地域共生プラン2025"]);
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

/// One piece of a topic phrase: a known concept, or text between concepts (as a
/// comparison key: NFKC, no spaces, lower case).
#[derive(Debug, Clone, PartialEq)]
enum Segment {
    Concept(String),
    Text(String),
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
    /// A concept or spelling that is a generic word alone ([`GENERIC_WORDS`]) is refused,
    /// every such one named in one error, and nothing of the file is added.
    ///
    /// ```
    /// use kaigi::overlap::TopicLexicon;
    /// let mut lexicon = TopicLexicon::builtin();
    /// lexicon.extend_from_toml("[topics]\n\"ヤングケアラー\" = [\"家族の世話をする子ども\"]\n", "s.toml")?;
    /// assert_eq!(lexicon.terms("家族の世話をする子どもの把握"), ["ヤングケアラー"]);
    /// assert!(lexicon.extend_from_toml("[topics]\n\"計画\" = [\"プラン\"]\n", "s.toml").is_err());
    /// # Ok::<(), kaigi::overlap::OverlapError>(())
    /// ```
    pub fn extend_from_toml(&mut self, text: &str, source: &str) -> Result<(), OverlapError> {
        let file: SynonymFile = toml::from_str(text).map_err(|e| OverlapError::Toml {
            source_name: source.to_string(),
            message: e.to_string(),
        })?;
        let topics = file.topics.unwrap_or_default();
        let mut generic: Vec<String> = Vec::new();
        for (concept, spellings) in &topics {
            if name_key(concept).is_empty() {
                return Err(OverlapError::Toml {
                    source_name: source.to_string(),
                    message: "a concept in [topics] has an empty name".to_string(),
                });
            }
            for spelling in std::iter::once(concept).chain(spellings) {
                if is_generic(spelling) {
                    generic.push(format!("\"{concept}\": \"{spelling}\""));
                }
            }
        }
        if !generic.is_empty() {
            return Err(OverlapError::GenericSpelling {
                source_name: source.to_string(),
                spellings: generic.join(", "),
            });
        }
        for (concept, spellings) in &topics {
            self.insert(concept, spellings.iter().map(String::as_str));
            self.user_concepts.insert(normalize(concept));
        }
        self.reindex();
        Ok(())
    }

    /// Concepts the user added or extended.
    pub fn user_concepts(&self) -> impl Iterator<Item = &str> {
        self.user_concepts.iter().map(String::as_str)
    }

    /// The pieces of one phrase: every known concept it names (leftmost, longest
    /// spelling first, not overlapping) and the text between them.
    fn segments(&self, phrase: &str) -> Vec<Segment> {
        let key: Vec<char> = name_key(phrase).chars().collect();
        let mut segments = Vec::new();
        let mut text = String::new();
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
                    if !text.is_empty() {
                        segments.push(Segment::Text(std::mem::take(&mut text)));
                    }
                    segments.push(Segment::Concept(self.spellings[spelling].clone()));
                    i += length;
                }
                None => {
                    text.push(key[i]);
                    i += 1;
                }
            }
        }
        if !text.is_empty() {
            segments.push(Segment::Text(text));
        }
        segments
    }

    /// The terms of one topic phrase, in the order found, each once: every known concept
    /// the phrase names (leftmost, longest spelling first, not overlapping), or the
    /// normalised phrase itself when it names none.
    pub fn terms(&self, phrase: &str) -> Vec<String> {
        let mut found: Vec<String> = Vec::new();
        for segment in self.segments(phrase) {
            if let Segment::Concept(concept) = segment
                && !found.contains(&concept)
            {
                found.push(concept);
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

fn is_generic(spelling: &str) -> bool {
    let key = name_key(spelling);
    GENERIC_WORDS.iter().any(|word| name_key(word) == key)
}

/// Cuts the generic words out of a text segment, leaving the pieces between them.
/// Inverse document frequency alone cannot keep a long generic word light in a small
/// inventory: ネットワーク gives nine n-grams, each as rare as a real subject's.
struct GenericCutter {
    /// Generic words as comparison keys by first character, longest first.
    by_first: HashMap<char, Vec<Vec<char>>>,
}

impl GenericCutter {
    fn new() -> Self {
        let mut by_first: HashMap<char, Vec<Vec<char>>> = HashMap::new();
        for word in GENERIC_WORDS {
            let key: Vec<char> = name_key(word).chars().collect();
            if let Some(&first) = key.first() {
                by_first.entry(first).or_default().push(key);
            }
        }
        for words in by_first.values_mut() {
            words.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        }
        GenericCutter { by_first }
    }

    fn pieces(&self, text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        let mut pieces = Vec::new();
        let mut piece = String::new();
        let mut i = 0;
        while i < chars.len() {
            let rest = &chars[i..];
            let words = self.by_first.get(&chars[i]);
            match words.and_then(|words| words.iter().find(|w| rest.starts_with(w))) {
                Some(word) => {
                    if !piece.is_empty() {
                        pieces.push(std::mem::take(&mut piece));
                    }
                    i += word.len();
                }
                None => {
                    piece.push(chars[i]);
                    i += 1;
                }
            }
        }
        if !piece.is_empty() {
            pieces.push(piece);
        }
        pieces
    }
}

/// Opens a concept token in a document given to the vectorizer; the concept's number
/// follows, then [`CONCEPT_CLOSE`]. Private-use characters, removed from the text first,
/// so no phrase can forge one.
const CONCEPT_OPEN: char = '\u{E000}';
const CONCEPT_CLOSE: char = '\u{E001}';
/// Stands between two phrases, so no n-gram spans them.
const PHRASE_BREAK: char = '\u{E002}';
/// Shortest and longest character n-gram. Bigrams are the usual unit for Japanese text
/// without a dictionary; trigrams add weight to longer shared strings (ヤングケアラー,
/// 地域包括ケア) over chance bigram matches.
const NGRAMS: (usize, usize) = (2, 3);
/// A concept stands for a whole spelling, which as text would have given several
/// n-grams; one concept token counts as this many, so 災害 ≈ 避難行動要支援者 is not
/// drowned by the n-grams around it. Chosen on the labelled pairs (see the README).
const CONCEPT_WEIGHT: f64 = 3.0;
/// A term is listed as contributing to a pair when it brings at least this share of the
/// pair's topic similarity.
const MIN_TERM_SHARE: f64 = 0.1;

/// Splits a vectorizer document into tokens: one per character, a concept token whole.
/// linfa-preprocessing takes a plain function pointer as its tokenizer and builds the
/// n-grams itself (tokens joined by a space), which is what lets it count character
/// n-grams of text that has no spaces.
fn character_tokens(document: &str) -> Vec<&str> {
    let mut tokens = Vec::new();
    let mut rest = document;
    while let Some(c) = rest.chars().next() {
        let length = if c == CONCEPT_OPEN {
            rest.find(CONCEPT_CLOSE).map_or(rest.len(), |at| at + CONCEPT_CLOSE.len_utf8())
        } else {
            c.len_utf8()
        };
        tokens.push(&rest[..length]);
        rest = &rest[length..];
    }
    tokens
}

fn is_hiragana(c: char) -> bool {
    ('\u{3041}'..='\u{309F}').contains(&c)
}

/// What one vocabulary entry of the vectorizer is worth keeping as, if anything.
enum Kept {
    Concept(usize),
    Text(String),
}

/// Keeps concept tokens alone and n-grams of plain text; drops single characters,
/// n-grams that cross a phrase break or touch a concept, and n-grams of hiragana only
/// (の, への, ための: grammar, not subject).
fn keep_entry(entry: &str) -> Option<Kept> {
    let tokens: Vec<&str> = entry.split(' ').collect();
    if let [token] = tokens.as_slice() {
        let number = token.strip_prefix(CONCEPT_OPEN)?.strip_suffix(CONCEPT_CLOSE)?;
        return number.parse().ok().map(Kept::Concept);
    }
    let text: String = tokens.concat();
    let plain = !text.contains([CONCEPT_OPEN, CONCEPT_CLOSE, PHRASE_BREAK]);
    (plain && !text.chars().all(is_hiragana)).then_some(Kept::Text(text))
}

/// A term that makes two meetings' topics similar, with its part of the similarity.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct TopicTerm {
    /// A concept, or a string both meetings' topics contain.
    pub term: String,
    /// Its part of the cosine similarity (the parts of all shared terms add up to it).
    pub contribution: f64,
}

/// The topics of every meeting of an inventory as TF-IDF vectors over concepts and
/// character n-grams, L2-normalised, for cosine similarity.
///
/// ```
/// use kaigi::overlap::{TopicLexicon, TopicVectors};
/// let topics: Vec<Vec<String>> = [
///     vec!["ヤングケアラーの把握"],
///     vec!["ヤングケアラー支援"],
///     vec!["地域共生プラン2025"],
///     vec!["かすがいっ子未来プラン"],
///     vec!["介護予防の推進"],
/// ]
/// .iter()
/// .map(|t| t.iter().map(|s| s.to_string()).collect())
/// .collect();
/// let vectors = TopicVectors::new(&topics, &TopicLexicon::builtin())?;
/// let young_carers = vectors.similarity(0, 1);
/// let plans = vectors.similarity(2, 3);
/// assert!(young_carers > 0.5 && plans < young_carers / 2.0, "{young_carers} {plans}");
/// assert_eq!(vectors.top_terms(0, 1, 3)[0].term, "ヤングケアラー");
/// assert_eq!(vectors.similarity(0, 4), 0.0);
/// # Ok::<(), kaigi::overlap::OverlapError>(())
/// ```
#[derive(Debug, Clone)]
pub struct TopicVectors {
    /// Per meeting: (feature, weight), sorted by feature, unit length (empty if none).
    vectors: Vec<Vec<(u32, f64)>>,
    /// Feature labels: a concept, or an n-gram's text.
    labels: Vec<String>,
    /// Whether each feature is a concept.
    concept: Vec<bool>,
    /// Per distinct phrase, its text between concepts and generic words, for naming
    /// shared strings.
    phrase_texts: Vec<Vec<String>>,
    /// Per meeting, its distinct phrases.
    meeting_phrases: Vec<Vec<usize>>,
}

impl TopicVectors {
    /// Vectors for the topic lists of every meeting (one list per meeting, in inventory
    /// order). The inverse document frequency is taken over these lists: a meeting is a
    /// document.
    ///
    /// # Complexity
    /// O(P·(c + V) + M·t·log t) for P distinct phrases of c characters, a vocabulary of
    /// V n-grams (linfa counts each phrase into a dense row before storing it sparse) and
    /// M meetings with t features each. Inventories repeat phrases, so P is well below
    /// the number of topics.
    pub fn new(topics: &[Vec<String>], lexicon: &TopicLexicon) -> Result<Self, OverlapError> {
        let cutter = GenericCutter::new();
        let mut concept_ids: BTreeMap<String, usize> = BTreeMap::new();
        // Distinct phrases, each made once into a vectorizer document (concept tokens,
        // breaks where generic words were) and its text pieces; meetings list theirs.
        let mut phrase_ids: HashMap<String, usize> = HashMap::new();
        let mut documents: Vec<String> = Vec::new();
        let mut phrase_texts: Vec<Vec<String>> = Vec::new();
        let mut meeting_phrases: Vec<Vec<usize>> = Vec::with_capacity(topics.len());
        for phrases in topics {
            let mut own = Vec::with_capacity(phrases.len());
            for phrase in phrases {
                let clean: String = phrase
                    .chars()
                    .filter(|c| ![CONCEPT_OPEN, CONCEPT_CLOSE, PHRASE_BREAK].contains(c))
                    .collect();
                if let Some(&id) = phrase_ids.get(&clean) {
                    own.push(id);
                    continue;
                }
                let mut document = String::new();
                let mut pieces = Vec::new();
                for segment in lexicon.segments(&clean) {
                    match segment {
                        Segment::Concept(label) => {
                            let next = concept_ids.len();
                            let id = *concept_ids.entry(label).or_insert(next);
                            document.push(CONCEPT_OPEN);
                            document.push_str(&id.to_string());
                            document.push(CONCEPT_CLOSE);
                        }
                        Segment::Text(text) => {
                            for piece in cutter.pieces(&text) {
                                // a break where a generic word was, so no n-gram spans it
                                document.push(PHRASE_BREAK);
                                document.push_str(&piece);
                                pieces.push(piece);
                            }
                        }
                    }
                }
                let id = documents.len();
                phrase_ids.insert(clean, id);
                documents.push(document);
                phrase_texts.push(pieces);
                own.push(id);
            }
            meeting_phrases.push(own);
        }
        let concept_labels: BTreeMap<usize, String> =
            concept_ids.into_iter().map(|(label, id)| (id, label)).collect();

        // linfa counts the n-grams of each distinct phrase once; a meeting's counts are
        // the sums over its phrases (no n-gram spans two phrases, so this is what
        // counting the meeting's topics as one document would give).
        let documents = ndarray::Array1::from(documents);
        let vectorizer_error = |e: linfa_preprocessing::PreprocessingError| {
            OverlapError::Vectorizer { message: e.to_string() }
        };
        let counter = CountVectorizer::params()
            // The regex is never used (the function below tokenizes), but linfa compiles
            // it when the parameters are checked; a trivial one saves compiling the
            // Unicode default (\b\w\w+\b) on every run.
            .tokenizer(Tokenizer::Regex(".".to_string()))
            .tokenizer(Tokenizer::Function(character_tokens))
            // Unigrams are counted so concept tokens count; single characters are dropped below.
            .n_gram_range(1, NGRAMS.1)
            // Text is already NFKC and lower case; linfa's own NFKD would split kana
            // from their voicing marks.
            .normalize(false)
            .convert_to_lowercase(false)
            .fit(&documents)
            .map_err(vectorizer_error)?;
        let counts = counter.transform(&documents).map_err(vectorizer_error)?;

        // linfa numbers its vocabulary in hash-map order, which varies between runs;
        // features are renumbered by label so sums run in the same order every time.
        let mut kept: BTreeMap<(bool, String), Vec<usize>> = BTreeMap::new();
        for (column, entry) in counter.vocabulary().iter().enumerate() {
            match keep_entry(entry) {
                Some(Kept::Concept(id)) => {
                    if let Some(label) = concept_labels.get(&id) {
                        kept.entry((true, label.clone())).or_default().push(column);
                    }
                }
                Some(Kept::Text(text)) => {
                    let n = text.chars().count();
                    if (NGRAMS.0..=NGRAMS.1).contains(&n) {
                        kept.entry((false, text)).or_default().push(column);
                    }
                }
                None => {}
            }
        }
        let mut feature_of: Vec<Option<u32>> = vec![None; counter.vocabulary().len()];
        let mut labels = Vec::with_capacity(kept.len());
        let mut concept = Vec::with_capacity(kept.len());
        for (feature, ((is_concept, label), columns)) in kept.into_iter().enumerate() {
            for column in columns {
                feature_of[column] = Some(feature as u32);
            }
            labels.push(label);
            concept.push(is_concept);
        }
        let phrase_counts: Vec<Vec<(u32, usize)>> = counts
            .outer_iterator()
            .map(|row| {
                row.iter()
                    .filter_map(|(column, &n)| Some((feature_of.get(column).copied()??, n)))
                    .collect()
            })
            .collect();

        // Term frequency per meeting, and in how many meetings each feature occurs.
        let mut document_frequency = vec![0usize; labels.len()];
        let mut term_frequency: Vec<Vec<(u32, usize)>> = Vec::with_capacity(topics.len());
        for own in &meeting_phrases {
            let mut tf: BTreeMap<u32, usize> = BTreeMap::new();
            for &phrase in own {
                for &(feature, n) in &phrase_counts[phrase] {
                    *tf.entry(feature).or_insert(0) += n;
                }
            }
            for &feature in tf.keys() {
                document_frequency[feature as usize] += 1;
            }
            term_frequency.push(tf.into_iter().collect());
        }
        // linfa's smoothed IDF, ln((1 + M) / (1 + df)) + 1, over the M meetings: a feature
        // in every meeting keeps weight 1, a rare one up to ln((1 + M) / 2) + 1.
        let meetings = topics.len();
        let idf: Vec<f64> = document_frequency
            .iter()
            .map(|&df| TfIdfMethod::Smooth.compute_idf(meetings, df))
            .collect();
        let vectors: Vec<Vec<(u32, f64)>> = term_frequency
            .into_iter()
            .map(|tf| {
                let mut vector: Vec<(u32, f64)> = tf
                    .into_iter()
                    .map(|(feature, n)| {
                        let f = feature as usize;
                        let scale = if concept[f] { CONCEPT_WEIGHT } else { 1.0 };
                        (feature, n as f64 * idf[f] * scale)
                    })
                    .collect();
                let norm = vector.iter().map(|&(_, w)| w * w).sum::<f64>().sqrt();
                if norm > 0.0 {
                    for (_, w) in &mut vector {
                        *w /= norm;
                    }
                }
                vector
            })
            .collect();
        Ok(TopicVectors { vectors, labels, concept, phrase_texts, meeting_phrases })
    }

    /// Number of meetings.
    pub fn len(&self) -> usize {
        self.vectors.len()
    }

    /// Whether there are no meetings.
    pub fn is_empty(&self) -> bool {
        self.vectors.is_empty()
    }

    /// Cosine similarity of two meetings' topics, 0–1; 0 when either lists none.
    pub fn similarity(&self, a: usize, b: usize) -> f64 {
        let (x, y) = (&self.vectors[a], &self.vectors[b]);
        let (mut i, mut j, mut dot) = (0, 0, 0.0);
        while i < x.len() && j < y.len() {
            match x[i].0.cmp(&y[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    dot += x[i].1 * y[j].1;
                    i += 1;
                    j += 1;
                }
            }
        }
        dot.min(1.0)
    }

    /// Number of distinct features (concepts and n-grams) over all meetings.
    pub fn feature_count(&self) -> usize {
        self.labels.len()
    }

    /// The vector of a meeting: (feature, weight) sorted by feature, unit length.
    pub(crate) fn vector(&self, meeting: usize) -> &[(u32, f64)] {
        &self.vectors[meeting]
    }

    /// The terms that make two meetings' topics similar, most contributing first, at
    /// most `limit`, each bringing at least a tenth of the similarity. Shared n-grams
    /// are joined into the longest strings of `a`'s topics they cover, so the list reads
    /// ヤングケアラー rather than ヤン, ング, ヤング.
    pub fn top_terms(&self, a: usize, b: usize, limit: usize) -> Vec<TopicTerm> {
        let (x, y) = (&self.vectors[a], &self.vectors[b]);
        let mut total = 0.0;
        let mut by_term: BTreeMap<String, f64> = BTreeMap::new();
        let mut grams: BTreeMap<&str, f64> = BTreeMap::new();
        let (mut i, mut j) = (0, 0);
        while i < x.len() && j < y.len() {
            match x[i].0.cmp(&y[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    let feature = x[i].0 as usize;
                    let part = x[i].1 * y[j].1;
                    total += part;
                    if self.concept[feature] {
                        *by_term.entry(self.labels[feature].clone()).or_insert(0.0) += part;
                    } else {
                        grams.insert(&self.labels[feature], part);
                    }
                    i += 1;
                    j += 1;
                }
            }
        }
        // Each shared n-gram is credited once, to the first string of `a` covering it.
        let texts = self.meeting_phrases[a].iter().flat_map(|&p| &self.phrase_texts[p]);
        for text in texts {
            let chars: Vec<char> = text.chars().collect();
            let mut covered = vec![false; chars.len()];
            let mut credited: Vec<(usize, f64)> = Vec::new();
            for start in 0..chars.len() {
                for n in NGRAMS.0..=NGRAMS.1 {
                    let Some(window) = chars.get(start..start + n) else { break };
                    let gram: String = window.iter().collect();
                    if let Some(part) = grams.remove(gram.as_str()) {
                        covered[start..start + n].iter_mut().for_each(|c| *c = true);
                        credited.push((start, part));
                    }
                }
            }
            let mut start = 0;
            while start < chars.len() {
                if !covered[start] {
                    start += 1;
                    continue;
                }
                let end = (start..chars.len()).find(|&k| !covered[k]).unwrap_or(chars.len());
                let part: f64 =
                    credited.iter().filter(|(at, _)| (start..end).contains(at)).map(|p| p.1).sum();
                let term: String = chars[start..end].iter().collect();
                *by_term.entry(term).or_insert(0.0) += part;
                start = end;
            }
        }
        let mut terms: Vec<TopicTerm> = by_term
            .into_iter()
            .filter(|&(_, part)| part > 0.0 && part >= MIN_TERM_SHARE * total)
            .map(|(term, contribution)| TopicTerm { term, contribution })
            .collect();
        terms.sort_by(|p, q| {
            q.contribution.total_cmp(&p.contribution).then_with(|| p.term.cmp(&q.term))
        });
        terms.truncate(limit);
        terms
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

    #[test]
    fn no_builtin_spelling_is_a_generic_word() {
        for (concept, spellings) in BUILTIN {
            for spelling in std::iter::once(concept).chain(spellings.iter()) {
                assert!(!is_generic(spelling), "{concept}: {spelling}");
            }
        }
    }

    #[test]
    fn plan_names_share_no_concept() {
        let lexicon = TopicLexicon::builtin();
        let a = lexicon.terms("地域共生プラン2025");
        let b = lexicon.terms("かすがいっ子未来プラン");
        assert!(a.iter().all(|t| !b.contains(t)), "{a:?} {b:?}");
    }

    #[test]
    fn user_file_with_a_generic_spelling_is_refused_whole_with_each_named() {
        let mut lexicon = TopicLexicon::builtin();
        let error = lexicon
            .extend_from_toml(
                "[topics]\n\"計画づくり\" = [\"プラン\", \"計画策定\"]\n\"支援\" = [\"サポート\"]\n",
                "s.toml",
            )
            .unwrap_err();
        let message = error.to_string();
        assert!(message.contains("s.toml") && message.contains("プラン"), "{message}");
        assert!(message.contains("\"支援\": \"支援\""), "{message}");
        // nothing of the file was added
        assert_eq!(lexicon.terms("計画策定"), ["計画策定"]);
        assert_eq!(lexicon.user_concepts().count(), 0);
    }

    fn vectors(topics: &[&[&str]]) -> TopicVectors {
        let topics: Vec<Vec<String>> =
            topics.iter().map(|t| t.iter().map(|s| s.to_string()).collect()).collect();
        TopicVectors::new(&topics, &TopicLexicon::builtin()).unwrap()
    }

    #[test]
    fn character_tokens_keep_concept_tokens_whole() {
        let document = format!("ab{CONCEPT_OPEN}12{CONCEPT_CLOSE}c");
        let expected = ["a", "b", &format!("{CONCEPT_OPEN}12{CONCEPT_CLOSE}"), "c"];
        assert_eq!(character_tokens(&document), expected);
        assert_eq!(character_tokens(""), Vec::<&str>::new());
    }

    #[test]
    fn respelled_concepts_and_shared_strings_score_high_generic_words_low() {
        let v = vectors(&[
            &["子ども食堂の運営支援"],
            &["こども食堂のネットワークづくり"],
            &["居住支援の取組"],
            &["住まいの確保に向けた支援"],
            &["介護予防の推進"],
            &["認知症の人の見守り"],
        ]);
        assert!(v.similarity(0, 1) > 0.5, "{}", v.similarity(0, 1));
        assert!(v.similarity(2, 3) > 0.4, "{}", v.similarity(2, 3));
        // only 支援 in common: little
        assert!(v.similarity(0, 3) < 0.2, "{}", v.similarity(0, 3));
        assert_eq!(v.similarity(4, 5), 0.0);
        assert_eq!(v.top_terms(0, 1, 5)[0].term, "子ども食堂");
        assert_eq!(v.top_terms(2, 3, 5)[0].term, "住まい");
    }

    #[test]
    fn similarity_is_symmetric_bounded_and_one_for_identical_topics() {
        let v = vectors(&[
            &["ひきこもり支援", "居場所づくり"],
            &["居場所づくり", "ひきこもり支援"],
            &[],
        ]);
        assert!((v.similarity(0, 1) - 1.0).abs() < 1e-12);
        assert_eq!(v.similarity(0, 1), v.similarity(1, 0));
        assert_eq!(v.similarity(0, 2), 0.0);
        assert!(v.top_terms(0, 2, 5).is_empty());
    }

    #[test]
    fn no_ngram_spans_two_phrases() {
        // "援居" would only exist across the two phrases of the first meeting.
        let v = vectors(&[&["支援", "居場所"], &["援居"]]);
        assert_eq!(v.similarity(0, 1), 0.0);
    }

    #[test]
    fn contributions_add_up_to_the_similarity_when_nothing_is_cut() {
        let v = vectors(&[
            &["ヤングケアラーの把握", "見守り活動"],
            &["ヤングケアラー支援", "見守りの強化"],
            &["介護予防"],
        ]);
        let terms = v.top_terms(0, 1, 10);
        let names: Vec<&str> = terms.iter().map(|t| t.term.as_str()).collect();
        assert_eq!(names, ["ヤングケアラー", "見守り"]);
        let sum: f64 = terms.iter().map(|t| t.contribution).sum();
        assert!((sum - v.similarity(0, 1)).abs() < 1e-9, "{sum} {}", v.similarity(0, 1));
    }

    #[test]
    fn the_same_input_gives_bit_identical_vectors() {
        let topics: &[&[&str]] =
            &[&["地域包括ケアシステムの構築"], &["地域包括ケアの推進"], &["在宅医療・介護連携"]];
        let first = vectors(topics);
        for _ in 0..5 {
            let again = vectors(topics);
            assert_eq!(first.vectors, again.vectors);
            assert_eq!(first.labels, again.labels);
        }
    }
}
