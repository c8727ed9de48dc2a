# thidua — các lệnh thường dùng. Gõ `make help` để xem danh sách.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
OUT    ?= build

.DEFAULT_GOAL := help
.PHONY: help demo test lint bench golden fuzz dist clean compile

help: ## In danh sách lệnh
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-7s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "thidua cần Python 3.11 trở lên")'
	$(PYTHON) -m venv $(VENV)
	@# The installer's own notices (e.g. setuptools on editable installs) go to a log, shown
	@# only if the installation fails.
	@echo "Cài đặt thidua vào $(VENV) (nhật ký: $(VENV)/install.log)…"
	@$(BIN)/python -m pip install --quiet --upgrade pip > $(VENV)/install.log 2>&1 \
		&& $(BIN)/python -m pip install --quiet -e '.[dev]' >> $(VENV)/install.log 2>&1 \
		|| (cat $(VENV)/install.log; exit 1)
	@# An editable install leaves the package uncompiled, and pip compiles nothing when
	@# PYTHONDONTWRITEBYTECODE is set (common in CI): compile once, so that no command
	@# compiles docx, jinja2 or typer again on every run (0.15 s for a render).
	$(MAKE) --no-print-directory compile
	@touch $(STAMP)

compile:
	@$(BIN)/python -m compileall -q -j 0 thidua \
		"$$($(BIN)/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')" \
		> /dev/null

DEMO_YEAR  ?= 2023
DEMO_AS_OF ?= 2024-01-20

demo: $(STAMP) ## Cài đặt (nếu cần) rồi chạy thidua trên dữ liệu mẫu trong campaigns/
	$(BIN)/thidua validate
	@mkdir -p $(OUT)
	$(BIN)/thidua validate --format json > $(OUT)/validate.json
	$(BIN)/thidua tally $(DEMO_YEAR) --ngay-xet $(DEMO_AS_OF) --tom-tat
	$(BIN)/thidua tally $(DEMO_YEAR) --ngay-xet $(DEMO_AS_OF) -o $(OUT)/tong-hop-$(DEMO_YEAR).txt 2>/dev/null
	$(BIN)/thidua tally $(DEMO_YEAR) --ngay-xet $(DEMO_AS_OF) -f json -o $(OUT)/tong-hop-$(DEMO_YEAR).json 2>/dev/null
	$(BIN)/thidua tally $(DEMO_YEAR) --ngay-xet $(DEMO_AS_OF) -f csv -o $(OUT)/tong-hop-$(DEMO_YEAR).csv 2>/dev/null
	$(BIN)/thidua tally $(DEMO_YEAR) --ngay-xet $(DEMO_AS_OF) -f xlsx -o $(OUT)/tong-hop-$(DEMO_YEAR).xlsx 2>/dev/null
	$(BIN)/thidua explain $(DEMO_YEAR) NV000021 --ngay-xet $(DEMO_AS_OF) --danh-hieu "Chiến sĩ thi đua cấp tỉnh"
	$(BIN)/thidua render-decision $(DEMO_YEAR) --ngay-xet $(DEMO_AS_OF) -o $(OUT)/quyet-dinh-ldtt-$(DEMO_YEAR).docx
	$(BIN)/thidua render-decision $(DEMO_YEAR) --ngay-xet $(DEMO_AS_OF) --danh-hieu "Giấy khen" -o $(OUT)/quyet-dinh-giay-khen-$(DEMO_YEAR).docx
	$(BIN)/thidua render-decision $(DEMO_YEAR) --ngay-xet $(DEMO_AS_OF) --danh-hieu "Tập thể lao động tiên tiến" -o $(OUT)/quyet-dinh-ttldtt-$(DEMO_YEAR).docx
	$(BIN)/thidua render-proposal $(DEMO_YEAR) --ngay-xet $(DEMO_AS_OF) -o $(OUT)/to-trinh-tinh-$(DEMO_YEAR).docx
	$(BIN)/thidua render-minutes $(DEMO_YEAR) --ngay-xet $(DEMO_AS_OF) -o $(OUT)/bien-ban-hop-hoi-dong-$(DEMO_YEAR).docx
	$(BIN)/thidua render-ballots $(DEMO_YEAR) --ngay-xet $(DEMO_AS_OF) -o $(OUT)/phieu-bau-$(DEMO_YEAR).docx
	$(BIN)/thidua render-vote-count $(DEMO_YEAR) --ngay-xet $(DEMO_AS_OF) -o $(OUT)/bien-ban-kiem-phieu-$(DEMO_YEAR).docx
	$(BIN)/thidua render-plan campaigns/stp-ninh-thuan/2023/ke_hoach/kh-3169-dot-thi-dua-quy-iv.yaml -o $(OUT)/ke-hoach-3169-2023.docx
	$(BIN)/thidua render-plan campaigns/stp-ninh-thuan/2023/ke_hoach/kh-3169-dot-thi-dua-quy-iv.yaml -f md -o $(OUT)/ke-hoach-3169-2023.md
	$(BIN)/thidua render-plan campaigns/stp-ninh-thuan/2018/ke_hoach/ke-hoach-thi-dua-2018.yaml -o $(OUT)/ke-hoach-2018.docx
	$(BIN)/thidua render-plan campaigns/stp-ninh-thuan/2023/ke_hoach/kh-chuyen-de-2023.yaml -o $(OUT)/ke-hoach-chuyen-de-2023.docx
	$(BIN)/thidua render-plan campaigns/stp-kien-giang/2024/ke_hoach/ke-hoach-thi-dua-2024.yaml -o $(OUT)/ke-hoach-kien-giang-2024.docx
	$(BIN)/thidua render-plan campaigns/stp-ninh-binh/2022/ke_hoach/ke-hoach-thi-dua-2022.yaml -o $(OUT)/ke-hoach-ninh-binh-2022.docx
	$(BIN)/thidua render-registrations $(DEMO_YEAR) --ngay-xet $(DEMO_AS_OF) -o $(OUT)/bang-tong-hop-dang-ky-$(DEMO_YEAR).docx
	$(BIN)/thidua render-registrations $(DEMO_YEAR) --ngay-xet $(DEMO_AS_OF) -f xlsx -o $(OUT)/bang-tong-hop-dang-ky-$(DEMO_YEAR).xlsx
	$(BIN)/thidua render-report NV000021 $(DEMO_YEAR) --ngay-xet $(DEMO_AS_OF) -o $(OUT)/bao-cao-thanh-tich-NV000021.docx
	$(BIN)/thidua render-certificates 2022 --danh-hieu "Lao động tiên tiến" -o $(OUT)/giay-chung-nhan-ldtt-2022.docx
	$(BIN)/thidua stats 2022 -f docx -o $(OUT)/thong-ke-2022.docx
	$(BIN)/thidua stats 2022 -o $(OUT)/thong-ke-2022.xlsx
	$(BIN)/thidua render-dossier $(DEMO_YEAR) --ngay-xet $(DEMO_AS_OF) --khong-pdf -o $(OUT)/ho-so-$(DEMO_YEAR)-tinh
	$(BIN)/thidua forms $(DEMO_YEAR) -o $(OUT)/bieu-mau-$(DEMO_YEAR) > /dev/null
	$(BIN)/thidua schema -o $(OUT)/schema > /dev/null
	@echo "Kết quả: $(OUT)/ho-so-$(DEMO_YEAR)-tinh/ (hồ sơ đề nghị cấp tỉnh), $(OUT)/bieu-mau-$(DEMO_YEAR)/ (biểu mẫu Excel), $(OUT)/validate.json, $(OUT)/tong-hop-$(DEMO_YEAR).{txt,json,csv,xlsx}, $(OUT)/quyet-dinh-*.docx, $(OUT)/ke-hoach-3169-2023.{docx,md}, $(OUT)/ke-hoach-2018.docx, $(OUT)/ke-hoach-chuyen-de-2023.docx, $(OUT)/ke-hoach-kien-giang-2024.docx, $(OUT)/ke-hoach-ninh-binh-2022.docx, $(OUT)/to-trinh-tinh-$(DEMO_YEAR).docx, $(OUT)/bien-ban-hop-hoi-dong-$(DEMO_YEAR).docx, $(OUT)/phieu-bau-$(DEMO_YEAR).docx, $(OUT)/bien-ban-kiem-phieu-$(DEMO_YEAR).docx, $(OUT)/bang-tong-hop-dang-ky-$(DEMO_YEAR).{docx,xlsx}, $(OUT)/schema/"

