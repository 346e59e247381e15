//! The template workbook: canonical headers, a sample and a notes sheet explaining each field.
