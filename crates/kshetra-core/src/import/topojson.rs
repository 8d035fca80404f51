//! TopoJSON: placeholder until implemented.
use super::raw::RawLayer;
use super::ImportError;

/// Reads a TopoJSON Topology into a raw layer.
pub fn read(file: &str, _bytes: &[u8]) -> Result<RawLayer, ImportError> {
    Err(ImportError::UnknownFormat { file: file.to_string(), found: "TopoJSON".into() })
}
