//! The story's graph as GEXF 1.3, the format Gephi opens: every entity a node (its name the
//! label; kind, country, description and date as attributes), every relation an edge from
//! `from` to `to` (its label the edge's label; kind, family, date, number of facts and standing
//! as attributes). Every attribute a node or edge carries is declared first, as GEXF asks.
//!
//! A relation that reads one way is a `directed` edge; one that reads both ways (`ally_of`) is
//! `mutual`, GEXF's word for an edge that goes both ways in a directed graph. (Not
//! `undirected`: a graph mixing directed and undirected edges is one that several readers,
//! networkx among them, refuse.)
//!
//! Written by hand: the document is a fixed shape and the one thing to get right is escaping,
//! which [`escape`] does for every string the dataset gives.

use std::fmt::Write as _;

use crate::export::iso_date;
use crate::model::BuiltinKind;
use crate::Story;

/// GEXF 1.3's namespace, as Gephi writes it and networkx reads it.
pub const NAMESPACE: &str = "http://gexf.net/1.3";

/// The node attributes: id (also the title Gephi shows) and GEXF type.
const NODE_ATTRIBUTES: [(&str, &str); 4] =
    [("kind", "string"), ("country", "string"), ("description", "string"), ("date", "string")];

/// The edge attributes: id (also the title) and GEXF type.
const EDGE_ATTRIBUTES: [(&str, &str); 5] =
    [("kind", "string"), ("family", "string"), ("date", "string"), ("facts", "integer"), ("standing", "string")];

/// The story's graph as a GEXF 1.3 document.
pub fn write(story: &Story) -> String {
    let data = &story.dataset;
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<gexf xmlns=\"{NAMESPACE}\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"{NAMESPACE} {NAMESPACE}/gexf.xsd\" version=\"1.3\">"
    );
    out.push_str("  <meta>\n    <creator>factlens</creator>\n");
    let _ =
        writeln!(out, "    <description>{}: {}</description>", escape(&data.story.title), escape(&data.story.summary));
    out.push_str("  </meta>\n  <graph defaultedgetype=\"directed\">\n");
    declare(&mut out, "node", &NODE_ATTRIBUTES);
    declare(&mut out, "edge", &EDGE_ATTRIBUTES);

    let _ = writeln!(out, "    <nodes count=\"{}\">", data.entities.len());
    for entity in &data.entities {
        let _ = writeln!(out, "      <node id=\"{}\" label=\"{}\">", escape(&entity.id), escape(&entity.name));
        let date = entity.date.as_ref().and_then(iso_date);
        attvalues(
            &mut out,
            &[
                ("kind", Some(entity.kind.as_str())),
                ("country", entity.country.as_deref()),
                ("description", Some(&entity.description)),
                ("date", date.as_deref()),
            ],
        );
        out.push_str("      </node>\n");
    }
    out.push_str("    </nodes>\n");

    let _ = writeln!(out, "    <edges count=\"{}\">", data.relations.len());
    for relation in &data.relations {
        let _ = writeln!(
            out,
            "      <edge id=\"{}\" source=\"{}\" target=\"{}\" type=\"{}\" label=\"{}\">",
            escape(&relation.id),
            escape(&relation.from),
            escape(&relation.to),
            if relation.directed { "directed" } else { "mutual" },
            escape(&relation.label)
        );
        let date = relation.date.as_ref().and_then(iso_date);
        let facts = relation.facts.len().to_string();
        attvalues(
            &mut out,
            &[
                ("kind", Some(relation.kind.as_str())),
                // A declared kind belongs to no built-in family.
                ("family", Some(BuiltinKind::from_word(&relation.kind).map_or("declared", |k| k.family().as_str()))),
                ("date", date.as_deref()),
                ("facts", Some(&facts)),
                ("standing", Some(story.standing(relation).as_str())),
            ],
        );
        out.push_str("      </edge>\n");
    }
    out.push_str("    </edges>\n  </graph>\n</gexf>\n");
    out
}

