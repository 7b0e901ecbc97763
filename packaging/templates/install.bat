@echo off
rem plan-tui @VERSION@ 离线安装（Windows）。用法：
rem   install.bat                  安装到 %LOCALAPPDATA%\plan-tui
rem   install.bat --prefix 目录     安装到指定目录
rem 再次运行即原地升级；计划文件（“文档”下的 plan-tui 文件夹）不受影响。
setlocal EnableExtensions
set "HERE=%~dp0"
set "PREFIX=%LOCALAPPDATA%\plan-tui"
if /i "%~1"=="--prefix" set "PREFIX=%~2"

set "PY="
for %%v in (@PYTHONS@) do (
  if not defined PY (
    py -%%v -c "import sys" >nul 2>nul && set "PY=py -%%v"
  )
)
if not defined PY (
  python -c "import sys; sys.exit(0 if '%%d.%%d' %% sys.version_info[:2] in '@PYTHONS@'.split() else 1)" >nul 2>nul && set "PY=python"
)
if not defined PY (
  echo 错误：没有找到 Python（需要 @PYTHONS@ 之一）。请先安装 Python，见 安装说明.txt。
  exit /b 2
)

echo 正在安装到 %PREFIX% ……
if not exist "%PREFIX%\venv\Scripts\python.exe" (
  %PY% -m venv "%PREFIX%\venv" || exit /b 2
)
"%PREFIX%\venv\Scripts\python.exe" -m pip install --quiet --disable-pip-version-check --no-index --find-links "%HERE%wheels" --require-hashes --upgrade --force-reinstall -r "%HERE%requirements.txt" || exit /b 2

if not exist "%PREFIX%\bin" mkdir "%PREFIX%\bin"
> "%PREFIX%\bin\plan-tui.bat" echo @"%PREFIX%\venv\Scripts\plan-tui.exe" %%*
for /f "usebackq delims=" %%d in (`powershell -NoProfile -Command "[Environment]::GetFolderPath('Desktop')"`) do set "DESKTOP=%%d"
if not defined DESKTOP set "DESKTOP=%USERPROFILE%\Desktop"
> "%DESKTOP%\plan-tui.bat" echo @"%PREFIX%\venv\Scripts\plan-tui.exe" %%*
"%PREFIX%\venv\Scripts\plan-tui.exe" --version || exit /b 2
echo 安装完成。双击桌面上的 plan-tui.bat，或在命令行运行 "%PREFIX%\bin\plan-tui.bat"。
echo 第一次使用可运行 plan-tui demo 打开示例台账。
endlocal
