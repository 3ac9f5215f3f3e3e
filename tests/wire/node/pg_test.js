// node-postgres (npm `pg`, pinned in package.json) against omendb serve.
//
// Usage: TZ=UTC node pg_test.js PORT   (modules from NODE_PATH)
// Connects, creates tables, inserts with parameters, selects every type the
// engine has in text and in binary results (pg-types' binary parsers where
// they exist; the raw bytes checked here where they do not), transactions,
// errors and recovery, named prepared statements run many times, COPY both
// ways through pg-copy-streams, and a pool of concurrent clients. Any
// mismatch throws; prints "PASS node-postgres" at the end.

'use strict';

const assert = require('node:assert/strict');
const { Readable, Writable } = require('node:stream');
const { pipeline } = require('node:stream/promises');
const pg = require('pg');
const copyStreams = require('pg-copy-streams');

const port = Number(process.argv[2]);
const config = { host: '127.0.0.1', port, user: 'postgres', database: 'postgres' };
let checks = 0;

function eq(got, expected, what) {
  checks++;
  assert.deepStrictEqual(got, expected, what);
}

async function connect() {
  const c = new pg.Client(config);
  await c.connect();
  return c;
}

async function expectError(promise, code, what) {
  try {
    await promise;
  } catch (e) {
    eq(e.code, code, `${what}: SQLSTATE (${e.message})`);
    return e;
  }
  throw new assert.AssertionError({ message: `${what}: no error` });
}

// ---- every type ------------------------------------------------------------

const DDL = `CREATE TABLE every_type (
  id int PRIMARY KEY, b boolean, i2 smallint, i4 integer, i8 bigint, f4 real,
  f8 double precision, n numeric(15,4), nu numeric, tx text, vc varchar(10), ch char(5),
  d date, ts timestamp, tstz timestamptz, iv interval, ai int[], at text[], a8 bigint[],
  ab boolean[])`;
const NCOLS = 20;

// Parameters of row `id` (text as pg sends them: arrays as JS arrays,
// dates as strings so no client time zone is involved).
function params(id) {
  return [
    id, id % 2 === 0, -32768 + id, 2147483647 - id, (-9223372036854775808n + BigInt(id)).toString(),
    1.5 * id, 0.1 * id, (12345678901n + BigInt(id)).toString() + '.2345', `-${id}e-20`,
    `héllo 'quoted' ✓ ${id}`, `vc${id}`, `c${id}`,
    `2000-01-${String(id).padStart(2, '0')}`, `2024-02-29 23:59:${String(id).padStart(2, '0')}.123456`,
    `2001-02-03 04:05:06+0${id % 10}`, `1 year 2 mons ${3 + id} days 04:05:06.5`,
    [1, null, id], ['a', 'b c', '"q"', null, `x${id}`], ['9223372036854775807', String(id)],
    [true, null, false],
  ];
}

// The values pg-types gives back in text format (TZ=UTC).
function expectedText(id) {
  const p = String(id).padStart(2, '0');
  return {
    id, b: id % 2 === 0, i2: -32768 + id, i4: 2147483647 - id,
    i8: (-9223372036854775808n + BigInt(id)).toString(), f4: 1.5 * id, f8: 0.1 * id,
    n: (12345678901n + BigInt(id)).toString() + '.2345',
    nu: '-0.' + '0'.repeat(19) + String(id).replace(/0+$/, ''),
    tx: `héllo 'quoted' ✓ ${id}`, vc: `vc${id}`, ch: `c${id}`.padEnd(5),
    d: new Date(`2000-01-${p}T00:00:00Z`), ts: new Date(`2024-02-29T23:59:${p}.123Z`),
    tstz: new Date(`2001-02-03T04:05:06+0${id % 10}:00`),
    iv: { years: 1, months: 2, days: 3 + id, hours: 4, minutes: 5, seconds: 6, milliseconds: 500 },
    ai: [1, null, id], at: ['a', 'b c', '"q"', null, `x${id}`],
    a8: ['9223372036854775807', String(id)], ab: [true, null, false],
  };
}

function normalize(row) {
  const out = { ...row };
  // postgres-interval's object: compare its fields.
  if (out.iv && typeof out.iv === 'object' && !Buffer.isBuffer(out.iv)) out.iv = { ...out.iv };
  return out;
}

