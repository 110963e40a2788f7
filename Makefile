# insyn — make demo | make check | make bench
BUILD      ?= build
ASAN_BUILD ?= build-asan
JOBS       ?= $(shell nproc)
LISTEN     ?= 127.0.0.1:8080
DEMO_DB    ?= var/demo.db

.PHONY: all deps build build-asan demo check check-fast bench format clean

all: build

deps:
	@scripts/install-deps.sh

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build $(BUILD) -j $(JOBS) -- --no-print-directory

build-asan: deps
	@cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DINSYN_SANITIZE=ON >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS) -- --no-print-directory

demo: build
	@mkdir -p $(dir $(DEMO_DB))
	@if [ -f $(DEMO_DB) ]; then echo "Demodatabasen $(DEMO_DB) finns redan."; $(BUILD)/insyn demo --accounts; \
	 else $(BUILD)/insyn demo $(DEMO_DB); fi
	@$(BUILD)/insyn serve --db $(DEMO_DB) --listen $(LISTEN)

# Every test on both backends, then the SQLite suites again under AddressSanitizer and UBSan.
check: build build-asan
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)
	@cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ctest --output-on-failure -j $(JOBS) -LE postgresql

check-fast: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

bench:
	@scripts/install-deps.sh --bench
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release >/dev/null && cmake --build $(BUILD) -j $(JOBS)
	@bench/run.sh $(BUILD)/insyn
	@bench/report.sh $(BUILD)/insyn
	@bench/crash.sh $(BUILD)/insyn

format:
	@clang-format -i src/*/*.c src/*/*.h tests/unit/*.c

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
