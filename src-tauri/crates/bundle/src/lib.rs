//! almanac-bundle (being written)
