//! Test helpers shared by the integration tests (each test file that needs them says `mod common;`).

/// One zip entry: its name, the bytes as stored, the compression method (0 stored, 8 deflated),
/// and the CRC and unpacked size the directory declares.
pub struct Entry {
    pub name: String,
    pub data: Vec<u8>,
    pub method: u16,
    pub crc: u32,
    pub unpacked: u32,
}

/// A stored (uncompressed) entry with its true CRC and size.
pub fn stored(name: &str, data: &[u8]) -> Entry {
    let crc = crc32fast::hash(data);
    Entry { name: name.into(), data: data.to_vec(), method: 0, crc, unpacked: data.len() as u32 }
}

/// A zip file written by hand, so the declared sizes can be anything.
pub fn zip(entries: &[Entry]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for e in entries {
        let offset = out.len() as u32;
        let common = |buf: &mut Vec<u8>| {
            for v in [20u16, 0, e.method, 0, 0x21] {
                buf.extend(v.to_le_bytes());
            }
            for v in [e.crc, e.data.len() as u32, e.unpacked] {
                buf.extend(v.to_le_bytes());
            }
            buf.extend((e.name.len() as u16).to_le_bytes());
            buf.extend(0u16.to_le_bytes());
        };
        out.extend(0x0403_4b50u32.to_le_bytes());
        common(&mut out);
        out.extend(e.name.as_bytes());
        out.extend(&e.data);
        central.extend(0x0201_4b50u32.to_le_bytes());
        central.extend(20u16.to_le_bytes());
        common(&mut central);
        central.extend([0u8; 10]); // comment length, disk, internal and external attributes
        central.extend(offset.to_le_bytes());
        central.extend(e.name.as_bytes());
    }
    let (cd_offset, cd_len, n) = (out.len() as u32, central.len() as u32, entries.len() as u16);
    out.extend(central);
    out.extend(0x0605_4b50u32.to_le_bytes());
    for v in [0u16, 0, n, n] {
        out.extend(v.to_le_bytes());
    }
    out.extend(cd_len.to_le_bytes());
    out.extend(cd_offset.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}
