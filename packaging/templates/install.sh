#!/bin/sh
# plan-tui @VERSION@ 离线安装（Linux）。用法：
#   sh install.sh                      安装到 ~/.local/share/plan-tui（会先询问）
#   sh install.sh --prefix 目录         安装到指定目录，不询问
#   sh install.sh --bin-dir 目录        启动命令 plan-tui 放在该目录（默认 ~/.local/bin）
# 再次运行即原地升级；计划文件（文档目录下的 plan-tui 文件夹）不受影响。
set -eu
here=$(cd "$(dirname "$0")" && pwd)
prefix="${XDG_DATA_HOME:-$HOME/.local/share}/plan-tui"
bindir="$HOME/.local/bin"
ask=yes
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) prefix="$2"; ask=no; shift 2 ;;
    --bin-dir) bindir="$2"; shift 2 ;;
    -y|--yes) ask=no; shift ;;
    -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
    *) echo "错误：不认识的参数 $1（见 sh install.sh --help）" >&2; exit 2 ;;
  esac
done

python=""
for candidate in python3.13 python3.12 python3.11 python3; do
  if command -v "$candidate" >/dev/null 2>&1; then
    v=$("$candidate" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null || true)
    for wanted in @PYTHONS@; do
      if [ "$v" = "$wanted" ]; then python=$(command -v "$candidate"); break 2; fi
    done
  fi
done
if [ -z "$python" ]; then
  echo "错误：没有找到 Python（需要 @PYTHONS@ 之一）。请先安装 Python，见 安装说明.txt。" >&2
  exit 2
fi

if [ "$ask" = yes ]; then
  printf '将把 plan-tui @VERSION@ 安装到 %s，启动命令放在 %s。继续？[Y/n] ' "$prefix" "$bindir"
  read -r answer || answer=n
  case "$answer" in ""|y|Y|是) ;; *) echo "已取消。"; exit 1 ;; esac
fi

echo "使用 $python"
if [ ! -x "$prefix/venv/bin/python" ]; then
  "$python" -m venv "$prefix/venv"
fi
"$prefix/venv/bin/python" -m pip install --quiet --disable-pip-version-check \
  --no-index --find-links "$here/wheels" --require-hashes \
  --upgrade --force-reinstall -r "$here/requirements.txt"

mkdir -p "$bindir"
launcher="$bindir/plan-tui"
printf '#!/bin/sh\nexec "%s" "$@"\n' "$prefix/venv/bin/plan-tui" > "$launcher"
chmod 755 "$launcher"
"$launcher" --version
echo "安装完成。启动：$launcher   （第一次使用可运行 plan-tui demo 打开示例台账）"
case ":$PATH:" in *":$bindir:"*) ;; *) echo "提示：$bindir 不在 PATH 中，可用完整路径启动，或把它加入 PATH。" ;; esac
