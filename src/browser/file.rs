//! Reading the bytes of a picked or dropped file. Bytes, not text: the core decodes
//! (Excel's Windows-1252 CSV would be mangled by the browser's UTF-8 `text()`).

use wasm_bindgen_futures::JsFuture;

/// A file the user gave us: its name and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickedFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Reads a whole `File` into memory.
pub async fn read_file(file: web_sys::File) -> Result<PickedFile, String> {
    let name = file.name();
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| format!("Could not read {name}. Is it still on the disk?"))?;
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    Ok(PickedFile { name, bytes })
}
