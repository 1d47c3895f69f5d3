//! Date-time strings as instants, for datetime `range` conditions.
//!
//! Qdrant `lib/segment/src/types.rs` (`DateTimePayloadType::from_str`) tries, in order, chrono's
//! RFC 3339 parser, chrono's relaxed `DateTime<FixedOffset>::from_str`, the formats
//! `%Y-%m-%d[T ]%H:%M:%S%.f%#z`, and the naive formats `%Y-%m-%dT%H:%M:%S%.f`,
//! `%Y-%m-%d %H:%M:%S%.f`, `%Y-%m-%dT%H:%M`, `%Y-%m-%d %H:%M` and `%Y-%m-%d` (naive = UTC).
//! This module accepts the union of those forms:
//!
//! ```text
//! date [ (T|t|' ') HH:MM:SS[.fraction] [ws] offset? ]     offset = Z | z | UTC | ±HH | ±HHMM | ±HH:MM
//! date (T|' ') HH:MM                                      (naive only)
//! date                                                    (midnight UTC)
//! ```
//!
//! `date` is `Y[YYY]-M[M]-D[D]` (chrono's `%Y`: one to four digits, or a signed year). Like
//! chrono, whitespace may precede each numeric date or time field (`" 2012-  12-12T12:  12:12Z"`).
//! Seconds may be 60 (a leap second, ordered after :59 as chrono does). Fractions keep 9 digits
//! (nanoseconds); more digits are accepted and truncated. Instants compare with nanosecond
//! precision, like chrono's `DateTime<Utc>`.

use serde::de::{self, Deserializer};
use serde::Deserialize;

/// An instant: nanoseconds since 1970-01-01T00:00:00Z (leap seconds add 1 s to :59).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(pub i128);

impl Timestamp {
    /// Parses any of the accepted forms; `None` if the string is not one of them.
    pub fn parse(s: &str) -> Option<Timestamp> {
        let mut cur = Cursor(s.as_bytes());
        let (y, mo, d) = parse_date(&mut cur)?;
        let days = days_from_civil(y, mo, d)?;
        if cur.0.is_empty() {
            return Some(Timestamp(i128::from(days) * DAY_NS));
        }
        let sep = cur.next()?;
        if !matches!(sep, b'T' | b't' | b' ') {
            return None;
        }
        let nanos_of_day = parse_time_and_offset(&mut cur, sep != b't')?;
        Some(Timestamp(i128::from(days) * DAY_NS + nanos_of_day))
    }
}

/// From a JSON string; anything else, or an unparsable string, is an error (Qdrant's wording).
impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Timestamp::parse(&text).ok_or_else(|| {
            de::Error::custom(format!(
                "'{text}' is not in a supported date/time format, please use RFC 3339"
            ))
        })
    }
}

const SEC_NS: i128 = 1_000_000_000;
const DAY_NS: i128 = 86_400 * SEC_NS;

struct Cursor<'a>(&'a [u8]);

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.0.first().copied()
    }
    fn next(&mut self) -> Option<u8> {
        let (&b, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(b)
    }
    fn eat(&mut self, b: u8) -> bool {
        let hit = self.peek() == Some(b);
        if hit {
            self.0 = &self.0[1..];
        }
        hit
    }
    /// A date or time field: chrono skips whitespace before every numeric field of a format
    /// (`format/parse.rs`, `s.trim_start()`), then reads between `min` and `max` digits.
    fn field(&mut self, min: usize, max: usize) -> Option<i64> {
        self.skip_whitespace();
        self.digits(min, max)
    }
    fn skip_whitespace(&mut self) {
        let text = std::str::from_utf8(self.0).unwrap_or_default();
        let trimmed = text.trim_start();
        self.0 = &self.0[text.len() - trimmed.len()..];
    }
    /// Between `min` and `max` ASCII digits as a number.
    fn digits(&mut self, min: usize, max: usize) -> Option<i64> {
        let n = self
            .0
            .iter()
            .take(max)
            .take_while(|b| b.is_ascii_digit())
            .count();
        if n < min {
            return None;
        }
        let v = self.0[..n]
            .iter()
            .fold(0i64, |acc, b| acc * 10 + i64::from(b - b'0'));
        self.0 = &self.0[n..];
        Some(v)
    }
}

fn parse_date(cur: &mut Cursor<'_>) -> Option<(i64, i64, i64)> {
    cur.skip_whitespace();
    let year = match cur.peek()? {
        b'+' | b'-' => {
            let neg = cur.next()? == b'-';
            let y = cur.digits(1, 9)?;
            if neg {
                -y
            } else {
                y
            }
        }
        // chrono's `%Y` without a sign: one to four digits.
        _ => cur.digits(1, 4)?,
    };
    if !cur.eat(b'-') {
        return None;
    }
    let month = cur.field(1, 2)?;
    if !cur.eat(b'-') {
        return None;
    }
    let day = cur.field(1, 2)?;
    Some((year, month, day))
}

/// `HH:MM:SS[.f][ws][offset]` or (naive, after `T` or a space: `%Y-%m-%dT%H:%M`,
/// `%Y-%m-%d %H:%M`) `HH:MM`; nanoseconds into the UTC day, which may fall outside
/// `0..DAY_NS` once the offset is applied.
fn parse_time_and_offset(cur: &mut Cursor<'_>, naive_hm: bool) -> Option<i128> {
    let h = cur.field(1, 2)?;
    if !cur.eat(b':') {
        return None;
    }
    let m = cur.field(1, 2)?;
    if h > 23 || m > 59 {
        return None;
    }
    let hm_ns = i128::from(h * 3600 + m * 60) * SEC_NS;
    if cur.0.is_empty() {
        return naive_hm.then_some(hm_ns);
    }
    if !cur.eat(b':') {
        return None;
    }
    let s = cur.field(1, 2)?;
    if s > 60 {
        return None;
    }
    let frac = parse_fraction(cur)?;
    while cur.eat(b' ') {}
    let offset_s = parse_offset(cur)?;
    if !cur.0.is_empty() {
        return None;
    }
    Some(hm_ns + i128::from(s) * SEC_NS + frac - i128::from(offset_s) * SEC_NS)
}

