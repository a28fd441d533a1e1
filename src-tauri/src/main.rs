// Almanac Studio's desktop binary: everything lives in the library (`almanac_studio::run`).
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    almanac_studio::run();
}
