//! Chart geometry as plain data, and the standalone SVG renderer.
