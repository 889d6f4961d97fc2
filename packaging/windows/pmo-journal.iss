; Inno Setup script: the Windows installer of PMO Career Journal (packaging/windows/).
; Built by the release workflow after packaging/build-bundle, from the repository root:
;
;     iscc /DAppVersion=0.1.0 packaging\windows\pmo-journal.iss
;
; It installs dist\pmo-journal\ for the current user (no administrator rights needed) and
; never touches the journal, which lives in %LOCALAPPDATA%\PMO Career Journal: updating
; installs over the old version, and uninstalling leaves the journal and its backups.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z packaging\windows\pmo-journal.iss
#endif
#define Root "..\.."
#define AppName "PMO Career Journal"
#define AppExe "pmo-journal.exe"

[Setup]
; The AppId stays the same for every version, so a new installer updates the old install.
AppId={{6F1C2E7A-3B8D-4F52-9A61-5C0E2D7B4A19}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#Root}\dist
OutputBaseFilename=pmo-journal-{#AppVersion}-windows-setup
SetupIconFile={#Root}\build\icons\pmo-journal.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
; Close a running copy before files are replaced (the app keeps its journal safe on close).
CloseApplications=yes

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An update replaces the whole bundle, so no file of an older version is left behind.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#Root}\dist\pmo-journal\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
