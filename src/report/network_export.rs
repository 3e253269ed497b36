//! The network model every export is written from, and its two XML formats: GraphML
//! (validated against the official XSD in `tests/network_files.rs`) and GEXF 1.3 with
//! Gephi's `viz` colours, positions and sizes. Written with quick-xml, so every name and
//! attribute is escaped; the other formats (node and edge lists, Pajek, incidence matrix)
//! are in the report's `network_tables` and `pajek` modules; [`NetworkFormat`] lists them all.
//!
//! Node ids are whatever the builder gives; kaigi's builders
//! ([`network_exports`](super::network_exports)) use stable ASCII ids (`m0003`, `a0012`),
//! which GraphML requires to be `NMTOKEN`s.

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::Write;

/// Every text that goes into an XML file (labels, attribute values) passes here, through
/// the output cleaning of `safety` (characters XML 1.0 forbids removed, as a last line of
/// defence after the loader's replacement); quick-xml escapes `<`, `&` and quotes itself.
fn xml_text(text: &str) -> Cow<'_, str> {
    super::safety::xml_text(text)
}

/// An attribute value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Text.
    Text(String),
    /// Floating point.
    Number(f64),
    /// Integer.
    Int(i64),
    /// Boolean.
    Bool(bool),
}

impl Value {
    fn type_names(&self) -> (&'static str, &'static str) {
        match self {
            Value::Text(_) => ("string", "string"),
            Value::Number(_) => ("double", "double"),
            Value::Int(_) => ("long", "long"),
            Value::Bool(_) => ("boolean", "boolean"),
        }
    }

    /// The value as text, as every format writes it (`{}` of `f64`: the shortest text
    /// that reads back to the same number).
    pub fn text(&self) -> String {
        match self {
            Value::Text(text) => text.clone(),
            Value::Number(value) => format!("{value}"),
            Value::Int(value) => value.to_string(),
            Value::Bool(value) => value.to_string(),
        }
    }
}

/// How a node is drawn: GEXF's `viz` module, the x/y/size/color columns of the node
/// list, Pajek coordinates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Viz {
    /// Fill colour, RGB.
    pub color: (u8, u8, u8),
    /// Position in [0, 1]², y downwards as in the report's picture; `None` when the
    /// picture does not place the node.
    pub position: Option<(f64, f64)>,
    /// Radius, as in the report's picture (pixels).
    pub size: f64,
}

impl Viz {
    /// The colour as `#rrggbb`.
    pub fn hex(&self) -> String {
        let (r, g, b) = self.color;
        format!("#{r:02x}{g:02x}{b:02x}")
    }

    /// Position in Gephi's plane: the unit square scaled to ±500, y upwards.
    pub fn gephi_position(&self) -> Option<(f64, f64)> {
        self.position.map(|(x, y)| (round2((x - 0.5) * 1000.0), round2((0.5 - y) * 1000.0)))
    }
}

