//! Any bytes as an input stream: gzip (nested, several members, bytes
//! after the end), a dump (a header row, a cut first row) or a document;
//! every job decoded and parsed. Must not panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let reader = Box::new(std::io::Cursor::new(data.to_vec()));
    cablegraph::read::stream_jobs(reader, "fuzz.in", &mut |job| {
        match job {
            Ok(row @ cablegraph::read::Job::Row { .. }) => {
                let _ = cablegraph::cable::parse_job_row(row);
            }
            Ok(cablegraph::read::Job::Document { bytes, .. }) => {
                let (text, _) = cablegraph::decode::decode(&bytes);
                cablegraph::cable::parse_document(&text, "fuzz.in", &mut |_| {});
            }
            Err(_) => {}
        }
    });
});
