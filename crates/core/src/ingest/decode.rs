//! Bytes of a text file to a `String`: UTF-8 (with or without a byte-order mark), UTF-16 with a
//! byte-order mark (Excel's "Unicode text" export) and, when the bytes are not valid UTF-8,
//! Windows-1252 (Excel's "CSV (Comma delimited)" on Windows, which writes £ and é as single bytes).
//!
//! Binary files (a workbook or a PDF renamed `.csv`) are refused here with a plain message rather
//! than decoded into nonsense.

use std::borrow::Cow;
use std::fmt;

/// The text encoding a file was read with, shown in the report so a user can see what happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TextEncoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Windows1252,
}

impl TextEncoding {
    /// Plain-English name.
    pub const fn label(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf8Bom => "UTF-8 with byte-order mark",
            TextEncoding::Utf16Le => "UTF-16 (little-endian)",
            TextEncoding::Utf16Be => "UTF-16 (big-endian)",
            TextEncoding::Windows1252 => "Windows-1252 (Western European)",
        }
    }
}

/// Why bytes could not be read as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// Zero bytes.
    Empty,
    /// Control bytes or NULs: not a text file. The string says what it looks like.
    Binary(String),
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Empty => f.write_str("the file is empty"),
            DecodeError::Binary(what) => write!(f, "this is not a text CSV file ({what})"),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Decodes the bytes of a CSV or text file: UTF-8 is borrowed, other encodings are converted.
pub fn decode_text(bytes: &[u8]) -> Result<(Cow<'_, str>, TextEncoding), DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return match std::str::from_utf8(rest) {
            Ok(s) => check_text(s).map(|()| (Cow::Borrowed(s), TextEncoding::Utf8Bom)),
            // A BOM followed by invalid UTF-8: decode leniently rather than refuse.
            Err(_) => {
                let s = String::from_utf8_lossy(rest).into_owned();
                check_text(&s).map(|()| (Cow::Owned(s), TextEncoding::Utf8Bom))
            }
        };
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        let s = utf16(rest, u16::from_le_bytes);
        return check_text(&s).map(|()| (Cow::Owned(s), TextEncoding::Utf16Le));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let s = utf16(rest, u16::from_be_bytes);
        return check_text(&s).map(|()| (Cow::Owned(s), TextEncoding::Utf16Be));
    }
    if let Some(what) = binary_signature(bytes) {
        return Err(DecodeError::Binary(what.to_string()));
    }
    match std::str::from_utf8(bytes) {
        // UTF-8 (nearly every file) is read in place, not copied (docs/architecture.md#speed).
        Ok(s) => check_text(s).map(|()| (Cow::Borrowed(s), TextEncoding::Utf8)),
        Err(_) => {
            let s = windows_1252(bytes);
            check_text(&s).map(|()| (Cow::Owned(s), TextEncoding::Windows1252))
        }
    }
}

/// UTF-16 code units to text; unpaired surrogates and an odd last byte become U+FFFD.
///
/// Written out rather than taken from `encoding_rs`: its generic decoder links every encoding's
/// tables (about 190 KB of the page's download) where only these two are needed. A test checks
/// both against `encoding_rs` byte for byte.
fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> String {
    let units: Vec<u16> = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]])).collect();
    let mut s = String::from_utf16_lossy(&units);
    if bytes.len() % 2 == 1 {
        s.push(char::REPLACEMENT_CHARACTER);
    }
    s
}

/// Windows-1252 as the WHATWG Encoding Standard defines it: bytes below 0x80 and from 0xA0 are
/// the same code points; 0x80 to 0x9F are these (five of them map to C1 controls).
const CP1252_80_9F: [char; 32] = [
    '\u{20AC}', '\u{0081}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}', '\u{02C6}',
    '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{008D}', '\u{017D}', '\u{008F}', '\u{0090}', '\u{2018}',
    '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}', '\u{02DC}', '\u{2122}', '\u{0161}',
    '\u{203A}', '\u{0153}', '\u{009D}', '\u{017E}', '\u{0178}',
];

/// Windows-1252 bytes to text (see [`CP1252_80_9F`]).
fn windows_1252(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| if (0x80..0xA0).contains(&b) { CP1252_80_9F[usize::from(b - 0x80)] } else { char::from(b) })
        .collect()
}