/// Rounded to hundredths, so coordinates stay short and print the same everywhere.
pub(crate) fn round2(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

/// The attributes of a node or an edge, kept sorted by name so every output is stable.
/// A sorted list rather than a map with `String` keys: the agency network of 100,000
/// meetings has 2.3 million edges, and a `BTreeMap<String, _>` per edge (a leaf node and
/// a string per name) cost over half a kilobyte each.
///
/// ```
/// use kaigi::report::network_export::{Attributes, Value};
/// let mut attributes = Attributes::from([("z", Value::Int(1)), ("a", Value::Bool(true))]);
/// attributes.insert("m", Value::Number(2.5));
/// let names: Vec<&str> = attributes.iter().map(|(name, _)| name).collect();
/// assert_eq!(names, ["a", "m", "z"]);
/// assert_eq!(attributes.get("z"), Some(&Value::Int(1)));
/// let twice = Attributes::from([("a", Value::Int(1)), ("a", Value::Int(2))]);
/// assert_eq!((twice.len(), twice.get("a")), (1, Some(&Value::Int(2))));
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Attributes(Vec<(&'static str, Value)>);

impl Attributes {
    /// No attributes.
    pub fn new() -> Self {
        Attributes(Vec::new())
    }

    /// Sets `name` to `value`, returning the value it replaces.
    pub fn insert(&mut self, name: &'static str, value: Value) -> Option<Value> {
        match self.0.binary_search_by(|(probe, _)| probe.cmp(&name)) {
            Ok(at) => Some(std::mem::replace(&mut self.0[at].1, value)),
            Err(at) => {
                self.0.insert(at, (name, value));
                None
            }
        }
    }

    /// The value of `name`.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.0.binary_search_by(|(probe, _)| (*probe).cmp(name)).ok().map(|at| &self.0[at].1)
    }

    /// Names and values in name order.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &Value)> {
        self.0.iter().map(|(name, value)| (*name, value))
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }
}

impl Extend<(&'static str, Value)> for Attributes {
    fn extend<I: IntoIterator<Item = (&'static str, Value)>>(&mut self, items: I) {
        for (name, value) in items {
            self.insert(name, value);
        }
    }
}

impl FromIterator<(&'static str, Value)> for Attributes {
    /// Collected and sorted once, at its exact size (inserting one by one would leave
    /// room for eight in a list of five, on each of millions of edges). A name given
    /// twice keeps its last value, as inserting would.
    fn from_iter<I: IntoIterator<Item = (&'static str, Value)>>(items: I) -> Self {
        let mut list: Vec<(&'static str, Value)> = items.into_iter().collect();
        list.reverse();
        list.sort_by_key(|(name, _)| *name);
        list.dedup_by_key(|(name, _)| *name);
        list.shrink_to_fit();
        Attributes(list)
    }
}

impl<const N: usize> From<[(&'static str, Value); N]> for Attributes {
    fn from(items: [(&'static str, Value); N]) -> Self {
        items.into_iter().collect()
    }
}

impl<'a> IntoIterator for &'a Attributes {
    type Item = (&'static str, &'a Value);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (&'static str, Value)>,
        fn(&'a (&'static str, Value)) -> (&'static str, &'a Value),
    >;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(name, value)| (*name, value))
    }
}

/// A node with its attributes.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Unique id (an XML `NMTOKEN`: letters, digits, `.-_:`).
    pub id: String,
    /// Label shown by viewers.
    pub label: String,
    /// Attributes (sorted by name, so output is stable).
    pub attributes: Attributes,
    /// Colour, position and size, when the report draws the node.
    pub viz: Option<Viz>,
    /// Class for Pajek's partition file (`.clu`): the sector's number, 0 for meetings.
    pub partition: u32,
}

/// An undirected edge with attributes.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    /// Source node id.
    pub source: String,
    /// Target node id.
    pub target: String,
    /// Weight used by viewers.
    pub weight: f64,
    /// Other attributes.
    pub attributes: Attributes,
}

/// Most cells `incidence.csv` holds (meetings × agencies). A dense matrix grows with the
/// product of the two counts, not with the seats: 20,000 meetings of a 15,000-agency
/// region are 307 million cells (a 613 MB file, about 2 bytes a cell), 100,000 meetings
/// 7.7 billion (about 15 GB at that rate; writing it took 45 s), while the edge lists hold
/// the same seats in a few megabytes. 25 million cells is about 50 MB on disk and 200 MB
/// as a dense numeric matrix in R. Above it the matrix is not written and kaigi says so.
pub const INCIDENCE_CELL_LIMIT: u64 = 25_000_000;

/// An undirected network to export.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Network {
    /// Nodes.
    pub nodes: Vec<Node>,
    /// Edges.
    pub edges: Vec<Edge>,
    /// For a two-mode network, how many nodes (the first ones) are of the first mode
    /// (meetings); every edge joins a first-mode node to a second-mode one.
    pub first_mode: Option<usize>,
}

/// Attribute declarations: (name, type) in first-seen order over the given maps.
fn declarations<'a>(maps: impl Iterator<Item = &'a Attributes>) -> Vec<(String, Value)> {
    let mut seen: BTreeMap<&'static str, Value> = BTreeMap::new();
    for map in maps {
        for (name, value) in map {
            seen.entry(name).or_insert_with(|| value.clone());
        }
    }
    seen.into_iter().map(|(name, value)| (name.to_string(), value)).collect()
}

