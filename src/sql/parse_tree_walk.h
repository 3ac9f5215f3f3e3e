#pragma once
// A generic walk over libpg_query's protobuf-c parse tree, by reflection:
// for callers that look for one node type anywhere in a statement.

#include <functional>

#include <protobuf-c/protobuf-c.h>

namespace omen::sql {

// Called for each message before its fields; returns whether to walk into
// the message's fields (false: the message's subtree is skipped).
using ParseTreeVisitor = std::function<bool(const ProtobufCMessage& msg)>;

// Visits `msg` and, depth first in field order, every message it contains:
// set oneof members and every non-null item of repeated message fields.
void WalkParseTree(const ProtobufCMessage& msg, const ParseTreeVisitor& visit);

}  // namespace omen::sql