/// Recognises common binary formats by their first bytes.
fn binary_signature(bytes: &[u8]) -> Option<&'static str> {
    const SIGNATURES: &[(&[u8], &str)] = &[
        (b"PK\x03\x04", "it looks like a zip file or an .xlsx/.ods workbook"),
        (&[0xD0, 0xCF, 0x11, 0xE0], "it looks like an old Excel .xls or Word .doc file"),
        (b"%PDF", "it looks like a PDF"),
        (&[0x89, b'P', b'N', b'G'], "it looks like a PNG image"),
        (&[0xFF, 0xD8, 0xFF], "it looks like a JPEG image"),
        (b"GIF8", "it looks like a GIF image"),
        (&[0x1F, 0x8B], "it looks like a gzip archive"),
    ];
    SIGNATURES.iter().find(|(magic, _)| bytes.starts_with(magic)).map(|(_, what)| *what)
}

/// Refuses text containing NULs or many control characters: a binary file.
fn check_text(s: &str) -> Result<(), DecodeError> {
    if s.contains('\0') {
        return Err(DecodeError::Binary("it contains NUL bytes, so it is probably a binary file".into()));
    }
    let sample: Vec<char> = s.chars().take(65_536).collect();
    let control = sample.iter().filter(|&&c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{0C}')).count();
    if control * 100 > sample.len() {
        return Err(DecodeError::Binary("it contains control characters, so it is probably a binary file".into()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(
            decode_text(b"a,b\n").map(|(s, e)| (s.into_owned(), e)).unwrap(),
            ("a,b\n".to_string(), TextEncoding::Utf8)
        );
        assert_eq!(
            decode_text(b"\xEF\xBB\xBFa,b\n").map(|(s, e)| (s.into_owned(), e)).unwrap(),
            ("a,b\n".to_string(), TextEncoding::Utf8Bom)
        );
    }

    #[test]
    fn windows_1252_pound_and_e_acute() {
        // 0xA3 is £ and 0xE9 is é in Windows-1252; neither is valid UTF-8 on its own.
        let (s, enc) = decode_text(b"Ren\xE9e,\xA35\n").unwrap();
        assert_eq!(s, "Renée,£5\n");
        assert_eq!(enc, TextEncoding::Windows1252);
    }

    #[test]
    fn windows_1252_and_utf16_agree_with_encoding_rs_byte_for_byte() {
        let all: Vec<u8> = (0..=255u8).collect();
        assert_eq!(windows_1252(&all), encoding_rs::WINDOWS_1252.decode_without_bom_handling(&all).0);
        // Every pair of bytes as one code unit, an unpaired surrogate (D800) and an odd last byte.
        let mut pairs: Vec<u8> = (0..=255u8).flat_map(|a| [a, 0x20, 0x41, a]).collect();
        pairs.extend([0x00, 0xD8, 0x41, 0x00, 0x7A]);
        assert_eq!(utf16(&pairs, u16::from_le_bytes), encoding_rs::UTF_16LE.decode_without_bom_handling(&pairs).0);
        assert_eq!(utf16(&pairs, u16::from_be_bytes), encoding_rs::UTF_16BE.decode_without_bom_handling(&pairs).0);
    }

    #[test]
    fn utf16_le_with_bom() {
        let bytes: Vec<u8> =
            [0xFF, 0xFE].into_iter().chain("a\tb\n".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        assert_eq!(
            decode_text(&bytes).map(|(s, e)| (s.into_owned(), e)).unwrap(),
            ("a\tb\n".to_string(), TextEncoding::Utf16Le)
        );
    }

    #[test]
    fn empty_and_binary_are_refused() {
        assert_eq!(decode_text(b"").unwrap_err().to_string(), "the file is empty");
        let e = decode_text(b"PK\x03\x04\x14\x00rest").unwrap_err().to_string();
        assert!(e.starts_with("this is not a text CSV file"), "{e}");
        assert!(decode_text(b"abc\0def").is_err());
        assert!(decode_text(&[1, 2, 3, 4, 5, 6, 7, 8, b'a']).is_err());
    }
}
