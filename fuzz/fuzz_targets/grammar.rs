//! Arbitrary strings through the cell grammars.
#![no_main]

use kaigi::input::{parse_duration, parse_frequency, parse_head_count, split_list};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(frequency) = parse_frequency(text, 12.0) {
        assert!(frequency.sessions_per_year > 0.0 && frequency.sessions_per_year.is_finite());
    }
    if let Ok(read) = parse_duration(text) {
        assert!(read.minutes > 0.0 && read.minutes.is_finite());
    }
    for entry in split_list(text) {
        assert!(!entry.is_empty());
        let counted = parse_head_count(&entry);
        if let Some(count) = counted.count {
            assert!(count > 0);
        }
    }
});
