# meedoen - the two commands: `make run` and `make check`.
# Everything else here serves those two.

DB ?= meedoen.db
LISTEN ?= 127.0.0.1:8080
DEMO_PARTICIPANTS ?= 500
BUILD := build
BUILD_ASAN := build-asan

.PHONY: run check deps build build-asan test-unit test-api test-browser bench clean

run: deps build
	@if [ ! -f "$(DB)" ]; then \
		echo "creating $(DB) with demo data, sealed under a new key file beside it"; \
		$(BUILD)/meedoen --db "$(DB)" demo --participants $(DEMO_PARTICIPANTS) --seed 1; \
	fi
	@echo ""
	@echo "meedoen: open http://$(LISTEN)/ and log in as jobcoach, regisseur, vrijwilliger, ..."
	@echo "         (every demo user has the password meedoen-demo; beheerder is the admin)"
	@echo ""
	$(BUILD)/meedoen --db "$(DB)" serve --listen $(LISTEN)

check: deps
	@sh tests/run-all.sh

deps:
	@sh scripts/install-deps.sh

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo

$(BUILD_ASAN)/build.ninja:
	cmake -S . -B $(BUILD_ASAN) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DMEEDOEN_SANITIZE=ON

build: $(BUILD)/build.ninja
	cmake --build $(BUILD)

build-asan: $(BUILD_ASAN)/build.ninja
	cmake --build $(BUILD_ASAN)

bench: deps build
	bash bench/run.sh
	bash bench/signals.sh
	bash bench/weekplan.sh

clean:
	rm -rf $(BUILD) $(BUILD_ASAN)
