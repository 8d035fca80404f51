//! A small view of an SVG document for structural checks, parsed with quick-xml (which also
//! proves it well-formed).

use quick_xml::events::Event;
use quick_xml::Reader;

/// One element: name, attributes, direct text, class of the nearest ancestor group.
#[derive(Debug, Clone, Default)]
pub struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub text: String,
    pub ancestors: Vec<String>,
}

impl Element {
    pub fn attr(&self, k: &str) -> Option<&str> {
        self.attrs.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str())
    }
    pub fn has_class(&self, c: &str) -> bool {
        self.attr("class").is_some_and(|v| v.split(' ').any(|x| x == c))
    }
    pub fn inside(&self, class: &str) -> bool {
        self.ancestors.iter().any(|a| a == class)
    }
}

/// Parses `svg`, failing on any well-formedness error (mismatched or unclosed tags, bad
/// entities, more than one root).
pub fn parse(svg: &str) -> Result<Vec<Element>, String> {
    let mut reader = Reader::from_str(svg);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<(usize, String)> = Vec::new();
    let mut out: Vec<Element> = Vec::new();
    let mut roots = 0;
    loop {
        let ev = reader
            .read_event()
            .map_err(|e| format!("at byte {}: {e}", reader.buffer_position()))?;
        match ev {
            Event::Start(ref e) | Event::Empty(ref e) => {
                if stack.is_empty() {
                    roots += 1;
                }
                let name = String::from_utf8_lossy(e.name().as_ref()).to_string();
                let mut attrs = Vec::new();
                for a in e.attributes() {
                    let a = a.map_err(|e| e.to_string())?;
                    let v = a
                        .decode_and_unescape_value(reader.decoder())
                        .map_err(|e| e.to_string())?
                        .to_string();
                    attrs.push((String::from_utf8_lossy(a.key.as_ref()).to_string(), v));
                }
                let ancestors =
                    stack.iter().map(|(_, c)| c.clone()).filter(|c| !c.is_empty()).collect();
                let el = Element { name, attrs, text: String::new(), ancestors };
                let class = el.attr("class").unwrap_or("").to_string();
                out.push(el);
                if matches!(ev, Event::Start(_)) {
                    stack.push((out.len() - 1, class));
                }
            }
            Event::End(_) => {
                stack.pop().ok_or("unbalanced end tag")?;
            }
            Event::Text(t) => {
                let t = t.unescape().map_err(|e| e.to_string())?;
                if let Some((i, _)) = stack.last() {
                    out[*i].text.push_str(&t);
                } else if !t.trim().is_empty() {
                    return Err("text outside the root".into());
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !stack.is_empty() {
        return Err(format!("{} unclosed elements", stack.len()));
    }
    if roots != 1 {
        return Err(format!("{roots} root elements"));
    }
    Ok(out)
}

/// `(x, y, w, h)` of every placed label (`data-box`).
pub fn label_boxes(els: &[Element]) -> Vec<[f64; 4]> {
    els.iter()
        .filter_map(|e| e.attr("data-box"))
        .map(|b| {
            let v: Vec<f64> = b.split(' ').map(|x| x.parse().unwrap()).collect();
            [v[0], v[1], v[2], v[3]]
        })
        .collect()
}

/// Pairs of overlapping boxes (more than 0.01 mm, the output precision).
pub fn overlaps(boxes: &[[f64; 4]]) -> Vec<([f64; 4], [f64; 4])> {
    let mut bad = Vec::new();
    for (i, a) in boxes.iter().enumerate() {
        for b in &boxes[i + 1..] {
            let e = 0.011;
            if a[0] + e < b[0] + b[2]
                && b[0] + e < a[0] + a[2]
                && a[1] + e < b[1] + b[3]
                && b[1] + e < a[1] + a[3]
            {
                bad.push((*a, *b));
            }
        }
    }
    bad
}
