#include "server/scram.h"

#include <gtest/gtest.h>

#include <string>

namespace omen::server {
namespace {

// RFC 7677, section 3: user "user", password "pencil".
constexpr std::string_view kSaltB64 = "W22ZaJ0SNY7soEsUEjb6gQ==";
constexpr std::string_view kClientFirst = "n,,n=user,r=rOprNGfwEbeRWgbNEkqO";
constexpr std::string_view kServerNonce = "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
constexpr std::string_view kServerFirst =
    "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
constexpr std::string_view kClientFinal =
    "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
    "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
constexpr std::string_view kServerFinal = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

std::string Verifier(std::string_view password) {
  std::string salt;
  EXPECT_TRUE(catalog::Base64Decode(kSaltB64, &salt));
  return catalog::MakeScramVerifier(password, salt, 4096);
}

TEST(ScramTest, Rfc7677TestVector) {
  ScramExchange scram("user", Verifier("pencil"), std::string(kServerNonce));
  auto first = scram.HandleClientFirst(kClientFirst);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(*first, kServerFirst);
  auto final = scram.HandleClientFinal(kClientFinal);
  ASSERT_TRUE(final.ok()) << final.status().ToString();
  EXPECT_EQ(*final, kServerFinal);
}

TEST(ScramTest, WrongPasswordFailsWith28P01) {
  ScramExchange scram("user", Verifier("pencil2"), std::string(kServerNonce));
  ASSERT_TRUE(scram.HandleClientFirst(kClientFirst).ok());
  auto final = scram.HandleClientFinal(kClientFinal);
  ASSERT_FALSE(final.ok());
  EXPECT_EQ(final.status().code().code(), "28P01");
  EXPECT_EQ(final.status().message(), "password authentication failed for user \"user\"");
}

TEST(ScramTest, TamperedProofFails) {
  ScramExchange scram("user", Verifier("pencil"), std::string(kServerNonce));
  ASSERT_TRUE(scram.HandleClientFirst(kClientFirst).ok());
  std::string tampered(kClientFinal);
  tampered[tampered.size() - 3] = tampered[tampered.size() - 3] == 'A' ? 'B' : 'A';
  auto final = scram.HandleClientFinal(tampered);
  ASSERT_FALSE(final.ok());
  EXPECT_EQ(final.status().code().code(), "28P01");
}

TEST(ScramTest, MockExchangeLooksRealAndAlwaysFails) {
  ScramExchange a("ghost", "", std::string(kServerNonce));
  ScramExchange b("ghost", "", std::string(kServerNonce));
  auto fa = a.HandleClientFirst(kClientFirst);
  auto fb = b.HandleClientFirst(kClientFirst);
  ASSERT_TRUE(fa.ok());
  ASSERT_TRUE(fb.ok());
  EXPECT_EQ(*fa, *fb);  // a stable salt per role name
  EXPECT_NE(fa->find(",s="), std::string::npos);
  EXPECT_NE(fa->find(",i=4096"), std::string::npos);
  auto final = a.HandleClientFinal(kClientFinal);
  ASSERT_FALSE(final.ok());
  EXPECT_EQ(final.status().code().code(), "28P01");
  EXPECT_EQ(final.status().message(), "password authentication failed for user \"ghost\"");
}

TEST(ScramTest, RandomServerNonce) {
  ScramExchange a("user", Verifier("pencil"));
  ScramExchange b("user", Verifier("pencil"));
  auto fa = a.HandleClientFirst(kClientFirst);
  auto fb = b.HandleClientFirst(kClientFirst);
  ASSERT_TRUE(fa.ok() && fb.ok());
  EXPECT_NE(*fa, *fb);
  EXPECT_EQ(fa->rfind("r=rOprNGfwEbeRWgbNEkqO", 0), 0u);
}

TEST(ScramTest, MalformedMessages) {
  auto code = [](std::string_view first, std::string_view final = "") {
    ScramExchange s("user", Verifier("pencil"), std::string(kServerNonce));
    auto f = s.HandleClientFirst(first);
    if (!f.ok() || final.empty()) return std::string(f.status().code().code());
    return std::string(s.HandleClientFinal(final).status().code().code());
  };
  EXPECT_EQ(code(""), "08P01");
  EXPECT_EQ(code("p=tls-server-end-point,,n=,r=abc"), "08P01");
  EXPECT_EQ(code("x,,n=,r=abc"), "08P01");
  EXPECT_EQ(code("n,a=bob,n=,r=abc"), "0A000");
  EXPECT_EQ(code("n,,m=ext,n=,r=abc"), "0A000");
  EXPECT_EQ(code("n,,n=user"), "08P01");
  EXPECT_EQ(code("n,,n=user,r="), "08P01");
  EXPECT_EQ(code("y,,n=user,r=rOprNGfwEbeRWgbNEkqO"), "00000");
  // The binding must echo the gs2 header ("y,," is eSws, not biws).
  EXPECT_EQ(code("y,,n=user,r=rOprNGfwEbeRWgbNEkqO", kClientFinal), "08P01");
  // Nonce mismatch, missing proof, short proof.
  EXPECT_EQ(code(kClientFirst, "c=biws,r=other,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="),
            "08P01");
  EXPECT_EQ(code(kClientFirst, "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0"),
            "08P01");
  EXPECT_EQ(
      code(kClientFirst, "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=AAAA"),
      "08P01");
}

TEST(ScramTest, MessagesOutOfOrderFail) {
  ScramExchange s("user", Verifier("pencil"), std::string(kServerNonce));
  EXPECT_EQ(s.HandleClientFinal(kClientFinal).status().code().code(), "08P01");
  ScramExchange t("user", Verifier("pencil"), std::string(kServerNonce));
  ASSERT_TRUE(t.HandleClientFirst(kClientFirst).ok());
  EXPECT_EQ(t.HandleClientFirst(kClientFirst).status().code().code(), "08P01");
}

}  // namespace
}  // namespace omen::server