test: $(STAMP) ## Cài đặt (nếu cần) rồi chạy toàn bộ kiểm thử
	$(BIN)/python -m pytest

fuzz: $(STAMP) ## Chạy kiểm thử mờ (fuzz) dài hơn: 20.000 mẫu dữ liệu méo mó (vài phút)
	THIDUA_FUZZ_EXAMPLES=$${THIDUA_FUZZ_EXAMPLES:-20000} $(BIN)/python -m pytest -q tests/test_fuzz.py tests/test_positions.py

dist: $(STAMP) ## Đóng gói thidua thành tệp .whl trong dist/ (để cơ quan phát hành nội bộ)
	rm -rf dist
	$(BIN)/python -m pip wheel --quiet --no-deps --wheel-dir dist .
	@ls dist/*.whl

golden: $(STAMP) ## Ghi lại các tệp kết quả mẫu (tests/golden/) sau một thay đổi có chủ ý; xem git diff
	THIDUA_UPDATE_GOLDEN=1 $(BIN)/python -m pytest -q tests/test_golden.py tests/test_render_decision.py tests/test_render_plan.py

lint: $(STAMP) ## Kiểm tra phong cách mã (ruff) và kiểu (mypy)
	$(BIN)/ruff check thidua tests bench
	$(BIN)/mypy

bench: $(STAMP) ## Đo hiệu năng (trung vị nhiều lần chạy), ghi vào build/bench.json
	@# Compile modules added since the install, as a user's installed copy would be.
	@$(MAKE) --no-print-directory compile
	$(BIN)/python bench/run.py --out $(OUT)/bench.json

clean: ## Xóa môi trường ảo và thư mục build/
	rm -rf $(VENV) $(OUT) .pytest_cache .mypy_cache .ruff_cache
