#include "catalog/scram_verifier.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace omen::catalog {
namespace {

// Made by PostgreSQL 15: CREATE ROLE r PASSWORD 'secret'.
constexpr std::string_view kPostgresVerifier =
    "SCRAM-SHA-256$4096:1o6jXA01oYfBbDH1lBg3LA==$/HowafsVleOCdCustcSfWCaOYcvRwfDxuCuYd/VNy4U=:"
    "JFqazKtEvUyS9fu/tKFccEgav10hy+p3kbKPjQxlonk=";

TEST(ScramVerifierTest, RecomputesPostgresVerifier) {
  ScramVerifier parsed;
  ASSERT_TRUE(ParseScramVerifier(kPostgresVerifier, &parsed));
  EXPECT_EQ(parsed.iterations, 4096);
  EXPECT_EQ(parsed.salt.size(), 16u);
  EXPECT_EQ(MakeScramVerifier("secret", parsed.salt, parsed.iterations), kPostgresVerifier);
  EXPECT_NE(MakeScramVerifier("secreT", parsed.salt, parsed.iterations), kPostgresVerifier);
}

TEST(ScramVerifierTest, NewVerifiersHaveRandomSaltAndParse) {
  auto a = MakeScramVerifier("pw");
  auto b = MakeScramVerifier("pw");
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(b.ok());
  EXPECT_NE(*a, *b);
  ScramVerifier parsed;
  ASSERT_TRUE(ParseScramVerifier(*a, &parsed));
  EXPECT_EQ(parsed.iterations, kScramIterations);
  EXPECT_EQ(parsed.salt.size(), kScramSaltBytes);
  EXPECT_EQ(MakeScramVerifier("pw", parsed.salt, parsed.iterations), *a);
}

TEST(ScramVerifierTest, EncryptPasswordKeepsVerifiersAndRejectsMd5) {
  auto kept = EncryptPassword(kPostgresVerifier);
  ASSERT_TRUE(kept.ok());
  EXPECT_EQ(*kept, kPostgresVerifier);
  auto md5 = EncryptPassword("md5" + std::string(32, 'a'));
  ASSERT_FALSE(md5.ok());
  EXPECT_EQ(md5.status().code().code(), "0A000");
  // Text that merely starts like a verifier is a password.
  auto hashed = EncryptPassword("SCRAM-SHA-256$4096:abc");
  ASSERT_TRUE(hashed.ok());
  EXPECT_NE(*hashed, "SCRAM-SHA-256$4096:abc");
}

TEST(ScramVerifierTest, RejectsMalformedVerifiers) {
  ScramVerifier v;
  EXPECT_FALSE(ParseScramVerifier("SCRAM-SHA-256$0:AAAA$AAAA:AAAA", &v));
  EXPECT_FALSE(ParseScramVerifier("SCRAM-SHA-256$4096:AAAA$AAAA:AAAA", &v));  // key sizes
  EXPECT_FALSE(ParseScramVerifier("SCRAM-SHA-256$x:AAAA$AAAA:AAAA", &v));
  EXPECT_FALSE(ParseScramVerifier("md5abc", &v));
  std::string text(kPostgresVerifier);
  text[20] = '*';  // inside the salt
  EXPECT_FALSE(ParseScramVerifier(text, &v));
}

TEST(ScramVerifierTest, Base64RoundTrips) {
  for (const std::string& s :
       std::vector<std::string>{"", "a", "ab", "abc", "abcd", std::string("\0\xff\x10", 3)}) {
    std::string decoded;
    ASSERT_TRUE(Base64Decode(Base64Encode(s), &decoded)) << s;
    EXPECT_EQ(decoded, s);
  }
  std::string out;
  EXPECT_FALSE(Base64Decode("abc", &out));
  EXPECT_FALSE(Base64Decode("a=bc", &out));
  EXPECT_FALSE(Base64Decode("ab!c", &out));
}

}  // namespace
}  // namespace omen::catalog
