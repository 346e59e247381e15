//! A small XML scanner for the parts of an .xlsx workbook (docs/architecture.md#speed).
//!
//! It walks a byte slice already inflated from the zip and hands out borrowed tokens: start tags
//! (with their raw attribute text), end tags, text and CDATA. Nothing is copied until a caller
//! asks for a value. Comments, processing instructions and the document type are skipped. It
//! checks no more than the workbook reader needs (unclosed tags, unknown entities, invalid
//! UTF-8); it does not check that end tags match, as calamine's reader did not either.

use std::fmt;

/// Why a workbook part could not be scanned. The message is technical: it is shown as the
/// "technical detail" of a damaged-file message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlError(pub String);

impl fmt::Display for XmlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for XmlError {}

fn error<T>(what: impl Into<String>) -> Result<T, XmlError> {
    Err(XmlError(what.into()))
}

/// One piece of an XML document, borrowed from the bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Token<'a> {
    /// `<name attrs>`, or `<name attrs/>` when `empty`.
    Start { name: &'a [u8], attrs: &'a [u8], empty: bool },
    /// `</name>`.
    End { name: &'a [u8] },
    /// Character data between tags, raw (entities not yet replaced).
    Text(&'a [u8]),
    /// The content of a `<![CDATA[...]]>` section.
    CData(&'a [u8]),
}

/// Walks a document token by token.
///
/// As calamine's reader was set up (`expand_empty_elements`), an empty element `<x/>` gives its
/// start tag and then an end tag, so callers never need to tell the two forms apart.
pub struct Scanner<'a> {
    xml: &'a [u8],
    pos: usize,
    /// The end tag owed for the empty element just returned.
    pending_end: Option<&'a [u8]>,
}

impl<'a> Scanner<'a> {
    pub fn new(xml: &'a [u8]) -> Self {
        Scanner { xml, pos: 0, pending_end: None }
    }

    /// Bytes read so far. An empty element's owed end tag (see [`Token`]) is not counted.
    pub fn position(&self) -> usize {
        self.pos
    }

    /// The next token, or `None` at the end of the document.
    pub fn next_token(&mut self) -> Result<Option<Token<'a>>, XmlError> {
        if let Some(name) = self.pending_end.take() {
            return Ok(Some(Token::End { name }));
        }
        loop {
            let rest = &self.xml[self.pos..];
            if rest.is_empty() {
                return Ok(None);
            }
            if rest[0] != b'<' {
                let len = find_byte(rest, b'<').unwrap_or(rest.len());
                self.pos += len;
                return Ok(Some(Token::Text(&rest[..len])));
            }
            match rest.get(1) {
                Some(b'/') => {
                    let close =
                        memchr::memchr(b'>', rest).ok_or_else(|| XmlError("an end tag is not closed".into()))?;
                    self.pos += close + 1;
                    let name = trim_end(&rest[2..close]);
                    return Ok(Some(Token::End { name }));
                }
                Some(b'?') => self.skip_past(b"?>", "a processing instruction is not closed")?,
                Some(b'!') if rest.starts_with(b"<!--") => self.skip_past(b"-->", "a comment is not closed")?,
                Some(b'!') if rest.starts_with(b"<![CDATA[") => {
                    let body = &rest[9..];
                    let end = find(body, b"]]>").ok_or_else(|| XmlError("a CDATA section is not closed".into()))?;
                    self.pos += 9 + end + 3;
                    return Ok(Some(Token::CData(&body[..end])));
                }
                Some(b'!') => self.skip_past(b">", "a declaration is not closed")?,
                _ => return self.start_tag(rest).map(Some),
            }
        }
    }

    fn skip_past(&mut self, end: &[u8], what: &str) -> Result<(), XmlError> {
        match find(&self.xml[self.pos..], end) {
            Some(i) => {
                self.pos += i + end.len();
                Ok(())
            }
            None => error(what),
        }
    }

    /// `rest` starts with `<` and a name: finds the closing `>` outside quoted values.
    fn start_tag(&mut self, rest: &'a [u8]) -> Result<Token<'a>, XmlError> {
        // Tags are short: a plain loop beats setting up a vector search.
        let mut i = 1;
        let mut quote = 0u8;
        loop {
            let Some(&b) = rest.get(i) else { return error("a start tag is not closed") };
            if quote != 0 {
                if b == quote {
                    quote = 0;
                }
            } else if b == b'>' {
                break;
            } else if b == b'"' || b == b'\'' {
                quote = b;
            }
            i += 1;
        }
        self.pos += i + 1;
        let inner = &rest[1..i];
        let (inner, empty) = match inner.last() {
            Some(b'/') => (&inner[..inner.len() - 1], true),
            _ => (inner, false),
        };
        let name_len = inner.iter().position(|b| b.is_ascii_whitespace()).unwrap_or(inner.len());
        if name_len == 0 {
            return error("a tag has no name");
        }
        let name = &inner[..name_len];
        if empty {
            self.pending_end = Some(name);
        }
        Ok(Token::Start { name, attrs: &inner[name_len..], empty })
    }

    /// The text of `<v>text</v></c>` when that is exactly what follows (the usual shape of a cell,
    /// `c_name` being the cell's tag name), with the scanner moved past the cell's end tag; `None`,
    /// moving nothing, for any other shape (an entity, a line end, a formula, a comment...).
    pub fn simple_value(&mut self, c_name: &[u8]) -> Option<&'a [u8]> {
        if self.pending_end.is_some() {
            return None;
        }
        let body = self.xml[self.pos..].strip_prefix(b"<v>")?;
        let len = body.iter().position(|&b| matches!(b, b'<' | b'&' | b'\r'))?;
        let after = body[len..].strip_prefix(b"</v></")?.strip_prefix(c_name)?;
        if after.first() != Some(&b'>') {
            return None;
        }
        self.pos += 3 + len + 6 + c_name.len() + 1;
        Some(&body[..len])
    }

    /// Skips everything up to and including the end tag that closes a start tag named `name`
    /// (already read), counting nested elements of the same name.
    pub fn skip_to_end(&mut self, name: &[u8]) -> Result<(), XmlError> {
        let mut depth = 0usize;
        loop {
            match self.next_token()? {
                Some(Token::Start { name: n, .. }) if n == name => depth += 1,
                Some(Token::End { name: n }) if n == name => {
                    if depth == 0 {
                        return Ok(());
                    }
                    depth -= 1;
                }
                Some(_) => {}
                None => return error(format!("the document ends inside <{}>", String::from_utf8_lossy(name))),
            }
        }
    }
}