// numeric text for comparisons that ignore trailing zeros: -1e-19 and -0.00..01 alike.
function numericValue(s) {
  return Number(s);
}

function checkTextRow(row, id, where) {
  const want = expectedText(id);
  const got = normalize(row);
  eq(numericValue(got.nu), numericValue(want.nu), `${where} numeric (unconstrained) ${got.nu}`);
  delete got.nu;
  delete want.nu;
  eq(got, want, `${where} row ${id}`);
}

// Binary results. node-postgres 8.x reads every DataRow field as UTF-8 text
// and turns binary ones back into bytes, so any byte >= 0x80 is lost even
// against PostgreSQL itself (brianc/node-postgres#3495). The binary rounds
// therefore read a row whose binary encodings have no such byte: small
// positive integers, 2.0/3.0, numeric 12.0100, ASCII text, times one second
// after 2000-01-01, arrays without NULL elements (a NULL's length -1 is
// four 0xff bytes). pg-types parses int2/4/8, float4/8, numeric, bool, text,
// timestamp(tz) and int4[]/int8[]/text[]; the other columns arrive as the
// raw bytes of PostgreSQL's send functions and are decoded here (bool[] too:
// pg-types has no element parser for it).
const BINARY_SAFE_ROW = [
  1, true, 258, 66051, '72623859790382856', 2.0, 3.0, '12.0100', '12.0100', 'plain ascii',
  'vc', 'ch', '2000-01-05', '2000-01-01 00:00:01', '2000-01-01 00:00:01+00', '3 days 00:00:01',
  [1, 2, 3], ['a', 'b c'], ['5', '6'], [true, false],
];

const binaryTypes = {
  getTypeParser(oid, format) {
    // varchar, bpchar, date, interval, bool[]: no binary parser in pg-types.
    if (format === 'binary' && [1043, 1042, 1082, 1186, 1000].includes(oid)) return (buf) => buf;
    return pg.types.getTypeParser(oid, format);
  },
};

// array_send of a one-dimensional bool[]: ndim, hasnull, elemtype, dim, lbound, elements.
function decodeBoolArray(buf) {
  eq(buf.readInt32BE(0), 1, 'bool[] ndim');
  eq(buf.readInt32BE(8), 16, 'bool[] element type');
  eq(buf.readInt32BE(16), 1, 'bool[] lower bound');
  const n = buf.readInt32BE(12);
  const out = [];
  let at = 20;
  for (let i = 0; i < n; i++) {
    const len = buf.readInt32BE(at);
    at += 4;
    if (len === -1) {
      out.push(null);
      continue;
    }
    eq(len, 1, 'bool element length');
    out.push(buf[at] === 1);
    at += len;
  }
  eq(buf.readInt32BE(4), out.includes(null) ? 1 : 0, 'bool[] hasnull');
  return out;
}

function checkBinaryRow(row, where) {
  eq(row.id, 1, `${where} int4`);
  eq(row.b, true, `${where} bool`);
  eq(row.i2, 258, `${where} int2`);
  eq(row.i4, 66051, `${where} int4`);
  eq(row.i8, '72623859790382856', `${where} int8`);
  eq(row.f4, 2.0, `${where} float4`);
  eq(row.f8, 3.0, `${where} float8`);
  eq(row.n, 12.01, `${where} numeric(15,4)`);  // pg-types' binary numeric is a JS number
  eq(row.nu, 12.01, `${where} numeric`);
  eq(row.tx, 'plain ascii', `${where} text`);
  eq(row.vc.toString('utf8'), 'vc', `${where} varchar`);
  eq(row.ch.toString('utf8'), 'ch   ', `${where} bpchar`);
  // date_send: int32 days since 2000-01-01.
  assert.ok(Buffer.isBuffer(row.d) && row.d.length === 4, `${where} date bytes`);
  eq(row.d.readInt32BE(0), 4, `${where} date days since 2000-01-01`);
  // pg-types' binary timestamps: Dates carrying a `usec` field.
  eq([row.ts.toISOString(), row.ts.usec], ['2000-01-01T00:00:01.000Z', 0], `${where} timestamp`);
  eq([row.tstz.toISOString(), row.tstz.usec], ['2000-01-01T00:00:01.000Z', 0], `${where} timestamptz`);
  // interval_send: int64 microseconds, int32 days, int32 months.
  assert.ok(Buffer.isBuffer(row.iv) && row.iv.length === 16, `${where} interval bytes`);
  eq(row.iv.readBigInt64BE(0), 1000000n, `${where} interval microseconds`);
  eq(row.iv.readInt32BE(8), 3, `${where} interval days`);
  eq(row.iv.readInt32BE(12), 0, `${where} interval months`);
  eq(row.ai, [1, 2, 3], `${where} int4[]`);
  eq(row.at, ['a', 'b c'], `${where} text[]`);
  eq(row.a8.map(String), ['5', '6'], `${where} int8[]`);
  eq(decodeBoolArray(row.ab), [true, false], `${where} bool[]`);
}

