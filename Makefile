# The README's quick start: `make run` (the main job on the bundled data) and `make test`.
# Both install the system libraries they need (GSL, GLPK, OpenSSL's libcrypto, SQLite headers, zlib, pkg-config) with
# apt-get when they are missing, using sudo only when not root.

SWIFT ?= swift
SYSTEM_PACKAGES := libgsl-dev libglpk-dev libssl-dev libsqlite3-dev pkg-config zlib1g-dev
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
SCREEN := .build/release/screen

.PHONY: run test test-python fuzz deps build clean benchmark benchmark-stability browser-check

deps:
	@if ! dpkg -s $(SYSTEM_PACKAGES) >/dev/null 2>&1; then \
		echo "installing $(SYSTEM_PACKAGES) with apt-get"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(SYSTEM_PACKAGES); \
	fi

build: deps
	$(SWIFT) build -c release --product screen

# The main job: build the descriptor database from Descriptors/ (replacing the imports of an
# earlier run, which it then repeats), check it, print its
# coverage; import the Materials Project extracts with their mappings (formation energies —
# which derive the convex-hull stability of every entry —, PBE band gaps, shear and bulk moduli)
# and calibrate the PBE band gaps to experiment (the sei profile ranks calibrated gaps where no
# experimental gap is measured); write the screening report (the four review profiles with their
# sensitivity analysis) to Reports/screening.*, print the stability of a few coatings against
# sodium metal, and write the staged screening of every sodium compound to Reports/sodium-compounds.*.
run: build
	$(SCREEN) db build --discard-imports
	$(SCREEN) db check
	$(SCREEN) db stats
	$(SCREEN) db import Descriptors/computed/mp-formation-energies.csv --mapping Descriptors/mappings/mp-formation-energies.yaml
	$(SCREEN) db import Descriptors/computed/mp-band-gaps-matbench.csv --mapping Descriptors/mappings/mp-band-gaps-matbench.yaml
	$(SCREEN) db import Descriptors/computed/mp-shear-modulus-log10.csv --mapping Descriptors/mappings/mp-shear-modulus-log10.yaml
	$(SCREEN) db import Descriptors/computed/mp-bulk-modulus-log10.csv --mapping Descriptors/mappings/mp-bulk-modulus-log10.yaml
	$(SCREEN) db calibrate band-gap
	$(SCREEN) report --out Reports/screening
	$(SCREEN) stability --formula NaF,Na2O,Al2O3,Na2SO4,NaBF4,NaClO3
	$(SCREEN) report --profile computed/sodium-compounds --out Reports/sodium-compounds \
		--title "Staged screening of sodium compounds from the Materials Project"

# Every speed figure against its peer in one run (whole processes; peers in a throwaway virtual
# environment outside the repository, python3-venv from apt when missing): Benchmarks/run.sh.
benchmark: build
	@python3 -c "import venv, ensurepip" 2>/dev/null || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq python3-venv; }
	bash Benchmarks/run.sh

# Stability of all sodium compositions, screen against pymatgen (installed into a throwaway
# virtual environment outside the repository; python3-venv from apt when missing), whole processes.
benchmark-stability: build
	@python3 -c "import venv, ensurepip" 2>/dev/null || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq python3-venv; }
	bash Benchmarks/stability-vs-pymatgen.sh

# Opens both reports in headless Chromium (installed from Debian's packages when missing, with
# poppler-utils for pdftoppm) and fails on a rendering error. Writes the screenshots the README
# shows: Reports/NAME.png (1200 px), NAME-1400.png and NAME-400.png (a wide screen and a phone),
# and the first three pages of the printed PDF as NAME-pdf-page1…3.png (print stylesheet, A4).
browser-check: run
	@command -v chromium >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium poppler-utils; }
	for name in screening sodium-compounds; do \
		for size in 1200,2200:$$name 1400,2400:$$name-1400 400,2400:$$name-400; do \
			chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=$${size%%:*} \
				--screenshot=$(CURDIR)/Reports/$${size#*:}.png file://$(CURDIR)/Reports/$$name.html 2>/dev/null; \
			test -s Reports/$${size#*:}.png || exit 1; \
		done; \
		chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
			--print-to-pdf=$(CURDIR)/Reports/$$name.pdf file://$(CURDIR)/Reports/$$name.html 2>/dev/null; \
		pdftoppm -png -r 60 -f 1 -l 3 Reports/$$name.pdf Reports/$$name-pdf-page && \
		for page in 1 2 3; do mv -f Reports/$$name-pdf-page-$$page.png Reports/$$name-pdf-page$$page.png 2>/dev/null || \
			mv -f Reports/$$name-pdf-page-0$$page.png Reports/$$name-pdf-page$$page.png; done; \
		echo "Reports/$$name.html: $$(pdfinfo Reports/$$name.pdf 2>/dev/null | sed -n 's/^Pages: *//p') printed pages; screenshots Reports/$$name*.png"; \
		rm -f Reports/$$name.pdf; \
	done

test: deps
	$(SWIFT) test
	$(MAKE) test-python

# The Python module (python/): pytest on the bundled data in a throwaway virtual environment
# (python3-venv from apt when missing; pandas and pytest from PyPI); nothing is written into the repository.
test-python: build
	@python3 -c "import venv, ensurepip" 2>/dev/null || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq python3-venv; }
	bash python/run-tests.sh $(SCREEN)

# libFuzzer with AddressSanitizer on every input reader (Fuzz/README.md): FUZZ_SECONDS per target
# (default 600), FUZZ_TARGETS to choose, FUZZ_JOBS=2 to run two at a time; findings go to $$FUZZ_OUT.
fuzz: deps
	Fuzz/run.sh $(or $(FUZZ_SECONDS),600) $(FUZZ_TARGETS)

clean:
	rm -rf .build .screen