fn element<'a>(name: &'a str, attributes: &[(&str, &str)]) -> BytesStart<'a> {
    let mut element = BytesStart::new(name);
    for (key, value) in attributes {
        element.push_attribute((*key, xml_text(value).as_ref()));
    }
    element
}

fn start<'a>(name: &'a str, attributes: &[(&str, &str)]) -> Event<'a> {
    Event::Start(element(name, attributes))
}

fn empty<'a>(name: &'a str, attributes: &[(&str, &str)]) -> Event<'a> {
    Event::Empty(element(name, attributes))
}

fn end(name: &str) -> Event<'_> {
    Event::End(BytesEnd::new(name))
}

type XmlResult = Result<(), std::io::Error>;

fn text_element<W: Write>(
    writer: &mut Writer<W>,
    name: &str,
    attributes: &[(&str, &str)],
    text: &str,
) -> XmlResult {
    writer.write_event(start(name, attributes))?;
    writer.write_event(Event::Text(BytesText::new(&xml_text(text))))?;
    writer.write_event(end(name))?;
    Ok(())
}

/// One file format a network is written in: each writes straight into its file, so a
/// large network is never held twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NetworkFormat {
    /// `<stem>.graphml`.
    GraphMl,
    /// `<stem>.gexf`, GEXF 1.3 with `viz`.
    Gexf,
    /// `<stem>_nodes.csv`, Gephi's node table.
    Nodes,
    /// `<stem>_edges.csv`, Gephi's edge table.
    Edges,
    /// `<stem>.net`, Pajek.
    Pajek,
    /// `<stem>.clu`, Pajek's partition by sector.
    Partition,
    /// `incidence.csv`, meetings × agencies (two-mode networks only).
    Incidence,
}

impl NetworkFormat {
    /// Every format, in the order the report writes them.
    pub const ALL: [NetworkFormat; 7] = [
        NetworkFormat::GraphMl,
        NetworkFormat::Gexf,
        NetworkFormat::Nodes,
        NetworkFormat::Edges,
        NetworkFormat::Pajek,
        NetworkFormat::Partition,
        NetworkFormat::Incidence,
    ];

    /// The file name for the network `stem`, or `None` when the format does not apply
    /// (an incidence matrix of a one-mode network, or one over
    /// [`INCIDENCE_CELL_LIMIT`] cells).
    pub fn file_name(self, stem: &str, network: &Network) -> Option<String> {
        Some(match self {
            NetworkFormat::GraphMl => format!("{stem}.graphml"),
            NetworkFormat::Gexf => format!("{stem}.gexf"),
            NetworkFormat::Nodes => format!("{stem}_nodes.csv"),
            NetworkFormat::Edges => format!("{stem}_edges.csv"),
            NetworkFormat::Pajek => format!("{stem}.net"),
            NetworkFormat::Partition => format!("{stem}.clu"),
            NetworkFormat::Incidence => {
                if network.incidence_cells()? > INCIDENCE_CELL_LIMIT {
                    return None;
                }
                "incidence.csv".to_string()
            }
        })
    }

    /// Writes `network` in this format into `out`.
    pub fn write(self, network: &Network, out: &mut dyn Write) -> std::io::Result<()> {
        use super::{network_tables, pajek};
        match self {
            NetworkFormat::GraphMl => network.write_graphml(out),
            NetworkFormat::Gexf => network.write_gexf(out),
            NetworkFormat::Nodes => network_tables::write_nodes_csv(network, out),
            NetworkFormat::Edges => network_tables::write_edges_csv(network, out),
            NetworkFormat::Pajek => pajek::write_pajek(network, out),
            NetworkFormat::Partition => pajek::write_partition(network, out),
            NetworkFormat::Incidence => network_tables::write_incidence_csv(network, out),
        }
    }
}