async function testEveryType() {
  const c = await connect();
  try {
    eq(c.connectionParameters.database, 'postgres', 'database');
    const v = await c.query('SHOW server_version');
    assert.match(v.rows[0].server_version, /^15\./);
    await c.query(DDL);
    const insert = `INSERT INTO every_type VALUES (${Array.from({ length: NCOLS }, (_, i) => `$${i + 1}`).join(', ')})`;
    for (let id = 1; id <= 9; id++) {
      const r = await c.query(insert, params(id));
      eq(r.rowCount, 1, 'insert rowCount');
      eq(r.command, 'INSERT', 'insert command');
    }
    await c.query(insert, [100, ...Array(NCOLS - 1).fill(null)]);
    // Text results (unnamed statements).
    const all = await c.query('SELECT * FROM every_type ORDER BY id');
    eq(all.rowCount, 10, 'rowCount');
    eq(all.fields.map((f) => f.dataTypeID),
      [23, 16, 21, 23, 20, 700, 701, 1700, 1700, 25, 1043, 1042, 1082, 1114, 1184, 1186, 1007, 1009, 1016, 1000],
      'field type OIDs');
    eq(all.fields[10].dataTypeModifier, 14, 'varchar(10) typmod as PostgreSQL sends it');
    for (let id = 1; id <= 9; id++) checkTextRow(all.rows[id - 1], id, 'text');
    eq(Object.values(all.rows[9]).slice(1), Array(NCOLS - 1).fill(null), 'NULL row');
    // Simple query protocol (no parameters): the same text.
    const simple = await c.query('SELECT * FROM every_type WHERE id = 3');
    checkTextRow(simple.rows[0], 3, 'simple');
    // A named prepared statement run many times, text then binary results.
    for (let round = 0; round < 20; round++) {
      const id = (round % 9) + 1;
      const r = await c.query({ name: 'every_by_id', text: 'SELECT * FROM every_type WHERE id = $1', values: [id] });
      eq(r.rowCount, 1, 'named statement rowCount');
      checkTextRow(r.rows[0], id, `named round ${round}`);
    }
    await c.query('CREATE TABLE binary_safe' + DDL.slice('CREATE TABLE every_type'.length));
    await c.query(insert.replace('every_type', 'binary_safe'), BINARY_SAFE_ROW);
    await c.query(insert.replace('every_type', 'binary_safe'), [2, ...Array(NCOLS - 1).fill(null)]);
    for (let round = 0; round < 20; round++) {
      const r = await c.query({
        name: 'safe_by_id_bin', text: 'SELECT * FROM binary_safe WHERE id = $1', values: [1], binary: true, types: binaryTypes,
      });
      assert.ok(r.fields.every((f) => f.format === 'binary'), 'every column in binary');
      checkBinaryRow(r.rows[0], `binary round ${round}`);
      const nulls = await c.query({
        name: 'safe_by_id_bin', text: 'SELECT * FROM binary_safe WHERE id = $1', values: [2], binary: true, types: binaryTypes,
      });
      eq(Object.values(nulls.rows[0]).slice(1), Array(NCOLS - 1).fill(null), 'binary NULL row');
    }
    // Every parameter compared by the server.
    const where = ['id', 'b', 'i2', 'i4', 'i8', 'f4', 'f8', 'n', 'nu', 'tx', 'vc', 'ch', 'd', 'ts', 'tstz',
      'iv', 'ai', 'at', 'a8', 'ab'].map((col, i) => `${col} = $${i + 1}`).join(' AND ');
    for (let id = 1; id <= 9; id++) {
      const r = await c.query({ name: 'count_every', text: `SELECT count(*) FROM every_type WHERE ${where}`, values: params(id) });
      eq(r.rows[0].count, '1', `every parameter compared by the server, id ${id}`);
    }
    // The statements the server holds for this connection, by name.
    eq(Object.keys(c.connection.parsedStatements).sort(), ['count_every', 'every_by_id', 'safe_by_id_bin'],
      'named statements parsed once each');
  } finally {
    await c.end();
  }
}

