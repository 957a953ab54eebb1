//! Shared by the benchmark examples: a file in chunks of about 1 MiB, each
//! cut after its last newline (so no line, and no alias, spans two chunks),
//! the same chunking the peer benchmark's tools use.

use std::io::Read;

/// Call `each` with every chunk of the file at `path`; returns the bytes read.
pub fn for_each_chunk(path: &str, mut each: impl FnMut(&[u8])) -> u64 {
    let mut f = std::fs::File::open(path).expect("corpus");
    let chunk = 1 << 20;
    let mut buf: Vec<u8> = Vec::with_capacity(2 * chunk);
    let mut block = vec![0u8; chunk];
    let (mut bytes, mut eof) = (0u64, false);
    while !eof {
        while buf.len() < chunk {
            let r = f.read(&mut block[..chunk - buf.len()]).expect("read");
            if r == 0 {
                eof = true;
                break;
            }
            buf.extend_from_slice(&block[..r]);
        }
        let cut = if eof {
            buf.len()
        } else {
            buf.iter()
                .rposition(|&b| b == b'\n')
                .map_or(buf.len(), |p| p + 1)
        };
        if cut == 0 {
            continue;
        }
        each(&buf[..cut]);
        bytes += cut as u64;
        buf.drain(..cut);
    }
    bytes
}
