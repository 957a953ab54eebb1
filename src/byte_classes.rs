//! Classes of a text's bytes, 64 at a time: ASCII capitals, ASCII word
//! bytes (letters, digits, `_`) and bytes outside ASCII, one bit per byte;
//! and the places of given byte values.
//!
//! The matcher's word mask ([`crate::matcher`]: where tokens start and end)
//! and the resolve stage's search for country words (which start at a
//! capital that starts a word) read a text this way, so neither branches on
//! each byte. The structure stage finds line ends, and a word's first byte
//! in a line, by the places of a byte value ([`places_of_any`]: up to 64
//! bytes' at once), where a `memchr` call for each line would cost more in
//! set-up than the search. Sixteen bytes at a time with SSE2 (every x86-64
//! has it), else eight at a time with plain integer operations; the tests
//! hold the two to each other and to each byte alone.

/// The classes of 64 bytes: bit `j` for byte `j`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Classes {
    /// ASCII capitals (`A`–`Z`); only when asked for (`CAPS`), else 0.
    pub caps: u64,
    /// ASCII word bytes: letters of either case, digits, `_`.
    pub word: u64,
    /// Bytes of 0x80 and up (of characters outside ASCII).
    pub other: u64,
}

/// The classes of `chunk`; capitals only with `CAPS` (the matcher does not
/// need them, and they cost three instructions per sixteen bytes).
#[cfg(target_arch = "x86_64")]
#[inline]
pub(crate) fn classes<const CAPS: bool>(chunk: &[u8; 64]) -> Classes {
    use std::arch::x86_64::{
        __m128i, _mm_and_si128, _mm_cmpeq_epi8, _mm_cmpgt_epi8, _mm_cmplt_epi8, _mm_loadu_si128,
        _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
    };
    let mut out = Classes {
        caps: 0,
        word: 0,
        other: 0,
    };
    for k in 0..4 {
        // SAFETY: SSE2 is part of every x86-64 target, so its intrinsics
        // can be called; the load reads bytes 16k..16k+16 of the 64, and
        // `_mm_loadu_si128` takes any alignment
        let (c, w, o) = unsafe {
            let v = _mm_loadu_si128(chunk.as_ptr().add(16 * k).cast::<__m128i>());
            // in a range, on signed bytes: 0x80 and up are negative, so in
            // none of these ASCII ranges
            let within = |v: __m128i, lo: u8, hi: u8| {
                _mm_and_si128(
                    _mm_cmpgt_epi8(v, _mm_set1_epi8(lo as i8 - 1)),
                    _mm_cmplt_epi8(v, _mm_set1_epi8(hi as i8 + 1)),
                )
            };
            let letter = within(_mm_or_si128(v, _mm_set1_epi8(0x20)), b'a', b'z');
            let digit = within(v, b'0', b'9');
            let underscore = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'_' as i8));
            let w = _mm_or_si128(_mm_or_si128(letter, digit), underscore);
            let c = if CAPS {
                _mm_movemask_epi8(within(v, b'A', b'Z'))
            } else {
                0
            };
            (c, _mm_movemask_epi8(w), _mm_movemask_epi8(v))
        };
        out.caps |= u64::from(c as u32 & 0xffff) << (16 * k);
        out.word |= u64::from(w as u32 & 0xffff) << (16 * k);
        out.other |= u64::from(o as u32 & 0xffff) << (16 * k);
    }
    out
}

/// Is any of `bytes` in `s`? (`memchr::memchr3` of three bytes, but for the
/// few bytes at the head of a line, where that search's set-up costs more
/// than the look: [`places_of_any`], 64 bytes at a time.)
#[inline]
pub(crate) fn any_of<const N: usize>(s: &[u8], bytes: [u8; N]) -> bool {
    // (a line's head is mostly one chunk: looked at without the iterator)
    if s.len() <= 64 {
        return places_of_any(s, bytes) != 0;
    }
    s.chunks(64).any(|c| places_of_any(c, bytes) != 0)
}

