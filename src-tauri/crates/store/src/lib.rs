//! almanac-store (being written)