// ---- transactions ----------------------------------------------------------

async function testTransactions() {
  const c = await connect();
  const other = await connect();
  try {
    await c.query('CREATE TABLE tx (a int PRIMARY KEY, v text)');
    await c.query('BEGIN');
    for (let i = 1; i <= 3; i++) await c.query('INSERT INTO tx VALUES ($1, $2)', [i, `v${i}`]);
    eq((await c.query('SELECT count(*)::int AS n FROM tx')).rows[0].n, 3, 'own rows visible');
    eq((await other.query('SELECT count(*)::int AS n FROM tx')).rows[0].n, 0, 'invisible to others');
    await c.query('ROLLBACK');
    eq((await c.query('SELECT count(*)::int AS n FROM tx')).rows[0].n, 0, 'rolled back');
    await c.query('BEGIN');
    for (let i = 1; i <= 3; i++) await c.query({ name: 'ins_tx', text: 'INSERT INTO tx VALUES ($1, $2)', values: [i, `w${i}`] });
    const upd = await c.query('UPDATE tx SET v = $1 WHERE a >= $2', ['u', 2]);
    eq([upd.command, upd.rowCount], ['UPDATE', 2], 'UPDATE tag');
    await c.query('COMMIT');
    eq((await other.query('SELECT a, v FROM tx ORDER BY a')).rows,
      [{ a: 1, v: 'w1' }, { a: 2, v: 'u' }, { a: 3, v: 'u' }], 'committed rows');
    const del = await c.query('DELETE FROM tx WHERE a = $1', [3]);
    eq([del.command, del.rowCount], ['DELETE', 1], 'DELETE tag');
  } finally {
    await c.end();
    await other.end();
  }
}

// ---- errors and recovery ---------------------------------------------------

async function testErrors() {
  const c = await connect();
  try {
    await c.query('CREATE TABLE uq (k int PRIMARY KEY, v int CHECK (v > 0))');
    await c.query('INSERT INTO uq VALUES ($1, $2)', [1, 1]);
    const e = await expectError(c.query('INSERT INTO uq VALUES ($1, $2)', [1, 2]), '23505', 'duplicate key');
    eq(e.severity, 'ERROR', 'severity');
    eq(e.detail, 'Key (k)=(1) already exists.', 'detail');
    assert.match(e.message, /^duplicate key value violates unique constraint "uq_pkey"$/);
    await expectError(c.query('INSERT INTO uq VALUES ($1, $2)', [2, -1]), '23514', 'check violation');
    await expectError(c.query('SELECT 1/0'), '22012', 'division by zero');
    const pos = await expectError(c.query('SELECT nosuch FROM uq'), '42703', 'undefined column');
    eq(pos.position, '8', 'error position');
    await expectError(c.query('SELEC 1'), '42601', 'syntax error');
    await expectError(c.query('SELECT $1::int', ['x']), '22P02', 'bad parameter text');
    // Named statement: the error, then the same statement works again.
    for (let round = 0; round < 8; round++) {
      await expectError(c.query({ name: 'ins_uq', text: 'INSERT INTO uq VALUES ($1, $2)', values: [1, 5] }),
        '23505', 'named duplicate');
      const r = await c.query({ name: 'ins_uq', text: 'INSERT INTO uq VALUES ($1, $2)', values: [10 + round, 5] });
      eq(r.rowCount, 1, 'insert after error');
    }
    // In a transaction block: 25P02 until ROLLBACK.
    await c.query('BEGIN');
    await c.query('INSERT INTO uq VALUES (50, 1)');
    await expectError(c.query('INSERT INTO uq VALUES (50, 1)'), '23505', 'duplicate in block');
    await expectError(c.query('SELECT 1'), '25P02', 'aborted block');
    await c.query('ROLLBACK');
    eq((await c.query('SELECT count(*)::int AS n FROM uq')).rows[0].n, 9, 'rows after errors');
    // A named statement whose result shape DDL changed: PostgreSQL's 0A000,
    // never rows under the old description.
    await c.query({ name: 'sel_uq', text: 'SELECT * FROM uq WHERE k = $1', values: [1] });
    await c.query('ALTER TABLE uq ADD COLUMN extra int DEFAULT 7');
    await expectError(c.query({ name: 'sel_uq', text: 'SELECT * FROM uq WHERE k = $1', values: [1] }),
      '0A000', 'cached plan after ALTER');
    eq((await c.query({ name: 'sel_uq2', text: 'SELECT * FROM uq WHERE k = $1', values: [1] })).rows,
      [{ k: 1, v: 1, extra: 7 }], 'new statement after ALTER');
  } finally {
    await c.end();
  }
}

