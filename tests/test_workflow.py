"""The pull-request workflow of a campaign repository, end to end: `thidua init`, the
pre-commit hook, the CI script and `thidua diff`."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import yaml_rs

from .conftest import ROOT, run_cli

BIN = Path(sys.executable).parent
INIT = ["--ma", "stp-thu", "--ten", "Sở Tư pháp", "--co-quan-chu-quan",
        "Ủy ban nhân dân tỉnh Thử", "--viet-tat", "STP", "--dia-danh", "Thử",
        "--don-vi", "van-phong=Văn phòng", "--don-vi", "phong-a=Phòng Hành chính tư pháp",
        "--nam", "2026", "--nguoi-duyet", "van-phong=@chanh-van-phong",
        "--nguoi-duyet-chung", "@van-phong-so",
        "--nguon-cai-dat", "git+https://git.example.invalid/van-phong/thidua.git@v0.1.0"]
ROSTER = """don_vi: van-phong
nhan_su:
  - ma: NV01
    ho_ten: Trần Thị Mai
    gioi_tinh: nữ
    chuc_vu: Chuyên viên
    loai: công chức
    ngay_tuyen_dung: 2020-01-01
"""


def _env(tmp: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY")}
    env.update(PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}",
               PRE_COMMIT_HOME=str(tmp / "pre-commit-cache"), GIT_AUTHOR_NAME="Thử",
               GIT_AUTHOR_EMAIL="thu@example.invalid", GIT_COMMITTER_NAME="Thử",
               GIT_COMMITTER_EMAIL="thu@example.invalid", **extra)
    return env


def _run(cmd: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def _local_source(tmp: Path) -> str:
    """thidua's own repository as the office's pinned source (a bare clone at HEAD), so that
    pre-commit installs the hook as an office's machine would."""
    bare = tmp / "thidua.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(ROOT), str(bare)], check=True,
                   timeout=120)
    rev = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True,
                         text=True, check=True).stdout.strip()
    return f"git+file://{bare}@{rev}"


def test_init_commit_bad_change_hook_ci_and_diff(tmp_path: Path) -> None:
    repo, env = tmp_path / "kho", _env(tmp_path)
    init = [*INIT[:-1], _local_source(tmp_path)]
    r = run_cli("init", str(repo), *init)
    assert r.returncode == 0, r.stderr
    (repo / "campaigns/stp-thu/nhan_su/van-phong.yaml").write_text(ROSTER, encoding="utf-8")
    for cmd in (["git", "init", "-q", "-b", "main"], ["git", "add", "-A"],
                ["git", "commit", "-qm", "Khởi tạo"]):
        assert _run(cmd, repo, env).returncode == 0

    # A unit registers with an impossible date, on a branch.
    _run(["git", "checkout", "-qb", "dang-ky-sai"], repo, env)
    reg = repo / "campaigns/stp-thu/2026/dang_ky/van-phong.yaml"
    reg.parent.mkdir(parents=True)
    reg.write_text("don_vi: van-phong\nngay_dang_ky: 30/02/2026\nca_nhan:\n  - ma: NV01\n"
                   "    danh_hieu: [Lao động tiên tiến]\n", encoding="utf-8")
    _run(["git", "add", "-A"], repo, env)
    hook = _run([str(BIN / "pre-commit"), "run", "--files", str(reg.relative_to(repo))],
                repo, env)
    assert hook.returncode != 0
    assert "campaigns/stp-thu/2026/dang_ky/van-phong.yaml:2:" in hook.stdout
    assert "TD106" in hook.stdout

    summary = tmp_path / "summary.md"
    ci_env = _env(tmp_path, GITHUB_ACTIONS="true", GITHUB_STEP_SUMMARY=str(summary))
    ci = _run(["sh", "ci/thidua.sh"], repo, ci_env)
    assert ci.returncode != 0
    assert ("::error file=campaigns/stp-thu/2026/dang_ky/van-phong.yaml,line=2,col=1,"
            "title=TD106::") in ci.stdout
    assert "TD106" in summary.read_text(encoding="utf-8")

    # The same change, made right, passes; diff says what it means.
    reg.write_text(reg.read_text(encoding="utf-8").replace("30/02/2026", "10/01/2026"),
                   encoding="utf-8")
    _run(["git", "add", "-A"], repo, env)
    hook = _run([str(BIN / "pre-commit"), "run", "--files", str(reg.relative_to(repo))],
                repo, env)
    assert hook.returncode == 0, hook.stdout + hook.stderr
    summary.unlink()
    ci = _run(["sh", "ci/thidua.sh"], repo, ci_env)
    assert ci.returncode == 0, ci.stdout + ci.stderr
    assert "## Thi đua năm 2026" in summary.read_text(encoding="utf-8")
    _run(["git", "commit", "-qm", "Văn phòng đăng ký thi đua"], repo, env)
    d = run_cli("diff", "main", "dang-ky-sai", "--as-of", "2026-11-22", cwd=repo)
    assert d.returncode == 0, d.stderr
    assert "Trần Thị Mai (NV01) đăng ký \"Lao động tiên tiến\"" in d.stdout
    md = run_cli("diff", "main", "-f", "markdown", "--as-of", "2026-11-22", cwd=repo)
    assert md.stdout.startswith("## Thay đổi này có nghĩa là")
    bad = run_cli("diff", "khong-co", cwd=repo)
    assert bad.returncode == 1 and "không có nhánh hay commit" in bad.stderr