/// The first `byte` in `haystack`: a plain loop over the first bytes (text between tags is
/// usually short), then a vector search.
fn find_byte(haystack: &[u8], byte: u8) -> Option<usize> {
    const SHORT: usize = 24;
    let head = &haystack[..haystack.len().min(SHORT)];
    match head.iter().position(|&b| b == byte) {
        Some(i) => Some(i),
        None if haystack.len() > SHORT => memchr::memchr(byte, &haystack[SHORT..]).map(|i| i + SHORT),
        None => None,
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(haystack, needle)
}

fn trim_end(s: &[u8]) -> &[u8] {
    let len = s.iter().rposition(|b| !b.is_ascii_whitespace()).map_or(0, |i| i + 1);
    &s[..len]
}

/// A name without its namespace prefix (`x:c` is `c`).
pub fn local(name: &[u8]) -> &[u8] {
    // Names are short: a plain loop beats a call to memchr.
    match name.iter().rposition(|&b| b == b':') {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

/// The raw value of the attribute whose whole name is `key` (prefix included), if present.
pub fn attr<'a>(attrs: &'a [u8], key: &[u8]) -> Option<&'a [u8]> {
    attributes(attrs).find(|(k, _)| *k == key).map(|(_, v)| v)
}

/// The raw values of three attributes at once (a cell's `r`, `s` and `t`), in one pass with
/// plain index loops: this runs for every cell of a sheet. A repeated attribute keeps its last
/// value.
pub fn attrs3<'a>(a: &'a [u8], keys: [&[u8]; 3]) -> [Option<&'a [u8]>; 3] {
    let mut out = [None; 3];
    let (n, mut i) = (a.len(), 0);
    loop {
        while i < n && a[i].is_ascii_whitespace() {
            i += 1;
        }
        let key_start = i;
        while i < n && a[i] != b'=' {
            i += 1;
        }
        let key = trim_end(&a[key_start..i]);
        i += 1;
        while i < n && a[i].is_ascii_whitespace() {
            i += 1;
        }
        let Some(&quote) = a.get(i) else { return out };
        if quote != b'"' && quote != b'\'' {
            return out;
        }
        i += 1;
        let value_start = i;
        while i < n && a[i] != quote {
            i += 1;
        }
        if i >= n {
            return out;
        }
        if let Some(k) = keys.iter().position(|k| *k == key) {
            out[k] = Some(&a[value_start..i]);
        }
        i += 1;
    }
}

