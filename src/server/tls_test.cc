#include "server/tls.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>

#include "server/plain_stream.h"

namespace omen::server {
namespace {

// Writes a fresh self-signed EC certificate and its key as PEM files.
void MakeCertificate(const std::string& cert_path, const std::string& key_path,
                     EVP_PKEY** key_out = nullptr) {
  EVP_PKEY* key = EVP_EC_gen("P-256");
  ASSERT_NE(key, nullptr);
  X509* cert = X509_new();
  ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert), 0);
  X509_gmtime_adj(X509_getm_notAfter(cert), 3600);
  X509_set_pubkey(cert, key);
  X509_NAME* name = X509_get_subject_name(cert);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("localhost"), -1, -1, 0);
  X509_set_issuer_name(cert, name);
  ASSERT_GT(X509_sign(cert, key, EVP_sha256()), 0);
  FILE* f = std::fopen(cert_path.c_str(), "w");
  PEM_write_X509(f, cert);
  std::fclose(f);
  f = std::fopen(key_path.c_str(), "w");
  PEM_write_PrivateKey(f, key, nullptr, nullptr, 0, nullptr, nullptr);
  std::fclose(f);
  X509_free(cert);
  if (key_out != nullptr) {
    *key_out = key;
  } else {
    EVP_PKEY_free(key);
  }
}

class TlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/omen_tls_test_XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    cert_ = dir_ + "/server.crt";
    key_ = dir_ + "/server.key";
    MakeCertificate(cert_, key_);
  }
  void TearDown() override {
    std::remove(cert_.c_str());
    std::remove(key_.c_str());
    std::remove((dir_ + "/other.crt").c_str());
    std::remove((dir_ + "/other.key").c_str());
    rmdir(dir_.c_str());
  }
  std::string dir_, cert_, key_;
};

TEST_F(TlsTest, LoadErrors) {
  auto missing = TlsContext::Load(dir_ + "/nope.crt", key_);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code().code(), "58030");
  auto no_key = TlsContext::Load(cert_, dir_ + "/nope.key");
  ASSERT_FALSE(no_key.ok());
  EXPECT_EQ(no_key.status().code().code(), "58030");
  MakeCertificate(dir_ + "/other.crt", dir_ + "/other.key");
  auto mismatch = TlsContext::Load(cert_, dir_ + "/other.key");
  ASSERT_FALSE(mismatch.ok());
  EXPECT_EQ(mismatch.status().code().code(), "22023");
  EXPECT_TRUE(TlsContext::Load(cert_, key_).ok());
}

TEST_F(TlsTest, HandshakeAndEchoOverSocketPair) {
  auto ctx = TlsContext::Load(cert_, key_);
  ASSERT_TRUE(ctx.ok()) << ctx.status().ToString();
  int fds[2];
  ASSERT_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, fds), 0);

  // The client: handshake, send 100 KB, read it back, close_notify.
  std::string payload(100000, '\0');
  for (size_t i = 0; i < payload.size(); ++i) payload[i] = static_cast<char>(i * 7);
  std::string echoed;
  std::thread client([&] {
    SSL_CTX* cctx = SSL_CTX_new(TLS_client_method());
    SSL* ssl = SSL_new(cctx);
    SSL_set_fd(ssl, fds[1]);
    if (SSL_connect(ssl) == 1) {
      SSL_write(ssl, payload.data(), static_cast<int>(payload.size()));
      char buf[16384];
      while (echoed.size() < payload.size()) {
        int n = SSL_read(ssl, buf, sizeof(buf));
        if (n <= 0) break;
        echoed.append(buf, static_cast<size_t>(n));
      }
      SSL_shutdown(ssl);
    }
    SSL_free(ssl);
    SSL_CTX_free(cctx);
    close(fds[1]);
  });

  auto stream = (*ctx)->Accept(std::make_unique<PlainStream>(fds[0]));
  ASSERT_TRUE(stream.ok()) << stream.status().ToString();
  std::string got;
  char buf[8192];
  while (got.size() < payload.size()) {
    auto n = (*stream)->Read(buf, sizeof(buf));
    ASSERT_TRUE(n.ok());
    ASSERT_GT(*n, 0u);
    got.append(buf, *n);
  }
  EXPECT_EQ(got, payload);
  ASSERT_TRUE((*stream)->Write(got.data(), got.size()).ok());
  auto end = (*stream)->Read(buf, sizeof(buf));  // the client's close_notify
  ASSERT_TRUE(end.ok());
  EXPECT_EQ(*end, 0u);
  client.join();
  EXPECT_EQ(echoed, payload);
}

TEST_F(TlsTest, HandshakeWithGarbageFails) {
  auto ctx = TlsContext::Load(cert_, key_);
  ASSERT_TRUE(ctx.ok());
  int fds[2];
  ASSERT_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, fds), 0);
  std::string garbage(64, 'x');
  ASSERT_EQ(write(fds[1], garbage.data(), garbage.size()), 64);
  close(fds[1]);
  auto stream = (*ctx)->Accept(std::make_unique<PlainStream>(fds[0]));
  ASSERT_FALSE(stream.ok());
  EXPECT_EQ(stream.status().code().code(), "08006");
}

}  // namespace
}  // namespace omen::server