/// The places of any of `bytes` in `s`, at most 64 bytes: bit `j` set when
/// `s[j]` is one of them. Sixteen bytes at a time with SSE2, the last
/// sixteen overlapping the ones before; below sixteen bytes, or without
/// SSE2, [`places_by_eight`].
#[inline]
pub(crate) fn places_of_any<const N: usize>(s: &[u8], bytes: [u8; N]) -> u64 {
    assert!(s.len() <= 64, "at most 64 bytes");
    #[cfg(target_arch = "x86_64")]
    if s.len() >= 16 {
        use std::arch::x86_64::{
            __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128,
            _mm_set1_epi8, _mm_setzero_si128,
        };
        return overlapping(s.len(), 16, |at| {
            // SAFETY: SSE2 is part of every x86-64 target; `at + 16 <=
            // s.len()` (`overlapping`), so the load reads inside `s`, and
            // `_mm_loadu_si128` takes any alignment
            let m = unsafe {
                let v = _mm_loadu_si128(s.as_ptr().add(at).cast::<__m128i>());
                let hit = bytes.iter().fold(_mm_setzero_si128(), |hit, &b| {
                    _mm_or_si128(hit, _mm_cmpeq_epi8(v, _mm_set1_epi8(b as i8)))
                });
                _mm_movemask_epi8(hit)
            };
            u64::from(m as u32 & 0xffff)
        });
    }
    places_by_eight(s, bytes)
}

/// [`places_of_any`] eight bytes at a time (the last eight overlapping the
/// ones before), a byte at a time below eight.
fn places_by_eight<const N: usize>(s: &[u8], bytes: [u8; N]) -> u64 {
    if s.len() < 8 {
        return s
            .iter()
            .enumerate()
            .fold(0, |m, (j, x)| m | (u64::from(bytes.contains(x)) << j));
    }
    overlapping(s.len(), 8, |at| {
        let w: [u8; 8] = s[at..at + 8].try_into().expect("eight bytes");
        let w = u64::from_le_bytes(w);
        bytes.iter().fold(0, |m, &b| m | eight_equal(w, b))
    })
}

/// The bits `block(at)` gives for each `width` bytes from `at` of `len`
/// bytes (`len >= width`), put in place: every whole block, then the last
/// `width` bytes, overlapping the block before (their common bits agree).
#[inline]
fn overlapping(len: usize, width: usize, block: impl Fn(usize) -> u64) -> u64 {
    let last = len - width;
    (0..last)
        .step_by(width)
        .fold(block(last) << last, |m, at| m | (block(at) << at))
}

/// The bytes of `x` (little end first) equal to `byte`, one bit per byte.
#[inline]
fn eight_equal(x: u64, byte: u8) -> u64 {
    gather(equal_high(x, byte))
}

/// A one in every byte (`0x01` eight times).
pub(crate) const LO: u64 = 0x0101_0101_0101_0101;
/// Each byte's high bit.
pub(crate) const HI: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `x` that equals `byte` (exact per byte:
/// no carry crosses a byte).
#[inline]
pub(crate) fn equal_high(x: u64, byte: u8) -> u64 {
    let t = x ^ (LO * u64::from(byte));
    !(((t & !HI) + !HI) | t) & HI
}

/// The high bit of each of the eight bytes of `m` (little end first),
/// gathered into the low eight bits.
#[inline]
fn gather(m: u64) -> u64 {
    ((m >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56
}

/// How many bytes `s` starts with below 0x80 (ASCII): where the first
/// byte of 0x80 and up is, or `s.len()`. Sixty-four bytes at a time with
/// SSE2 (the high bits of four loads at once), then sixteen, then one;
/// without SSE2, eight at a time. What the decode stage copies whole
/// between the characters outside ASCII of a Windows-1252 text: 2.8 times
/// as fast as `encoding_rs`' `ascii_valid_up_to` on the 270 MB dump's runs.
#[inline]
pub(crate) fn ascii_len(s: &[u8]) -> usize {
    let mut i = 0;
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{__m128i, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128};
        while i + 64 <= s.len() {
            // SAFETY: SSE2 is part of every x86-64 target; `i + 64 <=
            // s.len()`, so the four loads read inside `s`, and
            // `_mm_loadu_si128` takes any alignment
            let high = unsafe {
                let p = s.as_ptr().add(i).cast::<__m128i>();
                let (a, b) = (_mm_loadu_si128(p), _mm_loadu_si128(p.add(1)));
                let (c, d) = (_mm_loadu_si128(p.add(2)), _mm_loadu_si128(p.add(3)));
                _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(a, b), _mm_or_si128(c, d)))
            };
            if high != 0 {
                break;
            }
            i += 64;
        }
        while i + 16 <= s.len() {
            // SAFETY: as above, `i + 16 <= s.len()`
            let high =
                unsafe { _mm_movemask_epi8(_mm_loadu_si128(s.as_ptr().add(i).cast::<__m128i>())) };
            if high != 0 {
                return i + high.trailing_zeros() as usize;
            }
            i += 16;
        }
    }
    while let Some(w) = s.get(i..).and_then(<[u8]>::first_chunk::<8>) {
        let high = u64::from_le_bytes(*w) & HI;
        if high != 0 {
            return i + high.trailing_zeros() as usize / 8;
        }
        i += 8;
    }
    i + s[i..].iter().take_while(|b| b.is_ascii()).count()
}

