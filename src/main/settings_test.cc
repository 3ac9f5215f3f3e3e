// Settings: value parsing and display as PostgreSQL 15 does it, and the
// transactional rules of SET / SET LOCAL / savepoints.

#include "main/settings.h"

#include <gtest/gtest.h>

namespace omen {
namespace {

std::string Show(const Settings& s, std::string_view name) {
  auto v = s.Show(name);
  return v.ok() ? *v : "error " + std::string(v.status().code().code());
}

std::string SetCode(Settings& s, std::string_view name, std::string_view value) {
  Status st = s.Set(name, value, false);
  s.EndTransaction(st.ok());
  return std::string(st.code().code());
}

TEST(SettingsTest, TimeoutUnits) {
  Settings s;
  EXPECT_EQ(Show(s, "statement_timeout"), "0");
  struct Case {
    const char* in;
    const char* shown;
  };
  for (const Case& c : {Case{"5s", "5s"}, Case{"5000", "5s"}, Case{"1min", "1min"},
                        Case{"100ms", "100ms"}, Case{"1h", "1h"}, Case{"90000", "90s"},
                        Case{"1.5s", "1500ms"}, Case{"1500us", "2ms"}, Case{" 5 min ", "5min"},
                        Case{"36h", "36h"}, Case{"1d", "1d"}, Case{"0", "0"}}) {
    ASSERT_TRUE(s.Set("statement_timeout", c.in, false).ok()) << c.in;
    EXPECT_EQ(Show(s, "statement_timeout"), c.shown) << c.in;
  }
  ASSERT_TRUE(s.Set("statement_timeout", "2min", false).ok());
  s.EndTransaction(true);
  EXPECT_EQ(s.StatementTimeoutMs(), 120000);
  EXPECT_EQ(SetCode(s, "statement_timeout", "5S"), "22023");
  EXPECT_EQ(SetCode(s, "statement_timeout", "abc"), "22023");
  EXPECT_EQ(SetCode(s, "lock_timeout", "-1"), "22023");
  Status st = s.Set("statement_timeout", "-1", false);
  EXPECT_EQ(st.message(),
            "-1 ms is outside the valid range for parameter \"statement_timeout\" (0 .. 2147483647)");
  EXPECT_EQ(Show(s, "statement_timeout"), "2min");  // failed SETs change nothing
}

TEST(SettingsTest, Validation) {
  Settings s;
  EXPECT_EQ(SetCode(s, "extra_float_digits", "4"), "22023");
  EXPECT_EQ(SetCode(s, "extra_float_digits", "x"), "22023");
  EXPECT_EQ(SetCode(s, "extra_float_digits", "2.6"), "00000");
  EXPECT_EQ(Show(s, "extra_float_digits"), "3");
  EXPECT_EQ(SetCode(s, "client_min_messages", "WARNING"), "00000");
  EXPECT_EQ(Show(s, "client_min_messages"), "warning");
  EXPECT_EQ(SetCode(s, "client_min_messages", "bogus"), "22023");
  EXPECT_EQ(Show(s, "DateStyle"), "ISO, MDY");
  EXPECT_EQ(SetCode(s, "DateStyle", "dmy"), "00000");
  EXPECT_EQ(Show(s, "datestyle"), "ISO, DMY");
  EXPECT_EQ(SetCode(s, "DateStyle", "ymd, iso"), "00000");
  EXPECT_EQ(Show(s, "datestyle"), "ISO, YMD");
  EXPECT_EQ(SetCode(s, "DateStyle", "iso, foo"), "22023");
  EXPECT_EQ(SetCode(s, "DateStyle", "iso, sql"), "22023");
  EXPECT_EQ(s.Set("datestyle", "x", false).message(),
            "invalid value for parameter \"DateStyle\": \"x\"");
  s.EndTransaction(false);
  EXPECT_EQ(SetCode(s, "TimeZone", "utc"), "00000");
  EXPECT_EQ(Show(s, "timezone"), "UTC");
  EXPECT_EQ(SetCode(s, "TimeZone", "Nowhere/Foo"), "22023");
  EXPECT_EQ(SetCode(s, "nosuch", "1"), "42704");
  EXPECT_EQ(Show(s, "nosuch"), "error 42704");
  EXPECT_EQ(SetCode(s, "server_version", "1"), "55P02");
  EXPECT_EQ(SetCode(s, "my.custom", "x"), "00000");
  EXPECT_EQ(Show(s, "my.custom"), "x");
}

TEST(SettingsTest, TransactionalSet) {
  Settings s;
  // Rolled back: undone.
  ASSERT_TRUE(s.Set("application_name", "a", false).ok());
  s.EndTransaction(false);
  EXPECT_EQ(Show(s, "application_name"), "");
  // Committed: kept; SET LOCAL: dropped at the end either way.
  ASSERT_TRUE(s.Set("application_name", "b", false).ok());
  ASSERT_TRUE(s.Set("application_name", "c", true).ok());
  EXPECT_EQ(Show(s, "application_name"), "c");
  s.EndTransaction(true);
  EXPECT_EQ(Show(s, "application_name"), "b");
  // SET LOCAL then SET: the SET wins.
  ASSERT_TRUE(s.Set("application_name", "d", true).ok());
  ASSERT_TRUE(s.Set("application_name", "e", false).ok());
  s.EndTransaction(true);
  EXPECT_EQ(Show(s, "application_name"), "e");
  // Savepoints.
  ASSERT_TRUE(s.Set("application_name", "f", false).ok());
  size_t sp = s.SavepointPosition();
  ASSERT_TRUE(s.Set("application_name", "g", false).ok());
  ASSERT_TRUE(s.Reset("application_name").ok());
  EXPECT_EQ(Show(s, "application_name"), "");
  s.RollbackTo(sp);
  EXPECT_EQ(Show(s, "application_name"), "f");
  s.EndTransaction(true);
  EXPECT_EQ(Show(s, "application_name"), "f");
  ASSERT_TRUE(s.Reset("all").ok());
  s.EndTransaction(true);
  EXPECT_EQ(Show(s, "application_name"), "");
}

}  // namespace
}  // namespace omen
