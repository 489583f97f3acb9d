<#
  ConfigMgr configuration item - discovery script (setting type: Script, data type: String).
  Compliance rule: the value returned equals  compliant  ; tick "Run the specified
  remediation script when this setting is noncompliant" with remediation.ps1.

  ConfigMgr runs CI scripts as SYSTEM in 64-bit PowerShell ("Run scripts by using the
  logged on user credentials" unticked; on a 64-bit OS tick "Run as 64-bit process" is the
  default for CIs). The Sysnative fallback covers agents that run it 32-bit.
  The discovery value is one word; the full wufix line goes to the CI's log through
  Write-Verbose, never to stderr.
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
if (-not $wufix) { 'wufix-missing'; exit 0 }
$line = @(& $wufix diagnose --fleet)[-1]
$code = $LASTEXITCODE
Write-Verbose $line
if ($code -eq 0) { 'compliant'; exit 0 }
if ($code -eq 1 -and @(($line | ConvertFrom-Json).fix_steps).Count -eq 0) { 'compliant'; exit 0 }
if ($code -eq 1) { 'repairable'; exit 0 }
"wufix-error-$code"
