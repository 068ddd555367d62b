//! Inline text as the Markdown and the HTML walks both gather it: spans
//! joined when their formatting matches, trimmed at a block's ends.

use gazette_api::Span;

/// Adds `span` to `spans`, joined to the last one when both have the same
/// formatting; where two spaces would meet, one is kept.
pub fn push(spans: &mut Vec<Span>, span: Span) {
    match spans.last_mut() {
        Some(last)
            if (last.bold, last.italic, &last.href) == (span.bold, span.italic, &span.href) =>
        {
            if last.text.ends_with(' ') {
                last.text.push_str(span.text.trim_start_matches(' '));
            } else {
                last.text.push_str(&span.text);
            }
        }
        _ => spans.push(span),
    }
}

/// The spans' text, formatting left out.
pub fn plain_text(spans: &[Span]) -> String {
    spans.iter().map(|span| span.text.as_str()).collect()
}

/// Whether the spans hold anything but white space.
pub fn has_text(spans: &[Span]) -> bool {
    spans.iter().any(|span| !span.text.trim().is_empty())
}

/// The spans without white space at the start of the first and the end of
/// the last (spans of white space alone at either end go whole), and
/// without empty ones.
pub fn trimmed(mut spans: Vec<Span>) -> Vec<Span> {
    let blank = |span: &Span| span.text.trim().is_empty();
    let start = spans
        .iter()
        .position(|span| !blank(span))
        .unwrap_or(spans.len());
    spans.drain(..start);
    while spans.last().is_some_and(blank) {
        spans.pop();
    }
    if let Some(first) = spans.first_mut() {
        first.text = first.text.trim_start().to_owned();
    }
    if let Some(last) = spans.last_mut() {
        last.text = last.text.trim_end().to_owned();
    }
    spans.retain(|span| !span.text.is_empty());
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_join_when_their_formatting_matches_and_spaces_do_not_double() {
        let mut spans = Vec::new();
        push(&mut spans, Span::plain("a "));
        push(&mut spans, Span::plain(" b"));
        push(
            &mut spans,
            Span {
                text: "c".into(),
                bold: true,
                ..Span::default()
            },
        );
        assert_eq!(
            spans,
            [
                Span::plain("a b"),
                Span {
                    text: "c".into(),
                    bold: true,
                    ..Span::default()
                }
            ]
        );
        assert_eq!(plain_text(&spans), "a bc");
        // A span of white space alone at an end goes whole, and the white
        // space it leaves at the end of the text too.
        assert_eq!(
            trimmed(vec![Span::plain("  x "), Span::plain(" ")]),
            [Span::plain("x")]
        );
        assert_eq!(
            trimmed(vec![
                Span::plain(" "),
                Span {
                    text: " ".into(),
                    bold: true,
                    ..Span::default()
                },
                Span::plain(" y")
            ]),
            [Span::plain("y")]
        );
        assert!(!has_text(&[Span::plain(" \u{a0}")]));
    }
}
