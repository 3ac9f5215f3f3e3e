#pragma once
// SQLSTATE codes (PostgreSQL Appendix A) carried by every Status.

#include <cstring>
#include <string_view>

namespace omen {

// A five-character SQLSTATE code such as "22012". Value type, trivially copyable.
class SqlState {
 public:
  constexpr SqlState() : code_{'0', '0', '0', '0', '0'} {}
  // REQUIRES: code has exactly five characters of [0-9A-Z].
  constexpr explicit SqlState(const char (&code)[6])
      : code_{code[0], code[1], code[2], code[3], code[4]} {}

  std::string_view code() const { return std::string_view(code_, 5); }
  // The two-character class, e.g. "22" for data exceptions.
  std::string_view class_code() const { return std::string_view(code_, 2); }
  bool ok() const { return code() == "00000"; }

  friend bool operator==(const SqlState& a, const SqlState& b) {
    return std::memcmp(a.code_, b.code_, 5) == 0;
  }

  // Parses a five-character code; returns false if it is not one.
  static bool Parse(std::string_view text, SqlState* out);

 private:
  char code_[5];
};

// The codes OmenDB raises; names follow PostgreSQL's errcodes.txt.
namespace sqlstate {
inline constexpr SqlState kSuccessfulCompletion{"00000"};
inline constexpr SqlState kFeatureNotSupported{"0A000"};
inline constexpr SqlState kCardinalityViolation{"21000"};
inline constexpr SqlState kDataException{"22000"};
inline constexpr SqlState kStringDataRightTruncation{"22001"};
inline constexpr SqlState kNumericValueOutOfRange{"22003"};
inline constexpr SqlState kInvalidDatetimeFormat{"22007"};
inline constexpr SqlState kDatetimeFieldOverflow{"22008"};
inline constexpr SqlState kDivisionByZero{"22012"};
inline constexpr SqlState kInvalidParameterValue{"22023"};
inline constexpr SqlState kInvalidTextRepresentation{"22P02"};
inline constexpr SqlState kIntegrityConstraintViolation{"23000"};
inline constexpr SqlState kNotNullViolation{"23502"};
inline constexpr SqlState kForeignKeyViolation{"23503"};
inline constexpr SqlState kUniqueViolation{"23505"};
inline constexpr SqlState kCheckViolation{"23514"};
inline constexpr SqlState kInvalidTransactionState{"25000"};
inline constexpr SqlState kInFailedSqlTransaction{"25P02"};
inline constexpr SqlState kIdleInTransactionSessionTimeout{"25P03"};
inline constexpr SqlState kInvalidPassword{"28P01"};
inline constexpr SqlState kInvalidCatalogName{"3D000"};
inline constexpr SqlState kSerializationFailure{"40001"};
inline constexpr SqlState kDeadlockDetected{"40P01"};
inline constexpr SqlState kSyntaxError{"42601"};
inline constexpr SqlState kUndefinedColumn{"42703"};
inline constexpr SqlState kUndefinedFunction{"42883"};
inline constexpr SqlState kUndefinedTable{"42P01"};
inline constexpr SqlState kDuplicateTable{"42P07"};
inline constexpr SqlState kDatatypeMismatch{"42804"};
inline constexpr SqlState kDiskFull{"53100"};
inline constexpr SqlState kOutOfMemory{"53200"};
inline constexpr SqlState kTooManyConnections{"53300"};
inline constexpr SqlState kLockNotAvailable{"55P03"};
inline constexpr SqlState kQueryCanceled{"57014"};
inline constexpr SqlState kIoError{"58030"};
inline constexpr SqlState kActiveSqlTransaction{"25001"};
inline constexpr SqlState kNoActiveSqlTransaction{"25P01"};
inline constexpr SqlState kReadOnlySqlTransaction{"25006"};
inline constexpr SqlState kInvalidSavepointSpecification{"3B001"};
inline constexpr SqlState kInvalidSchemaName{"3F000"};
inline constexpr SqlState kDependentObjectsStillExist{"2BP01"};
inline constexpr SqlState kInvalidRowCountInLimitClause{"2201W"};
inline constexpr SqlState kInvalidRowCountInResultOffsetClause{"2201X"};
inline constexpr SqlState kNullValueNotAllowed{"22004"};
inline constexpr SqlState kInvalidEscapeSequence{"22025"};
inline constexpr SqlState kInvalidRegularExpression{"2201B"};
inline constexpr SqlState kCharacterNotInRepertoire{"22021"};
inline constexpr SqlState kFloatingPointException{"22P01"};
inline constexpr SqlState kInvalidArgumentForLogarithm{"2201E"};
inline constexpr SqlState kInvalidArgumentForPowerFunction{"2201F"};
inline constexpr SqlState kDuplicateColumn{"42701"};
inline constexpr SqlState kAmbiguousColumn{"42702"};
inline constexpr SqlState kUndefinedObject{"42704"};
inline constexpr SqlState kDuplicateObject{"42710"};
inline constexpr SqlState kAmbiguousFunction{"42725"};
inline constexpr SqlState kGroupingError{"42803"};
inline constexpr SqlState kWrongObjectType{"42809"};
inline constexpr SqlState kCannotCoerce{"42846"};
inline constexpr SqlState kInvalidColumnReference{"42P10"};
inline constexpr SqlState kUndefinedParameter{"42P02"};
inline constexpr SqlState kDuplicateSchema{"42P06"};
inline constexpr SqlState kInvalidTableDefinition{"42P16"};
inline constexpr SqlState kInvalidObjectDefinition{"42P17"};
inline constexpr SqlState kIndeterminateDatatype{"42P18"};
inline constexpr SqlState kProgramLimitExceeded{"54000"};
inline constexpr SqlState kCantChangeRuntimeParam{"55P02"};
inline constexpr SqlState kObjectNotInPrerequisiteState{"55000"};
inline constexpr SqlState kInsufficientPrivilege{"42501"};
inline constexpr SqlState kInvalidCursorName{"34000"};
inline constexpr SqlState kInvalidSqlStatementName{"26000"};
inline constexpr SqlState kProtocolViolation{"08P01"};
inline constexpr SqlState kInternalError{"XX000"};
inline constexpr SqlState kDataCorrupted{"XX001"};
}  // namespace sqlstate

}  // namespace omen