/// GraphML's namespace.
const GRAPHML_NS: &str = "http://graphml.graphdrawing.org/xmlns";
/// Where validators find the official schema for that namespace.
const GRAPHML_SCHEMA: &str =
    "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd";
const XSI_NS: &str = "http://www.w3.org/2001/XMLSchema-instance";
/// GEXF 1.3 and its visualisation module.
const GEXF_NS: &str = "http://gexf.net/1.3";
const GEXF_VIZ_NS: &str = "http://gexf.net/1.3/viz";
const GEXF_SCHEMA: &str = "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd";

impl Network {
    /// Cells of the incidence matrix (first-mode × second-mode nodes); `None` for a
    /// one-mode network.
    pub fn incidence_cells(&self) -> Option<u64> {
        let rows = self.first_mode.filter(|&m| m <= self.nodes.len())?;
        Some(rows as u64 * (self.nodes.len() - rows) as u64)
    }

    /// GraphML (Brandes et al.), valid against the official schema and readable by
    /// NetworkX `read_graphml`, igraph, Gephi and Cytoscape.
    pub fn to_graphml(&self) -> Vec<u8> {
        let mut bytes = Vec::new();
        self.write_graphml(&mut bytes).map_or_else(|_| Vec::new(), |()| bytes)
    }

    /// [`to_graphml`](Self::to_graphml) straight into `out`, for networks too large to
    /// hold as text as well.
    ///
    /// Every node carries its label twice: as `label` (NetworkX, igraph, Gephi) and as
    /// `name`, the column Cytoscape's default style draws.
    pub fn write_graphml(&self, out: &mut dyn Write) -> std::io::Result<()> {
        let mut w = Writer::new_with_indent(out, b' ', 1);
        w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        w.write_event(start(
            "graphml",
            &[("xmlns", GRAPHML_NS), ("xmlns:xsi", XSI_NS), ("xsi:schemaLocation", GRAPHML_SCHEMA)],
        ))?;
        let node_keys = self.node_keys();
        // Every edge also carries its weight (a number, whatever an attribute of that name
        // said): declared once here, added to each edge's attributes as it is written.
        let mut edge_keys = declarations(self.edges.iter().map(|e| &e.attributes));
        if !self.edges.is_empty() {
            edge_keys.retain(|(name, _)| name != "weight");
            let at = edge_keys.partition_point(|(name, _)| name.as_str() < "weight");
            edge_keys.insert(at, ("weight".into(), Value::Number(0.0)));
        }
        for key in ["label", "name"] {
            w.write_event(empty(
                "key",
                &[("id", key), ("for", "node"), ("attr.name", key), ("attr.type", "string")],
            ))?;
        }
        for (class, prefix, keys) in [("node", "n_", &node_keys), ("edge", "e_", &edge_keys)] {
            for (name, value) in keys {
                let id = format!("{prefix}{name}");
                w.write_event(empty(
                    "key",
                    &[
                        ("id", &id),
                        ("for", class),
                        ("attr.name", name),
                        ("attr.type", value.type_names().0),
                    ],
                ))?;
            }
        }
        w.write_event(start("graph", &[("id", "G"), ("edgedefault", "undirected")]))?;
        for node in &self.nodes {
            w.write_event(start("node", &[("id", &node.id)]))?;
            text_element(&mut w, "data", &[("key", "label")], &node.label)?;
            text_element(&mut w, "data", &[("key", "name")], &node.label)?;
            for (name, value) in &node.attributes {
                text_element(&mut w, "data", &[("key", &format!("n_{name}"))], &value.text())?;
            }
            w.write_event(end("node"))?;
        }
        for (i, edge) in self.edges.iter().enumerate() {
            let mut map = edge.attributes.clone();
            map.insert("weight", Value::Number(edge.weight));
            let id = format!("e{i}");
            w.write_event(start(
                "edge",
                &[("id", &id), ("source", &edge.source), ("target", &edge.target)],
            ))?;
            for (name, value) in &map {
                text_element(&mut w, "data", &[("key", &format!("e_{name}"))], &value.text())?;
            }
            w.write_event(end("edge"))?;
        }
        w.write_event(end("graph"))?;
        w.write_event(end("graphml"))?;
        w.into_inner().write_all(b"\n")
    }

