-- psql against the server: results, errors, notices, transactions, \copy, \timing-free output.
CREATE TABLE items (id integer PRIMARY KEY, name text NOT NULL, price numeric(8,2), added date);
INSERT INTO items VALUES (1, 'apple', 1.25, '2024-01-02'), (2, 'pear', NULL, NULL), (3, 'fig', 10, '1999-12-31');
SELECT * FROM items ORDER BY id;
SELECT count(*), sum(price), max(added) FROM items;
UPDATE items SET price = price * 2 WHERE price IS NOT NULL;
DELETE FROM items WHERE id = 2 RETURNING id, name;
SELECT 1 AS a, 'two' AS b, NULL AS c, true AS d, 1.5::float8 AS e; SELECT 2;
SELECT 1 / 0;
SELECT * FROM no_such_table;
SELECT nosuch FROM items;
SELEC 1;
DROP TABLE IF EXISTS not_there;
BEGIN;
INSERT INTO items VALUES (4, 'kiwi', 0.5, '2024-06-01');
SELECT 1 / 0;
SELECT 1;
ROLLBACK;
SELECT id FROM items ORDER BY id;
INSERT INTO items VALUES (1, 'dup', 1, NULL);
INSERT INTO items (id) VALUES (9);
\copy items FROM stdin
10	copied	3.50	2020-02-29
11	eleven	\N	\N
\.
\copy items (id, name) FROM stdin
12	second
\.
\copy (SELECT id, name FROM items ORDER BY id) TO stdout
\copy items TO stdout WITH (FORMAT csv)
SET application_name = 'psql_test';
SHOW application_name;
SELECT 'a''b' AS quoted, E'tab\there' AS escaped, 'ünï' AS utf8;
