<#
  PDQ Deploy (PowerShell step) or a plain scheduled task running as SYSTEM.

  PDQ Deploy: add a PowerShell step with this file, "Success Codes" 0,3010 (3010: repaired,
  restart pending; add a Reboot step, or leave it to your maintenance window). The step's
  output shows wufix's one-line result.

  Scheduled task (every Sunday 03:00, as SYSTEM, highest privileges):
    .\wufix-repair.ps1 -Register
  The task runs `wufix repair --fleet --yes` and appends each result line to
  %ProgramData%\wufix\fleet-results.jsonl, which inventory tools can collect.
#>
param([switch]$Register)
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

if ($Register) {
    $powershell = Join-Path $env:windir 'System32\WindowsPowerShell\v1.0\powershell.exe'
    $arguments = '-NoProfile -ExecutionPolicy Bypass -File "{0}"' -f $PSCommandPath
    $action = New-ScheduledTaskAction -Execute $powershell -Argument $arguments
    $trigger = New-ScheduledTaskTrigger -Weekly -DaysOfWeek Sunday -At '03:00'
    $principal = New-ScheduledTaskPrincipal -UserId 'SYSTEM' -LogonType ServiceAccount -RunLevel Highest
    Register-ScheduledTask -TaskName 'wufix repair' -Action $action -Trigger $trigger -Principal $principal -Force | Out-Null
    Write-Output 'registered: wufix repair (Sundays 03:00, SYSTEM)'
    exit 0
}

$wufix = Find-Wufix
if (-not $wufix) {
    Write-Output '{"exit_code":2,"result":"error","error":"wufix.exe not found"}'
    exit 2
}
$line = @(& $wufix repair --fleet --yes)[-1]
$code = $LASTEXITCODE
$results = Join-Path $env:ProgramData 'wufix\fleet-results.jsonl'
if (Test-Path -LiteralPath (Split-Path $results)) { Add-Content -LiteralPath $results -Value $line -Encoding UTF8 }
Write-Output $line
exit $code