    /// Node attributes by name with a value showing their type, in name order.
    pub fn node_keys(&self) -> Vec<(String, Value)> {
        declarations(self.nodes.iter().map(|n| &n.attributes))
    }

    /// Edge attributes by name with a value showing their type, in name order.
    pub fn edge_keys(&self) -> Vec<(String, Value)> {
        declarations(self.edges.iter().map(|e| &e.attributes))
    }

    /// GEXF 1.3 (Gephi's format), with node and edge attributes declared as columns and
    /// each drawn node's colour, position and size in the `viz` module, so Gephi opens
    /// the report's picture rather than grey dots at random places.
    pub fn to_gexf(&self) -> Vec<u8> {
        let mut bytes = Vec::new();
        self.write_gexf(&mut bytes).map_or_else(|_| Vec::new(), |()| bytes)
    }

    /// [`to_gexf`](Self::to_gexf) straight into `out`.
    pub fn write_gexf(&self, out: &mut dyn Write) -> std::io::Result<()> {
        let mut w = Writer::new_with_indent(out, b' ', 1);
        w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        w.write_event(start(
            "gexf",
            &[
                ("xmlns", GEXF_NS),
                ("xmlns:viz", GEXF_VIZ_NS),
                ("xmlns:xsi", XSI_NS),
                ("xsi:schemaLocation", GEXF_SCHEMA),
                ("version", "1.3"),
            ],
        ))?;
        w.write_event(start("meta", &[]))?;
        text_element(&mut w, "creator", &[], "kaigi")?;
        w.write_event(end("meta"))?;
        w.write_event(start("graph", &[("defaultedgetype", "undirected"), ("mode", "static")]))?;
        let node_keys = self.node_keys();
        let edge_keys = self.edge_keys();
        for (class, keys) in [("node", &node_keys), ("edge", &edge_keys)] {
            if keys.is_empty() {
                continue;
            }
            w.write_event(start("attributes", &[("class", class)]))?;
            for (i, (name, value)) in keys.iter().enumerate() {
                let id = i.to_string();
                w.write_event(empty(
                    "attribute",
                    &[("id", &id), ("title", name), ("type", value.type_names().1)],
                ))?;
            }
            w.write_event(end("attributes"))?;
        }
        let index = |keys: &[(String, Value)], name: &str| {
            keys.iter().position(|(k, _)| k == name).unwrap_or(0).to_string()
        };
        w.write_event(start("nodes", &[]))?;
        for node in &self.nodes {
            w.write_event(start("node", &[("id", &node.id), ("label", &node.label)]))?;
            write_attvalues(&mut w, &node.attributes, |name| index(&node_keys, name))?;
            if let Some(viz) = &node.viz {
                write_viz(&mut w, viz)?;
            }
            w.write_event(end("node"))?;
        }
        w.write_event(end("nodes"))?;
        w.write_event(start("edges", &[]))?;
        for (i, edge) in self.edges.iter().enumerate() {
            let id = i.to_string();
            let weight = format!("{}", edge.weight);
            w.write_event(start(
                "edge",
                &[
                    ("id", &id),
                    ("source", &edge.source),
                    ("target", &edge.target),
                    ("weight", &weight),
                ],
            ))?;
            write_attvalues(&mut w, &edge.attributes, |name| index(&edge_keys, name))?;
            w.write_event(end("edge"))?;
        }
        w.write_event(end("edges"))?;
        w.write_event(end("graph"))?;
        w.write_event(end("gexf"))?;
        w.into_inner().write_all(b"\n")
    }
}

