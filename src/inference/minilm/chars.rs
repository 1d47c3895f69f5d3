//! The Unicode character classes BERT's tokenizer needs, read from the model file's header
//! (`normalizer`, written by the converter from the Unicode database): punctuation (general
//! category P*, `BertPreTokenizer`), "other" (C*: control, format, unassigned, private use,
//! surrogates — `BertNormalizer`'s clean_text drops them), nonspacing marks (Mn, dropped after
//! NFD by strip_accents) and each char's canonical decomposition without its marks.

use crate::error::{Error, Result};
use serde::Deserialize;
use std::collections::HashMap;

/// The `normalizer` object of the model file's header.
#[derive(Debug, Default, Deserialize)]
pub struct CharTables {
    pub punctuation: Vec<[u32; 2]>,
    pub other: Vec<[u32; 2]>,
    pub marks: Vec<[u32; 2]>,
    /// char → its NFD without nonspacing marks, for chars where that differs (Hangul
    /// syllables excepted: they are decomposed arithmetically).
    pub decompositions: HashMap<String, String>,
}

/// [`CharTables`] checked (ranges sorted and disjoint, keys single chars) and made searchable.
#[derive(Debug)]
pub struct CharClasses {
    punctuation: Vec<[u32; 2]>,
    other: Vec<[u32; 2]>,
    marks: Vec<[u32; 2]>,
    decompositions: Vec<(char, String)>,
}

fn invalid(what: &str) -> Error {
    Error::wrong_input(format!("Invalid model file: {what}"))
}

fn sorted_ranges(r: Vec<[u32; 2]>, what: &str) -> Result<Vec<[u32; 2]>> {
    let ordered = r.iter().all(|[lo, hi]| lo <= hi) && r.windows(2).all(|w| w[0][1] < w[1][0]);
    if ordered { Ok(r) } else { Err(invalid(&format!("the {what} ranges are not sorted and disjoint"))) }
}

fn in_ranges(ranges: &[[u32; 2]], c: char) -> bool {
    let c = c as u32;
    // The first range whose end is ≥ c holds c if it starts at or before it.
    let i = ranges.partition_point(|r| r[1] < c);
    ranges.get(i).is_some_and(|r| r[0] <= c)
}

/// Hangul syllables (U+AC00..U+D7A3) decompose into 2 or 3 conjoining jamo by arithmetic
/// (Unicode §3.12); none of them is a mark.
fn hangul_jamo(c: char) -> Option<[Option<char>; 3]> {
    let s = (c as u32).checked_sub(0xAC00).filter(|&s| s < 11_172)?;
    let lead = char::from_u32(0x1100 + s / 588);
    let vowel = char::from_u32(0x1161 + (s % 588) / 28);
    let trail = if s % 28 == 0 { None } else { char::from_u32(0x11A7 + s % 28) };
    Some([lead, vowel, trail])
}

impl CharClasses {
    pub fn new(t: CharTables) -> Result<CharClasses> {
        let mut decompositions = Vec::with_capacity(t.decompositions.len());
        for (k, v) in t.decompositions {
            let mut chars = k.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => decompositions.push((c, v)),
                _ => return Err(invalid("a decomposition key is not one char")),
            }
        }
        decompositions.sort_unstable_by_key(|&(c, _)| c);
        Ok(CharClasses {
            punctuation: sorted_ranges(t.punctuation, "punctuation")?,
            other: sorted_ranges(t.other, "other")?,
            marks: sorted_ranges(t.marks, "marks")?,
            decompositions,
        })
    }

    /// `is_bert_punc`: ASCII punctuation (symbols such as `$+<=>^`|~` included) or Unicode P*.
    pub fn is_punctuation(&self, c: char) -> bool {
        c.is_ascii_punctuation() || in_ranges(&self.punctuation, c)
    }

    /// Unicode C* (`is_other`): dropped by clean_text, except tab, newline and return.
    pub fn is_other(&self, c: char) -> bool {
        in_ranges(&self.other, c)
    }

    /// Calls `emit` with `c` without its accents: nothing for a nonspacing mark, the
    /// decomposition's base chars for a decomposable char, else `c` itself.
    pub fn strip_accents(&self, c: char, mut emit: impl FnMut(&str)) {
        let mut buf = [0u8; 4];
        if c.is_ascii() {
            emit(c.encode_utf8(&mut buf));
        } else if in_ranges(&self.marks, c) {
        } else if let Some(jamo) = hangul_jamo(c) {
            jamo.into_iter().flatten().for_each(|j| emit(j.encode_utf8(&mut buf)));
        } else if let Ok(i) = self.decompositions.binary_search_by_key(&c, |&(k, _)| k) {
            emit(self.decompositions.get(i).map_or("", |(_, s)| s.as_str()));
        } else {
            emit(c.encode_utf8(&mut buf));
        }
    }
}
