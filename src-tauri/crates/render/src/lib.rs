//! almanac-render (being written)
