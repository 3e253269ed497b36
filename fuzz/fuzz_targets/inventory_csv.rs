//! Arbitrary bytes as a meetings CSV and as an agencies CSV, through the loader's own
//! path: decode (auto encoding) → parse → read_agencies / read_meetings.
#![no_main]

use kaigi::input::{LoadOptions, read_agencies, read_csv_bytes, read_meetings};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let options = LoadOptions::default();
    let mut problems = Vec::new();
    let agencies_table = read_csv_bytes(data, "agencies.csv", &options, &mut problems);
    let agencies = read_agencies(&agencies_table, &mut problems);
    let meetings_table = read_csv_bytes(data, "meetings.csv", &options, &mut problems);
    let inventory = read_meetings(&meetings_table, agencies, &options, &mut problems);
    let _ = inventory.total_annual_person_hours();
    for problem in &problems {
        let _ = problem.render(kaigi::Lang::Ja);
        let _ = problem.render(kaigi::Lang::En);
    }
});