/// Every `key="value"` (or `key='value'`) pair of a start tag's attribute text, raw. Stops at
/// the first malformed pair.
pub fn attributes(attrs: &[u8]) -> impl Iterator<Item = (&[u8], &[u8])> {
    let mut rest = attrs;
    std::iter::from_fn(move || {
        let start = rest.iter().position(|b| !b.is_ascii_whitespace())?;
        rest = &rest[start..];
        // Plain loops: attribute names and values are short.
        let eq = rest.iter().position(|&b| b == b'=')?;
        let key = trim_end(&rest[..eq]);
        let after = &rest[eq + 1..];
        let q = after.iter().position(|b| !b.is_ascii_whitespace())?;
        let quote = after[q];
        if quote != b'"' && quote != b'\'' {
            return None;
        }
        let body = &after[q + 1..];
        let end = body.iter().position(|&b| b == quote)?;
        rest = &body[end + 1..];
        Some((key, &body[..end]))
    })
}

/// Raw bytes as UTF-8 text.
pub fn utf8(raw: &[u8]) -> Result<&str, XmlError> {
    std::str::from_utf8(raw).map_err(|_| XmlError("the text is not valid UTF-8".into()))
}

/// Appends raw character data to `out` as XML 1.0 reads it: entities and character references
/// replaced, and line ends (`\r\n`, lone `\r`) read as `\n` when `lines` is set (text content;
/// attribute values keep theirs, as calamine did).
pub fn push_text(raw: &[u8], out: &mut String, lines: bool) -> Result<(), XmlError> {
    let mut rest = raw;
    loop {
        let special = if lines { memchr::memchr2(b'&', b'\r', rest) } else { memchr::memchr(b'&', rest) };
        let Some(i) = special else {
            out.push_str(utf8(rest)?);
            return Ok(());
        };
        out.push_str(utf8(&rest[..i])?);
        if rest[i] == b'\r' {
            out.push('\n');
            rest = &rest[i + 1..];
            if rest.first() == Some(&b'\n') {
                rest = &rest[1..];
            }
            continue;
        }
        let body = &rest[i + 1..];
        let semi = memchr::memchr(b';', body).ok_or_else(|| XmlError("an entity is not closed with ';'".into()))?;
        out.push(entity(&body[..semi])?);
        rest = &body[semi + 1..];
    }
}

/// Raw character data as text (see [`push_text`]), borrowed when it holds nothing to replace.
pub fn text(raw: &[u8], lines: bool) -> Result<std::borrow::Cow<'_, str>, XmlError> {
    let plain = if lines { memchr::memchr2(b'&', b'\r', raw).is_none() } else { memchr::memchr(b'&', raw).is_none() };
    if plain {
        return utf8(raw).map(std::borrow::Cow::Borrowed);
    }
    let mut out = String::with_capacity(raw.len());
    push_text(raw, &mut out, lines)?;
    Ok(std::borrow::Cow::Owned(out))
}

/// The character an entity (between `&` and `;`) stands for: the five XML entities and decimal
/// or hexadecimal character references.
fn entity(name: &[u8]) -> Result<char, XmlError> {
    let c = match name {
        b"amp" => Some('&'),
        b"lt" => Some('<'),
        b"gt" => Some('>'),
        b"quot" => Some('"'),
        b"apos" => Some('\''),
        [b'#', b'x', hex @ ..] => parse_code(hex, 16),
        [b'#', dec @ ..] => parse_code(dec, 10),
        _ => None,
    };
    match c {
        Some(c) if c != '\0' => Ok(c),
        _ => error(format!("unrecognised entity &{};", String::from_utf8_lossy(name))),
    }
}

fn parse_code(digits: &[u8], radix: u32) -> Option<char> {
    let s = std::str::from_utf8(digits).ok()?;
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    char::from_u32(u32::from_str_radix(s, radix).ok()?)
}

/// Replaces Excel's own `_xHHHH_` escapes (a UTF-16 code unit in hex: `_x000D_` is a carriage
/// return, a surrogate pair gives a character outside the first plane, and `_x005F_` escapes an
/// underscore). A lone surrogate becomes U+FFFD. calamine applies the same rule.
pub fn unescape_excel(s: &str) -> std::borrow::Cow<'_, str> {
    let Some(mut next) = find_escape(s, 0) else { return std::borrow::Cow::Borrowed(s) };
    let mut out = String::with_capacity(s.len());
    let mut copied = 0;
    loop {
        let (index, unit) = next;
        out.push_str(&s[copied..index]);
        let mut end = index + 7;
        let c = match unit {
            0xD800..=0xDBFF => match escape_at(s, end) {
                Some(low @ 0xDC00..=0xDFFF) => {
                    end += 7;
                    char::from_u32(0x10000 + ((u32::from(unit) - 0xD800) << 10) + (u32::from(low) - 0xDC00))
                }
                _ => None,
            },
            0xDC00..=0xDFFF => None,
            _ => char::from_u32(u32::from(unit)),
        };
        out.push(c.unwrap_or(char::REPLACEMENT_CHARACTER));
        copied = end;
        match find_escape(s, end) {
            Some(n) => next = n,
            None => break,
        }
    }
    out.push_str(&s[copied..]);
    std::borrow::Cow::Owned(out)
}

