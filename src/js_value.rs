//! Reads a value the browser's `JSON.parse` made as any serde type: the page's reader of its
//! compiled story (`load::BrowserJson`).
//!
//! Written here rather than taken from serde-wasm-bindgen for size: its errors describe what
//! went wrong, and describing brings the formatting of floats, strings and lists of expected
//! names into the page (kilobytes of wasm) to say what no reader sees (a damaged story is
//! rebuilt, not repaired; the page says only which line). Here an error is just [`Invalid`].
//! The values are trusted JSON: null, booleans, numbers, strings, arrays and objects, with
//! enums as serde writes them (a name, or an object of one member).

use js_sys::{Array, Object};
use serde::de::{self, DeserializeSeed, Deserializer, IntoDeserializer, Visitor};
use wasm_bindgen::{JsCast, JsValue};

/// The one error: the value is not what the type expects.
#[derive(Debug)]
pub struct Invalid;

impl std::fmt::Display for Invalid {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("invalid")
    }
}

impl std::error::Error for Invalid {}

impl de::Error for Invalid {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Invalid
    }
}

/// A value to read.
pub struct Value(pub JsValue);

/// Largest integer a JavaScript number holds exactly.
const EXACT: f64 = 9_007_199_254_740_992.0;

/// Deserializer methods that read as another does, ignoring their extra arguments.
macro_rules! forward {
    ($de:lifetime $($to:ident: $($from:ident($($arg:ty),*))*;)*) => {
        $($(
            fn $from<V: Visitor<$de>>(self, $(_: $arg,)* visitor: V) -> Result<V::Value, Invalid> {
                self.$to(visitor)
            }
        )*)*
    };
}

impl Value {
    /// The number, if it is a whole one a JavaScript number holds exactly.
    fn whole(&self) -> Result<f64, Invalid> {
        self.0.as_f64().filter(|n| n.fract() == 0.0 && n.abs() <= EXACT).ok_or(Invalid)
    }
}

// Each kind of value is read by the method its type asks for, which visits only that kind: a
// type's visitor then keeps only the code for the kind it reads (a struct's visitor, say, is
// never asked to read an array), where one `deserialize_any` for all of them kept every path
// of every visitor.
impl<'de> Deserializer<'de> for Value {
    type Error = Invalid;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Invalid> {
        let value = self.0;
        if value.is_null() || value.is_undefined() {
            visitor.visit_unit()
        } else if let Some(flag) = value.as_bool() {
            visitor.visit_bool(flag)
        } else if let Some(number) = value.as_f64() {
            if number.fract() != 0.0 || number.abs() > EXACT {
                visitor.visit_f64(number)
            } else if number >= 0.0 {
                visitor.visit_u64(number as u64)
            } else {
                visitor.visit_i64(number as i64)
            }
        } else if let Some(text) = value.as_string() {
            visitor.visit_string(text)
        } else if Array::is_array(&value) {
            visitor.visit_seq(Items { items: value.unchecked_into(), next: 0 })
        } else if value.is_object() {
            visitor.visit_map(Members { entries: Object::entries(value.unchecked_ref()), next: 0, value: None })
        } else {
            Err(Invalid)
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Invalid> {
        visitor.visit_bool(self.0.as_bool().ok_or(Invalid)?)
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Invalid> {
        let number = self.whole()?;
        if number >= 0.0 {
            visitor.visit_u64(number as u64)
        } else {
            visitor.visit_i64(number as i64)
        }
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Invalid> {
        visitor.visit_f64(self.0.as_f64().ok_or(Invalid)?)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Invalid> {
        visitor.visit_string(self.0.as_string().ok_or(Invalid)?)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Invalid> {
        if !Array::is_array(&self.0) {
            return Err(Invalid);
        }
        visitor.visit_seq(Items { items: self.0.unchecked_into(), next: 0 })
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Invalid> {
        let object = self.0.dyn_ref().ok_or(Invalid)?;
        visitor.visit_map(Members { entries: Object::entries(object), next: 0, value: None })
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Invalid> {
        if !(self.0.is_null() || self.0.is_undefined()) {
            return Err(Invalid);
        }
        visitor.visit_unit()
    }

    /// A value no type reads (an unknown member) is skipped unread.
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Invalid> {
        visitor.visit_unit()
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Invalid> {
        if self.0.is_null() || self.0.is_undefined() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _: &'static str, visitor: V) -> Result<V::Value, Invalid> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Invalid> {
        if let Some(name) = self.0.as_string() {
            return visitor.visit_enum(name.into_deserializer());
        }
        // `{"Variant": value}`: an object of one member.
        let entries = Object::entries(self.0.dyn_ref().ok_or(Invalid)?);
        if entries.length() != 1 {
            return Err(Invalid);
        }
        let entry: Array = entries.get(0).unchecked_into();
        visitor.visit_enum(Variant { name: entry.get(0), value: entry.get(1) })
    }

    serde::forward_to_deserialize_any! { i128 u128 char bytes byte_buf }

    forward! {'de
        deserialize_u64: deserialize_u8() deserialize_u16() deserialize_u32() deserialize_i8() deserialize_i16()
            deserialize_i32() deserialize_i64();
        deserialize_f64: deserialize_f32();
        deserialize_string: deserialize_str() deserialize_identifier();
        deserialize_seq: deserialize_tuple(usize) deserialize_tuple_struct(&'static str, usize);
        deserialize_map: deserialize_struct(&'static str, &'static [&'static str]);
        deserialize_unit: deserialize_unit_struct(&'static str);
    }
}

/// An array's items, in order.
struct Items {
    items: Array,
    next: u32,
}

impl<'de> de::SeqAccess<'de> for Items {
    type Error = Invalid;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Invalid> {
        if self.next >= self.items.length() {
            return Ok(None);
        }
        self.next += 1;
        seed.deserialize(Value(self.items.get(self.next - 1))).map(Some)
    }
}

/// An object's members, as `[name, value]` pairs in order.
struct Members {
    entries: Array,
    next: u32,
    /// The value of the member whose name was read last.
    value: Option<JsValue>,
}

impl<'de> de::MapAccess<'de> for Members {
    type Error = Invalid;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Invalid> {
        if self.next >= self.entries.length() {
            return Ok(None);
        }
        let entry: Array = self.entries.get(self.next).unchecked_into();
        self.next += 1;
        self.value = Some(entry.get(1));
        seed.deserialize(Value(entry.get(0))).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Invalid> {
        seed.deserialize(Value(self.value.take().ok_or(Invalid)?))
    }
}

/// An enum written as `{"Variant": value}`.
struct Variant {
    name: JsValue,
    value: JsValue,
}

impl<'de> de::EnumAccess<'de> for Variant {
    type Error = Invalid;
    type Variant = Value;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Value), Invalid> {
        Ok((seed.deserialize(Value(self.name))?, Value(self.value)))
    }
}

impl<'de> de::VariantAccess<'de> for Value {
    type Error = Invalid;

    fn unit_variant(self) -> Result<(), Invalid> {
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Invalid> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _: usize, visitor: V) -> Result<V::Value, Invalid> {
        self.deserialize_seq(visitor)
    }

    fn struct_variant<V: Visitor<'de>>(self, _: &'static [&'static str], visitor: V) -> Result<V::Value, Invalid> {
        self.deserialize_map(visitor)
    }
}