def test_init_never_overwrites_silently(tmp_path: Path) -> None:
    repo = tmp_path / "kho"
    assert run_cli("init", str(repo), *INIT).returncode == 0
    readme = repo / "README.md"
    readme.write_text("Ghi chú riêng của Văn phòng\n", encoding="utf-8")
    again = run_cli("init", str(repo), *INIT)
    assert again.returncode == 0
    assert "giữ nguyên  README.md" in again.stdout and "--ghi-de" in again.stderr
    assert readme.read_text(encoding="utf-8") == "Ghi chú riêng của Văn phòng\n"
    forced = run_cli("init", str(repo), *INIT, "--ghi-de")
    assert "đã ghi đè  README.md" in forced.stdout
    assert run_cli("validate", str(repo)).returncode == 0
    missing = run_cli("init", str(tmp_path / "khac"), "--ma", "x")
    assert missing.returncode == 2 and "thiếu thông tin" in missing.stderr


def test_first_plan_of_a_new_repository_renders(tmp_path: Path) -> None:
    repo = tmp_path / "kho"
    assert run_cli("init", str(repo), *INIT).returncode == 0
    plan = next(repo.glob("campaigns/*/2026/ke_hoach/*.yaml"))
    out = tmp_path / "kh.md"
    r = run_cli("render-plan", str(plan), "-f", "md", "-o", str(out), "--repo", str(repo))
    assert r.returncode == 0, r.stderr
    text = out.read_text(encoding="utf-8")
    assert "được chia thành 02 đợt" in text and "trước ngày 15/01/2026" in text
    assert "kỷ niệm 78 năm Ngày Chủ tịch Hồ Chí Minh ra Lời kêu gọi thi đua ái quốc" in text
    assert "{" not in text and "****" not in text


def _documented_commands() -> set[str]:
    from thidua.cli import app

    return {c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands}


def test_generated_ci_files_are_valid_yaml_using_documented_commands(tmp_path: Path) -> None:
    repo = tmp_path / "kho"
    run_cli("init", str(repo), *INIT)
    commands = _documented_commands()
    for rel in (".github/workflows/thidua.yml", ".gitlab-ci.yml", ".pre-commit-config.yaml",
                "ci/thidua.sh"):
        text = (repo / rel).read_text(encoding="utf-8")
        if rel.endswith((".yml", ".yaml")):
            assert isinstance(yaml_rs.loads(text, parse_datetime=False), dict), rel
        used = set(re.findall(r"\bthidua ([a-z-]+)", text))
        assert used <= commands, (rel, used - commands)
        assert used or "sh ci/thidua.sh" in text or "id: thidua-validate" in text, rel
        for cmd in used:
            assert f"thidua {cmd}" in (ROOT / "README.md").read_text(encoding="utf-8")
    workflow = yaml_rs.loads((repo / ".github/workflows/thidua.yml").read_text(
        encoding="utf-8"), parse_datetime=False)
    assert workflow["permissions"] == {"contents": "read"}
    job = workflow["jobs"]["kiem-tra"]
    assert job["timeout-minutes"] == 15 and job["permissions"] == {"contents": "read"}
    assert "pull_request.number" in workflow["concurrency"]["group"]
    assert "cancel-in-progress" in workflow["concurrency"]
    install = [s["run"] for s in workflow["jobs"]["kiem-tra"]["steps"] if "pip install" in
               s.get("run", "")]
    assert install == ["python -m pip install "
                       "'thidua @ git+https://git.example.invalid/van-phong/thidua.git@v0.1.0'"]
    gitlab = (repo / ".gitlab-ci.yml").read_text(encoding="utf-8")
    assert "thidua.git@v0.1.0" in gitlab
    job = yaml_rs.loads(gitlab, parse_datetime=False)["thidua"]
    assert job["interruptible"] is True and job["timeout"] == "15 minutes"
    hook = yaml_rs.loads((repo / ".pre-commit-config.yaml").read_text(encoding="utf-8"),
                         parse_datetime=False)
    assert hook["repos"][0]["rev"] == "v0.1.0"
    codeowners = (repo / "CODEOWNERS").read_text(encoding="utf-8")
    assert "/campaigns/stp-thu/*/ket_qua/van-phong.yaml @chanh-van-phong" in codeowners
    assert os.access(repo / "ci/thidua.sh", os.X_OK)


def test_project_pre_commit_hook_definition() -> None:
    hooks = yaml_rs.loads((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"),
                          parse_datetime=False)
    assert hooks[0]["id"] == "thidua-validate"
    assert hooks[0]["entry"].split()[1] in _documented_commands()


def test_init_refuses_an_unpinned_or_public_source(tmp_path: Path) -> None:
    for source in ("thidua", "thidua>=0.1", "git+https://git.example.invalid/thidua.git",
                   "https://pypi.org/simple thidua"):
        r = run_cli("init", str(tmp_path / "kho"), *INIT[:-1], source)
        assert r.returncode == 2, (source, r.stderr)
        assert "cố định phiên bản" in r.stderr and not (tmp_path / "kho").exists()
    wheel = run_cli("init", str(tmp_path / "k2"), *INIT[:-1],
                    "https://files.example.invalid/thidua-0.1.0-py3-none-any.whl")
    assert wheel.returncode == 0, wheel.stderr
    hook = (tmp_path / "k2/.pre-commit-config.yaml").read_text(encoding="utf-8")
    assert "additional_dependencies: [\"https://files.example.invalid/thidua-0.1.0" in hook
    index = run_cli("init", str(tmp_path / "k3"), *INIT[:-1],
                    "https://pypi.example.invalid/simple thidua==0.1.0")
    assert index.returncode == 0, index.stderr
    ci = (tmp_path / "k3/.gitlab-ci.yml").read_text(encoding="utf-8")
    assert "--index-url https://pypi.example.invalid/simple thidua==0.1.0" in ci
