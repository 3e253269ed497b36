//! Arbitrary bytes as a workbook, read the way the loader reads one (calamine detects
//! the format), then the sheets through read_agencies / read_meetings.
#![no_main]

use kaigi::input::{LoadOptions, read_agencies, read_meetings, read_workbook_bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let options = LoadOptions::default();
    let mut problems = Vec::new();
    let Ok((meetings, agencies)) = read_workbook_bytes(data, "fuzz.xlsx", &mut problems) else {
        return;
    };
    let agencies = agencies.map(|t| read_agencies(&t, &mut problems)).unwrap_or_default();
    let inventory = read_meetings(&meetings, agencies, &options, &mut problems);
    let _ = inventory.total_annual_person_hours();
});
