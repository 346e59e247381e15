//! Reading the bytes of a picked or dropped file. Bytes, not text: the core decodes
//! (Excel's Windows-1252 CSV would be mangled by the browser's UTF-8 `text()`).

use timescales_core::ingest::limits::check_file_size;
use wasm_bindgen_futures::JsFuture;

/// A file the user gave us: its name and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickedFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Reads a whole `File` into memory, once its size is within the file size limit
/// (docs/architecture.md#limits-and-hostile-files): a file that is too large is refused before a
/// byte of it is read, so the page stays responsive.
pub async fn read_file(file: web_sys::File) -> Result<PickedFile, String> {
    let name = file.name();
    check_file_size(file.size() as u64).map_err(|e| format!("{name} could not be read: {e}"))?;
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| format!("Could not read {name}. Is it still on the disk?"))?;
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    Ok(PickedFile { name, bytes })
}

/// Reads a small text file the user chose (a mapping or settings file): its name and its text,
/// without a UTF-8 byte-order mark. `what` names the kind of file for the message.
pub async fn read_text_file(file: web_sys::File, what: &str) -> Result<(String, String), String> {
    let f = read_file(file).await?;
    let bytes = f.bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&f.bytes);
    let text = std::str::from_utf8(bytes)
        .map_err(|_| format!("{} is not a text file, so it cannot be a {what}.", f.name))?
        .to_string();
    Ok((f.name, text))
}
