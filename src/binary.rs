//! A small binary encoding for the compiled catalogue ([`crate::cache`]):
//! what a type writes with [`Bin::put`] it reads back with [`Bin::take`].
//!
//! Why not serde with a binary format: the catalogue's shapes skip empty
//! fields when written as RON (`skip_serializing_if`), which positional
//! binary formats cannot read back, and the cache is read on every start of a
//! one-shot command, so it is worth a decoder with no per-field names and no
//! visitor layers. Numbers are LEB128 varints; strings and lists carry their
//! length first.
//!
//! Reading never trusts the bytes: every length is checked against what is
//! left, every enum against its variants and every string for UTF-8, and any
//! mismatch gives `None` (the caller then rebuilds from the source). Nothing
//! here panics on any input.

use std::collections::BTreeMap;

/// A value that can be written to and read back from bytes.
pub(crate) trait Bin: Sized {
    fn put(&self, out: &mut Vec<u8>);
    fn take(input: &mut Input<'_>) -> Option<Self>;
}

/// Bytes being read, front first.
#[derive(Debug)]
pub(crate) struct Input<'a> {
    bytes: &'a [u8],
}

impl<'a> Input<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Self {
        Self { bytes }
    }

    /// Whether every byte has been read.
    pub(crate) fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    pub(crate) fn bytes(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.bytes.len() {
            return None;
        }
        let (head, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Some(head)
    }

    fn byte(&mut self) -> Option<u8> {
        let (&first, rest) = self.bytes.split_first()?;
        self.bytes = rest;
        Some(first)
    }

    fn varint(&mut self) -> Option<u64> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.byte()?;
            value |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Some(value);
            }
        }
        None
    }

    /// A count of items that each take at least one byte: never more than
    /// the bytes left.
    pub(crate) fn count(&mut self) -> Option<usize> {
        let n = usize::try_from(self.varint()?).ok()?;
        (n <= self.bytes.len()).then_some(n)
    }

    /// Room to reserve for `n` items of `T`: no more memory than the bytes
    /// left take, so a damaged count cannot ask for gigabytes (an item of
    /// hundreds of bytes in memory may take one in the encoding); a list
    /// that really is longer grows as it is read.
    pub(crate) fn room_for<T>(&self, n: usize) -> usize {
        n.min(self.bytes.len() / std::mem::size_of::<T>().max(1))
    }
}

fn put_varint(mut value: u64, out: &mut Vec<u8>) {
    while value >= 0x80 {
        // Seven bits at a time, low first; the cast keeps the low eight.
        #[allow(clippy::cast_possible_truncation)]
        out.push(value as u8 | 0x80);
        value >>= 7;
    }
    #[allow(clippy::cast_possible_truncation)]
    out.push(value as u8);
}

impl Bin for u64 {
    fn put(&self, out: &mut Vec<u8>) {
        put_varint(*self, out);
    }
    fn take(input: &mut Input<'_>) -> Option<Self> {
        input.varint()
    }
}

impl Bin for u32 {
    fn put(&self, out: &mut Vec<u8>) {
        put_varint(u64::from(*self), out);
    }
    fn take(input: &mut Input<'_>) -> Option<Self> {
        u32::try_from(input.varint()?).ok()
    }
}

impl Bin for u8 {
    fn put(&self, out: &mut Vec<u8>) {
        out.push(*self);
    }
    fn take(input: &mut Input<'_>) -> Option<Self> {
        input.byte()
    }
}

impl Bin for i8 {
    fn put(&self, out: &mut Vec<u8>) {
        out.extend(self.to_le_bytes());
    }
    fn take(input: &mut Input<'_>) -> Option<Self> {
        Some(i8::from_le_bytes([input.byte()?]))
    }
}

impl Bin for i16 {
    fn put(&self, out: &mut Vec<u8>) {
        out.extend(self.to_le_bytes());
    }
    fn take(input: &mut Input<'_>) -> Option<Self> {
        Some(i16::from_le_bytes(input.bytes(2)?.try_into().ok()?))
    }
}

impl Bin for bool {
    fn put(&self, out: &mut Vec<u8>) {
        out.push(u8::from(*self));
    }
    fn take(input: &mut Input<'_>) -> Option<Self> {
        match input.byte()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }
}

/// Writes a string as [`String`]'s [`Bin::put`] does, from a borrowed one.
pub(crate) fn put_str(text: &str, out: &mut Vec<u8>) {
    put_varint(text.len() as u64, out);
    out.extend_from_slice(text.as_bytes());
}

/// Writes items as [`Vec`]'s [`Bin::put`] does, from a borrowed slice.
pub(crate) fn put_slice<T: Bin>(items: &[T], out: &mut Vec<u8>) {
    put_varint(items.len() as u64, out);
    for item in items {
        item.put(out);
    }
}