/// `.` followed by at least one digit; the first nine digits are kept.
fn parse_fraction(cur: &mut Cursor<'_>) -> Option<i128> {
    if !cur.eat(b'.') {
        return Some(0);
    }
    let n = cur.0.iter().take_while(|b| b.is_ascii_digit()).count();
    if n == 0 {
        return None;
    }
    let mut ns: i128 = 0;
    for i in 0..9 {
        let d = cur.0.get(i).filter(|_| i < n).map_or(0, |b| b - b'0');
        ns = ns * 10 + i128::from(d);
    }
    cur.0 = &cur.0[n..];
    Some(ns)
}

/// Offset in seconds east of UTC; an absent offset means UTC.
fn parse_offset(cur: &mut Cursor<'_>) -> Option<i64> {
    if cur.0.is_empty() || cur.eat(b'Z') || cur.eat(b'z') {
        return Some(0);
    }
    if cur.0.len() >= 3 && cur.0[..3].eq_ignore_ascii_case(b"UTC") {
        cur.0 = &cur.0[3..];
        return Some(0);
    }
    let sign = match cur.next()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let hh = cur.digits(2, 2)?;
    let colon = cur.eat(b':');
    let mm = if !colon && cur.0.is_empty() {
        0
    } else {
        cur.digits(2, 2)?
    };
    if hh > 23 || mm > 59 {
        return None;
    }
    Some(sign * (hh * 3600 + mm * 60))
}

/// Days since 1970-01-01 of a proleptic Gregorian date, or `None` if the date does not exist.
/// (Howard Hinnant's `days_from_civil`.)
fn days_from_civil(y: i64, m: i64, d: i64) -> Option<i64> {
    if !(1..=12).contains(&m) || d < 1 || d > days_in_month(y, m) {
        return None;
    }
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

fn days_in_month(y: i64, m: i64) -> i64 {
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    match m {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(s: &str) -> i128 {
        Timestamp::parse(s)
            .unwrap_or_else(|| panic!("{s:?} should parse"))
            .0
    }

    #[test]
    #[rustfmt::skip]
    fn accepted_forms_are_the_same_instant() {
        let base = ts("2020-03-01T00:00:00Z");
        assert_eq!(base, 1_583_020_800 * SEC_NS);
        let same = [
            "2020-03-01T00:00:00z",
            "2020-03-01t00:00:00Z",
            "2020-03-01 00:00:00Z",
            "2020-03-01T00:00:00+00:00",
            "2020-03-01T00:00:00",
            "2020-03-01 00:00:00",
            "2020-03-01 00:00",
            "2020-03-01",
            "2020-03-01T00:00:00.000",
            "2020-03-01T00:00:00UTC",
            "2020-03-01T00:00:00 Z",
            "2020-3-1T00:00:00Z",
            "2020-03-01T09:00:00+09:00",
            "2020-03-01 09:00:00+0900",
            "2020-03-01T09:00:00+09",
            "2020-02-29T15:00:00-09:00",
            "2020-03-01T00:00",
            " 2020-03-01",
            "2020- 03-01T 00: 00:00Z",
        ];
        for s in same {
            assert_eq!(ts(s), base, "{s}");
        }
    }

    #[test]
    #[rustfmt::skip]
    fn fractions_and_leap_seconds() {
        assert_eq!(ts("1970-01-01T00:00:00.123456789Z"), 123_456_789);
        assert_eq!(ts("1970-01-01T00:00:00.1234567891234Z"), 123_456_789);
        assert_eq!(ts("1970-01-01T00:00:00.5"), SEC_NS / 2);
        assert!(ts("1970-01-01T00:00:01.000001Z") > ts("1970-01-01T00:00:01Z"));
        assert_eq!(ts("1969-12-31T23:59:59Z"), -SEC_NS);
        assert!(ts("2016-12-31T23:59:60Z") > ts("2016-12-31T23:59:59Z"));
    }

    /// 0024-01-01T00:00:00Z in seconds since the epoch.
    const SECONDS_0024: i128 = -61_409_836_800;

    #[test]
    fn short_years_are_years_of_the_first_millennia() {
        // chrono's `%Y` reads one to four digits: "24" is the year 24.
        assert_eq!(ts("24-01-01"), ts("0024-01-01"));
        assert_eq!(ts("0024-01-01") / SEC_NS, SECONDS_0024);
    }

    #[test]
    #[rustfmt::skip]
    fn rejected_forms() {
        let bad = [
            "",
            "2020",
            "2020-03",
            "2020-13-01",
            "2020-02-30",
            "2021-02-29",
            "2020-03-01T",
            "2020-03-01T25:00:00Z",
            "2020-03-01T00:60:00Z",
            "2020-03-01T00:00:61Z",
            "2020-03-01T00:00Z",
            "2020-03-01 00:00Z",
            "2020-03-01T00:00:00.Z",
            "2020-03-01T00:00:00+1",
            "2020-03-01T00:00:00+09:",
            "2020-03-01T00:00:00+24:00",
            "2020-03-01T00:00:00ZZ",
            "20200-03-01",
            "2020/03/01",
            "not a date",
            "2020-03-01X00:00:00",
        ];
        for s in bad {
            assert!(Timestamp::parse(s).is_none(), "{s:?} should be rejected");
        }
    }
}