/// [`classes`] eight bytes at a time, where there is no SSE2.
#[cfg(not(target_arch = "x86_64"))]
#[inline]
pub(crate) fn classes<const CAPS: bool>(chunk: &[u8; 64]) -> Classes {
    classes_by_eight::<CAPS>(chunk)
}

#[cfg(any(test, not(target_arch = "x86_64")))]
fn classes_by_eight<const CAPS: bool>(chunk: &[u8; 64]) -> Classes {
    let mut out = Classes {
        caps: 0,
        word: 0,
        other: 0,
    };
    for (j, w) in chunk.chunks_exact(8).enumerate() {
        let (c, w, o) = eight(u64::from_le_bytes(w.try_into().unwrap_or_default()));
        if CAPS {
            out.caps |= c << (8 * j);
        }
        out.word |= w << (8 * j);
        out.other |= o << (8 * j);
    }
    out
}

/// The eight bytes of `x` (little end first): capitals, ASCII word bytes,
/// bytes outside ASCII, one bit per byte.
#[cfg(any(test, not(target_arch = "x86_64")))]
#[inline]
fn eight(x: u64) -> (u64, u64, u64) {
    let ascii = !x & HI;
    let low = x & !HI; // each byte's low seven bits
                       // a byte b < 0x80 is >= lo when b + (0x80 - lo) reaches bit 7, and
                       // <= hi when b + (0x7f - hi) does not (no carry crosses bytes)
    let range = |v: u64, lo: u8, hi: u8| {
        (v + LO * u64::from(0x80 - lo)) & !(v + LO * u64::from(0x7f - hi)) & HI
    };
    let caps = range(low, b'A', b'Z') & ascii;
    let letter = range(low | (LO * 0x20), b'a', b'z');
    let digit = range(low, b'0', b'9');
    let underscore = equal_high(low, b'_');
    let word = (letter | digit | underscore) & ascii;
    (gather(caps), gather(word), gather(x & HI))
}

