# Thin wrapper over meson and the scripts in scripts/. meson is the build system.
#   make demo   install what is missing, build, start everything with demo data
#   make check  the same set-up (private servers), then every test
.PHONY: all build dev demo check bench clean format

all: build

build:
	scripts/build.sh build

dev:
	scripts/build.sh build-dev

demo:
	scripts/demo.sh

check:
	scripts/check.sh

bench:
	scripts/bench.sh

format:
	clang-format -i $$(git ls-files '*.c' '*.h')

clean:
	-scripts/services.sh stop all
	rm -rf build build-dev .state
