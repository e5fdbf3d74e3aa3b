# Build the Windows installer: dist\fieldbook-<version>-setup.exe
#
#   powershell -ExecutionPolicy Bypass -File installer\windows\build.ps1 [-Iscc "C:\...\ISCC.exe"] [-SkipInstaller]
#
# Needs Python 3.11 (x64, python.org or the py launcher) and Inno Setup 6.3 or later. Steps:
#   1. .venv with Fieldbook and PyInstaller (pip install -e ".[build]")
#   2. compile the Chinese catalogue (resources\i18n\fieldbook_zh_CN.qm) with PySide6's lrelease
#   3. PyInstaller with installer\fieldbook.spec -> dist\fieldbook\ (fieldbook.exe for the window,
#      fieldbook-cli.exe for the command line)
#   4. smoke test: dist\fieldbook\fieldbook-cli.exe --self-test
#   5. ISCC with the version from app\__init__.py -> dist\fieldbook-<version>-setup.exe
[CmdletBinding()]
param(
    [string]$Iscc = "",
    [string]$Python = "",
    [switch]$SkipInstaller
)
$ErrorActionPreference = "Stop"
$Root = (Resolve-Path (Join-Path $PSScriptRoot "..\..")).Path
Set-Location $Root

function Invoke-Checked([string]$What, [scriptblock]$Block) {
    & $Block
    if ($LASTEXITCODE -ne 0) { throw "build.ps1: $What failed (exit code $LASTEXITCODE)" }
}

# 1. virtual environment
$VenvPython = Join-Path $Root ".venv\Scripts\python.exe"
if (-not (Test-Path $VenvPython)) {
    if ($Python) { Invoke-Checked "creating .venv" { & $Python -m venv .venv } }
    else { Invoke-Checked "creating .venv" { py -3.11 -m venv .venv } }
}
Invoke-Checked "pip install" { & $VenvPython -m pip install -q --upgrade pip }
Invoke-Checked "pip install" { & $VenvPython -m pip install -q -e ".[build]" }

# 2. translations (the .qm is not in git)
Invoke-Checked "compiling translations" {
    & $VenvPython -c "import sys; from app import i18n; sys.exit(0 if i18n.ensure_compiled('zh_CN') else 1)"
}
$Version = (& $VenvPython -c "import app; print(app.__version__)").Trim()
# VersionInfoVersion wants numbers only: 1.2.0rc1 -> 1.2.0
$Numeric = [regex]::Match($Version, '^\d+(\.\d+){0,3}').Value
Write-Host "build.ps1: Fieldbook $Version"

# 3. frozen build
if (Test-Path dist\fieldbook) { Remove-Item -Recurse -Force dist\fieldbook }
Invoke-Checked "PyInstaller" {
    & $VenvPython -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build\pyinstaller `
        installer\fieldbook.spec
}
$SizeMB = [math]::Round(((Get-ChildItem -Recurse dist\fieldbook | Measure-Object -Sum Length).Sum) / 1MB)
Write-Host "build.ps1: dist\fieldbook is $SizeMB MB"

# 4. smoke test (console twin; the windowed fieldbook.exe has no stdout)
$env:QT_QPA_PLATFORM = "offscreen"
$env:FIELDBOOK_LANG = "en"
try {
    Invoke-Checked "self-test" { & dist\fieldbook\fieldbook-cli.exe --self-test }
} finally {
    Remove-Item Env:QT_QPA_PLATFORM, Env:FIELDBOOK_LANG -ErrorAction SilentlyContinue
}
if ($SkipInstaller) { exit 0 }

# 5. Inno Setup
if (-not $Iscc) {
    $candidates = @(
        "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe",
        "$env:ProgramFiles\Inno Setup 6\ISCC.exe",
        "$env:LOCALAPPDATA\Programs\Inno Setup 6\ISCC.exe"
    )
    $Iscc = $candidates | Where-Object { $_ -and (Test-Path $_) } | Select-Object -First 1
    if (-not $Iscc) {
        $cmd = Get-Command iscc.exe -ErrorAction SilentlyContinue
        if ($cmd) { $Iscc = $cmd.Source }
    }
}
if (-not $Iscc) { throw "build.ps1: ISCC.exe (Inno Setup 6.3+) not found; pass -Iscc <path>" }
$Source = (Resolve-Path dist\fieldbook).Path
Invoke-Checked "ISCC" {
    & $Iscc "/DAppVersion=$Version" "/DAppVersionNumeric=$Numeric" "/DSourceDir=$Source" installer\windows\fieldbook.iss
}
Write-Host "build.ps1: dist\fieldbook-$Version-setup.exe"
