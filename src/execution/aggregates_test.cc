// Aggregate state merging (AggregateState::Combine).

#include <gtest/gtest.h>

#include "catalog/functions.h"
#include "execution/functions.h"

namespace omen::execution {
namespace {

std::unique_ptr<AggregateState> StringAgg() {
  Type text(TypeId::kText);
  Result<catalog::ResolvedFunction> rf = catalog::ResolveFunction("string_agg", {text, text});
  EXPECT_TRUE(rf.ok());
  return MakeAggregateState(rf->sig->oid, {text, text}, text);
}

void Add(AggregateState* s, const char* value, const char* delim) {
  Vector v(Type(TypeId::kText)), d(Type(TypeId::kText));
  v.Append(Value::Text(value));
  d.Append(Value::Text(delim));
  ASSERT_TRUE(s->Update({&v, &d}, 0).ok());
}

TEST(StringAggCombine, KeepsDelimiterBetweenPartialStates) {
  auto a = StringAgg(), b = StringAgg(), empty = StringAgg();
  Add(a.get(), "x", ",");
  Add(a.get(), "y", ";");
  Add(b.get(), "z", "|");
  Add(b.get(), "w", "+");
  ASSERT_TRUE(a->Combine(*b).ok());
  ASSERT_TRUE(a->Combine(*empty).ok());
  Result<Value> r = a->Finalize();
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->s, "x;y|z+w");
}

TEST(StringAggCombine, EmptyLeftTakesRightUnchanged) {
  auto a = StringAgg(), b = StringAgg();
  Add(b.get(), "z", "|");
  Add(b.get(), "w", "+");
  ASSERT_TRUE(a->Combine(*b).ok());
  Result<Value> r = a->Finalize();
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->s, "z+w");
  EXPECT_TRUE(StringAgg()->Finalize()->is_null);
}

}  // namespace
}  // namespace omen::execution