fn declare(out: &mut String, class: &str, attributes: &[(&str, &str)]) {
    let _ = writeln!(out, "    <attributes class=\"{class}\">");
    for (id, kind) in attributes {
        let _ = writeln!(out, "      <attribute id=\"{id}\" title=\"{id}\" type=\"{kind}\"/>");
    }
    out.push_str("    </attributes>\n");
}

/// The values present, each for an attribute declared above.
fn attvalues(out: &mut String, values: &[(&str, Option<&str>)]) {
    out.push_str("        <attvalues>\n");
    for (id, value) in values {
        if let Some(value) = value {
            let _ = writeln!(out, "          <attvalue for=\"{id}\" value=\"{}\"/>", escape(value));
        }
    }
    out.push_str("        </attvalues>\n");
}

/// `text` as XML character data, safe inside an attribute value or an element: the five
/// markup characters as entities, tab and line breaks as character references (so an
/// attribute keeps them rather than reading them as spaces), and the characters XML 1.0
/// cannot carry at all (other C0 controls, U+FFFE, U+FFFF) left out.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::tests::small_story;

    #[test]
    fn strings_are_escaped_never_markup() {
        let check = |text: &str, escaped: &str| assert_eq!(escape(text), escaped, "{text:?}");
        check("plain", "plain");
        check("<script>alert('x')</script>", "&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt;");
        check("A & B", "A &amp; B");
        check("&amp;", "&amp;amp;");
        check("say \"hi\"", "say &quot;hi&quot;");
        check("tab\there\nline\r", "tab&#9;here&#10;line&#13;");
        check("bell\u{7}\u{0}\u{fffe}", "bell");
        check("Nyò Sàw – “quoted”", "Nyò Sàw – “quoted”");
    }

    #[test]
    fn a_small_story_gives_an_exact_document() {
        let expected = r#"<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">
  <meta>
    <creator>factlens</creator>
    <description>T: S</description>
  </meta>
  <graph defaultedgetype="directed">
    <attributes class="node">
      <attribute id="kind" title="kind" type="string"/>
      <attribute id="country" title="country" type="string"/>
      <attribute id="description" title="description" type="string"/>
      <attribute id="date" title="date" type="string"/>
    </attributes>
    <attributes class="edge">
      <attribute id="kind" title="kind" type="string"/>
      <attribute id="family" title="family" type="string"/>
      <attribute id="date" title="date" type="string"/>
      <attribute id="facts" title="facts" type="integer"/>
      <attribute id="standing" title="standing" type="string"/>
    </attributes>
    <nodes count="3">
      <node id="ann" label="Ann, &quot;the&quot; &lt;b&gt;Bold&lt;/b&gt;">
        <attvalues>
          <attvalue for="kind" value="person"/>
          <attvalue for="country" value="BY"/>
          <attvalue for="description" value="Line one&#10;line two"/>
        </attvalues>
      </node>
      <node id="minsk" label="Minsk">
        <attvalues>
          <attvalue for="kind" value="place"/>
          <attvalue for="country" value="BY"/>
          <attvalue for="description" value="A city."/>
        </attvalues>
      </node>
      <node id="acme" label="&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; Sons">
        <attvalues>
          <attvalue for="kind" value="organization"/>
          <attvalue for="description" value="Tab&#9;here, bell."/>
        </attvalues>
      </node>
    </nodes>
    <edges count="2">
      <edge id="ann-visited-minsk" source="ann" target="minsk" type="directed" label="visited, twice">
        <attvalues>
          <attvalue for="kind" value="visited"/>
          <attvalue for="family" value="contact"/>
          <attvalue for="date" value="2023-03"/>
          <attvalue for="facts" value="2"/>
          <attvalue for="standing" value="reported"/>
        </attvalues>
      </edge>
      <edge id="ann-ally-of-acme" source="ann" target="acme" type="mutual" label="allied">
        <attvalues>
          <attvalue for="kind" value="ally_of"/>
          <attvalue for="family" value="alignment"/>
          <attvalue for="date" value="2021-02-01"/>
          <attvalue for="facts" value="1"/>
          <attvalue for="standing" value="reported"/>
        </attvalues>
      </edge>
    </edges>
  </graph>
</gexf>
"#;
        assert_eq!(write(&small_story()), expected);
    }
}
