# OmenDB top-level targets. See README.md.
JOBS ?= $(shell nproc)
CTEST = ctest --output-on-failure -j $(JOBS)

.PHONY: all setup build debug run test soak check-asan bench bench-index bench-sqlite format clean

all: build

setup:
	@sh scripts/setup.sh

build: setup
	cmake --preset release -DOMEN_WERROR=ON >/dev/null
	cmake --build --preset release -j $(JOBS)
	@ln -sf build/release/compile_commands.json compile_commands.json

debug: setup
	cmake --preset debug >/dev/null
	cmake --build --preset debug -j $(JOBS)

# Builds the release binary and runs the server in the foreground (Ctrl-C stops it).
run: setup
	cmake --preset release -DOMEN_WERROR=ON >/dev/null
	cmake --build --preset release -j $(JOBS) --target omendb
	@echo "Connect with: psql -h 127.0.0.1 -p 5433 -U postgres postgres"
	build/release/omendb serve --data ./data --port 5433 --listen 127.0.0.1

# Every test at its everyday size, on the release build.
test: build
	cd build/release && $(CTEST)

# Long runs: the tests at soak scale (millions of operations) on the release build,
# then the tests labelled `concurrency` at soak scale under ThreadSanitizer (only
# their binaries are built there). Any TSan report fails its test (exit code 66);
# tests/tsan.supp names the uninstrumented third-party code (RocksDB) it ignores.
TSAN_SOAK_OPTIONS = suppressions=$(CURDIR)/tests/tsan.supp halt_on_error=0 second_deadlock_stack=1
soak: build
	cd build/release && OMEN_SOAK=1 $(CTEST) --timeout 3600
	cmake --preset tsan -DOMEN_WERROR=ON >/dev/null
	cmake --build --preset tsan -j $(JOBS) --target concurrency_tests
	cd build/tsan && OMEN_SOAK=1 TSAN_OPTIONS="$(TSAN_SOAK_OPTIONS)" $(CTEST) -L concurrency --timeout 3600

# Every test under AddressSanitizer + UndefinedBehaviorSanitizer.
check-asan: debug
	cd build/debug && $(CTEST) --timeout 3600

bench: bench-index bench-sqlite

bench-index: setup
	cmake --preset relwithdebinfo >/dev/null
	cmake --build --preset relwithdebinfo -j $(JOBS) --target bench_index
	build/relwithdebinfo/bench/index/bench_index $(BENCH_ARGS)

format:
	find src bench include tests -name '*.h' -o -name '*.cc' 2>/dev/null | xargs -r clang-format -i

clean:
	rm -rf build

# Embedded API against SQLite: prepared primary-key lookups and a full-table sum().
bench-sqlite: setup
	cmake --preset relwithdebinfo >/dev/null
	cmake --build --preset relwithdebinfo -j $(JOBS) --target bench_sqlite
	build/relwithdebinfo/bench/sqlite/bench_sqlite $(BENCH_ARGS)
