#include "server/pg_message.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <string>

#include "server/startup.h"

namespace omen::server {
namespace {

// A Stream over fixed input that hands out at most `piece` bytes per Read.
class FakeStream : public Stream {
 public:
  explicit FakeStream(std::string in, size_t piece = 3) : in_(std::move(in)), piece_(piece) {}
  Result<size_t> Read(void* buf, size_t n) override {
    size_t k = std::min({n, piece_, in_.size() - pos_});
    std::memcpy(buf, in_.data() + pos_, k);
    pos_ += k;
    return k;
  }
  Status Write(const void* buf, size_t n) override {
    out.append(static_cast<const char*>(buf), n);
    return Status::OK();
  }
  std::string out;

 private:
  std::string in_;
  size_t pos_ = 0;
  size_t piece_;
};

std::string Msg(char type, const std::string& body) {
  std::string m(1, type);
  uint32_t n = htonl(static_cast<uint32_t>(body.size() + 4));
  m.append(reinterpret_cast<const char*>(&n), 4);
  return m + body;
}

TEST(PgMessageTest, ReadsMessagesAcrossShortReads) {
  FakeStream s(Msg('Q', std::string("SELECT 1\0", 9)) + Msg('S', ""));
  MessageReader r(&s);
  Message m;
  ASSERT_TRUE(*r.ReadMessage(&m));
  EXPECT_EQ(m.type, 'Q');
  EXPECT_EQ(m.body, std::string("SELECT 1\0", 9));
  ASSERT_TRUE(*r.ReadMessage(&m));
  EXPECT_EQ(m.type, 'S');
  EXPECT_EQ(m.body, "");
  Result<bool> end = r.ReadMessage(&m);
  ASSERT_TRUE(end.ok());
  EXPECT_FALSE(*end);  // clean end of stream
}

TEST(PgMessageTest, RejectsBadLengthsAndTruncation) {
  std::string absurd("Q\x7f\xff\xff\xff", 5);
  FakeStream a(absurd);
  Message m;
  EXPECT_EQ(MessageReader(&a).ReadMessage(&m).status().code(), sqlstate::kProtocolViolation);
  FakeStream small(std::string("S\0\0\0\2", 5));
  EXPECT_EQ(MessageReader(&small).ReadMessage(&m).status().code(), sqlstate::kProtocolViolation);
  // A non-query message beyond the small limit.
  FakeStream big(Msg('D', std::string(kSmallMessageLimit + 1, 'x')));
  EXPECT_EQ(MessageReader(&big).ReadMessage(&m).status().code(), sqlstate::kProtocolViolation);
  FakeStream cut(Msg('Q', "SELECT 1").substr(0, 7));
  EXPECT_EQ(MessageReader(&cut).ReadMessage(&m).status().code(), kConnectionFailure);
}

TEST(PgMessageTest, BodyReaderIsStickyOnOverrun) {
  std::string body("ab\0\0\1", 5);
  BodyReader r(body);
  EXPECT_EQ(r.CString(), "ab");
  EXPECT_EQ(r.Int16(), 1);
  EXPECT_TRUE(r.status().ok());
  EXPECT_EQ(r.Int32(), 0);
  EXPECT_EQ(r.status().code(), sqlstate::kProtocolViolation);
  BodyReader extra(body);
  extra.CString();
  EXPECT_EQ(extra.status().code(), sqlstate::kProtocolViolation);  // bytes left unread
  EXPECT_TRUE(extra.status(false).ok());
}

TEST(PgMessageTest, WritesFramedMessagesAndErrors) {
  FakeStream s("");
  MessageWriter w(&s);
  w.Begin('Z');
  w.Byte('I');
  w.End();
  w.Begin('D');
  w.Int16(1);
  w.DiscardOpen();
  WriteErrorOrNotice(&w, Status(sqlstate::kDivisionByZero, "division by zero").WithPosition(8),
                     Severity::kError);
  EXPECT_EQ(s.out, "");  // nothing before Flush
  ASSERT_TRUE(w.Flush().ok());
  std::string want = Msg('Z', "I") +
                     Msg('E', std::string("SERROR\0VERROR\0C22012\0Mdivision by zero\0P8\0\0", 43));
  EXPECT_EQ(s.out, want);
}

TEST(StartupTest, ParsesStartupMessageAndOptions) {
  const char raw[] = "\0\3\0\0user\0alice\0application_name\0app\0DateStyle\0ISO\0";
  std::string body(raw, sizeof(raw));  // the implicit NUL ends the list
  Result<StartupInfo> info = ParseStartupMessage(body);
  ASSERT_TRUE(info.ok()) << info.status().ToString();
  EXPECT_EQ(info->user, "alice");
  EXPECT_EQ(info->database, "alice");  // defaults to the user name
  EXPECT_EQ(info->application_name, "app");
  ASSERT_EQ(info->params.size(), 1u);
  EXPECT_EQ(info->params[0].first, "DateStyle");
  EXPECT_EQ(ParseStartupMessage(std::string("\0\3\0\0\0", 5)).status().code(), SqlState("28000"));
  EXPECT_EQ(ParseStartupMessage(std::string("\0\3\0\0user\0x", 11)).status().code(),
            sqlstate::kProtocolViolation);
  auto opts = ParseOptionsParameter("-c search_path=a\\ b --statement-timeout=5 -cwork_mem=1");
  ASSERT_TRUE(opts.ok());
  ASSERT_EQ(opts->size(), 3u);
  EXPECT_EQ((*opts)[0], std::make_pair(std::string("search_path"), std::string("a b")));
  EXPECT_EQ((*opts)[1].first, "statement_timeout");
  EXPECT_FALSE(ParseOptionsParameter("-x").ok());
}

}  // namespace
}  // namespace omen::server
