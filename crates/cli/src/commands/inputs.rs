//! The input files of `check` and `analyse`: one file, several files read together (the SSDA903
//! tables, one CSV each), or a folder standing for every file in it.

use timescales_core::ingest::load::{LoadOptions, LoadOutcome, load_owned_files};

/// The files named, with a folder replaced by the files in it (sorted by name; hidden files and
/// sub-folders skipped), read into memory as `(path, bytes)`.
pub fn read_inputs(paths: &[String]) -> Result<Vec<(String, Vec<u8>)>, String> {
    let mut files = Vec::new();
    for path in paths {
        let p = std::path::Path::new(path);
        if p.is_dir() {
            let entries = std::fs::read_dir(p).map_err(|e| format!("cannot read the folder {path}: {e}"))?;
            let mut names: Vec<std::path::PathBuf> = entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|f| f.is_file() && !f.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')))
                .collect();
            names.sort();
            if names.is_empty() {
                return Err(format!("the folder {path} has no files"));
            }
            for f in names {
                let name = f.to_string_lossy().into_owned();
                let bytes = std::fs::read(&f).map_err(|e| format!("cannot read {name}: {e}"))?;
                files.push((name, bytes));
            }
        } else {
            let bytes = std::fs::read(p).map_err(|e| format!("cannot read {path}: {e}"))?;
            files.push((path.clone(), bytes));
        }
    }
    Ok(files)
}

/// Reads and loads the inputs as one set.
pub fn load_inputs(paths: &[String], opts: &LoadOptions) -> Result<LoadOutcome, String> {
    load_owned_files(read_inputs(paths)?, opts).map_err(|e| e.to_string())
}