// ---- COPY ------------------------------------------------------------------

async function testCopy() {
  const c = await connect();
  try {
    await c.query('CREATE TABLE cp (a int, b text, d date)');
    let data = '';
    for (let i = 1; i <= 2000; i++) {
      data += `${i}\t${i % 7 === 0 ? '\\N' : `row ${i} \\t tab`}\t2020-01-${String((i % 28) + 1).padStart(2, '0')}\n`;
    }
    const into = c.query(copyStreams.from('COPY cp FROM STDIN'));
    await pipeline(Readable.from([data.slice(0, 777), data.slice(777)]), into);
    eq(into.rowCount, 2000, 'COPY FROM rowCount');
    const csv = c.query(copyStreams.from('COPY cp FROM STDIN WITH (FORMAT csv, HEADER true)'));
    await pipeline(Readable.from(['a,b,d\n2001,"x,y",2021-06-30\n2002,,\n']), csv);
    eq(csv.rowCount, 2, 'COPY csv rowCount');
    let out = '';
    const sink = new Writable({ write(chunk, _enc, done) { out += chunk.toString('utf8'); done(); } });
    await pipeline(c.query(copyStreams.to('COPY (SELECT * FROM cp ORDER BY a) TO STDOUT')), sink);
    eq(out, data + '2001\tx,y\t2021-06-30\n2002\t\\N\t\\N\n', 'COPY TO STDOUT text');
    out = '';
    const sink2 = new Writable({ write(chunk, _enc, done) { out += chunk.toString('utf8'); done(); } });
    await pipeline(c.query(copyStreams.to('COPY (SELECT a, b FROM cp WHERE a > 2000) TO STDOUT WITH (FORMAT csv, HEADER true)')), sink2);
    eq(out, 'a,b\n2001,"x,y"\n2002,\n', 'COPY TO csv');
    const bad = c.query(copyStreams.from('COPY cp FROM STDIN'));
    await expectError(pipeline(Readable.from(['1\tx\tnot a date\n']), bad), '22007', 'bad COPY row');
    eq((await c.query('SELECT count(*)::int AS n FROM cp')).rows[0].n, 2002, 'rows after failed COPY');
  } finally {
    await c.end();
  }
}

// ---- a pool of concurrent clients ------------------------------------------

async function testPool() {
  const pool = new pg.Pool({ ...config, max: 8 });
  try {
    await pool.query('CREATE TABLE pooled (k int PRIMARY KEY, who int)');
    const workers = Array.from({ length: 8 }, async (_, w) => {
      for (let i = 0; i < 25; i++) {
        const k = w * 1000 + i;
        await pool.query({ name: 'pool_ins', text: 'INSERT INTO pooled VALUES ($1, $2)', values: [k, w] });
        const r = await pool.query({ name: 'pool_sel', text: 'SELECT who FROM pooled WHERE k = $1', values: [k] });
        eq(r.rows, [{ who: w }], 'pool read-your-write');
      }
    });
    await Promise.all(workers);
    const r = await pool.query('SELECT who, count(*)::int AS n FROM pooled GROUP BY who ORDER BY who');
    eq(r.rows, Array.from({ length: 8 }, (_, w) => ({ who: w, n: 25 })), 'pool totals');
  } finally {
    await pool.end();
  }
}

async function main() {
  const start = Date.now();
  for (const [name, fn] of [['every_type', testEveryType], ['transactions', testTransactions],
    ['errors', testErrors], ['copy', testCopy], ['pool', testPool]]) {
    const t0 = Date.now();
    await fn();
    console.log(`ok   node ${name} (${((Date.now() - t0) / 1000).toFixed(2)}s)`);
  }
  console.log(`PASS node-postgres: ${checks} checks in ${((Date.now() - start) / 1000).toFixed(2)}s`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