/// 3,000 chunks of pseudo-random bytes, every other one ASCII only (as
/// text mostly is): for the tests of what reads chunks.
#[cfg(test)]
pub(crate) fn test_chunks() -> impl Iterator<Item = [u8; 64]> {
    let mut state = 11u64;
    (0..3000).map(move |round| {
        let mut chunk = [0u8; 64];
        for b in &mut chunk {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            *b = (state >> 33) as u8;
        }
        if round % 2 == 0 {
            for b in &mut chunk {
                *b &= 0x7f;
            }
        }
        chunk
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one_by_one(chunk: &[u8; 64]) -> Classes {
        let bits =
            |f: &dyn Fn(u8) -> bool| -> u64 { (0..64).map(|j| u64::from(f(chunk[j])) << j).sum() };
        Classes {
            caps: bits(&|b| b.is_ascii_uppercase()),
            word: bits(&|b| b.is_ascii_alphanumeric() || b == b'_'),
            other: bits(&|b| b >= 0x80),
        }
    }

    #[test]
    fn the_ascii_length_is_where_the_first_high_byte_is() {
        for chunk in test_chunks() {
            for from in [0, 1, 5, 17] {
                let s = &chunk[from..];
                let want = s.iter().position(|&b| b >= 0x80).unwrap_or(s.len());
                assert_eq!(ascii_len(s), want, "{s:?}");
            }
        }
        // one high byte at every place of texts of every length to 200
        // (each of the sixty-four-, sixteen-, eight- and one-byte steps)
        for len in 0..200 {
            let mut s = vec![b'a'; len];
            assert_eq!(ascii_len(&s), len);
            for at in 0..len {
                s[at] = 0xb6;
                assert_eq!(ascii_len(&s), at, "len {len} at {at}");
                s[at] = 0x7f;
            }
        }
    }

    #[test]
    fn sixty_four_bytes_at_once_are_each_byte_alone() {
        for chunk in test_chunks() {
            let want = one_by_one(&chunk);
            assert_eq!(classes::<true>(&chunk), want, "{chunk:?}");
            assert_eq!(classes_by_eight::<true>(&chunk), want, "{chunk:?}");
            let no_caps = Classes { caps: 0, ..want };
            assert_eq!(classes::<false>(&chunk), no_caps, "{chunk:?}");
            assert_eq!(classes_by_eight::<false>(&chunk), no_caps, "{chunk:?}");
        }
        // every byte value at every place
        for x in 0u8..=255 {
            for at in [0, 7, 8, 15, 16, 31, 47, 63] {
                let mut chunk = [b' '; 64];
                chunk[at] = x;
                let want = one_by_one(&chunk);
                assert_eq!(classes::<true>(&chunk), want, "byte {x:#x} at {at}");
                assert_eq!(
                    classes_by_eight::<true>(&chunk),
                    want,
                    "byte {x:#x} at {at}"
                );
            }
        }
        let mut chunk = [b' '; 64];
        chunk[..8].copy_from_slice(b"a_9Z -@[");
        assert_eq!(
            classes::<true>(&chunk),
            Classes {
                caps: 0b1000,
                word: 0b1111,
                other: 0
            }
        );
    }

    #[test]
    fn the_places_of_a_byte_are_each_byte_alone() {
        let places = |chunk: &[u8; 64], x: u8| -> u64 {
            (0..64).map(|j| u64::from(chunk[j] == x) << j).sum()
        };
        for chunk in test_chunks() {
            for x in [b'\n', b'a', 0, 0x7f, 0x80, 0xff, chunk[5]] {
                let want = places(&chunk, x);
                assert_eq!(places_of_any(&chunk, [x]), want, "{x:#x} in {chunk:?}");
                assert_eq!(places_by_eight(&chunk, [x]), want, "{x:#x} in {chunk:?}");
            }
        }
        // every byte value at every place, among bytes one above and one
        // below it (where a borrow or carry would spill)
        for x in 0u8..=255 {
            for at in [0, 7, 8, 15, 16, 31, 47, 63] {
                let mut chunk = [x.wrapping_add(1); 64];
                chunk[at] = x;
                chunk[(at + 1) % 64] = x.wrapping_sub(1);
                let want = places(&chunk, x);
                assert_eq!(want, 1 << at);
                assert_eq!(places_of_any(&chunk, [x]), want, "byte {x:#x} at {at}");
                assert_eq!(places_by_eight(&chunk, [x]), want, "byte {x:#x} at {at}");
            }
        }
    }

    #[test]
    fn places_are_each_byte_alone() {
        for chunk in test_chunks() {
            for len in [0, 1, 7, 15, 16, 17, 31, 32, 33, 48, 63, 64] {
                let s = &chunk[..len];
                for x in [chunk[0], chunk[40], b'a', 0, 0xff] {
                    let want: u64 = (0..len).map(|j| u64::from(s[j] == x) << j).sum();
                    assert_eq!(places_of_any(s, [x]), want, "{x:#x} in {s:?}");
                    assert_eq!(places_by_eight(s, [x]), want, "{x:#x} in {s:?}");
                    // and of two bytes at once
                    let y = chunk[63];
                    let want: u64 = (0..len)
                        .map(|j| u64::from(s[j] == x || s[j] == y) << j)
                        .sum();
                    assert_eq!(places_of_any(s, [x, y]), want, "{x:#x} {y:#x} in {s:?}");
                    assert_eq!(places_by_eight(s, [x, y]), want, "{x:#x} {y:#x} in {s:?}");
                }
            }
        }
    }

    #[test]
    fn any_of_three_is_memchr3() {
        // every length to past the sixteen-byte blocks, a byte sought at
        // every place of it, or none
        for len in 0..=80 {
            for at in (0..len).map(Some).chain([None]) {
                for x in [b'(', b'{', b')'] {
                    let mut s = vec![b'x'; len];
                    if let Some(at) = at {
                        s[at] = x;
                    }
                    let want = memchr::memchr3(b'(', b'{', b')', &s).is_some();
                    assert_eq!(want, at.is_some());
                    assert_eq!(any_of(&s, [b'(', b'{', b')']), want, "{len} {at:?}");
                }
            }
        }
        for chunk in test_chunks() {
            for len in [15, 16, 17, 31, 33, 64] {
                let s = &chunk[..len];
                let (a, b, c) = (chunk[63], 0x80, b'(');
                assert_eq!(
                    any_of(s, [a, b, c]),
                    memchr::memchr3(a, b, c, s).is_some(),
                    "{s:?}"
                );
            }
        }
    }
}
