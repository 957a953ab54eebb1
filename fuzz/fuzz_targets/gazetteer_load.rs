//! Any bytes as a gazetteer file: load and validate without panicking; a
//! gazetteer that loads compiles and matches.
#![no_main]

use cablegraph::gazetteer::Gazetteer;
use cablegraph::matcher::Matcher;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match Gazetteer::from_sources(&[("fuzz.csv".to_string(), data)]) {
        Ok(g) => {
            let m = Matcher::new(&g);
            let _ = m.find("The Attorney General's Office (PGR) and SEDENA met in Mérida.");
        }
        Err(e) => assert!(!e.0.is_empty()),
    }
});
