//! Integration tests of kshetra-poster (one test binary).

mod fixture;
mod golden;
mod prop;
mod structure;
mod xml;
