<#
  Intune Remediations - detection script for wufix (https://github.com/wufix).

  Settings: Run this script using the logged-on credentials = No (runs as SYSTEM),
  Enforce script signature check = as your policy requires, Run script in 64-bit
  PowerShell = No or Yes (both work: see Sysnative below).

  Exit 1 ("issue detected") only when diagnose found something a wufix repair step fixes
  (fix_steps not empty): then Intune runs remediate.ps1. Exit 0 otherwise, also for findings
  no repair step fixes (low disk space, a pending restart): those stay visible in the output
  column. wufix's own errors (2 usage, 3 not elevated, 4 interrupted run pending) are passed
  on as the exit code, so they show as a failed detection, not as healthy.

  Intune keeps only the last line of stdout (2,048 characters) and treats anything on
  stderr as a script error: wufix --fleet prints exactly one compact JSON line and nothing on
  stderr, and this script prints that line last.
#>
$ErrorActionPreference = 'Stop'

# Intune runs scripts in 32-bit PowerShell by default. There, $env:ProgramFiles is
# "Program Files (x86)" and System32 is redirected to SysWOW64: look where a 64-bit install
# really is (ProgramW6432, Sysnative). wufix.exe itself is 64-bit and runs as such.
function Find-Wufix {
    $candidates = @(
        (Join-Path $env:ProgramW6432 'wufix\wufix.exe'),
        (Join-Path $env:ProgramFiles 'wufix\wufix.exe'),
        (Join-Path $env:windir 'Sysnative\wufix.exe'),
        (Join-Path $env:windir 'System32\wufix.exe')
    )
    foreach ($path in $candidates) {
        if ($path -and (Test-Path -LiteralPath $path)) { return $path }
    }
    return $null
}

try {
    $wufix = Find-Wufix
    if (-not $wufix) {
        Write-Output '{"command":"diagnose","exit_code":2,"result":"error","error":"wufix.exe not found (install the MSI or copy it to System32)"}'
        exit 2
    }
    $lines = @(& $wufix diagnose --fleet)
    $code = $LASTEXITCODE
    $line = $lines[-1]
    Write-Output $line
    if ($code -eq 0) { exit 0 }
    if ($code -ne 1) { exit $code }
    $result = $line | ConvertFrom-Json
    if (@($result.fix_steps).Count -gt 0) { exit 1 }
    exit 0
} catch {
    # Never stderr: Intune would mark the run as a script error and drop the line.
    $message = ($_.Exception.Message -replace '[\r\n"\\]', ' ')
    Write-Output ('{"command":"diagnose","exit_code":2,"result":"error","error":"' + $message + '"}')
    exit 2
}
