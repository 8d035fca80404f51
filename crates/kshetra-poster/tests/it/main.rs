//! Integration tests of kshetra-poster (one test binary).

mod fixture;
mod golden;
mod prop;
mod screen;
mod structure;
mod xml;
