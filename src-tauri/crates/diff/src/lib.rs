//! almanac-diff (being written)
