#pragma once
// One-dimensional arrays (Type::ArrayOf(element)) of any scalar type, with
// PostgreSQL 15's text input and output (array_in / array_out: '{1,2,NULL}',
// '{"a b","x\"y"}', '{}', '[0:1]={5,6}').
//
// In a Value or Vector an array is string physical, encoded as:
//   int32 lower bound, uint32 element count, then per element one flag byte
//   (0 NULL, 1 value) and for a value its payload by the element's physical
//   type: int64 or double as 8 bytes, numeric as uint32 length + its text,
//   strings (and interval's 16 bytes) as uint32 length + bytes.
// The encoding is private to this file: build and read arrays through it.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "common/types.h"
#include "common/value.h"

namespace omen {

// Encodes `elems` (values of the element type, or NULLs).
std::string EncodeArray(const std::vector<Value>& elems, int32_t lower_bound = 1);
// The elements of an encoded array, typed `element`. *lower_bound gets the
// first subscript when given.
std::vector<Value> DecodeArray(std::string_view bytes, Type element,
                               int32_t* lower_bound = nullptr);
// Number of elements without decoding them.
uint32_t ArrayLength(std::string_view bytes);
// A Value of `array_type` holding `elems`.
Value MakeArrayValue(Type array_type, const std::vector<Value>& elems, int32_t lower_bound = 1);

// array_in for `array_type` (elements through their type's input function).
// Errors: 22P02 'malformed array literal: "x"' (with DETAIL), the element
// type's input errors, 0A000 for more than one dimension.
Result<Value> ParseArray(std::string_view text, Type array_type);
// array_out. REQUIRES: v is a non-NULL array.
std::string FormatArray(const Value& v);

}  // namespace omen
