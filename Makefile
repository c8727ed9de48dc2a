# thidua — các lệnh thường dùng. Gõ `make help` để xem danh sách.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
OUT    ?= build

.DEFAULT_GOAL := help
.PHONY: help demo test lint bench clean

help: ## In danh sách lệnh
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-7s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "thidua cần Python 3.11 trở lên")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

demo: $(STAMP) ## Cài đặt (nếu cần) rồi chạy thidua trên dữ liệu mẫu trong campaigns/
	$(BIN)/thidua validate
	@mkdir -p $(OUT)
	$(BIN)/thidua validate --format json > $(OUT)/validate.json
	$(BIN)/thidua schema -o $(OUT)/schema > /dev/null
	@echo "Kết quả: $(OUT)/validate.json, $(OUT)/schema/"

test: $(STAMP) ## Cài đặt (nếu cần) rồi chạy toàn bộ kiểm thử
	$(BIN)/python -m pytest

lint: $(STAMP) ## Kiểm tra phong cách mã (ruff) và kiểu (mypy)
	$(BIN)/ruff check thidua tests bench
	$(BIN)/mypy

bench: $(STAMP) ## Đo hiệu năng (trung vị nhiều lần chạy), ghi vào build/bench.json
	$(BIN)/python bench/run.py --out $(OUT)/bench.json

clean: ## Xóa môi trường ảo và thư mục build/
	rm -rf $(VENV) $(OUT) .pytest_cache .mypy_cache .ruff_cache
