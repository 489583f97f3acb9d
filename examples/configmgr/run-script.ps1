<#
  ConfigMgr "Run Scripts" (Software Library > Scripts): approve it once, then run it on a
  collection and read each PC's line in the script status monitor (ConfigMgr shows JSON
  output as a table). Parameter Action: diagnose (read-only, the default), repair, or report
  (writes %ProgramData%\wufix\reports\wufix-report-DATE-TIME.json on the PC).
#>
param(
    [ValidateSet('diagnose', 'repair', 'report')]
    [string]$Action = 'diagnose'
)
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
if (-not $wufix) {
    Write-Output '{"exit_code":2,"result":"error","error":"wufix.exe not found"}'
    exit 2
}
switch ($Action) {
    'diagnose' { $lines = @(& $wufix diagnose --fleet) }
    'repair' { $lines = @(& $wufix repair --fleet --yes) }
    'report' { $lines = @(& $wufix report --json --fleet) }
}
$code = $LASTEXITCODE
Write-Output $lines[-1]
exit $code
