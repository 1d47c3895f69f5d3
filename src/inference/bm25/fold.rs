//! ASCII folding, from Qdrant's `tokenizers/ascii_folding.rs`
//! (`lib/segment/src/index/field_index/full_text_index/`): each non-ASCII char with an entry in
//! Lucene's ASCIIFoldingFilter map is replaced by its ASCII spelling; every other char is kept.

use std::borrow::Cow;

use super::fold_table::FOLD;

/// `fold_to_ascii_cow`: ASCII input is returned as is, anything else is rebuilt.
pub(super) fn fold_to_ascii_cow(input: Cow<'_, str>) -> Cow<'_, str> {
    if input.is_ascii() {
        return input;
    }
    let mut out = String::with_capacity(input.len());
    for ch in input.chars() {
        match fold_char(ch) {
            Some(repl) => out.push_str(repl),
            None => out.push(ch),
        }
    }
    Cow::Owned(out)
}

fn fold_char(c: char) -> Option<&'static str> {
    if c.is_ascii() {
        return None;
    }
    FOLD.binary_search_by_key(&c, |&(k, _)| k).ok().map(|i| FOLD[i].1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fold(s: &str) -> String {
        fold_to_ascii_cow(Cow::Borrowed(s)).into_owned()
    }

    /// The examples of Qdrant's own unit test.
    #[test]
    fn qdrant_examples() {
        assert!(FOLD.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(fold("ação café jalapeño Über"), "acao cafe jalapeno Uber");
        assert_eq!(fold("Æsop and Œuvre"), "AEsop and OEuvre");
        assert_eq!(fold("straße"), "strasse");
        assert_eq!(fold("Łódź"), "Lodz");
        assert_eq!(fold("“quote” — test １②⒊"), "\"quote\" - test 123.");
        assert_eq!(fold("日本語のテキスト"), "日本語のテキスト");
    }
}
