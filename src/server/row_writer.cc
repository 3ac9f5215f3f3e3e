#include "server/row_writer.h"

#include <algorithm>

#include "server/pg_binary.h"

namespace omen::server {

Result<std::vector<int16_t>> ResultFormats(const std::vector<int16_t>& codes, size_t columns) {
  for (int16_t c : codes) {
    if (c != 0 && c != 1) {
      return Status(sqlstate::kInvalidParameterValue,
                    "unsupported format code: " + std::to_string(c));
    }
  }
  if (codes.empty()) return std::vector<int16_t>(columns, 0);
  if (codes.size() == 1) return std::vector<int16_t>(columns, codes[0]);
  if (codes.size() != columns) {
    return Status(sqlstate::kProtocolViolation, "bind message has " + std::to_string(codes.size()) +
                                                    " result formats but query has " +
                                                    std::to_string(columns) + " columns");
  }
  return codes;
}

namespace {

// RowDescription's type modifier as PostgreSQL sends it: varchar(n)/char(n)
// (and arrays of them) count the 4-byte varlena header; others as stored.
int32_t WireTypmod(const Type& t) {
  TypeId base = t.IsArray() ? t.elem : t.id;
  bool chars = (base == TypeId::kVarchar || base == TypeId::kChar) && t.typmod >= 0;
  return chars ? t.typmod + 4 : t.typmod;
}

}  // namespace

void WriteRowDescription(MessageWriter* w, const std::vector<std::string>& names,
                         const std::vector<Type>& types, const std::vector<int16_t>& formats) {
  w->Begin('T');
  w->Int16(static_cast<int16_t>(names.size()));
  for (size_t i = 0; i < names.size(); ++i) {
    w->CString(names[i]);
    w->Int32(0);  // table OID
    w->Int16(0);  // column number
    w->Int32(static_cast<int32_t>(types[i].Oid()));
    w->Int16(types[i].Length());
    w->Int32(WireTypmod(types[i]));
    w->Int16(formats[i]);
  }
  w->End();
}

Result<size_t> WriteDataRows(MessageWriter* w, const QueryResult& r, size_t from, size_t count,
                             const std::vector<int16_t>& formats) {
  size_t written = 0;
  size_t chunk_start = 0;
  std::string cell;
  const size_t ncols = r.ColumnCount();
  for (const DataChunk& chunk : r.chunks()) {
    size_t chunk_end = chunk_start + chunk.size;
    if (written == count) break;
    if (chunk_end <= from) {
      chunk_start = chunk_end;
      continue;
    }
    for (size_t row = std::max(from, chunk_start) - chunk_start;
         row < chunk.size && written < count; ++row) {
      w->Begin('D');
      w->Int16(static_cast<int16_t>(ncols));
      for (size_t c = 0; c < ncols; ++c) {
        const Vector& col = chunk.columns[c];
        if (col.IsNull(row)) {
          w->Int32(-1);
          continue;
        }
        Value v = col.GetValue(row);
        if (formats[c] == 1) {
          cell.clear();
          Status s = EncodeBinary(v, &cell);
          if (!s.ok()) {
            w->DiscardOpen();
            return s;
          }
        } else {
          cell = v.ToString();
        }
        w->Int32(static_cast<int32_t>(cell.size()));
        w->Bytes(cell);
      }
      w->End();
      ++written;
      OMEN_RETURN_IF_ERROR(w->FlushIfLarge());
    }
    chunk_start = chunk_end;
  }
  return written;
}

void WriteCommandComplete(MessageWriter* w, const std::string& tag) {
  w->Begin('C');
  w->CString(tag);
  w->End();
}

}  // namespace omen::server