/// GEXF's `viz:color`, `viz:position` (when known) and `viz:size`.
fn write_viz<W: Write>(w: &mut Writer<W>, viz: &Viz) -> XmlResult {
    let (r, g, b) = viz.color;
    let (r, g, b) = (r.to_string(), g.to_string(), b.to_string());
    w.write_event(empty("viz:color", &[("r", &r), ("g", &g), ("b", &b)]))?;
    if let Some((x, y)) = viz.gephi_position() {
        let (x, y) = (format!("{x}"), format!("{y}"));
        w.write_event(empty("viz:position", &[("x", &x), ("y", &y), ("z", "0")]))?;
    }
    let size = format!("{}", round2(viz.size));
    w.write_event(empty("viz:size", &[("value", &size)]))?;
    Ok(())
}

fn write_attvalues<W: Write>(
    w: &mut Writer<W>,
    attributes: &Attributes,
    id_of: impl Fn(&str) -> String,
) -> XmlResult {
    if attributes.is_empty() {
        return Ok(());
    }
    w.write_event(start("attvalues", &[]))?;
    for (name, value) in attributes {
        let id = id_of(name);
        let text = value.text();
        w.write_event(empty("attvalue", &[("for", &id), ("value", &text)]))?;
    }
    w.write_event(end("attvalues"))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> Network {
        let node = |id: &str, label: &str| Node {
            id: id.into(),
            label: label.into(),
            attributes: Attributes::from([("sector", Value::Text("<高齢&>".into()))]),
            viz: Some(Viz { color: (0, 114, 178), position: Some((0.25, 0.75)), size: 7.5 }),
            partition: 1,
        };
        Network {
            nodes: vec![node("a", "=HYPERLINK(\"x\")"), node("b", "<script>alert(1)</script>")],
            edges: vec![Edge {
                source: "a".into(),
                target: "b".into(),
                weight: 2.0,
                attributes: Attributes::from([("meetings", Value::Int(2))]),
            }],
            first_mode: None,
        }
    }

    #[test]
    fn the_incidence_matrix_is_left_out_only_above_the_cell_limit() {
        let two_mode = |meetings: usize, agencies: usize| {
            let template = tiny().nodes[0].clone();
            Network {
                nodes: vec![template; meetings + agencies],
                edges: Vec::new(),
                first_mode: Some(meetings),
            }
        };
        // 5,000 × 5,000 is exactly the limit: written.
        let at = two_mode(5_000, 5_000);
        assert_eq!(at.incidence_cells(), Some(INCIDENCE_CELL_LIMIT));
        assert_eq!(
            NetworkFormat::Incidence.file_name("two_mode", &at).as_deref(),
            Some("incidence.csv")
        );
        // One agency more is over it: left out, while the edge list is still written.
        let over = two_mode(5_000, 5_001);
        assert_eq!(NetworkFormat::Incidence.file_name("two_mode", &over), None);
        assert!(NetworkFormat::Edges.file_name("two_mode", &over).is_some());
        // A one-mode network never has one.
        assert_eq!(tiny().incidence_cells(), None);
        assert_eq!(NetworkFormat::Incidence.file_name("agencies", &tiny()), None);
    }

    #[test]
    fn characters_xml_forbids_never_reach_the_file() {
        let mut network = tiny();
        network.nodes[0].label = "社協\u{0}\u{1b}".into();
        for bytes in [network.to_graphml(), network.to_gexf()] {
            let text = String::from_utf8(bytes).unwrap();
            assert!(roxmltree::Document::parse(&text).is_ok(), "{text}");
            assert!(text.contains("社協") && !text.contains('\u{1b}'));
        }
    }

    #[test]
    fn graphml_and_gexf_escape_text_and_parse_back() {
        for bytes in [tiny().to_graphml(), tiny().to_gexf()] {
            let text = String::from_utf8(bytes).unwrap();
            assert!(!text.contains("<script>"), "{text}");
            assert!(text.contains("&lt;script&gt;"));
            let document = roxmltree::Document::parse(&text).unwrap();
            let labels: Vec<String> = document
                .descendants()
                .flat_map(|n| {
                    n.attribute("label")
                        .map(str::to_string)
                        .into_iter()
                        .chain(n.text().map(str::to_string))
                })
                .collect();
            assert!(labels.iter().any(|l| l.contains("<script>alert(1)</script>")), "{labels:?}");
        }
    }
}
