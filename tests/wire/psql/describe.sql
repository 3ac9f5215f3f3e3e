-- psql's describe commands against the server: \dt, \d (also after DROP COLUMN), \di, \dn, \du,
-- and a join over pg_class and pg_attribute. (\l and \timing print machine-specific
-- text: test_psql.py checks them separately.)
CREATE SCHEMA app;
CREATE TABLE app.orders (
  id bigint PRIMARY KEY,
  customer text NOT NULL,
  amount numeric(10,2) DEFAULT 0 CHECK (amount >= 0),
  note varchar(40),
  placed date,
  UNIQUE (customer, placed)
);
CREATE INDEX orders_amount ON app.orders (amount);
CREATE TABLE goods (id int PRIMARY KEY, name text, qty smallint DEFAULT 1, price real);
\dt
\dt app.*
\d app.orders
\d goods
ALTER TABLE goods DROP COLUMN qty;
\d goods
\di
\di app.*
\dn
\du
SELECT c.relname, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull
FROM pg_catalog.pg_class c JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname IN ('public', 'app') AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY c.relname, a.attnum;
DROP TABLE goods;
DROP TABLE app.orders;
DROP SCHEMA app;
