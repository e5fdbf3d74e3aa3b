; Inno Setup 6 script: Fieldbook for Windows 10/11, installed per user without administrator rights.
;
; Built by installer\windows\build.ps1, which runs PyInstaller (installer\fieldbook.spec) and then
;     ISCC /DAppVersion=<app.__version__> /DAppVersionNumeric=<x.y.z> /DSourceDir=<dist\fieldbook> fieldbook.iss
; so the version always comes from app/__init__.py.
;
; - Per-user: PrivilegesRequired=lowest installs into {userpf} (%LOCALAPPDATA%\Programs\Fieldbook) with a
;   Start-menu entry for this user only; no UAC prompt, which village laptops without an admin account need.
; - Upgrade in place: the fixed AppId below identifies Fieldbook across versions; a newer setup replaces the
;   program files (the old _internal folder is deleted first so no stale library survives) and keeps the data.
; - Data: Fieldbook never writes into {app}. Each user's node lives in the platformdirs data folder,
;   {#DataDir} (app/paths.py default_data_dir). The uninstaller keeps it unless the user answers Yes to the
;   question at the end of the uninstallation (default No; a silent uninstall never deletes it).
; The file is UTF-8 with a byte-order mark, as Inno Setup 6 expects for the Chinese messages.

#ifndef AppVersion
  #error Pass the version: ISCC /DAppVersion=x.y.z (installer\windows\build.ps1 does)
#endif
#ifndef AppVersionNumeric
  #define AppVersionNumeric AppVersion
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\fieldbook"
#endif
#define AppName "Fieldbook"
#define AppExe "fieldbook.exe"
; platformdirs.user_data_dir("Fieldbook", "Fieldbook", roaming=True) on Windows
#define DataDir "{userappdata}\Fieldbook\Fieldbook"

[Setup]
; Never change this id: it is how a newer setup finds the installed Fieldbook to upgrade it.
AppId={{77936779-E3AB-4227-A1A1-ADE426816FF6}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Fieldbook
AppComments=扶贫小额信贷外业手簿
VersionInfoVersion={#AppVersionNumeric}
VersionInfoProductVersion={#AppVersionNumeric}
VersionInfoDescription=Fieldbook setup
PrivilegesRequired=lowest
DefaultDirName={userpf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
UninstallDisplayName={#AppName} {#AppVersion}
UninstallDisplayIcon={app}\{#AppExe}
SetupIconFile=..\..\resources\icons\fieldbook.ico
OutputDir=..\..\dist
OutputBaseFilename=fieldbook-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
CloseApplications=yes
RestartApplications=no
ShowLanguageDialog=auto

; Simplified Chinese: Inno Setup ships ChineseSimplified.isl among its unofficial translations; pass
; /DChineseIsl=<path> to use another copy. Without one the setup is built in English only.
#ifndef ChineseIsl
  #if FileExists(CompilerPath + "Languages\ChineseSimplified.isl")
    #define ChineseIsl "compiler:Languages\ChineseSimplified.isl"
  #elif FileExists(CompilerPath + "Languages\Unofficial\ChineseSimplified.isl")
    #define ChineseIsl "compiler:Languages\Unofficial\ChineseSimplified.isl"
  #else
    #pragma warning "ChineseSimplified.isl not found: this setup will speak English only"
  #endif
#endif

[Languages]
#ifdef ChineseIsl
Name: "chinesesimplified"; MessagesFile: "{#ChineseIsl}"
#endif
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
english.AppDisplayName=Fieldbook
english.RemoveDataQuestion=Also delete this Windows user's Fieldbook data?%n%n%1%n%nIt holds the encrypted records, their backups and the logs. Choose No to keep them (recommended): a new installation of Fieldbook opens them again.
english.RemoveDataFailed=Some files in %1 could not be deleted; remove the folder by hand.
#ifdef ChineseIsl
chinesesimplified.AppDisplayName=扶贫小额信贷外业手簿
chinesesimplified.RemoveDataQuestion=是否同时删除本 Windows 用户的外业手簿数据？%n%n%1%n%n其中有加密的记录、备份和日志。选择“否”将保留这些数据（推荐）：重新安装外业手簿后可再次打开。
chinesesimplified.RemoveDataFailed=%1 中有些文件无法删除，请手动删除该文件夹。
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; the previous version's libraries: a stale .pyd or Qt plugin must not outlive an upgrade
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{cm:AppDisplayName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Comment: "Fieldbook"
Name: "{group}\{cm:UninstallProgram,{cm:AppDisplayName}}"; Filename: "{uninstallexe}"
Name: "{userdesktop}\{cm:AppDisplayName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{cm:AppDisplayName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; only what Fieldbook's own files left in {app}; never the data folder (see [Code])
Type: dirifempty; Name: "{app}"

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir: String;
begin
  if CurUninstallStep <> usPostUninstall then
    exit;
  DataDir := ExpandConstant('{#DataDir}');
  if UninstallSilent or not DirExists(DataDir) then
    exit;
  if MsgBox(FmtMessage(CustomMessage('RemoveDataQuestion'), [DataDir]), mbConfirmation,
            MB_YESNO or MB_DEFBUTTON2) = IDYES then
  begin
    if not DelTree(DataDir, True, True, True) then
      MsgBox(FmtMessage(CustomMessage('RemoveDataFailed'), [DataDir]), mbError, MB_OK);
  end;
end;
