<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
    <context>
        <name>Account</name>
        <message>
            <source>Logged in as {user} ({role}).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Change password</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Current password:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New password:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your password was changed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Changing the password…</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Auth</name>
        <message>
            <source>Wrong user name or password.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The recovery code is not right.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Too many failed logins: this account is locked for {minutes} more minutes.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Please wait {seconds} seconds before trying again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A password needs at least {n} characters.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A user name has 1 to 64 letters, digits, dots or underscores.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>You cannot deactivate your own account.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The user {user} already exists.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This account is not active on this node.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Backup</name>
        <message>
            <source>{path} is not a Fieldbook backup or it is damaged.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This backup belongs to another node ({name}); it cannot replace this one.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{path} holds other files; restore into an empty folder.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cannot write to {folder}: {reason}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The backup could not be written to {folder}: {reason}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The backup file {path} does not exist.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The backup failed its check ({problem}); nothing was changed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This backup was made by a newer version of Fieldbook.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Last backup {days} days ago: back up now</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No backup yet: back up now</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose the folder for the backup</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Back up now…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A backup is an encrypted copy of the whole database, made while Fieldbook keeps running. Keep it on a USB stick away from this computer; it opens only with a password or the recovery code of this node.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Backup written to {path}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Backups are not available in this version yet.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No backup has been made on this node yet.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Last backup: {when}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Backing up…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your role may not make backups.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>CLI</name>
        <message>
            <source>Password for {user}: </source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Created the {role} node "{name}" in {path}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Recovery code (write it down and keep it safe; it opens the data if every password is lost):</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Added the user {user} with the role {role}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Demo data added: {summary}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Check passed: database, encryption and audit chain are intact.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Backup written to {path}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Restored the backup of {created}; the previous data was kept in {kept}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New password: </source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Password changed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Recovery code: </source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A new password is set for {user}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>create a node and its first administrator</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>add a user (password from FIELDBOOK_NEW_PASSWORD)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>fill the node with a realistic synthetic district</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>verify the database, its encryption and the audit chain</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>write an encrypted backup of the node</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>restore a backup after checking it</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>change your password (new one from FIELDBOOK_NEW_PASSWORD)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>set a new password with the recovery code</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Check failed: {n} problems found.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Password: </source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Fieldbook: offline field records for poverty-alleviation microcredit. Without a command the window opens.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>data folder of the node (else FIELDBOOK_DATA_DIR)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>street code, e.g. 610111001 (required for a field node)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>show the demo accounts on the login screen (demo nodes only)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Set {env} or run the command in a terminal to type it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The two entries differ.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Interrupted.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>File error: {reason}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Internal error; details are in the log file of the node.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Repeat: </source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>User name: </source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>manage users</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Codes</name>
        <message>
            <source>A phone number is a mobile number of 11 digits starting with 1, or a landline such as 029-83512345.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The citizen ID is empty.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The citizen ID was turned into a number by Excel and lost digits; format the column as text and enter it again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A citizen ID has 18 characters; this one has {n}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A citizen ID is 17 digits followed by a digit or X.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The birth date {date} inside the citizen ID does not exist.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The check character of the citizen ID is wrong (a digit was mistyped).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A unified social credit code has 18 characters from digits and capital letters without I, O, S, V and Z.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The check character of the credit code does not match; please compare it with the business licence.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Crash</name>
        <message>
            <source>(no log folder yet)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Fieldbook: unexpected error</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Something went wrong inside Fieldbook ({kind}). This is a bug, not your mistake. What you saved before is safe.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The details were written to the log file:
{path}
Please send that file to your administrator.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Enums</name>
        <message>
            <source>Field node</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Hub</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Registered poor household</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Exited poverty</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Returned to poverty</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Monitored household</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Male</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Female</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Able to work</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Partly able to work</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unable to work</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Active</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Repaid</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Extended</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Renewed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Overdue</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Compensated</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Written off</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Normal</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Special mention</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Substandard</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Doubtful</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Loss</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Household use</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Enterprise use</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Planting</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Livestock</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Aquaculture</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Processing</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Commerce and trade</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Rural tourism</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Transport</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Other production</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No credit line</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Forms</name>
        <message>
            <source>at least {n} characters</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the same password again</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Repeat password:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Password:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The two passwords differ.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Lock</name>
        <message>
            <source>Unlock</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Log out</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Fieldbook is locked</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{user} ({role}) — enter your password to continue.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Password:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Checking the password…</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Login</name>
        <message>
            <source>Fieldbook: log in</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Log in</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Forgot the password? Use the recovery code</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Fieldbook</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Field records for poverty-alleviation microcredit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>User name:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Password:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Demo accounts (synthetic data only)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Password for every demo account: {password}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Set a new password with the recovery code</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the code written down at setup</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Recovery code:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New password:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Set password and log in</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The recovery code opens the data without a password. Use it only for your own account or when every administrator is locked out.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Enter your user name.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Enter your password.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Logging in…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Checking the recovery code…</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Main</name>
        <message>
            <source>Fieldbook — {node}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{user} ({role})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Lock</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Lock Fieldbook now (Ctrl+L)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Log out</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Messages</name>
        <message>
            <source>Fieldbook</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Operations</name>
        <message>
            <source>Working…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cancelling…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cancel</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Pages</name>
        <message>
            <source>Enterprises</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The enterprise ledger, benefit links and dividends are not yet available in this version.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Data exchange</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Exchanging data with the hub is not yet available in this version.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Field records</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Visit records, loan-use checks, anomaly reports and maturity assessments are not yet available in this version.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Fund &amp; subsidies</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The risk compensation fund and interest subsidies are not yet available in this version.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Households</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The household register is not yet available in this version.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Loans</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Loan records are not yet available in this version.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reports</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Printed records and Excel ledgers are not yet available in this version.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Settings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Warnings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Risk warnings and disposal are not yet available in this version.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Workbench</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Today's tasks (visits due, loans maturing within 30 days without an assessment, open anomalies, unsynced records) are not yet available in this version.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not yet available</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Roles</name>
        <message>
            <source>Field cadre</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Supervisor</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Bank officer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>District staff</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Administrator</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The role {role} may not do this ({permission}).</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Settings</name>
        <message>
            <source>Language</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Lock after idle minutes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The window locks itself after this many minutes without input.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>First post-loan visit within months</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Visit at least every months</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Assess loans this many days before maturity</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Special mention from days overdue</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Substandard from days overdue</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Doubtful from days overdue</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Loss from days overdue</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Report overdue loans to the fund within days</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Enterprise-use loans only if made before</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Loan amount cap (yuan)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Longest loan term (months)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Youngest borrower age</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Oldest borrower age</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Loans at most this many times the fund</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remind to back up after days</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{label} must be at least {minimum}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{label} must be at most {maximum}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{label}: the value {value} is not one of the choices.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{label}: the value {value} is not valid.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SettingsPage</name>
        <message>
            <source>Settings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>My password</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Backup</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Users</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save settings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Undo changes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Only an administrator can change these settings; you can see them here.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing to save: no setting was changed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Other</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>takes effect after Fieldbook is restarted</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Saved. The new language takes effect after Fieldbook is restarted.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Saved {n} settings.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Store</name>
        <message>
            <source>A database already exists at {path}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The database cannot be opened: {reason}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The database file is damaged or does not belong to this node's key.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The key file does not belong to this node.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The key file of this node is missing: {path}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The key file of this node is damaged: {path}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This database was written by a newer version of Fieldbook (schema {revision}); please install the newer version.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The database reported an error: {reason}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The disk is full; free some space and try again. Nothing was saved from this step.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The data folder is read-only; Fieldbook cannot save there.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The database is busy in another window; try again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The database file is damaged; restore a backup.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{path} is not a Fieldbook node (node.json is missing).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The node needs a name.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A field node belongs to a street; choose its street code.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{path} already holds a Fieldbook node.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{path} is not empty; choose an empty folder for a new node.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This node was created by a newer version of Fieldbook; please install the newer version.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{path} is not a Fieldbook node (node.json is damaged).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unknown street code {code}.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Users</name>
        <message>
            <source>Add a user</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>User name:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Name:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Role:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add user</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add user…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Deactivate</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>User name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Role</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Status</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Last login</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>active</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>deactivated</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Adding the user…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Activate</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Wizard</name>
        <message>
            <source>Welcome to Fieldbook</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This computer becomes a Fieldbook node. Choose what kind.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Field node</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Hub</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Name this node</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The name appears on the login screen, on printed records and at the hub.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>e.g. Fangzhicheng street laptop 1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose the street…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Node name:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Street:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>First administrator</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The administrator adds the other users and makes backups. Keep the password to yourself.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>User name:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Create node</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Write down the recovery code</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>If every administrator forgets the password, this code is the only way back into the data. It is shown only now.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>I have written the recovery code down and will keep it in a safe place, away from this computer.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Fieldbook: set up this computer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Finish</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Creating the encrypted database…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A cadre's laptop for one street: household visits, loan-use checks and anomaly reports. It exchanges data with the hub.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>At the lending bank or the district office: sees every street, holds the loan facts, relays data between the field nodes.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Data folder: {path}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A field node sees only the households of its street.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A hub covers every street; no street is needed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The node needs a name.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Write it on paper; do not keep it in a file on this computer. Anyone with the code and this computer can read the data.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Creating the node…</source>
            <translation type="unfinished" />
        </message>
    </context>
</TS>
