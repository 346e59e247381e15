//! The run chart rules, each in its own module: runs about the centre line and IHI shifts
//! ([`shift`]), IHI trends ([`trend`]), the IHI runs table ([`runs_table`]) and the Anhøj
//! limits ([`anhoej`]).

pub mod anhoej;
pub mod runs_table;
pub mod shift;
pub mod trend;
