<#
  ConfigMgr configuration item - remediation script (runs when discovery.ps1 did not return
  "compliant"). wufix never restarts the PC: a repair that needs a restart exits 3010, which
  this script passes on so the CI reports it; restart through your maintenance windows.
#>
$ErrorActionPreference = 'Stop'

function Find-Wufix {
    $candidates = @(
        (Join-Path $env:ProgramW6432 'wufix\wufix.exe'),
        (Join-Path $env:windir 'Sysnative\wufix.exe'),
        (Join-Path $env:windir 'System32\wufix.exe')
    )
    foreach ($path in $candidates) {
        if ($path -and (Test-Path -LiteralPath $path)) { return $path }
    }
    return $null
}

$wufix = Find-Wufix
if (-not $wufix) { exit 2 }
$line = @(& $wufix repair --fleet --yes)[-1]
$code = $LASTEXITCODE
Write-Output $line
exit $code
