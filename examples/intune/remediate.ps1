<#
  Intune Remediations - remediation script for wufix (runs when detect.ps1 exits 1).

  Runs `wufix repair --fleet --yes`: the repair steps diagnose calls for, journaled, a failing
  step rolled back. wufix never restarts the PC; when a step needs a restart wufix exits 3010
  and the line says "reboot_required":true. This script then exits 0 (the repair itself
  worked) and leaves the restart to your restart policy (Intune's device restart settings or
  Windows Update's own restart); the line keeps saying so in the output column.

  Exit codes seen by Intune: 0 repaired (or nothing to do), 1 a step failed and was rolled
  back, 2 usage/internal error, 3 not elevated, 4 an interrupted run is pending.
#>
$ErrorActionPreference = 'Stop'

# 32-bit PowerShell (Intune's default): find the 64-bit install through ProgramW6432/Sysnative.
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
        Write-Output '{"command":"repair","exit_code":2,"result":"error","error":"wufix.exe not found (install the MSI or copy it to System32)"}'
        exit 2
    }
    $lines = @(& $wufix repair --fleet --yes)
    $code = $LASTEXITCODE
    Write-Output $lines[-1]
    if ($code -eq 3010) { exit 0 }  # done; the restart is left to the restart policy
    exit $code
} catch {
    $message = ($_.Exception.Message -replace '[\r\n"\\]', ' ')
    Write-Output ('{"command":"repair","exit_code":2,"result":"error","error":"' + $message + '"}')
    exit 2
}
