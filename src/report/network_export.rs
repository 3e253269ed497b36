//! Network files that Gephi, Cytoscape and NetworkX open: GraphML and GEXF, written with
//! quick-xml so every name and attribute is escaped.

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use std::collections::BTreeMap;
use std::io::Write;

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

    fn text(&self) -> String {
        match self {
            Value::Text(text) => text.clone(),
            Value::Number(value) => format!("{value}"),
            Value::Int(value) => value.to_string(),
            Value::Bool(value) => value.to_string(),
        }
    }
}

/// A node with its attributes.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Unique id.
    pub id: String,
    /// Label shown by viewers.
    pub label: String,
    /// Attributes (sorted by name, so output is stable).
    pub attributes: BTreeMap<String, Value>,
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
    pub attributes: BTreeMap<String, Value>,
}

/// An undirected network to export.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Network {
    /// Nodes.
    pub nodes: Vec<Node>,
    /// Edges.
    pub edges: Vec<Edge>,
}

/// Attribute declarations: (name, type) in first-seen order over the given maps.
fn declarations<'a>(
    maps: impl Iterator<Item = &'a BTreeMap<String, Value>>,
) -> Vec<(String, Value)> {
    let mut seen: BTreeMap<String, Value> = BTreeMap::new();
    for map in maps {
        for (name, value) in map {
            seen.entry(name.clone()).or_insert_with(|| value.clone());
        }
    }
    seen.into_iter().collect()
}

fn start<'a>(name: &'a str, attributes: &[(&str, &str)]) -> Event<'a> {
    let mut element = BytesStart::new(name);
    for (key, value) in attributes {
        element.push_attribute((*key, *value));
    }
    Event::Start(element)
}

fn empty<'a>(name: &'a str, attributes: &[(&str, &str)]) -> Event<'a> {
    let mut element = BytesStart::new(name);
    for (key, value) in attributes {
        element.push_attribute((*key, *value));
    }
    Event::Empty(element)
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
    writer.write_event(Event::Text(BytesText::new(text)))?;
    writer.write_event(end(name))?;
    Ok(())
}

impl Network {
    /// GraphML (Brandes et al.), readable by NetworkX `read_graphml`, Gephi and Cytoscape.
    pub fn to_graphml(&self) -> Vec<u8> {
        let mut bytes = Vec::new();
        self.write_graphml(&mut bytes).map_or_else(|_| Vec::new(), |()| bytes)
    }

    /// [`to_graphml`](Self::to_graphml) straight into `out`, for networks too large to
    /// hold as text as well.
    pub fn write_graphml(&self, out: &mut dyn Write) -> std::io::Result<()> {
        let mut w = Writer::new_with_indent(out, b' ', 1);
        w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        w.write_event(start("graphml", &[("xmlns", "http://graphml.graphdrawing.org/xmlns")]))?;
        let node_keys = declarations(self.nodes.iter().map(|n| &n.attributes));
        // Every edge also carries its weight (a number, whatever an attribute of that name
        // said): declared once here, added to each edge's attributes as it is written.
        let mut edge_keys = declarations(self.edges.iter().map(|e| &e.attributes));
        if !self.edges.is_empty() {
            edge_keys.retain(|(name, _)| name != "weight");
            let at = edge_keys.partition_point(|(name, _)| name.as_str() < "weight");
            edge_keys.insert(at, ("weight".into(), Value::Number(0.0)));
        }
        w.write_event(empty(
            "key",
            &[("id", "label"), ("for", "node"), ("attr.name", "label"), ("attr.type", "string")],
        ))?;
        for (name, value) in &node_keys {
            let id = format!("n_{name}");
            w.write_event(empty(
                "key",
                &[
                    ("id", &id),
                    ("for", "node"),
                    ("attr.name", name),
                    ("attr.type", value.type_names().0),
                ],
            ))?;
        }
        for (name, value) in &edge_keys {
            let id = format!("e_{name}");
            w.write_event(empty(
                "key",
                &[
                    ("id", &id),
                    ("for", "edge"),
                    ("attr.name", name),
                    ("attr.type", value.type_names().0),
                ],
            ))?;
        }
        w.write_event(start("graph", &[("id", "G"), ("edgedefault", "undirected")]))?;
        for node in &self.nodes {
            w.write_event(start("node", &[("id", &node.id)]))?;
            text_element(&mut w, "data", &[("key", "label")], &node.label)?;
            for (name, value) in &node.attributes {
                text_element(&mut w, "data", &[("key", &format!("n_{name}"))], &value.text())?;
            }
            w.write_event(end("node"))?;
        }
        for (i, edge) in self.edges.iter().enumerate() {
            let mut map = edge.attributes.clone();
            map.insert("weight".into(), Value::Number(edge.weight));
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

    /// GEXF 1.3 (Gephi's format), with node and edge attributes declared as columns.
    pub fn to_gexf(&self) -> Vec<u8> {
        let mut bytes = Vec::new();
        self.write_gexf(&mut bytes).map_or_else(|_| Vec::new(), |()| bytes)
    }

    /// [`to_gexf`](Self::to_gexf) straight into `out`.
    pub fn write_gexf(&self, out: &mut dyn Write) -> std::io::Result<()> {
        let mut w = Writer::new_with_indent(out, b' ', 1);
        w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        w.write_event(start("gexf", &[("xmlns", "http://gexf.net/1.3"), ("version", "1.3")]))?;
        w.write_event(start("meta", &[]))?;
        text_element(&mut w, "creator", &[], "kaigi")?;
        w.write_event(end("meta"))?;
        w.write_event(start("graph", &[("defaultedgetype", "undirected"), ("mode", "static")]))?;
        let node_keys = declarations(self.nodes.iter().map(|n| &n.attributes));
        let edge_keys = declarations(self.edges.iter().map(|e| &e.attributes));
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

fn write_attvalues<W: Write>(
    w: &mut Writer<W>,
    attributes: &BTreeMap<String, Value>,
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
            attributes: BTreeMap::from([("sector".to_string(), Value::Text("<高齢&>".into()))]),
        };
        Network {
            nodes: vec![node("a", "=HYPERLINK(\"x\")"), node("b", "<script>alert(1)</script>")],
            edges: vec![Edge {
                source: "a".into(),
                target: "b".into(),
                weight: 2.0,
                attributes: BTreeMap::from([("meetings".to_string(), Value::Int(2))]),
            }],
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
