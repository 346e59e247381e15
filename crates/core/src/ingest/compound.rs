//! A check of an old Excel `.xls` file's compound-file structure before calamine reads it
//! (docs/architecture.md#limits-and-hostile-files).
//!
//! A compound file is a little file system: its sectors are chained through a table (the FAT),
//! each entry naming the next sector of a stream. A damaged or hostile file can make a chain loop
//! back on itself, and a reader that follows the directory's chain to its end then grows memory
//! without bound (found by the `load_workbook` fuzz target; the file is
//! `crates/core/tests/corpus/fuzz_xls_fat_loop.xls`). Here the table is read and every chain is
//! followed once; a loop is refused as damage. Without loops, every chain is bounded by the number
//! of sectors in the file, so by the file size.

/// Sector numbers from this one up are markers (end of chain, free, table sectors), not sectors.
const RESERVED: u32 = 0xFFFF_FFFA;

/// Why a compound file was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CompoundError {
    /// A chain of sectors loops back on itself, starting from this sector.
    ChainLoops { sector: u32 },
}

impl std::fmt::Display for CompoundError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CompoundError::ChainLoops { sector } => {
                write!(f, "the file's internal table of sectors loops back on itself (from sector {sector})")
            }
        }
    }
}

impl std::error::Error for CompoundError {}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    bytes.get(at..at + 4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

/// The sector `id` of a file whose sectors are `size` bytes (the header takes the first sector).
/// The last sector may be cut short by the end of the file; what there is of it is returned, as
/// calamine reads it.
fn sector(bytes: &[u8], size: usize, id: u32) -> Option<&[u8]> {
    let start = (id as usize).checked_add(1)?.checked_mul(size)?;
    let end = start.checked_add(size)?.min(bytes.len());
    bytes.get(start..end)
}

/// Reads the sector table (FAT) of a compound file. `None` when the header or the table cannot be
/// read: calamine then reports the damage in its own words.
fn read_fat(bytes: &[u8]) -> Option<Vec<u32>> {
    let shift = bytes.get(0x1E..0x20).map(|b| u16::from_le_bytes([b[0], b[1]]))?;
    if shift != 9 && shift != 12 {
        return None;
    }
    let size = 1usize << shift;
    let max_sectors = bytes.len() / size + 1;
    // The first 109 table sectors are listed in the header; more are listed in a chain of
    // further sectors, each ending with the number of the next.
    let mut list: Vec<u32> = (0..109).filter_map(|i| u32_at(bytes, 0x4C + 4 * i)).collect();
    let mut next = u32_at(bytes, 0x44)?;
    let mut steps = 0;
    while next < RESERVED {
        steps += 1;
        if steps > max_sectors {
            return None;
        }
        let s = sector(bytes, size, next)?;
        let mut ids: Vec<u32> = s.chunks_exact(4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect();
        next = ids.pop()?;
        list.extend(ids);
    }
    let mut fat = Vec::new();
    for id in list.into_iter().filter(|&id| id < RESERVED) {
        let s = sector(bytes, size, id)?;
        fat.extend(s.chunks_exact(4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]])));
    }
    Some(fat)
}

/// Refuses a compound file whose sector table holds a loop. A table that cannot be read is let
/// through for calamine to report.
pub fn check_compound(bytes: &[u8]) -> Result<(), CompoundError> {
    let Some(fat) = read_fat(bytes) else { return Ok(()) };
    // 0: not seen, 1: on the chain being followed, 2: known to end.
    let mut state = vec![0u8; fat.len()];
    let mut path = Vec::new();
    for start in 0..fat.len() {
        let mut at = start;
        path.clear();
        while state[at] == 0 {
            state[at] = 1;
            path.push(at);
            match fat[at] {
                n if n >= RESERVED || n as usize >= fat.len() => break,
                n => at = n as usize,
            }
        }
        if state[at] == 1 && fat[at] < RESERVED && (fat[at] as usize) < fat.len() {
            return Err(CompoundError::ChainLoops { sector: at as u32 });
        }
        for &p in &path {
            state[p] = 2;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A compound file of 512-byte sectors: sector 0 holds the table `fat`.
    fn file(fat: &[u32]) -> Vec<u8> {
        let mut b = vec![0u8; 512];
        b[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
        b[0x1E] = 9;
        b[0x44..0x48].copy_from_slice(&0xFFFF_FFFEu32.to_le_bytes());
        for i in 0..109 {
            let id: u32 = if i == 0 { 0 } else { 0xFFFF_FFFF };
            b[0x4C + 4 * i..0x50 + 4 * i].copy_from_slice(&id.to_le_bytes());
        }
        let mut table = vec![0xFFu8; 512];
        for (i, v) in fat.iter().enumerate() {
            table[4 * i..4 * i + 4].copy_from_slice(&v.to_le_bytes());
        }
        b.extend(table);
        b
    }

    #[test]
    fn chains_that_end_pass_and_loops_are_refused() {
        const END: u32 = 0xFFFF_FFFE;
        assert_eq!(check_compound(&file(&[0xFFFF_FFFD, 2, 3, END])), Ok(()));
        assert_eq!(check_compound(&file(&[0xFFFF_FFFD, 2, 3, 1])), Err(CompoundError::ChainLoops { sector: 1 }));
        assert_eq!(check_compound(&file(&[0xFFFF_FFFD, 1])), Err(CompoundError::ChainLoops { sector: 1 }));
        // Unreadable headers are left to calamine.
        assert_eq!(check_compound(b"\xD0\xCF\x11\xE0"), Ok(()));
    }
}