fn find_escape(s: &str, mut from: usize) -> Option<(usize, u16)> {
    while let Some(offset) = memchr::memchr(b'_', &s.as_bytes()[from..]) {
        let index = from + offset;
        if let Some(unit) = escape_at(s, index) {
            return Some((index, unit));
        }
        from = index + 1;
    }
    None
}

fn escape_at(s: &str, index: usize) -> Option<u16> {
    let b = s.as_bytes().get(index..index + 7)?;
    if b[0] != b'_' || b[1] != b'x' || b[6] != b'_' || !b[2..6].iter().all(u8::is_ascii_hexdigit) {
        return None;
    }
    u16::from_str_radix(std::str::from_utf8(&b[2..6]).ok()?, 16).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(xml: &str) -> Vec<Token<'_>> {
        let mut s = Scanner::new(xml.as_bytes());
        let mut out = Vec::new();
        while let Some(t) = s.next_token().unwrap() {
            out.push(t);
        }
        out
    }

    #[test]
    fn tokens_of_a_small_document() {
        let t = tokens("<?xml version=\"1.0\"?><!-- note --><x:c r=\"A1\" t='s'><v>1 &amp; 2</v><f/></x:c>");
        assert_eq!(
            t,
            vec![
                Token::Start { name: b"x:c", attrs: b" r=\"A1\" t='s'", empty: false },
                Token::Start { name: b"v", attrs: b"", empty: false },
                Token::Text(b"1 &amp; 2"),
                Token::End { name: b"v" },
                Token::Start { name: b"f", attrs: b"", empty: true },
                Token::End { name: b"f" },
                Token::End { name: b"x:c" },
            ]
        );
        // A '>' inside a quoted value does not end the tag.
        assert_eq!(
            tokens("<a b=\"x>y\"/>"),
            vec![Token::Start { name: b"a", attrs: b" b=\"x>y\"", empty: true }, Token::End { name: b"a" }]
        );
        assert_eq!(tokens("<t><![CDATA[<b>]]></t>")[1], Token::CData(b"<b>"));
        assert!(Scanner::new(b"<c r=\"A1\"").next_token().is_err());
    }

    #[test]
    fn attributes_and_local_names() {
        let attrs = b" r=\"B2\"  s = \"3\" t='inlineStr' xml:space=\"preserve\"";
        assert_eq!(attr(attrs, b"r"), Some(&b"B2"[..]));
        assert_eq!(attr(attrs, b"s"), Some(&b"3"[..]));
        assert_eq!(attr(attrs, b"t"), Some(&b"inlineStr"[..]));
        assert_eq!(attr(attrs, b"space"), None);
        assert_eq!(attr(attrs, b"xml:space"), Some(&b"preserve"[..]));
        assert_eq!(attrs3(attrs, [b"t", b"r", b"q"]), [Some(&b"inlineStr"[..]), Some(&b"B2"[..]), None]);
        assert_eq!(attrs3(b"", [b"t", b"r", b"s"]), [None, None, None]);
        assert_eq!(attrs3(b" r=\"A1", [b"r", b"s", b"t"]), [None, None, None]);
        assert_eq!(local(b"x:row"), b"row");
        assert_eq!(local(b"row"), b"row");
    }

    #[test]
    fn entities_line_ends_and_excel_escapes() {
        // Worked by hand: &#10; is a line feed, &#x41; is 'A', and a CR LF in the file is one '\n'.
        assert_eq!(text(b"a &amp; b &lt;&gt;&quot;&apos;", true).unwrap(), "a & b <>\"'");
        assert_eq!(text(b"1&#10;2&#x41;", true).unwrap(), "1\n2A");
        assert_eq!(text(b"x\r\ny\rz", true).unwrap(), "x\ny\nz");
        assert_eq!(text(b"x\r\ny", false).unwrap(), "x\r\ny");
        assert_eq!(text(b"&#13;", true).unwrap(), "\r");
        assert!(text(b"&nbsp;", true).is_err());
        assert!(text(b"&#0;", true).is_err());
        assert_eq!(unescape_excel("a_x000D_b"), "a\rb");
        assert_eq!(unescape_excel("_x005F_x000D_"), "_x000D_");
        // U+1F4F7 (camera) is the surrogate pair D83D DCF7.
        assert_eq!(unescape_excel("_xD83D__xDCF7_"), "\u{1F4F7}");
        assert_eq!(unescape_excel("_xD83D_"), "\u{FFFD}");
        assert_eq!(unescape_excel("plain_x12"), "plain_x12");
    }
}