/// Reads a value that must take all of `bytes`.
pub(crate) fn take_whole<T: Bin>(bytes: &[u8]) -> Option<T> {
    let mut input = Input::new(bytes);
    let value = T::take(&mut input)?;
    input.is_empty().then_some(value)
}

impl Bin for String {
    fn put(&self, out: &mut Vec<u8>) {
        put_str(self, out);
    }
    fn take(input: &mut Input<'_>) -> Option<Self> {
        let n = input.count()?;
        let bytes = input.bytes(n)?;
        std::str::from_utf8(bytes).ok().map(str::to_owned)
    }
}

impl<T: Bin> Bin for Option<T> {
    fn put(&self, out: &mut Vec<u8>) {
        match self {
            None => out.push(0),
            Some(value) => {
                out.push(1);
                value.put(out);
            }
        }
    }
    fn take(input: &mut Input<'_>) -> Option<Self> {
        match input.byte()? {
            0 => Some(None),
            1 => Some(Some(T::take(input)?)),
            _ => None,
        }
    }
}

impl<T: Bin> Bin for Vec<T> {
    fn put(&self, out: &mut Vec<u8>) {
        put_slice(self, out);
    }
    fn take(input: &mut Input<'_>) -> Option<Self> {
        let n = input.count()?;
        let mut items = Vec::with_capacity(input.room_for::<T>(n));
        for _ in 0..n {
            items.push(T::take(input)?);
        }
        Some(items)
    }
}

impl<K: Bin + Ord, V: Bin> Bin for BTreeMap<K, V> {
    fn put(&self, out: &mut Vec<u8>) {
        put_varint(self.len() as u64, out);
        for (key, value) in self {
            key.put(out);
            value.put(out);
        }
    }
    fn take(input: &mut Input<'_>) -> Option<Self> {
        let n = input.count()?;
        let mut map = BTreeMap::new();
        for _ in 0..n {
            let key = K::take(input)?;
            map.insert(key, V::take(input)?);
        }
        Some(map)
    }
}

/// Implements [`Bin`] for enums with a list of every variant (`ALL`): a
/// variant is its place in the list, one byte.
macro_rules! by_place {
    ($($name:ty),+ $(,)?) => {$(
        impl Bin for $name {
            fn put(&self, out: &mut Vec<u8>) {
                let place = <$name>::ALL.iter().position(|v| v == self).unwrap_or_default();
                // Vocabularies have far fewer than 256 terms.
                out.push(u8::try_from(place).unwrap_or(u8::MAX));
            }
            fn take(input: &mut Input<'_>) -> Option<Self> {
                <$name>::ALL.get(usize::from(u8::take(input)?)).copied()
            }
        }
    )+};
}
pub(crate) use by_place;

#[cfg(test)]
mod tests {
    use super::{Bin, Input};
    use proptest::prelude::*;

    fn round_trip<T: Bin + PartialEq + std::fmt::Debug>(value: &T) {
        let mut out = Vec::new();
        value.put(&mut out);
        let mut input = Input::new(&out);
        assert_eq!(T::take(&mut input).as_ref(), Some(value));
        assert!(input.is_empty());
        // Every shorter prefix is refused, never misread as a value.
        for cut in 0..out.len() {
            assert_eq!(T::take(&mut Input::new(&out[..cut])), None, "cut at {cut}");
        }
    }

    proptest! {
        #[test]
        fn values_read_back_as_written(
            numbers in proptest::collection::vec(any::<u64>(), 0..8),
            text in ".{0,40}",
            maybe in proptest::option::of(any::<u32>()),
            small in (any::<i16>(), any::<i8>(), any::<bool>()),
        ) {
            round_trip(&numbers);
            round_trip(&text);
            round_trip(&maybe);
            round_trip(&small.0);
            round_trip(&small.1);
            round_trip(&small.2);
        }

        #[test]
        fn any_bytes_read_without_panicking(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
            let mut input = Input::new(&bytes);
            let _ = Vec::<String>::take(&mut input);
            let mut input = Input::new(&bytes);
            let _ = Vec::<Option<u64>>::take(&mut input);
        }
    }

    #[test]
    fn a_huge_length_is_refused_without_allocating() {
        let mut out = Vec::new();
        u64::MAX.put(&mut out);
        assert_eq!(Vec::<u8>::take(&mut Input::new(&out)), None);
        assert_eq!(String::take(&mut Input::new(&out)), None);
    }

    #[test]
    fn room_is_reserved_for_no_more_than_the_bytes_left() {
        let bytes = [0u8; 100];
        let input = Input::new(&bytes);
        assert_eq!(input.room_for::<u8>(100), 100);
        assert_eq!(input.room_for::<u8>(7), 7);
        assert_eq!(input.room_for::<[u8; 64]>(100), 1);
        assert_eq!(input.room_for::<[u8; 664]>(100), 0);
    }

    #[test]
    fn invalid_utf8_is_refused() {
        let bytes = [2u8, 0xc3, 0x28];
        assert_eq!(String::take(&mut Input::new(&bytes)), None);
    }
}
