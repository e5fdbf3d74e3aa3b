<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
    <context>
        <name>Account</name>
        <message>
            <source>Logged in as {user} ({role}).</source>
            <translation>当前登录用户：{user}（{role}）。</translation>
        </message>
        <message>
            <source>Change password</source>
            <translation>修改密码</translation>
        </message>
        <message>
            <source>Current password:</source>
            <translation>当前密码：</translation>
        </message>
        <message>
            <source>New password:</source>
            <translation>新密码：</translation>
        </message>
        <message>
            <source>Your password was changed.</source>
            <translation>密码已修改。</translation>
        </message>
        <message>
            <source>Changing the password…</source>
            <translation>正在修改密码…</translation>
        </message>
    </context>
    <context>
        <name>Attachments</name>
        <message>
            <source>{name} is larger than {limit} MB even after shrinking it; take the photo at a lower resolution.</source>
            <translation>{name}压缩后仍大于{limit} MB，请用较低分辨率拍摄。</translation>
        </message>
        <message>
            <source>{name} is not a picture (JPEG, PNG, GIF, BMP, WebP or TIFF); only photos can be attached.</source>
            <translation>{name}不是图片（JPEG、PNG、GIF、BMP、WebP或TIFF），只能添加照片。</translation>
        </message>
        <message>
            <source>{name} has too many pixels for a photo.</source>
            <translation>{name}像素过多，无法作为照片添加。</translation>
        </message>
        <message>
            <source>{name} looks like a picture but cannot be read; the file may be damaged or incomplete.</source>
            <translation>{name}看起来是图片，但无法读取，文件可能已损坏或不完整。</translation>
        </message>
        <message>
            <source>{name} is far too large for a photo ({size} MB).</source>
            <translation>{name}太大（{size} MB），不是照片。</translation>
        </message>
        <message>
            <source>{name} cannot be read: {reason}</source>
            <translation>无法读取{name}：{reason}</translation>
        </message>
        <message>
            <source>No photos yet. Photos are stored encrypted with the record.</source>
            <translation>尚无照片。照片随记录加密保存。</translation>
        </message>
        <message>
            <source>Add photos…</source>
            <translation>添加照片…</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>移除</translation>
        </message>
        <message>
            <source>Add photos</source>
            <translation>添加照片</translation>
        </message>
        <message>
            <source>Pictures ({patterns});;All files (*)</source>
            <translation>图片 ({patterns});;所有文件 (*)</translation>
        </message>
        <message>
            <source>Reading photos…</source>
            <translation>正在读取照片…</translation>
        </message>
        <message>
            <source>{name}: {width}×{height}, {size} KB</source>
            <translation>{name}：{width}×{height}，{size} KB</translation>
        </message>
    </context>
    <context>
        <name>Auth</name>
        <message>
            <source>A password needs at least {n} characters.</source>
            <translation>密码至少需要{n}个字符。</translation>
        </message>
        <message>
            <source>A user name has 1 to 64 letters, digits, dots or underscores.</source>
            <translation>用户名须由1至64个字母、数字、点或下划线组成。</translation>
        </message>
        <message>
            <source>Wrong user name or password.</source>
            <translation>用户名或密码错误。</translation>
        </message>
        <message>
            <source>The recovery code is not right.</source>
            <translation>恢复码不正确。</translation>
        </message>
        <message>
            <source>Fieldbook cannot count this login attempt ({reason}); it was refused.</source>
            <translation>Fieldbook 无法记录这次登录尝试（{reason}），已拒绝登录。</translation>
        </message>
        <message>
            <source>The disk is full, so Fieldbook cannot count this login attempt; it was refused. Free some space and try again.</source>
            <translation>磁盘已满，Fieldbook 无法记录这次登录尝试，已拒绝登录。请释放一些空间后重试。</translation>
        </message>
        <message>
            <source>The data folder is read-only, so Fieldbook cannot count this login attempt; it was refused. Log in where the data folder can be written.</source>
            <translation>数据文件夹是只读的，Fieldbook 无法记录这次登录尝试，已拒绝登录。请在可以写入数据文件夹的环境下登录。</translation>
        </message>
        <message>
            <source>Too many logins at once; try again in a moment.</source>
            <translation>同时登录的尝试过多，请稍后再试。</translation>
        </message>
        <message>
            <source>Too many failed logins: this account is locked for {minutes} more minutes.</source>
            <translation>登录失败次数过多，该账户已被锁定，请{minutes}分钟后再试。</translation>
        </message>
        <message>
            <source>Please wait {seconds} seconds before trying again.</source>
            <translation>请等待{seconds}秒后再试。</translation>
        </message>
        <message>
            <source>You cannot deactivate your own account.</source>
            <translation>不能停用您自己的账户。</translation>
        </message>
        <message>
            <source>The user {user} already exists.</source>
            <translation>用户{user}已存在。</translation>
        </message>
        <message>
            <source>This account is not active on this node.</source>
            <translation>该账户在本节点上未启用。</translation>
        </message>
    </context>
    <context>
        <name>Backup</name>
        <message>
            <source>{path} is not a Fieldbook backup or it is damaged.</source>
            <translation>{path}不是外业手簿的备份文件，或已损坏。</translation>
        </message>
        <message>
            <source>This hub's data is in a server database: back it up there (pg_dump, docs/hub.md), not into a .fbk file.</source>
            <translation>本中心站的数据在服务器数据库中：请在服务器上备份（pg_dump，见 docs/hub.md），而不是备份为 .fbk 文件。</translation>
        </message>
        <message>
            <source>This backup belongs to another node ({name}); it cannot replace this one.</source>
            <translation>该备份属于另一个节点（{name}），不能用来替换本节点的数据。</translation>
        </message>
        <message>
            <source>{path} holds other files; restore into an empty folder.</source>
            <translation>{path}中已有其他文件，请恢复到一个空文件夹。</translation>
        </message>
        <message>
            <source>Cannot write to {folder}: {reason}</source>
            <translation>无法写入{folder}：{reason}</translation>
        </message>
        <message>
            <source>The backup could not be written to {folder}: {reason}</source>
            <translation>备份未能写入{folder}：{reason}</translation>
        </message>
        <message>
            <source>The backup file {path} does not exist.</source>
            <translation>备份文件{path}不存在。</translation>
        </message>
        <message>
            <source>The backup failed its check ({problem}); nothing was changed.</source>
            <translation>备份未通过检查（{problem}），未做任何更改。</translation>
        </message>
        <message>
            <source>This backup was made by a newer version of Fieldbook.</source>
            <translation>该备份由较新版本的外业手簿生成，请先安装新版本。</translation>
        </message>
        <message>
            <source>Only an administrator may restore a backup; {user} is {role} in it. Nothing was changed.</source>
            <translation>只有管理员可以恢复备份；{user}在该备份中的角色是{role}。未做任何更改。</translation>
        </message>
        <message>
            <source>Only a field node's backup can be restored as a new node; nothing was changed.</source>
            <translation>只有外业节点的备份才能恢复为新节点；未做任何更改。</translation>
        </message>
        <message>
            <source>Restored the backup of {created}; the data that was here is kept in {kept}. Log in to continue.</source>
            <translation>已恢复{created}的备份；原有数据保存在{kept}。请登录后继续。</translation>
        </message>
        <message>
            <source>Restoring the backup of {created}…</source>
            <translation>正在恢复{created}的备份…</translation>
        </message>
        <message>
            <source>The backup was not restored: {reason}</source>
            <translation>备份未恢复：{reason}</translation>
        </message>
        <message>
            <source>Restoring the backup…</source>
            <translation>正在恢复备份…</translation>
        </message>
        <message>
            <source>This laptop is a new node now: enrol it with the hub again (Data exchange). {n} changes the hub had not received will travel as its own work.</source>
            <translation>这台笔记本现在是一个新节点：请重新向枢纽登记（数据交换）。枢纽尚未收到的 {n} 项更改将作为本节点的工作发送。</translation>
        </message>
        <message>
            <source>Last backup {days} days ago: back up now</source>
            <translation>上次备份已是{days}天前，请立即备份</translation>
        </message>
        <message>
            <source>No backup yet: back up now</source>
            <translation>尚未备份，请立即备份</translation>
        </message>
        <message>
            <source>Choose the folder for the backup</source>
            <translation>选择备份保存的文件夹</translation>
        </message>
        <message>
            <source>Back up now…</source>
            <translation>立即备份…</translation>
        </message>
        <message>
            <source>Restore from a backup…</source>
            <translation>从备份恢复…</translation>
        </message>
        <message>
            <source>A backup is an encrypted copy of the whole database, made while Fieldbook keeps running. Keep it on a USB stick away from this computer; it opens only with a password or the recovery code of this node.</source>
            <translation>备份是整个数据库的加密副本，备份时外业手簿可照常使用。请将备份存放在U盘中，与本电脑分开保管；只有凭本节点的密码或恢复码才能打开。</translation>
        </message>
        <message>
            <source>Backup written to {path}</source>
            <translation>备份已写入{path}</translation>
        </message>
        <message>
            <source>Only the administrator may restore a backup.</source>
            <translation>只有管理员可以恢复备份。</translation>
        </message>
        <message>
            <source>Backups are not available in this version yet.</source>
            <translation>本版本暂不支持备份。</translation>
        </message>
        <message>
            <source>No backup has been made on this node yet.</source>
            <translation>本节点尚未做过备份。</translation>
        </message>
        <message>
            <source>Last backup: {when}</source>
            <translation>上次备份：{when}</translation>
        </message>
        <message>
            <source>Backing up…</source>
            <translation>正在备份…</translation>
        </message>
        <message>
            <source>Your role may not make backups.</source>
            <translation>您的角色无权进行备份。</translation>
        </message>
        <message>
            <source>Choose the backup to restore</source>
            <translation>选择要恢复的备份</translation>
        </message>
        <message>
            <source>Fieldbook backup (*.fbk)</source>
            <translation>外业手簿备份 (*.fbk)</translation>
        </message>
        <message>
            <source>Restore from a backup</source>
            <translation>从备份恢复</translation>
        </message>
        <message>
            <source>This replaces a lost or stolen laptop: restore as a new node with new keys, to be enrolled with the hub again</source>
            <translation>用于替换丢失或被盗的笔记本：恢复为使用新密钥的新节点，之后需重新向枢纽登记</translation>
        </message>
        <message>
            <source>The data on this computer is replaced by the backup; what is here now is kept in the node's backups folder (before-restore-…). Records made since the backup was taken are only in that folder. Fieldbook then starts again at the login window.</source>
            <translation>本机数据将被备份替换；现有数据保存在本节点的备份文件夹（before-restore-…）中，备份之后新录入的记录只在那里。随后外业手簿回到登录窗口重新开始。</translation>
        </message>
        <message>
            <source>Restore and restart</source>
            <translation>恢复并重新启动</translation>
        </message>
        <message>
            <source>Backup file:</source>
            <translation>备份文件：</translation>
        </message>
        <message>
            <source>User name:</source>
            <translation>用户名：</translation>
        </message>
        <message>
            <source>Password (as it was when the backup was made):</source>
            <translation>密码（做备份时的密码）：</translation>
        </message>
        <message>
            <source>Enter the user name and the password the backup opens with.</source>
            <translation>请输入能打开该备份的用户名和密码。</translation>
        </message>
        <message>
            <source>Checking the backup…</source>
            <translation>正在检查备份…</translation>
        </message>
    </context>
    <context>
        <name>CLI</name>
        <message>
            <source>Fieldbook: offline field records for poverty-alleviation microcredit. Without a command the window opens.</source>
            <translation>外业手簿：扶贫小额信贷离线外业记录。不带命令运行时打开程序窗口。</translation>
        </message>
        <message>
            <source>show the version and exit</source>
            <translation>显示版本号并退出</translation>
        </message>
        <message>
            <source>data folder of the node (else FIELDBOOK_DATA_DIR)</source>
            <translation>节点的数据文件夹（未指定时使用FIELDBOOK_DATA_DIR）</translation>
        </message>
        <message>
            <source>smoke-test this build</source>
            <translation>自检本安装版本（冒烟测试）</translation>
        </message>
        <message>
            <source>Interrupted.</source>
            <translation>已中断。</translation>
        </message>
        <message>
            <source>File error: {reason}</source>
            <translation>文件错误：{reason}</translation>
        </message>
        <message>
            <source>Internal error; details are in the log file of the node.</source>
            <translation>内部错误，详细信息见本节点的日志文件。</translation>
        </message>
        <message>
            <source>{prog}: {message} (see {prog} --help)</source>
            <translation>{prog}：{message}（参见 {prog} --help）</translation>
        </message>
        <message>
            <source>Set {env} or run the command in a terminal to type it.</source>
            <translation>请设置{env}，或在终端中运行该命令并手动输入。</translation>
        </message>
        <message>
            <source>The two entries differ.</source>
            <translation>两次输入不一致。</translation>
        </message>
        <message>
            <source>{value} is not a date (YYYY-MM-DD).</source>
            <translation>{value} 不是日期（应为 YYYY-MM-DD）。</translation>
        </message>
        <message>
            <source>Repeat: </source>
            <translation>再输入一次： </translation>
        </message>
        <message>
            <source>User name: </source>
            <translation>用户名： </translation>
        </message>
        <message>
            <source>Password: </source>
            <translation>密码： </translation>
        </message>
        <message>
            <source>the encrypted file of the node</source>
            <translation>节点的加密数据文件</translation>
        </message>
        <message>
            <source>Copied {rows} rows ({entries} audit entries, chain verified) into {url}. Start the hub with: hub serve --db URL</source>
            <translation>已将{rows}行数据（含{entries}条审计记录，审计链已校验）复制到{url}。请用以下命令启动中心节点：hub serve --db URL</translation>
        </message>
        <message>
            <source>The hub resumes after its restore: {peers} laptops get its real holdings at their next sync and send again what the backup lost (bundles numbered from {seq}).</source>
            <translation>中心已在恢复后继续运行：{peers} 台笔记本将在下次同步时得知中心实际持有的数据，并重新发送备份中丢失的内容（数据包编号从 {seq} 开始）。</translation>
        </message>
        <message>
            <source>Synced with {url}: sent {sent} changes ({applied} new at the hub), received {received} changes ({here} applied here, {conflicts} conflicts listed).</source>
            <translation>已与{url}同步：发送{sent}条更改（中心节点新收{applied}条），收到{received}条更改（本机应用{here}条，列出{conflicts}处冲突）。</translation>
        </message>
        <message>
            <source>the hub's HTTP mailbox for field nodes</source>
            <translation>中心节点面向外业节点的HTTP数据收发服务</translation>
        </message>
        <message>
            <source>serve the mailbox (field nodes push and pull bundles)</source>
            <translation>运行数据收发服务（供外业节点上传和下载数据包）</translation>
        </message>
        <message>
            <source>copy this hub's data into an empty server database once</source>
            <translation>将本中心节点的数据一次性复制到空的服务器数据库</translation>
        </message>
        <message>
            <source>after restoring the hub's database from a backup or a dump: make its laptops send again what it lost</source>
            <translation>在从备份或转储恢复中心数据库之后运行：让各笔记本重新发送中心丢失的数据</translation>
        </message>
        <message>
            <source>one push-and-pull round with the hub over HTTP</source>
            <translation>通过HTTP与中心节点进行一轮上传和下载</translation>
        </message>
        <message>
            <source>This hub's data was moved to a server database ({where}); start it with --db URL.</source>
            <translation>本中心节点的数据已迁移到服务器数据库（{where}）；请加上 --db URL 启动。</translation>
        </message>
        <message>
            <source>Hub mailbox of {name} on http://{host}:{port} (data in {where}); Ctrl+C stops it.</source>
            <translation>{name}的中心节点数据收发服务已在http://{host}:{port}上运行（数据位于{where}）；按Ctrl+C停止。</translation>
        </message>
        <message>
            <source>Give the hub's address with --hub URL (or set it in Settings).</source>
            <translation>请用 --hub URL 指定中心节点地址（或在“设置”中填写）。</translation>
        </message>
        <message>
            <source>a server database URL, e.g. postgresql+psycopg://user@host/db (after hub init-db); default: the node's encrypted file</source>
            <translation>服务器数据库地址，如postgresql+psycopg://user@host/db（须先运行hub init-db）；默认：节点的加密数据文件</translation>
        </message>
        <message>
            <source>worker processes serving the mailbox (default 1)</source>
            <translation>提供邮箱服务的工作进程数（默认 1）</translation>
        </message>
        <message>
            <source>seconds the requests in flight may take to finish when the hub stops</source>
            <translation>中心停止时，正在处理的请求最多可用多少秒完成</translation>
        </message>
        <message>
            <source>the server database URL the hub serves from (default: the node's encrypted file)</source>
            <translation>中心所用服务器数据库的 URL（默认：本节点的加密文件）</translation>
        </message>
        <message>
            <source>the hub's address, e.g. http://192.168.1.10:8650</source>
            <translation>中心节点地址，如http://192.168.1.10:8650</translation>
        </message>
        <message>
            <source>Hub mailbox of {name} on http://{host}:{port} with {n} workers (data in {where}); Ctrl+C stops it.</source>
            <translation>{name} 的中心邮箱运行于 http://{host}:{port}，共 {n} 个工作进程（数据在 {where}）；按 Ctrl+C 停止。</translation>
        </message>
        <message>
            <source>The hub could not listen on {host}:{port} (in use, or not allowed).</source>
            <translation>中心节点无法在{host}:{port}上监听（端口已被占用或不允许使用）。</translation>
        </message>
        <message>
            <source>Password for {user}: </source>
            <translation>{user}的密码： </translation>
        </message>
        <message>
            <source>Created the {role} node "{name}" in {path}.</source>
            <translation>已在{path}创建节点“{name}”（类型：{role}）。</translation>
        </message>
        <message>
            <source>Recovery code (write it down and keep it safe; it opens the data if every password is lost):</source>
            <translation>恢复码（请抄写下来并妥善保管；所有密码都遗失时，可凭它打开数据）：</translation>
        </message>
        <message>
            <source>Added the user {user} with the role {role}.</source>
            <translation>已添加用户{user}，角色：{role}。</translation>
        </message>
        <message>
            <source>Demo data added: {summary}</source>
            <translation>已添加演示数据：{summary}</translation>
        </message>
        <message>
            <source>Check passed: database, encryption and audit chain are intact.</source>
            <translation>检查通过：数据库、加密和审计链完好。</translation>
        </message>
        <message>
            <source>Backup written to {path}</source>
            <translation>备份已写入{path}</translation>
        </message>
        <message>
            <source>Restored the backup of {created}; the previous data was kept in {kept}.</source>
            <translation>已恢复{created}的备份；原有数据保留在{kept}。</translation>
        </message>
        <message>
            <source>New password: </source>
            <translation>新密码： </translation>
        </message>
        <message>
            <source>Password changed.</source>
            <translation>密码已修改。</translation>
        </message>
        <message>
            <source>Recovery code: </source>
            <translation>恢复码： </translation>
        </message>
        <message>
            <source>A new password is set for {user}.</source>
            <translation>已为{user}设置新密码。</translation>
        </message>
        <message>
            <source>create a node and its first administrator</source>
            <translation>创建节点及其首个系统管理员</translation>
        </message>
        <message>
            <source>manage users</source>
            <translation>管理用户</translation>
        </message>
        <message>
            <source>add a user (password from FIELDBOOK_NEW_PASSWORD)</source>
            <translation>添加用户（密码取自FIELDBOOK_NEW_PASSWORD）</translation>
        </message>
        <message>
            <source>fill the node with a realistic synthetic district</source>
            <translation>用一个仿真的模拟城区数据填充节点</translation>
        </message>
        <message>
            <source>verify the database, its encryption and the audit chain</source>
            <translation>检查数据库、加密和审计链</translation>
        </message>
        <message>
            <source>write an encrypted backup of the node</source>
            <translation>生成节点的加密备份</translation>
        </message>
        <message>
            <source>restore a backup after checking it</source>
            <translation>检查备份无误后恢复</translation>
        </message>
        <message>
            <source>change your password (new one from FIELDBOOK_NEW_PASSWORD)</source>
            <translation>修改密码（新密码取自FIELDBOOK_NEW_PASSWORD）</translation>
        </message>
        <message>
            <source>set a new password with the recovery code</source>
            <translation>用恢复码设置新密码</translation>
        </message>
        <message>
            <source>Check failed: {n} problems found.</source>
            <translation>检查未通过：发现{n}个问题。</translation>
        </message>
        <message>
            <source>Restored as a new node {node}: enrol it with the hub again (enroll request). {n} changes the hub had not received were recorded again as this node's work.</source>
            <translation>已恢复为新节点 {node}：请重新向枢纽登记（enroll request）。枢纽尚未收到的 {n} 项更改已作为本节点的工作重新记录。</translation>
        </message>
        <message>
            <source>street code, e.g. 610111001 (required for a field node)</source>
            <translation>街道代码，如610111001（外业节点必填）</translation>
        </message>
        <message>
            <source>show the demo accounts on the login screen (demo nodes only)</source>
            <translation>在登录界面显示演示账户（仅限演示节点）</translation>
        </message>
        <message>
            <source>verify every page, log entry, row and photo again (the routine check starts from the last verified entry)</source>
            <translation>重新核验每个数据页、每条日志、每一行和每张照片（日常检查从上次核验过的条目开始）</translation>
        </message>
        <message>
            <source>this replaces a lost or stolen laptop: restore as a new node with new keys, to be enrolled again</source>
            <translation>用于替换丢失或被盗的笔记本：恢复为使用新密钥的新节点，之后需重新登记</translation>
        </message>
        <message>
            <source>Wrote {path} (verification code {code}).</source>
            <translation>已写入{path}（核验码{code}）。</translation>
        </message>
        <message>
            <source>Wrote {n} records ({visits} visit records, {checks} loan-use checks) to {path}.</source>
            <translation>已将{n}份记录（回访记录{visits}份，用途核查记录{checks}份）写入{path}。</translation>
        </message>
        <message>
            <source>Wrote the follow-up list of {n} loans to {path}.</source>
            <translation>已将{n}笔贷款的回访计划表写入{path}。</translation>
        </message>
        <message>
            <source>print records and summaries to PDF</source>
            <translation>将记录和汇总表打印为PDF</translation>
        </message>
        <message>
            <source>every visit record and loan-use check dated in a range (or one kind of them), one PDF, oldest first</source>
            <translation>日期范围内的全部回访记录和贷款用途核查记录（或其中一类），合为一个PDF，按日期从早到晚</translation>
        </message>
        <message>
            <source>the follow-up list: loans due a visit in a range (回访计划表)</source>
            <translation>回访计划表：某一时间段内应回访的贷款</translation>
        </message>
        <message>
            <source>check a printed record's verification code</source>
            <translation>核对打印记录上的核验码</translation>
        </message>
        <message>
            <source>The output file must end in .pdf.</source>
            <translation>输出文件名须以 .pdf 结尾。</translation>
        </message>
        <message>
            <source>Warning: {message}</source>
            <translation>警告：{message}</translation>
        </message>
        <message>
            <source>No records dated from {start} to {end}.</source>
            <translation>{start}至{end}之间没有记录。</translation>
        </message>
        <message>
            <source>one visit record (入户回访记录表) as a PDF</source>
            <translation>将一份回访记录打印为PDF（入户回访记录表）</translation>
        </message>
        <message>
            <source>one loan-use check record as a PDF</source>
            <translation>将一份用途核查记录打印为PDF</translation>
        </message>
        <message>
            <source>all (default): visit records and loan-use checks; visit; use-check</source>
            <translation>all（默认）：回访记录和用途核查记录；visit：仅回访记录；use-check：仅用途核查记录</translation>
        </message>
        <message>
            <source>the record id (see "records list"), 8+ characters of it, or the verification code on the paper</source>
            <translation>记录编号（见“records list”）、编号的前8位以上，或纸质件上的核验码</translation>
        </message>
        <message>
            <source>print full citizen IDs and phone numbers (if your role may)</source>
            <translation>打印完整身份证号和电话号码（须您的角色有此权限）</translation>
        </message>
        <message>
            <source>the claim id as "subsidy claim" printed it, or 8+ characters of it</source>
            <translation>“subsidy claim”显示的申请编号，或其前8位以上</translation>
        </message>
        <message>
            <source>subsidy claim</source>
            <translation>贴息申请</translation>
        </message>
        <message>
            <source>Claim {claim} filed.</source>
            <translation>贴息申请{claim}已提交。</translation>
        </message>
        <message>
            <source>Claim {claim}: {status}.</source>
            <translation>贴息申请{claim}：{status}。</translation>
        </message>
        <message>
            <source>Claim {claim} paid.</source>
            <translation>贴息申请{claim}已拨付。</translation>
        </message>
        <message>
            <source>{n} overdue loans to report to the fund on {date}.</source>
            <translation>{date}应报送风险补偿金的逾期贷款共{n}笔。</translation>
        </message>
        <message>
            <source>{n} warnings on {date}.</source>
            <translation>{date}共有{n}条预警。</translation>
        </message>
        <message>
            <source>interest subsidy claims</source>
            <translation>贴息申请</translation>
        </message>
        <message>
            <source>file an interest subsidy claim for a loan and period</source>
            <translation>为某笔贷款的某一期间提交贴息申请</translation>
        </message>
        <message>
            <source>approve or refuse a filed claim</source>
            <translation>批准或驳回已提交的贴息申请</translation>
        </message>
        <message>
            <source>record that an approved claim was paid</source>
            <translation>登记已批准的贴息申请已拨付</translation>
        </message>
        <message>
            <source>the risk compensation fund</source>
            <translation>风险补偿金</translation>
        </message>
        <message>
            <source>the fund balance against the covered loans</source>
            <translation>风险补偿金余额与覆盖贷款的对比</translation>
        </message>
        <message>
            <source>the overdue loans to report to the fund (within the days the setting allows); --report records the report</source>
            <translation>列出应报送风险补偿金的逾期贷款（须在设置规定的天数内报送）；加 --report 登记报送</translation>
        </message>
        <message>
            <source>overdue dividends and the risk fund's leverage on a day</source>
            <translation>某日的分红逾期情况和风险补偿金放大倍数</translation>
        </message>
        <message>
            <source>{id} ({period}, {amount} yuan, {status})</source>
            <translation>{id}（{period}，{amount}元，{status}）</translation>
        </message>
        <message>
            <source>Claim {claim} recorded and refused by rule: {reason}</source>
            <translation>贴息申请{claim}已登记，但按规定不予受理：{reason}</translation>
        </message>
        <message>
            <source>Recorded {n} overdue loans as reported to the fund in {report}.</source>
            <translation>已登记{n}笔逾期贷款通过《{report}》报送风险补偿金。</translation>
        </message>
        <message>
            <source>the loan's contract number</source>
            <translation>贷款合同编号</translation>
        </message>
        <message>
            <source>the bank (code or name) when two banks share the number</source>
            <translation>经办银行（代码或名称），两家银行合同编号相同时须填写</translation>
        </message>
        <message>
            <source>2026Q3, 2026H1, 2026-07, 2026 or a range of days 2026-07-01~2026-08-15</source>
            <translation>2026Q3、2026H1、2026-07、2026，或日期区间如2026-07-01~2026-08-15</translation>
        </message>
        <message>
            <source>amount in yuan</source>
            <translation>金额（元）</translation>
        </message>
        <message>
            <source>claim date (default today)</source>
            <translation>申请日期（默认今天）</translation>
        </message>
        <message>
            <source>the reason (required to refuse)</source>
            <translation>理由（驳回时必填）</translation>
        </message>
        <message>
            <source>approved amount in yuan (default the amount claimed)</source>
            <translation>批准金额（元，默认为申请金额）</translation>
        </message>
        <message>
            <source>decision date (default today)</source>
            <translation>审批日期（默认今天）</translation>
        </message>
        <message>
            <source>payment date (default today)</source>
            <translation>拨付日期（默认今天）</translation>
        </message>
        <message>
            <source>the day (default today)</source>
            <translation>日期（默认今天）</translation>
        </message>
        <message>
            <source>also the loans already reported</source>
            <translation>同时列出已报送的贷款</translation>
        </message>
        <message>
            <source>record that the listed loans were reported to the fund in this report (title or number)</source>
            <translation>登记所列贷款已通过此报告（标题或文号）报送风险补偿金</translation>
        </message>
        <message>
            <source>with --report: only this loan (repeatable)</source>
            <translation>与 --report 同用：只登记这笔贷款（可重复指定）</translation>
        </message>
        <message>
            <source>the bank (code or name) when two banks share a number</source>
            <translation>两家银行合同编号相同时，指定经办银行（代码或名称）</translation>
        </message>
        <message>
            <source>{n} records.</source>
            <translation>共{n}条记录。</translation>
        </message>
        <message>
            <source>{kind} {id}, version {version}</source>
            <translation>{kind} {id}，第{version}版</translation>
        </message>
        <message>
            <source>field records</source>
            <translation>外业记录</translation>
        </message>
        <message>
            <source>list field records (latest versions, newest first): id, kind, date, version, names</source>
            <translation>列出外业记录（最新版本，新的在前）：编号、类型、日期、版本、姓名</translation>
        </message>
        <message>
            <source>show one field record</source>
            <translation>显示一条外业记录</translation>
        </message>
        <message>
            <source>--from {start} is after --to {end}.</source>
            <translation>--from {start} 晚于 --to {end}。</translation>
        </message>
        <message>
            <source>yes</source>
            <translation>是</translation>
        </message>
        <message>
            <source>no</source>
            <translation>否</translation>
        </message>
        <message>
            <source>only this street's households: its name (狄寨街道) or code (610111006)</source>
            <translation>只列出该街道的农户：街道名称（狄寨街道）或代码（610111006）</translation>
        </message>
        <message>
            <source>the record id, 8+ characters of it, or the verification code on the paper</source>
            <translation>记录编号、编号的前8位以上，或纸质件上的核验码</translation>
        </message>
        <message>
            <source>Signed off by</source>
            <translation>审核人</translation>
        </message>
        <message>
            <source>Wrote {n} rows to {path} (as of {as_of}; citizen IDs {ids}).</source>
            <translation>已将{n}行写入{path}（截至{as_of}；身份证号{ids}）。</translation>
        </message>
        <message>
            <source>import households, loans or a bank's repayment statement from a workbook (.xlsx, .xls or .ods)</source>
            <translation>从工作簿（.xlsx、.xls 或 .ods）导入农户、贷款或银行还款流水</translation>
        </message>
        <message>
            <source>export ledgers</source>
            <translation>导出台账</translation>
        </message>
        <message>
            <source>write an Excel ledger (台账)</source>
            <translation>导出Excel台账</translation>
        </message>
        <message>
            <source>Dry run: nothing was written. The import would do this:</source>
            <translation>试运行：未写入任何内容。正式导入时将会：</translation>
        </message>
        <message>
            <source>Row {row} (imported, with a warning): {reason}</source>
            <translation>第{row}行（已导入，有提示）：{reason}</translation>
        </message>
        <message>
            <source>... and {n} more rows imported with a warning.</source>
            <translation>……另有{n}行已导入但有提示。</translation>
        </message>
        <message>
            <source>The ledger file must end in .xlsx.</source>
            <translation>台账文件名必须以.xlsx结尾。</translation>
        </message>
        <message>
            <source>show what would be added, updated, unchanged and refused; write nothing</source>
            <translation>只显示将新增、更新、不变和拒绝的记录，不写入任何内容</translation>
        </message>
        <message>
            <source>write the refused rows with their reasons to this workbook</source>
            <translation>把被拒绝的行及其原因写入此工作簿</translation>
        </message>
        <message>
            <source>the day the ledger describes (default today)</source>
            <translation>台账截止日期（默认今天）</translation>
        </message>
        <message>
            <source>full citizen IDs instead of masked ones (needs the permission)</source>
            <translation>导出完整身份证号，而非部分隐藏的号码（需要相应权限）</translation>
        </message>
        <message>
            <source>Row {row} would be imported without: {reason}</source>
            <translation>第{row}行将导入，但不导入此项：{reason}</translation>
        </message>
        <message>
            <source>Row {row} imported without: {reason}</source>
            <translation>第{row}行已导入，但未导入此项：{reason}</translation>
        </message>
        <message>
            <source>Row {row}: {reason}</source>
            <translation>第{row}行：{reason}</translation>
        </message>
        <message>
            <source>... and {n} more refused rows.</source>
            <translation>……另有{n}行被拒绝。</translation>
        </message>
        <message>
            <source>{n} rows were refused; they are in {path} with the reasons (错误原因), ready to be corrected and sent again.</source>
            <translation>{n}行被拒绝；已连同错误原因写入{path}，修改后可重新报送。</translation>
        </message>
        <message>
            <source>{n} rows were refused; add --errors FILE.xlsx to get them in a workbook that can be corrected and sent again.</source>
            <translation>{n}行被拒绝；加上 --errors 文件名.xlsx 可将这些行写入工作簿，修改后重新报送。</translation>
        </message>
        <message>
            <source>Nothing to change: the database already holds this file's data.</source>
            <translation>无需更改：数据库中已有此文件的数据。</translation>
        </message>
        <message>
            <source>in full</source>
            <translation>为完整号码</translation>
        </message>
        <message>
            <source>masked</source>
            <translation>已部分隐藏</translation>
        </message>
        <message>
            <source>the day of this step (default today)</source>
            <translation>此步骤的日期（默认今天）</translation>
        </message>
        <message>
            <source>the proposal id from "disposal list", or 8+ characters of it</source>
            <translation>“disposal list”显示的处置申请编号，或其前8位以上</translation>
        </message>
        <message>
            <source>Wrote the risk summary to {path}.</source>
            <translation>风险情况汇总表已写入 {path}。</translation>
        </message>
        <message>
            <source>Proposed {kind} for {contract}: {id}</source>
            <translation>已对贷款{contract}提议{kind}：{id}</translation>
        </message>
        <message>
            <source>Recorded {n} disposals as reported to the finance office in {report}.</source>
            <translation>已登记{n}项处置通过《{report}》报送区财政局（金融办）。</translation>
        </message>
        <message>
            <source>Executed {id}.</source>
            <translation>{id}已执行。</translation>
        </message>
        <message>
            <source>{n} disposal proposals.</source>
            <translation>共{n}条处置提议。</translation>
        </message>
        <message>
            <source>Recorded the joint review of {date} on {n} loans: {id}</source>
            <translation>已登记{date}会商研判（涉及{n}笔贷款）：{id}</translation>
        </message>
        <message>
            <source>{n} joint reviews.</source>
            <translation>共{n}次会商研判。</translation>
        </message>
        <message>
            <source>Joint review {id} of {date} at {place}</source>
            <translation>会商研判 {id}（{date}，{place}）</translation>
        </message>
        <message>
            <source>Participants: {people}</source>
            <translation>参会人员：{people}</translation>
        </message>
        <message>
            <source>list the risk warnings on a day (most urgent first)</source>
            <translation>列出某日的风险预警（最紧急的在前）</translation>
        </message>
        <message>
            <source>the risk summary by street and bank for the finance office (PDF)</source>
            <translation>报送金融办的分街道、分银行风险情况汇总表（PDF）</translation>
        </message>
        <message>
            <source>classified disposal: propose, approve or reject, execute</source>
            <translation>分类处置：提议、审批（批准或不予批准）、执行</translation>
        </message>
        <message>
            <source>propose a disposal of one loan</source>
            <translation>对一笔贷款提议分类处置</translation>
        </message>
        <message>
            <source>approve or reject a proposal (not your own)</source>
            <translation>批准或不予批准一条处置提议（不能审批本人的提议）</translation>
        </message>
        <message>
            <source>the bank carries out an approved proposal</source>
            <translation>由银行执行已批准的处置提议</translation>
        </message>
        <message>
            <source>record that decided disposals were reported to the finance office (区财政局/金融办)</source>
            <translation>登记已决定的处置已报送区财政局（金融办）</translation>
        </message>
        <message>
            <source>list the disposal proposals</source>
            <translation>列出处置提议</translation>
        </message>
        <message>
            <source>joint review meetings (会商研判)</source>
            <translation>会商研判会议</translation>
        </message>
        <message>
            <source>record a joint review and its decision on each loan</source>
            <translation>登记会商研判及对每笔贷款的决定</translation>
        </message>
        <message>
            <source>list the joint reviews recorded, newest first</source>
            <translation>列出已记录的会商研判，新的在前</translation>
        </message>
        <message>
            <source>show one joint review and its decisions</source>
            <translation>显示一次会商研判及其逐笔决定</translation>
        </message>
        <message>
            <source>Approved {id}.</source>
            <translation>{id}已批准。</translation>
        </message>
        <message>
            <source>Rejected {id}.</source>
            <translation>{id}已不予批准。</translation>
        </message>
        <message>
            <source>It needs the district's approval before it is executed: {reason}</source>
            <translation>执行前须经区级审批：{reason}</translation>
        </message>
        <message>
            <source>--loan wants CONTRACT:"decision", not {value}.</source>
            <translation>--loan 的格式应为 合同编号:"决定"，而不是{value}。</translation>
        </message>
        <message>
            <source>keep monitoring</source>
            <translation>继续跟踪</translation>
        </message>
        <message>
            <source>the day to look at (default today)</source>
            <translation>查看的日期（默认今天）</translation>
        </message>
        <message>
            <source>only this rule (repeatable)</source>
            <translation>只看此类预警（可重复）</translation>
        </message>
        <message>
            <source>only this street, e.g. 610111001</source>
            <translation>只看此街道，如 610111001</translation>
        </message>
        <message>
            <source>only this bank (code or name)</source>
            <translation>只看此银行（代码或名称）</translation>
        </message>
        <message>
            <source>only loans of this suggested risk class</source>
            <translation>只看建议分类为此类的贷款</translation>
        </message>
        <message>
            <source>only warnings at least this severe</source>
            <translation>只看不低于此严重程度的预警</translation>
        </message>
        <message>
            <source>the day the summary describes (default today)</source>
            <translation>汇总的截至日期（默认今天）</translation>
        </message>
        <message>
            <source>the contract number</source>
            <translation>合同编号</translation>
        </message>
        <message>
            <source>the bank (code or name) when several have the contract</source>
            <translation>银行（代码或名称），多家银行有同一合同编号时指定</translation>
        </message>
        <message>
            <source>months of extension (extension)</source>
            <translation>展期月数（展期）</translation>
        </message>
        <message>
            <source>the new maturity (reschedule, renewal)</source>
            <translation>新到期日（重新约定还款计划、无还本续贷）</translation>
        </message>
        <message>
            <source>the top-up or the claim in yuan</source>
            <translation>追加贷款或代偿申请金额（元）</translation>
        </message>
        <message>
            <source>a note on the terms</source>
            <translation>处置条件说明</translation>
        </message>
        <message>
            <source>a claim: what the bank did to recover the loan</source>
            <translation>代偿申请：银行已采取的清收措施</translation>
        </message>
        <message>
            <source>a claim: the day the loss was confirmed</source>
            <translation>代偿申请：损失认定日期</translation>
        </message>
        <message>
            <source>a claim: how the loss was confirmed</source>
            <translation>代偿申请：损失认定方式</translation>
        </message>
        <message>
            <source>why (required to reject)</source>
            <translation>理由（不予批准时必填）</translation>
        </message>
        <message>
            <source>the proposal ids from "disposal list", or 8+ characters of each</source>
            <translation>“disposal list”列出的处置建议编号，或每个编号的前 8 位以上</translation>
        </message>
        <message>
            <source>the report's title or document number</source>
            <translation>报告标题或文号</translation>
        </message>
        <message>
            <source>names separated by commas</source>
            <translation>参会人员，用逗号分隔</translation>
        </message>
        <message>
            <source>a loan and the decision on it (repeatable); CONTRACT:KIND:TEXT also records the disposal kind</source>
            <translation>一笔贷款及会议对其的决定（可重复）；写成 合同编号:处置方式:说明 时同时登记处置方式</translation>
        </message>
        <message>
            <source>the bank (code or name) when several have a contract</source>
            <translation>银行（代码或名称），多家银行有同一合同编号时指定</translation>
        </message>
        <message>
            <source>a summary of the meeting</source>
            <translation>会议纪要</translation>
        </message>
        <message>
            <source>the review id from "joint-review list", or 8+ characters of it</source>
            <translation>“joint-review list”显示的会商编号，或其前8位以上</translation>
        </message>
        <message>
            <source>{n} loans</source>
            <translation>{n}笔贷款</translation>
        </message>
        <message>
            <source>Enrolment request written to {path}.</source>
            <translation>注册申请已写入{path}。</translation>
        </message>
        <message>
            <source>Fingerprint of this node: {fingerprint} (the hub must see the same).</source>
            <translation>本节点密钥指纹：{fingerprint}（中心节点上显示的应与此相同）。</translation>
        </message>
        <message>
            <source>Request fingerprint: {fingerprint} - compare it with the field laptop's screen.</source>
            <translation>申请的密钥指纹：{fingerprint}——请与外业笔记本电脑屏幕上显示的核对。</translation>
        </message>
        <message>
            <source>Enrolled {name} ({node}) for street {street} until {date}; roster version {roster}.</source>
            <translation>已为街道{street}注册{name}（{node}），有效期至{date}；节点名册版本{roster}。</translation>
        </message>
        <message>
            <source>Hub fingerprint: {fingerprint}. Certificate written to {path}.</source>
            <translation>中心节点密钥指纹：{fingerprint}。证书已写入{path}。</translation>
        </message>
        <message>
            <source>Enrolled with the hub {name} ({node}) until {date}.</source>
            <translation>已在中心节点{name}（{node}）注册，有效期至{date}。</translation>
        </message>
        <message>
            <source>Hub fingerprint: {fingerprint} (the hub's screen must show the same).</source>
            <translation>中心节点密钥指纹：{fingerprint}（中心节点屏幕上显示的应与此相同）。</translation>
        </message>
        <message>
            <source>Revoked the node {node}; roster version {roster}. Its bundles are refused from now on.</source>
            <translation>已吊销节点{node}；节点名册版本{roster}。今后将拒收该节点的数据包。</translation>
        </message>
        <message>
            <source>revoked</source>
            <translation>已吊销</translation>
        </message>
        <message>
            <source>expired</source>
            <translation>已过期</translation>
        </message>
        <message>
            <source>active</source>
            <translation>有效</translation>
        </message>
        <message>
            <source>{n} enrolled nodes.</source>
            <translation>共{n}个已登记节点。</translation>
        </message>
        <message>
            <source>{n} changes discarded.</source>
            <translation>已舍弃 {n} 条变更。</translation>
        </message>
        <message>
            <source>this node</source>
            <translation>本节点</translation>
        </message>
        <message>
            <source>enrolled here</source>
            <translation>已在此注册</translation>
        </message>
        <message>
            <source>REVOKED</source>
            <translation>已吊销</translation>
        </message>
        <message>
            <source>certificate expired</source>
            <translation>证书已过期</translation>
        </message>
        <message>
            <source>UNKNOWN here</source>
            <translation>此处未知</translation>
        </message>
        <message>
            <source>valid</source>
            <translation>有效</translation>
        </message>
        <message>
            <source>DOES NOT VERIFY (damaged, altered or not written by the sender)</source>
            <translation>验证失败（已损坏、被篡改或并非发送方所写）</translation>
        </message>
        <message>
            <source>not checked (sender or suite unknown here)</source>
            <translation>未检查（此处不认识发送方或加密套件）</translation>
        </message>
        <message>
            <source>enrol a field node with its hub (offline)</source>
            <translation>将外业节点注册到其中心节点（离线）</translation>
        </message>
        <message>
            <source>write this field node's enrolment request</source>
            <translation>生成本外业节点的注册申请</translation>
        </message>
        <message>
            <source>at the hub: issue a node certificate for a request</source>
            <translation>在中心节点上：为注册申请签发节点证书</translation>
        </message>
        <message>
            <source>accept the hub's certificate on this field node</source>
            <translation>在本外业节点上接收中心节点签发的证书</translation>
        </message>
        <message>
            <source>at the hub: revoke an enrolled node</source>
            <translation>在中心节点上：吊销已注册的节点</translation>
        </message>
        <message>
            <source>list the enrolled peers</source>
            <translation>列出已注册的对端节点</translation>
        </message>
        <message>
            <source>exchange data by signed, encrypted bundle files</source>
            <translation>通过签名、加密的数据包文件交换数据</translation>
        </message>
        <message>
            <source>write one bundle per peer with something to send</source>
            <translation>为每个有数据待发送的对端节点各生成一个数据包</translation>
        </message>
        <message>
            <source>import bundle files (or the bundles in a folder)</source>
            <translation>导入数据包文件（或某文件夹中的全部数据包）</translation>
        </message>
        <message>
            <source>the changes that could not be applied: list them, apply them after a fix, or discard them with a reason</source>
            <translation>未能应用的变更：列出、修正后重新应用，或注明原因后舍弃</translation>
        </message>
        <message>
            <source>sender, recipient, suite, sizes and counts of bundle files (or the bundles in a folder); nothing is decrypted</source>
            <translation>显示数据包文件（或文件夹中的数据包）的发送方、接收方、加密套件、大小和数量；不解密任何内容</translation>
        </message>
        <message>
            <source>{path}: {changes} changes, {blobs} attachments for {node}.</source>
            <translation>{path}：发往{node}的{changes}条更改、{blobs}个附件。</translation>
        </message>
        <message>
            <source>Nothing new to send.</source>
            <translation>没有需要发送的新数据。</translation>
        </message>
        <message>
            <source>{path}: {applied} changes applied, {skipped} already here, {proposals} proposals kept for review, {conflicts} conflicts listed.</source>
            <translation>{path}：已应用{applied}条更改，{skipped}条此前已有，{proposals}条修改提议留待审核，列出{conflicts}处冲突。</translation>
        </message>
        <message>
            <source>Name the changes by their id (see bundle quarantine list).</source>
            <translation>请用编号指明变更（见 bundle quarantine list）。</translation>
        </message>
        <message>
            <source>{applied} changes applied; {held} still wait in quarantine.</source>
            <translation>已应用 {applied} 条变更；仍有 {held} 条在隔离区等待。</translation>
        </message>
        <message>
            <source>Say why with --reason.</source>
            <translation>请用 --reason 说明原因。</translation>
        </message>
        <message>
            <source>ANOTHER node</source>
            <translation>其他节点</translation>
        </message>
        <message>
            <source>unknown to this version of Fieldbook</source>
            <translation>此版本的 Fieldbook 不认识</translation>
        </message>
        <message>
            <source>  sender:    {name} {node} ({state})</source>
            <translation>  发送方：  {name} {node}（{state}）</translation>
        </message>
        <message>
            <source>  recipient: {name} {node} ({whose})</source>
            <translation>  接收方：  {name} {node}（{whose}）</translation>
        </message>
        <message>
            <source>  suite:     {suite} - {name}; format {version}</source>
            <translation>  加密套件：{suite} - {name}；格式 {version}</translation>
        </message>
        <message>
            <source>  created:   {when}; bundle number {seq}, roster version {roster}</source>
            <translation>  创建时间：{when}；数据包编号 {seq}，名册版本 {roster}</translation>
        </message>
        <message>
            <source>  size:      {size} bytes (payload {payload} bytes)</source>
            <translation>  大小：    {size} 字节（有效载荷 {payload} 字节）</translation>
        </message>
        <message>
            <source>  content:   {changes} changes, {blobs} attachments, {entries} entries, from {origins} nodes</source>
            <translation>  内容：    {changes} 项变更，{blobs} 个附件，{entries} 个条目，来自 {origins} 个节点</translation>
        </message>
        <message>
            <source>  signature: {state}</source>
            <translation>  签名：    {state}</translation>
        </message>
        <message>
            <source>the node's name (as "enroll list" shows it) or its id (8+ characters)</source>
            <translation>节点名称（如“enroll list”所示）或其编号（前8位以上）</translation>
        </message>
        <message>
            <source>only for this enrolled node: its name (as "enroll list" shows it) or its id (8+ characters)</source>
            <translation>只发给这个已登记节点：其名称（如“enroll list”所示）或编号（前8位以上）</translation>
        </message>
        <message>
            <source>cipher suite for this export (default: the district's setting)</source>
            <translation>本次导出使用的密码套件（默认：区县设置）</translation>
        </message>
        <message>
            <source>{path}: already imported; nothing changed.</source>
            <translation>{path}：此前已导入，未做任何更改。</translation>
        </message>
        <message>
            <source>{n} records were registered here already under another id (the same household or village from two laptops); they were joined, and any difference is kept as a proposal.</source>
            <translation>有 {n} 条记录本机已用另一个编号登记过（两台笔记本登记了同一户或同一个村）；已合并为同一条记录，不同之处作为更正建议保留待审。</translation>
        </message>
        <message>
            <source>{n} changes could not be applied and wait in quarantine; everything else was applied. See them with: bundle quarantine list</source>
            <translation>有 {n} 条变更未能应用，已放入隔离区等待；其余内容均已应用。查看：bundle quarantine list</translation>
        </message>
        <message>
            <source>{n} changes carry a clock stamp far ahead of this computer's; they are listed for review.</source>
            <translation>{n}条更改的时间戳远远晚于本电脑的当前时间，已列出待审核。</translation>
        </message>
        <message>
            <source>No change in quarantine matches {ref}.</source>
            <translation>隔离区中没有与 {ref} 对应的变更。</translation>
        </message>
        <message>
            <source>No change waits in quarantine.</source>
            <translation>隔离区中没有等待处理的变更。</translation>
        </message>
        <message>
            <source>… and {n} more.</source>
            <translation>……另有 {n} 条。</translation>
        </message>
        <message>
            <source>{path}: refused: {reason} Nothing from this file was applied.</source>
            <translation>{path}：被拒收：{reason} 该文件中的内容均未应用。</translation>
        </message>
        <message>
            <source>             changes {first}-{last} of {node}</source>
            <translation>             {node} 的第 {first}-{last} 项变更</translation>
        </message>
    </context>
    <context>
        <name>Charts</name>
        <message>
            <source>Item</source>
            <translation>项目</translation>
        </message>
        <message>
            <source>Image…</source>
            <translation>图片…</translation>
        </message>
        <message>
            <source>Save the chart as a PNG image</source>
            <translation>将图表保存为PNG图片</translation>
        </message>
        <message>
            <source>Excel…</source>
            <translation>Excel…</translation>
        </message>
        <message>
            <source>Save the chart's numbers as an Excel workbook</source>
            <translation>将图表数据保存为Excel工作簿</translation>
        </message>
        <message>
            <source>Save the chart</source>
            <translation>保存图表</translation>
        </message>
        <message>
            <source>PNG images (*.png)</source>
            <translation>PNG图片 (*.png)</translation>
        </message>
        <message>
            <source>Save the chart's data</source>
            <translation>保存图表数据</translation>
        </message>
        <message>
            <source>Excel workbooks (*.xlsx)</source>
            <translation>Excel工作簿 (*.xlsx)</translation>
        </message>
        <message>
            <source>The image could not be written.</source>
            <translation>图片未能写入。</translation>
        </message>
        <message>
            <source>Amount (yuan)</source>
            <translation>金额（元）</translation>
        </message>
        <message>
            <source>Count</source>
            <translation>数量</translation>
        </message>
        <message>
            <source>Times</source>
            <translation>倍数</translation>
        </message>
        <message>
            <source>No data</source>
            <translation>无数据</translation>
        </message>
        <message>
            <source>Not saved</source>
            <translation>未保存</translation>
        </message>
        <message>
            <source>The file could not be written: {reason}</source>
            <translation>文件未能写入：{reason}</translation>
        </message>
    </context>
    <context>
        <name>Check</name>
        <message>
            <source>audit: the log ends at entry {last}, but entry {seq} was written: entries were cut off the end</source>
            <translation>审计：日志止于第{last}条，但曾写入第{seq}条：日志末尾的条目被截掉了</translation>
        </message>
        <message>
            <source>encryption: {detail}</source>
            <translation>加密：{detail}</translation>
        </message>
        <message>
            <source>audit: the log was rewritten at or before entry {seq}, which the last check verified</source>
            <translation>审计：上次检查已核验的第{seq}条或更早的日志被改写了</translation>
        </message>
        <message>
            <source>audit: the anchor of the log (integrity.json) was altered</source>
            <translation>审计：日志的锚点（integrity.json）被篡改了</translation>
        </message>
        <message>
            <source>audit: the anchor of the log (integrity.json) is missing</source>
            <translation>审计：日志的锚点（integrity.json）缺失</translation>
        </message>
        <message>
            <source>audit: entry {seq} is not the entry that was written</source>
            <translation>审计：第{seq}条不是当初写入的那一条</translation>
        </message>
        <message>
            <source>audit: the recorded row hashes of {table} were altered</source>
            <translation>审计：{table}已记录的行哈希被篡改了</translation>
        </message>
        <message>
            <source>integrity: {detail}</source>
            <translation>完整性：{detail}</translation>
        </message>
        <message>
            <source>audit: the record of the last check (integrity.json) was altered</source>
            <translation>审计：上次检查的记录（integrity.json）被篡改了</translation>
        </message>
        <message>
            <source>audit: the rows of {table} do not add up to what the log says</source>
            <translation>审计：{table}的各行与日志记载的总和不符</translation>
        </message>
        <message>
            <source>audit: gap before entry {seq}</source>
            <translation>审计：第{seq}条之前有缺口</translation>
        </message>
        <message>
            <source>audit: entry {seq} was altered</source>
            <translation>审计：第{seq}条被篡改了</translation>
        </message>
        <message>
            <source>audit: {table} {record} was changed outside the audit log</source>
            <translation>审计：{table} {record}在审计日志之外被修改了</translation>
        </message>
        <message>
            <source>audit: {table} {record} was deleted outside the audit log</source>
            <translation>审计：{table} {record}在审计日志之外被删除了</translation>
        </message>
        <message>
            <source>audit: the bytes of photo {record} do not match its hash</source>
            <translation>审计：照片{record}的内容与其哈希不符</translation>
        </message>
    </context>
    <context>
        <name>Codes</name>
        <message>
            <source>A phone number is a mobile number of 11 digits starting with 1, or a landline such as 029-83512345.</source>
            <translation>电话号码应为以1开头的11位手机号，或座机号码（如029-83512345）。</translation>
        </message>
        <message>
            <source>The citizen ID is empty.</source>
            <translation>身份证号未填写。</translation>
        </message>
        <message>
            <source>The citizen ID was turned into a number by Excel and lost digits; format the column as text and enter it again.</source>
            <translation>身份证号被Excel转成了数字，末尾数字已丢失；请将该列设为文本格式后重新录入。</translation>
        </message>
        <message>
            <source>A citizen ID has 18 characters; this one has {n}.</source>
            <translation>身份证号应为18位，此号码为{n}位。</translation>
        </message>
        <message>
            <source>A citizen ID is 17 digits followed by a digit or X.</source>
            <translation>身份证号应为17位数字加1位数字或X。</translation>
        </message>
        <message>
            <source>The birth date {date} inside the citizen ID does not exist.</source>
            <translation>身份证号中的出生日期{date}不存在。</translation>
        </message>
        <message>
            <source>The check character of the citizen ID is wrong (a digit was mistyped).</source>
            <translation>身份证号校验位错误（可能有一位录错）。</translation>
        </message>
        <message>
            <source>A unified social credit code has 18 characters from digits and capital letters without I, O, S, V and Z.</source>
            <translation>统一社会信用代码为18位，由数字和大写字母组成（不含I、O、S、V、Z）。</translation>
        </message>
        <message>
            <source>Characters 3 to 8 of a unified social credit code are the six-digit division code of the registering authority; {division} is not.</source>
            <translation>统一社会信用代码第3至8位是登记管理机关的6位行政区划代码，{division}不是。</translation>
        </message>
        <message>
            <source>The division code {division} in the credit code names no province; please compare it with the business licence.</source>
            <translation>信用代码中的行政区划代码{division}不属于任何省份，请与营业执照核对。</translation>
        </message>
        <message>
            <source>The check character of the credit code does not match; please compare it with the business licence.</source>
            <translation>统一社会信用代码校验位不符，请与营业执照核对。</translation>
        </message>
    </context>
    <context>
        <name>Crash</name>
        <message>
            <source>(no log folder yet)</source>
            <translation>（尚无日志文件夹）</translation>
        </message>
        <message>
            <source>Fieldbook: unexpected error</source>
            <translation>外业手簿：意外错误</translation>
        </message>
        <message>
            <source>Something went wrong inside Fieldbook ({kind}). This is a bug, not your mistake. What you saved before is safe.</source>
            <translation>外业手簿内部出错（{kind}）。这是程序缺陷，不是您的操作失误。此前已保存的内容不受影响。</translation>
        </message>
        <message>
            <source>The details were written to the log file:
{path}
Please send that file to your administrator.</source>
            <translation>详细信息已写入日志文件：
{path}
请将该文件发送给系统管理员。</translation>
        </message>
    </context>
    <context>
        <name>Dates</name>
        <message>
            <source>{value} is not a date (YYYY-MM-DD).</source>
            <translation>{value} 不是日期（应为 YYYY-MM-DD）。</translation>
        </message>
        <message>
            <source>Type the date as year-month-day, e.g. {example}.</source>
            <translation>请按“年-月-日”输入日期，例如{example}。</translation>
        </message>
        <message>
            <source>Calendar</source>
            <translation>日历</translation>
        </message>
        <message>
            <source>Pick the date from a calendar (Alt+Down)</source>
            <translation>从日历中选择日期（Alt+↓）</translation>
        </message>
        <message>
            <source>{typed} is not a day of the calendar.</source>
            <translation>{typed}不是有效的日期。</translation>
        </message>
        <message>
            <source>YYYY-MM-DD</source>
            <translation>年-月-日</translation>
        </message>
        <message>
            <source>YYYY-MM-DD, or leave empty</source>
            <translation>年-月-日，可不填</translation>
        </message>
        <message>
            <source>Type a date.</source>
            <translation>请输入日期。</translation>
        </message>
        <message>
            <source>{day} is before {first}, the earliest date here.</source>
            <translation>{day}早于此处最早可填的日期{first}。</translation>
        </message>
        <message>
            <source>{day} is after {last}, the latest date here.</source>
            <translation>{day}晚于此处最晚可填的日期{last}。</translation>
        </message>
    </context>
    <context>
        <name>Demo</name>
        <message>
            <source>{households} households with {members} members, {loans} loans, {repayments} repayments, {reviews} pre-loan reviews, {checks} use checks, {visits} visits, {assessments} maturity assessments, {anomalies} anomaly reports, {disposals} disposal proposals, {meetings} joint reviews, {enterprises} enterprises, {dividends} dividends, {claims} subsidy claims, {fund} fund movements, {sessions} outreach sessions; {villages} new villages, {banks} new banks, {users} new accounts</source>
            <translation>{households}户农户（{members}名家庭成员）、{loans}笔贷款、{repayments}笔还款、{reviews}份贷前审查、{checks}份用途核查、{visits}份回访记录、{assessments}份到期前评估、{anomalies}份异常情况报告、{disposals}项处置申请、{meetings}次会商研判、{enterprises}家委托经营企业、{dividends}笔分红、{claims}笔贴息申请、{fund}笔风险补偿金收支、{sessions}场宣传活动；新增{villages}个村、{banks}家银行、{users}个账户</translation>
        </message>
    </context>
    <context>
        <name>Disposal</name>
        <message>
            <source>maturity</source>
            <translation>到期日</translation>
        </message>
        <message>
            <source>months extended</source>
            <translation>已展期月数</translation>
        </message>
        <message>
            <source>status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>risk class</source>
            <translation>五级分类</translation>
        </message>
        <message>
            <source>amount</source>
            <translation>贷款金额</translation>
        </message>
        <message>
            <source>balance</source>
            <translation>贷款余额</translation>
        </message>
        <message>
            <source>overdue amount</source>
            <translation>逾期金额</translation>
        </message>
        <message>
            <source>overdue since</source>
            <translation>逾期起始日</translation>
        </message>
        <message>
            <source>extend {months} months to {date}</source>
            <translation>展期{months}个月至{date}</translation>
        </message>
        <message>
            <source>new maturity {date}</source>
            <translation>新到期日{date}</translation>
        </message>
        <message>
            <source>top-up of {amount} yuan</source>
            <translation>追加贷款{amount}元</translation>
        </message>
        <message>
            <source>claim {amount} yuan from the risk fund</source>
            <translation>申请风险补偿金代偿{amount}元</translation>
        </message>
        <message>
            <source>legal action</source>
            <translation>依法清收</translation>
        </message>
        <message>
            <source>for loans of more than {months} months, cumulative extension at most {limit} months</source>
            <translation>期限{months}个月以上的贷款，累计展期不超过{limit}个月</translation>
        </message>
        <message>
            <source>{amount} yuan is at stake, above the {limit} yuan the district approves from.</source>
            <translation>涉及金额{amount}元，超过须经区级审批的{limit}元。</translation>
        </message>
        <message>
            <source>the loan to extend is {days} days overdue.</source>
            <translation>拟展期的贷款已逾期{days}天。</translation>
        </message>
        <message>
            <source>joint review</source>
            <translation>会商研判</translation>
        </message>
        <message>
            <source>for loans of up to {months} months, cumulative extension at most {percent}% of the original term</source>
            <translation>期限{months}个月以内的贷款，累计展期不超过原期限的{percent}%</translation>
        </message>
        <message>
            <source>for loans of {low} to {months} months, cumulative extension at most {percent}% of the original term</source>
            <translation>期限{low}至{months}个月的贷款，累计展期不超过原期限的{percent}%</translation>
        </message>
        <message>
            <source>Repaying at maturity is not a disposal; choose another kind.</source>
            <translation>到期还款不是处置方式，请选择其他方式。</translation>
        </message>
        <message>
            <source>The loan {contract} is closed; there is nothing to dispose of.</source>
            <translation>贷款{contract}已结清，无需处置。</translation>
        </message>
        <message>
            <source>Refused: a compensation claim is possible from {limit} days overdue; the loan is {days} days overdue.</source>
            <translation>不予受理：逾期满{limit}天方可申请代偿；该笔贷款逾期{days}天。</translation>
        </message>
        <message>
            <source>Refused: the claim of {claim} yuan is more than the balance of {balance} yuan.</source>
            <translation>不予受理：代偿申请{claim}元超过贷款余额{balance}元。</translation>
        </message>
        <message>
            <source>Refused: record what the bank did to recover the loan (calls, visits, notices, legal steps) before claiming.</source>
            <translation>不予受理：申请代偿前，请先登记银行已采取的清收措施（电话催收、上门催收、发送催收通知、法律手段）。</translation>
        </message>
        <message>
            <source>No such loan.</source>
            <translation>找不到该笔贷款。</translation>
        </message>
        <message>
            <source>No such disposal proposal.</source>
            <translation>找不到该处置提议。</translation>
        </message>
        <message>
            <source>Give the reason for the proposal.</source>
            <translation>请填写提议事由。</translation>
        </message>
        <message>
            <source>Not approved by the district ({user}, {date}): {note}</source>
            <translation>区级审批未通过（{user}，{date}）：{note}</translation>
        </message>
        <message>
            <source>Name the report (its title or document number).</source>
            <translation>请填写报告名称（标题或文号）。</translation>
        </message>
        <message>
            <source>Choose the disposals the report covers.</source>
            <translation>请选择该报告所涵盖的处置。</translation>
        </message>
        <message>
            <source>The meeting date {date} is in the future.</source>
            <translation>会议日期{date}晚于今天。</translation>
        </message>
        <message>
            <source>A joint review needs at least two participants.</source>
            <translation>会商研判至少需要两名参会人员。</translation>
        </message>
        <message>
            <source>A joint review decides on at least one loan.</source>
            <translation>会商研判至少要对一笔贷款作出决定。</translation>
        </message>
        <message>
            <source>disposal proposal</source>
            <translation>处置申请</translation>
        </message>
        <message>
            <source>{id} ({date}, {place})</source>
            <translation>{id}（{date}，{place}）</translation>
        </message>
        <message>
            <source>An extension needs the number of months (at least 1).</source>
            <translation>展期须填写月数（至少1个月）。</translation>
        </message>
        <message>
            <source>Refused: the loan is {days} days overdue; an extension is applied for before a loan falls due (the setting allows extending overdue loans only with the district's approval, and it is off).</source>
            <translation>不予受理：该笔贷款已逾期{days}天；展期须在贷款到期前申请（“逾期贷款经区级审批可展期”这项设置未开启）。</translation>
        </message>
        <message>
            <source>Refused by the extension limit ({rule}): the loan of {term} months was already extended {done} months, {months} more makes {total}, above the limit of {limit} months.</source>
            <translation>超过展期限制（{rule}），不予受理：该笔{term}个月期限的贷款已展期{done}个月，再展期{months}个月累计{total}个月，超过上限{limit}个月。</translation>
        </message>
        <message>
            <source>Refused: a claim needs the loss confirmed: the day and how (a joint review, a court ruling, the borrower's death...).</source>
            <translation>不予受理：申请代偿须先认定损失，请填写认定日期和认定方式（会商研判、法院判决、借款人死亡等）。</translation>
        </message>
        <message>
            <source>Refused: the loss is confirmed only on {date}, after this step.</source>
            <translation>不予受理：损失认定日期为{date}，晚于本环节日期。</translation>
        </message>
        <message>
            <source>The loan {contract} already has an open disposal proposal; decide or withdraw it first.</source>
            <translation>贷款{contract}已有未办结的处置提议，请先审批或撤回。</translation>
        </message>
        <message>
            <source>You proposed this disposal; someone else must approve or reject it (maker-checker).</source>
            <translation>此处置由您提议，须由他人审批（提议与审批分离）。</translation>
        </message>
        <message>
            <source>This proposal is {status}; only a proposed one can be decided.</source>
            <translation>该提议{status}，只有待审批的提议可以审批。</translation>
        </message>
        <message>
            <source>Only the person who proposed a disposal may withdraw it.</source>
            <translation>只有提议人可以撤回处置提议。</translation>
        </message>
        <message>
            <source>This proposal is {status}; only a proposed one can be withdrawn.</source>
            <translation>该提议{status}，只有待审批的提议可以撤回。</translation>
        </message>
        <message>
            <source>This proposal is {status}; only an approved one can be executed.</source>
            <translation>该提议{status}，只有已批准的提议可以执行。</translation>
        </message>
        <message>
            <source>Decided by the joint review of {date}</source>
            <translation>{date}会商研判决定</translation>
        </message>
        <message>
            <source>{id} ({kind}, proposed {date}, {status})</source>
            <translation>{id}（{kind}，{date}提出，{status}）</translation>
        </message>
        <message>
            <source>No such joint review.</source>
            <translation>没有这次会商研判记录。</translation>
        </message>
        <message>
            <source>Disbursed {amount} yuan for {term} months, maturing on {date}</source>
            <translation>放款{amount}元，期限{term}个月，{date}到期</translation>
        </message>
        <message>
            <source>{field}: {old} → {new}</source>
            <translation>{field}：{old} → {new}</translation>
        </message>
        <message>
            <source>The new maturity date must be later than today and than the current maturity.</source>
            <translation>新到期日须晚于今天和当前到期日。</translation>
        </message>
        <message>
            <source>Refused by the longest loan term ({limit} months): from {start} to {new} is {term} months.</source>
            <translation>超过最长贷款期限（{limit}个月），不予受理：{start}至{new}共{term}个月。</translation>
        </message>
        <message>
            <source>Refused: renewal without repaying principal is only for performing loans; this loan is {days} days overdue (substandard from {limit} days).</source>
            <translation>不予受理：无还本续贷仅适用于正常类贷款；该笔贷款已逾期{days}天（逾期{limit}天起为次级）。</translation>
        </message>
        <message>
            <source>Give the reason for rejecting the proposal.</source>
            <translation>请填写不予批准的理由。</translation>
        </message>
        <message>
            <source>This disposal needs the district's approval before it is executed: {reason}</source>
            <translation>该处置执行前须经区级审批：{reason}</translation>
        </message>
        <message>
            <source>This proposal is {status}; only a decided disposal is reported.</source>
            <translation>该提议{status}，只有已作出决定的处置才能报送。</translation>
        </message>
        <message>
            <source>This disposal was reported to the finance office on {date} by {user} ({report}).</source>
            <translation>该处置已于{date}由{user}报送区财政局（金融办）（{report}）。</translation>
        </message>
        <message>
            <source>A disposal decided on {date} cannot be reported before it.</source>
            <translation>该处置于{date}作出决定，报送日期不能早于决定日期。</translation>
        </message>
        <message>
            <source>Repaid {principal} yuan principal and {interest} yuan interest</source>
            <translation>归还本金{principal}元、利息{interest}元</translation>
        </message>
        <message>
            <source>{kind} proposed: {terms} — {reason}</source>
            <translation>提议{kind}：{terms}——{reason}</translation>
        </message>
        <message>
            <source>Joint review decided: {decision} {note}</source>
            <translation>会商研判决定：{decision} {note}</translation>
        </message>
        <message>
            <source>A top-up loan needs an amount.</source>
            <translation>追加贷款须填写金额。</translation>
        </message>
        <message>
            <source>Refused by the loan amount cap ({cap} yuan per household): {balance} yuan outstanding plus {amount} yuan makes {total} yuan.</source>
            <translation>超过贷款额度上限（每户{cap}元），不予受理：现有余额{balance}元加追加{amount}元共{total}元。</translation>
        </message>
        <message>
            <source>Pre-maturity assessment: {ability}; proposed: {disposal}</source>
            <translation>到期前评估：{ability}；拟处置：{disposal}</translation>
        </message>
        <message>
            <source>{kind} {decision} by {user}: {note}</source>
            <translation>{kind}由{user}{decision}：{note}</translation>
        </message>
        <message>
            <source>{kind} executed by the bank: {note}</source>
            <translation>{kind}已由银行执行：{note}</translation>
        </message>
        <message>
            <source>Refused: a compensation claim or legal action is only for an overdue loan.</source>
            <translation>不予受理：代偿申请或依法清收仅适用于逾期贷款。</translation>
        </message>
        <message>
            <source>keep monitoring</source>
            <translation>继续跟踪</translation>
        </message>
    </context>
    <context>
        <name>Enums</name>
        <message>
            <source>To report</source>
            <translation>待报送</translation>
        </message>
        <message>
            <source>To report today</source>
            <translation>今日须报送</translation>
        </message>
        <message>
            <source>Report overdue</source>
            <translation>超期未报送</translation>
        </message>
        <message>
            <source>Reported on time</source>
            <translation>按期报送</translation>
        </message>
        <message>
            <source>Reported late</source>
            <translation>逾期报送</translation>
        </message>
        <message>
            <source>Not yet due</source>
            <translation>未到期</translation>
        </message>
        <message>
            <source>Partly paid</source>
            <translation>部分已付</translation>
        </message>
        <message>
            <source>Paid in full</source>
            <translation>已付清</translation>
        </message>
        <message>
            <source>Overdue</source>
            <translation>逾期</translation>
        </message>
        <message>
            <source>Dividend overdue</source>
            <translation>分红逾期</translation>
        </message>
        <message>
            <source>Risk fund leverage exceeded</source>
            <translation>风险补偿金放大倍数超限</translation>
        </message>
        <message>
            <source>Overdue loan not reported to the fund</source>
            <translation>逾期贷款未报送风险补偿金</translation>
        </message>
        <message>
            <source>Maturing without assessment</source>
            <translation>到期未评估</translation>
        </message>
        <message>
            <source>Risk class understated</source>
            <translation>分类偏低</translation>
        </message>
        <message>
            <source>Visit overdue</source>
            <translation>回访逾期</translation>
        </message>
        <message>
            <source>Open anomaly</source>
            <translation>异常未结</translation>
        </message>
        <message>
            <source>Poverty status changed</source>
            <translation>贫困状态变化</translation>
        </message>
        <message>
            <source>Subsidy on an overdue loan</source>
            <translation>逾期贷款仍有贴息申请</translation>
        </message>
        <message>
            <source>Enterprise use after the cutoff</source>
            <translation>截止日后户贷企用</translation>
        </message>
        <message>
            <source>Not overdue</source>
            <translation>未逾期</translation>
        </message>
        <message>
            <source>1–30 days overdue</source>
            <translation>逾期1–30天</translation>
        </message>
        <message>
            <source>31–90 days overdue</source>
            <translation>逾期31–90天</translation>
        </message>
        <message>
            <source>91–180 days overdue</source>
            <translation>逾期91–180天</translation>
        </message>
        <message>
            <source>181–360 days overdue</source>
            <translation>逾期181–360天</translation>
        </message>
        <message>
            <source>More than 360 days overdue</source>
            <translation>逾期360天以上</translation>
        </message>
        <message>
            <source>Field node</source>
            <translation>外业节点</translation>
        </message>
        <message>
            <source>Hub</source>
            <translation>中心节点</translation>
        </message>
        <message>
            <source>Registered poor household</source>
            <translation>建档立卡贫困户</translation>
        </message>
        <message>
            <source>Exited poverty</source>
            <translation>已脱贫</translation>
        </message>
        <message>
            <source>Returned to poverty</source>
            <translation>返贫</translation>
        </message>
        <message>
            <source>Monitored household</source>
            <translation>监测对象</translation>
        </message>
        <message>
            <source>Male</source>
            <translation>男</translation>
        </message>
        <message>
            <source>Female</source>
            <translation>女</translation>
        </message>
        <message>
            <source>Able to work</source>
            <translation>有劳动能力</translation>
        </message>
        <message>
            <source>Partly able to work</source>
            <translation>部分劳动能力</translation>
        </message>
        <message>
            <source>Unable to work</source>
            <translation>无劳动能力</translation>
        </message>
        <message>
            <source>Active</source>
            <translation>正常</translation>
        </message>
        <message>
            <source>Repaid</source>
            <translation>已结清</translation>
        </message>
        <message>
            <source>Extended</source>
            <translation>已展期</translation>
        </message>
        <message>
            <source>Renewed</source>
            <translation>已续贷</translation>
        </message>
        <message>
            <source>Compensated</source>
            <translation>已代偿</translation>
        </message>
        <message>
            <source>Written off</source>
            <translation>已核销</translation>
        </message>
        <message>
            <source>Stated by the bank</source>
            <translation>银行报送数据</translation>
        </message>
        <message>
            <source>Fell overdue</source>
            <translation>发生逾期</translation>
        </message>
        <message>
            <source>Repayment plan adjusted</source>
            <translation>调整还款计划</translation>
        </message>
        <message>
            <source>Renewed without repaying principal</source>
            <translation>无还本续贷</translation>
        </message>
        <message>
            <source>Topped up</source>
            <translation>追加贷款</translation>
        </message>
        <message>
            <source>Compensated by the risk fund</source>
            <translation>风险补偿金代偿</translation>
        </message>
        <message>
            <source>Settled</source>
            <translation>结清</translation>
        </message>
        <message>
            <source>Interest arrears stated</source>
            <translation>登记欠息</translation>
        </message>
        <message>
            <source>Normal</source>
            <translation>正常</translation>
        </message>
        <message>
            <source>Special mention</source>
            <translation>关注</translation>
        </message>
        <message>
            <source>Substandard</source>
            <translation>次级</translation>
        </message>
        <message>
            <source>Doubtful</source>
            <translation>可疑</translation>
        </message>
        <message>
            <source>Loss</source>
            <translation>损失</translation>
        </message>
        <message>
            <source>Household use</source>
            <translation>户贷户用</translation>
        </message>
        <message>
            <source>Enterprise use</source>
            <translation>户贷企用</translation>
        </message>
        <message>
            <source>Planting</source>
            <translation>种植业</translation>
        </message>
        <message>
            <source>Livestock</source>
            <translation>养殖业</translation>
        </message>
        <message>
            <source>Aquaculture</source>
            <translation>水产养殖</translation>
        </message>
        <message>
            <source>Processing</source>
            <translation>加工业</translation>
        </message>
        <message>
            <source>Commerce and trade</source>
            <translation>商贸流通</translation>
        </message>
        <message>
            <source>Rural tourism</source>
            <translation>乡村旅游</translation>
        </message>
        <message>
            <source>Transport</source>
            <translation>运输业</translation>
        </message>
        <message>
            <source>Other production</source>
            <translation>其他生产经营</translation>
        </message>
        <message>
            <source>No credit line</source>
            <translation>无授信</translation>
        </message>
        <message>
            <source>Visit record</source>
            <translation>回访记录</translation>
        </message>
        <message>
            <source>Loan-use check</source>
            <translation>用途核查</translation>
        </message>
        <message>
            <source>Anomaly report</source>
            <translation>异常情况报告</translation>
        </message>
        <message>
            <source>Pre-loan review</source>
            <translation>贷前审查</translation>
        </message>
        <message>
            <source>Maturity assessment</source>
            <translation>到期前评估</translation>
        </message>
        <message>
            <source>Routine visit</source>
            <translation>日常回访</translation>
        </message>
        <message>
            <source>Pre-maturity visit</source>
            <translation>到期前回访</translation>
        </message>
        <message>
            <source>Anomaly follow-up</source>
            <translation>异常跟进</translation>
        </message>
        <message>
            <source>Pre-loan home verification</source>
            <translation>贷前入户核实</translation>
        </message>
        <message>
            <source>Operating normally</source>
            <translation>经营正常</translation>
        </message>
        <message>
            <source>In difficulty</source>
            <translation>经营困难</translation>
        </message>
        <message>
            <source>Stopped</source>
            <translation>已停产</translation>
        </message>
        <message>
            <source>Willing to repay</source>
            <translation>愿意还款</translation>
        </message>
        <message>
            <source>Hesitant</source>
            <translation>犹豫</translation>
        </message>
        <message>
            <source>Unwilling to repay</source>
            <translation>不愿还款</translation>
        </message>
        <message>
            <source>Able to repay</source>
            <translation>有还款能力</translation>
        </message>
        <message>
            <source>Partly able to repay</source>
            <translation>部分有还款能力</translation>
        </message>
        <message>
            <source>Unable to repay</source>
            <translation>无还款能力</translation>
        </message>
        <message>
            <source>None found</source>
            <translation>未发现</translation>
        </message>
        <message>
            <source>House building</source>
            <translation>建房</translation>
        </message>
        <message>
            <source>Wealth management</source>
            <translation>理财</translation>
        </message>
        <message>
            <source>Consumption</source>
            <translation>消费</translation>
        </message>
        <message>
            <source>Lent on to others</source>
            <translation>转借他人</translation>
        </message>
        <message>
            <source>Used by an enterprise after the cutoff</source>
            <translation>截止日后交企业使用</translation>
        </message>
        <message>
            <source>Other prohibited use</source>
            <translation>其他违规用途</translation>
        </message>
        <message>
            <source>Used as declared</source>
            <translation>按申报用途使用</translation>
        </message>
        <message>
            <source>Partly misused</source>
            <translation>部分挪用</translation>
        </message>
        <message>
            <source>Misused</source>
            <translation>挪用</translation>
        </message>
        <message>
            <source>Business failure</source>
            <translation>经营失败</translation>
        </message>
        <message>
            <source>Major family event</source>
            <translation>家庭重大变故</translation>
        </message>
        <message>
            <source>Fraud or impersonation</source>
            <translation>欺诈或冒名顶替</translation>
        </message>
        <message>
            <source>Changed loan use</source>
            <translation>改变贷款用途</translation>
        </message>
        <message>
            <source>Borrower unreachable</source>
            <translation>借款人失联</translation>
        </message>
        <message>
            <source>Other</source>
            <translation>其他</translation>
        </message>
        <message>
            <source>Low</source>
            <translation>一般</translation>
        </message>
        <message>
            <source>Medium</source>
            <translation>较重</translation>
        </message>
        <message>
            <source>High</source>
            <translation>严重</translation>
        </message>
        <message>
            <source>Reported</source>
            <translation>已报告</translation>
        </message>
        <message>
            <source>Acknowledged</source>
            <translation>已受理</translation>
        </message>
        <message>
            <source>Measures taken</source>
            <translation>已采取措施</translation>
        </message>
        <message>
            <source>Resolved</source>
            <translation>已化解</translation>
        </message>
        <message>
            <source>Closed</source>
            <translation>已结案</translation>
        </message>
        <message>
            <source>Excellent</source>
            <translation>优秀</translation>
        </message>
        <message>
            <source>Good</source>
            <translation>良好</translation>
        </message>
        <message>
            <source>Fair</source>
            <translation>一般</translation>
        </message>
        <message>
            <source>Poor</source>
            <translation>较差</translation>
        </message>
        <message>
            <source>Repay at maturity</source>
            <translation>到期还款</translation>
        </message>
        <message>
            <source>Adjust the repayment plan</source>
            <translation>调整还款计划</translation>
        </message>
        <message>
            <source>Renewal without repaying principal</source>
            <translation>无还本续贷</translation>
        </message>
        <message>
            <source>Extension</source>
            <translation>展期</translation>
        </message>
        <message>
            <source>Top-up loan</source>
            <translation>追加贷款</translation>
        </message>
        <message>
            <source>Risk fund compensation claim</source>
            <translation>申请风险补偿金代偿</translation>
        </message>
        <message>
            <source>Legal action</source>
            <translation>依法清收</translation>
        </message>
        <message>
            <source>Dividend</source>
            <translation>分红</translation>
        </message>
        <message>
            <source>Employment</source>
            <translation>务工就业</translation>
        </message>
        <message>
            <source>Produce purchase</source>
            <translation>农产品收购</translation>
        </message>
        <message>
            <source>Land lease</source>
            <translation>土地流转</translation>
        </message>
        <message>
            <source>Other link</source>
            <translation>其他联结方式</translation>
        </message>
        <message>
            <source>Claimed</source>
            <translation>已申请</translation>
        </message>
        <message>
            <source>Approved</source>
            <translation>已批准</translation>
        </message>
        <message>
            <source>Refused</source>
            <translation>已驳回</translation>
        </message>
        <message>
            <source>Paid</source>
            <translation>已拨付</translation>
        </message>
        <message>
            <source>Proposed</source>
            <translation>已提议</translation>
        </message>
        <message>
            <source>Rejected</source>
            <translation>未批准</translation>
        </message>
        <message>
            <source>Executed</source>
            <translation>已执行</translation>
        </message>
        <message>
            <source>Withdrawn</source>
            <translation>已撤回</translation>
        </message>
    </context>
    <context>
        <name>Errors</name>
        <message>
            <source>Cancelled.</source>
            <translation>已取消。</translation>
        </message>
    </context>
    <context>
        <name>Exchange</name>
        <message>
            <source>This node is not registered with any peer yet.</source>
            <translation>本节点尚未向任何节点注册。</translation>
        </message>
        <message>
            <source>Writing the bundle for {name}…</source>
            <translation>正在为{name}生成数据包…</translation>
        </message>
        <message>
            <source>Reading {file}…</source>
            <translation>正在读取{file}…</translation>
        </message>
        <message>
            <source>Nothing new to send to {names}.</source>
            <translation>没有需要发送给{names}的新数据。</translation>
        </message>
        <message>
            <source>Folder: {path}. Eject the stick safely before pulling it out.</source>
            <translation>文件夹：{path}。拔出U盘前请先安全弹出。</translation>
        </message>
        <message>
            <source>Cannot write to {path}: {reason}</source>
            <translation>无法写入{path}：{reason}</translation>
        </message>
        <message>
            <source>For {name}: {changes} changes and {blobs} photos written to {file}.</source>
            <translation>发往{name}：{changes}条更改和{blobs}张照片已写入{file}。</translation>
        </message>
        <message>
            <source>For {name}: no new changes; the file {file} tells it what arrived here.</source>
            <translation>发往{name}：没有新的更改；文件{file}用于告知对方本机已收到哪些数据。</translation>
        </message>
        <message>
            <source>{bundles} bundles read: {received} changes received, {applied} applied, {skipped} skipped as already here.</source>
            <translation>已读取{bundles}个数据包：收到{received}条更改，已应用{applied}条，{skipped}条此前已有而跳过。</translation>
        </message>
        <message>
            <source>{n} bundles had been read before; nothing changed.</source>
            <translation>{n}个数据包此前已读取过，未做任何更改。</translation>
        </message>
        <message>
            <source>Refused {file}: {reason} Nothing from this file was applied.</source>
            <translation>已拒收{file}：{reason}该文件中的数据均未应用。</translation>
        </message>
        <message>
            <source>{n} files are for other laptops; they were left on the stick.</source>
            <translation>{n}个文件是发给其他笔记本电脑的，已留在U盘上。</translation>
        </message>
        <message>
            <source>No bundle for this computer was found.</source>
            <translation>未找到发给本电脑的数据包。</translation>
        </message>
        <message>
            <source>{n} corrections to households are kept for review.</source>
            <translation>{n}条农户信息更正已留待审核。</translation>
        </message>
        <message>
            <source>{n} conflicting edits are listed for review; nothing was lost.</source>
            <translation>{n}处修改冲突已列出待审核，数据没有丢失。</translation>
        </message>
        <message>
            <source>{n} records were registered here already (the same household or village from two laptops); they were joined, and any difference is kept for review.</source>
            <translation>有 {n} 条记录本机已登记过（两台笔记本登记了同一户或同一个村）；已合并为同一条记录，不同之处保留待审。</translation>
        </message>
        <message>
            <source>{n} changes could not be applied and wait in quarantine; everything else was applied. Open the Quarantine tab to apply them after a fix or discard them.</source>
            <translation>有 {n} 条变更未能应用，已放入隔离区等待；其余内容均已应用。请打开“隔离区”标签页，修正后重新应用或舍弃。</translation>
        </message>
        <message>
            <source>{n} field laptops not yet up to date</source>
            <translation>{n}台外业笔记本电脑的数据尚未同步到最新</translation>
        </message>
        <message>
            <source>Household</source>
            <translation>农户</translation>
        </message>
        <message>
            <source>Household member</source>
            <translation>家庭成员</translation>
        </message>
        <message>
            <source>Poverty status</source>
            <translation>贫困状态</translation>
        </message>
        <message>
            <source>Village</source>
            <translation>村</translation>
        </message>
        <message>
            <source>Loan</source>
            <translation>贷款</translation>
        </message>
        <message>
            <source>Repayment</source>
            <translation>还款</translation>
        </message>
        <message>
            <source>Visit</source>
            <translation>回访记录</translation>
        </message>
        <message>
            <source>Use check</source>
            <translation>用途核查</translation>
        </message>
        <message>
            <source>Anomaly report</source>
            <translation>异常情况报告</translation>
        </message>
        <message>
            <source>Anomaly step</source>
            <translation>异常处理步骤</translation>
        </message>
        <message>
            <source>Pre-loan review</source>
            <translation>贷前审查</translation>
        </message>
        <message>
            <source>Maturity assessment</source>
            <translation>到期前评估</translation>
        </message>
        <message>
            <source>Photo</source>
            <translation>照片</translation>
        </message>
        <message>
            <source>Photo link</source>
            <translation>照片关联</translation>
        </message>
        <message>
            <source>Outreach session</source>
            <translation>宣传教育活动</translation>
        </message>
        <message>
            <source>Sign-off note</source>
            <translation>审核意见</translation>
        </message>
        <message>
            <source>Signed off by</source>
            <translation>审核人</translation>
        </message>
        <message>
            <source>Signed off at</source>
            <translation>审核时间</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Deleted</source>
            <translation>已删除</translation>
        </message>
        <message>
            <source>Head of household</source>
            <translation>户主</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>联系电话</translation>
        </message>
        <message>
            <source>Address</source>
            <translation>住址</translation>
        </message>
        <message>
            <source>Village group</source>
            <translation>村民小组</translation>
        </message>
        <message>
            <source>Household size</source>
            <translation>家庭人口</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>备注</translation>
        </message>
        <message>
            <source>Findings</source>
            <translation>发现问题</translation>
        </message>
        <message>
            <source>{n} records not yet confirmed by the hub</source>
            <translation>{n}条记录尚未经中心节点确认收到</translation>
        </message>
        <message>
            <source>No field laptop registered yet</source>
            <translation>尚无已注册的外业笔记本电脑</translation>
        </message>
        <message>
            <source>Every field laptop is up to date</source>
            <translation>所有外业笔记本电脑的数据均已同步到最新</translation>
        </message>
        <message>
            <source>Not yet registered with the hub</source>
            <translation>尚未在中心节点注册</translation>
        </message>
        <message>
            <source>The hub has every change</source>
            <translation>中心节点已收到全部更改</translation>
        </message>
        <message>
            <source>yes</source>
            <translation>是</translation>
        </message>
        <message>
            <source>no</source>
            <translation>否</translation>
        </message>
        <message>
            <source>{name} ({path})</source>
            <translation>{name}（{path}）</translation>
        </message>
        <message>
            <source>{name} ({path}, {free} free)</source>
            <translation>{name}（{path}，可用空间{free}）</translation>
        </message>
        <message>
            <source>Insert a USB stick (then press Refresh) or choose a folder first.</source>
            <translation>请先插入U盘（然后点击“刷新”），或选择一个文件夹。</translation>
        </message>
        <message>
            <source>OK</source>
            <translation>确定</translation>
        </message>
        <message>
            <source>This laptop is not yet registered with the hub</source>
            <translation>本笔记本电脑尚未在中心节点注册</translation>
        </message>
        <message>
            <source>Until it is registered, nothing can be exchanged: the hub accepts bundles only from laptops it knows. Registration takes three steps.</source>
            <translation>注册之前无法交换任何数据：中心节点只接收已注册笔记本电脑的数据包。注册分三步进行。</translation>
        </message>
        <message>
            <source>Write the registration request to the stick</source>
            <translation>将注册申请写入U盘</translation>
        </message>
        <message>
            <source>Read the hub's response from the stick…</source>
            <translation>从U盘读取中心节点的答复…</translation>
        </message>
        <message>
            <source>Only this laptop's administrator may register it.</source>
            <translation>只有本笔记本电脑的系统管理员才能进行注册。</translation>
        </message>
        <message>
            <source>Approve a registration request</source>
            <translation>批准注册申请</translation>
        </message>
        <message>
            <source>Laptop:</source>
            <translation>笔记本电脑：</translation>
        </message>
        <message>
            <source>Street:</source>
            <translation>街道：</translation>
        </message>
        <message>
            <source>Node:</source>
            <translation>节点：</translation>
        </message>
        <message>
            <source>Ask the person with the laptop to read out the fingerprint its screen shows. It must be exactly:</source>
            <translation>请携带笔记本电脑的人员念出其屏幕上显示的密钥指纹，必须与下面完全一致：</translation>
        </message>
        <message>
            <source>The laptop shows exactly the same fingerprint</source>
            <translation>笔记本电脑显示的密钥指纹与此完全一致</translation>
        </message>
        <message>
            <source>Approve and write the response</source>
            <translation>批准并写出答复</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <source>Write a registration request to the stick.</source>
            <translation>将注册申请写入U盘。</translation>
        </message>
        <message>
            <source>The request holds this laptop's name, street and public keys; nothing secret.</source>
            <translation>申请中只有本笔记本电脑的名称、街道和公钥，不含任何机密信息。</translation>
        </message>
        <message>
            <source>Take the stick to the hub.</source>
            <translation>把U盘带到中心节点。</translation>
        </message>
        <message>
            <source>The administrator there opens the request with "Approve a request" and compares the fingerprint on the hub's screen with the one shown below. Only if they match is the response written to the stick.</source>
            <translation>由中心节点的系统管理员通过“批准注册申请”打开申请，将中心节点屏幕上的密钥指纹与下面显示的进行核对。只有两者一致，才会把答复写入U盘。</translation>
        </message>
        <message>
            <source>Read the hub's response.</source>
            <translation>读取中心节点的答复。</translation>
        </message>
        <message>
            <source>Bring the stick back and read the response here. This laptop then shows the hub's fingerprint, to compare with the hub's screen.</source>
            <translation>把U盘带回来，在这里读取答复。随后本笔记本电脑会显示中心节点的密钥指纹，请与中心节点屏幕上显示的核对。</translation>
        </message>
        <message>
            <source>Fingerprint of this laptop:</source>
            <translation>本笔记本电脑的密钥指纹：</translation>
        </message>
        <message>
            <source>Writing the registration request</source>
            <translation>正在写出注册申请</translation>
        </message>
        <message>
            <source>Choose the hub's response</source>
            <translation>选择中心节点的答复文件</translation>
        </message>
        <message>
            <source>Reading the hub's response</source>
            <translation>正在读取中心节点的答复</translation>
        </message>
        <message>
            <source>If even one character differs, do not approve: the file may not come from that laptop.</source>
            <translation>只要有一个字符不同，就不要批准：该文件可能不是来自那台笔记本电脑。</translation>
        </message>
        <message>
            <source>Registration request written</source>
            <translation>注册申请已写出</translation>
        </message>
        <message>
            <source>The request is on the stick: {path}. Take it to the hub. The administrator there must see exactly this fingerprint:</source>
            <translation>注册申请已写入U盘：{path}。请把它带到中心节点。那里的系统管理员看到的密钥指纹必须与下面完全一致：</translation>
        </message>
        <message>
            <source>Keep this screen at hand (or write the characters down) to compare them.</source>
            <translation>请保留此画面（或把这些字符抄下来），以便核对。</translation>
        </message>
        <message>
            <source>Registered with the hub</source>
            <translation>已在中心节点注册</translation>
        </message>
        <message>
            <source>This laptop is now registered with the hub {hub} until {date}. The hub's fingerprint is:</source>
            <translation>本笔记本电脑已在中心节点{hub}注册，有效期至{date}。中心节点的密钥指纹为：</translation>
        </message>
        <message>
            <source>The hub's screen showed the same characters after approving. If they differ, do not exchange data and tell your supervisor.</source>
            <translation>中心节点批准后，其屏幕上显示的字符应与此相同。如果不同，请不要交换数据，并告知督导人员。</translation>
        </message>
        <message>
            <source>This laptop is registered already; approving again renews its certificate with the same keys.</source>
            <translation>该笔记本电脑已注册；再次批准将以相同密钥续签其证书。</translation>
        </message>
        <message>
            <source>Registration request written to {path}.</source>
            <translation>注册申请已写入{path}。</translation>
        </message>
        <message>
            <source>Registered with the hub {hub}.</source>
            <translation>已在中心节点{hub}注册。</translation>
        </message>
        <message>
            <source>Written, waiting for the reply</source>
            <translation>已写出，等待对方回复</translation>
        </message>
        <message>
            <source>Confirmed by the peer</source>
            <translation>对方已确认</translation>
        </message>
        <message>
            <source>Read, nothing new</source>
            <translation>已读取，无新数据</translation>
        </message>
        <message>
            <source>Read and applied</source>
            <translation>已读取并应用</translation>
        </message>
        <message>
            <source>Refused</source>
            <translation>已拒收</translation>
        </message>
        <message>
            <source>Concurrent edit</source>
            <translation>同时修改</translation>
        </message>
        <message>
            <source>Clock far ahead</source>
            <translation>时钟严重超前</translation>
        </message>
        <message>
            <source>Change to a missing record</source>
            <translation>修改的记录不存在</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>时间</translation>
        </message>
        <message>
            <source>Direction</source>
            <translation>方向</translation>
        </message>
        <message>
            <source>Peer</source>
            <translation>对端节点</translation>
        </message>
        <message>
            <source>Bundle</source>
            <translation>数据包</translation>
        </message>
        <message>
            <source>Changes</source>
            <translation>更改数</translation>
        </message>
        <message>
            <source>State</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Details</source>
            <translation>详情</translation>
        </message>
        <message>
            <source>Found</source>
            <translation>发现时间</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>类型</translation>
        </message>
        <message>
            <source>Record</source>
            <translation>记录</translation>
        </message>
        <message>
            <source>Field</source>
            <translation>项目</translation>
        </message>
        <message>
            <source>Value kept</source>
            <translation>保留的值</translation>
        </message>
        <message>
            <source>Value that lost</source>
            <translation>被覆盖的值</translation>
        </message>
        <message>
            <source>Kept from → lost from</source>
            <translation>保留值来源 → 被覆盖值来源</translation>
        </message>
        <message>
            <source>Edited at (kept / lost)</source>
            <translation>修改时间（保留/被覆盖）</translation>
        </message>
        <message>
            <source>Received</source>
            <translation>收到</translation>
        </message>
        <message>
            <source>From</source>
            <translation>来自</translation>
        </message>
        <message>
            <source>Proposed change</source>
            <translation>提议的更改</translation>
        </message>
        <message>
            <source>Made on</source>
            <translation>产生于</translation>
        </message>
        <message>
            <source>Change</source>
            <translation>变更</translation>
        </message>
        <message>
            <source>Why it waits</source>
            <translation>等待原因</translation>
        </message>
        <message>
            <source>Tries</source>
            <translation>尝试次数</translation>
        </message>
        <message>
            <source>Laptop</source>
            <translation>笔记本电脑</translation>
        </message>
        <message>
            <source>Street</source>
            <translation>街道</translation>
        </message>
        <message>
            <source>Node</source>
            <translation>节点</translation>
        </message>
        <message>
            <source>Fingerprint</source>
            <translation>密钥指纹</translation>
        </message>
        <message>
            <source>Registered</source>
            <translation>注册日期</translation>
        </message>
        <message>
            <source>Valid until</source>
            <translation>有效期至</translation>
        </message>
        <message>
            <source>Last bundle read</source>
            <translation>最近读取数据包</translation>
        </message>
        <message>
            <source>Active, up to date</source>
            <translation>有效，已同步</translation>
        </message>
        <message>
            <source>{n} applied</source>
            <translation>已应用{n}条</translation>
        </message>
        <message>
            <source>{n} already here</source>
            <translation>{n}条此前已有</translation>
        </message>
        <message>
            <source>Revoked</source>
            <translation>已吊销</translation>
        </message>
        <message>
            <source>Active, has data waiting</source>
            <translation>有效，有数据待发送</translation>
        </message>
        <message>
            <source>Sent</source>
            <translation>发出</translation>
        </message>
        <message>
            <source>{n} for review</source>
            <translation>{n}条待审核</translation>
        </message>
        <message>
            <source>{n} conflicts</source>
            <translation>{n}处冲突</translation>
        </message>
        <message>
            <source>{n} joined to records held here</source>
            <translation>{n} 条并入本机已有记录</translation>
        </message>
        <message>
            <source>{n} in quarantine</source>
            <translation>{n} 条在隔离区</translation>
        </message>
        <message>
            <source>, </source>
            <translation>，</translation>
        </message>
        <message>
            <source>New</source>
            <translation>新建</translation>
        </message>
        <message>
            <source>Changed</source>
            <translation>修改</translation>
        </message>
        <message>
            <source>never</source>
            <translation>从未</translation>
        </message>
        <message>
            <source>Approve a request…</source>
            <translation>批准注册申请…</translation>
        </message>
        <message>
            <source>Revoke…</source>
            <translation>吊销…</translation>
        </message>
        <message>
            <source>Only the hub's administrator registers and revokes laptops.</source>
            <translation>只有中心节点的系统管理员才能注册和吊销笔记本电脑。</translation>
        </message>
        <message>
            <source>Revoke a laptop</source>
            <translation>吊销笔记本电脑</translation>
        </message>
        <message>
            <source>Revoke {name} ({node})? Its bundles are refused from then on, and it cannot register again with the same identity. Do this when a laptop is lost or retired.</source>
            <translation>要吊销{name}（{node}）吗？此后将拒收它的数据包，且它不能以同一身份重新注册。笔记本电脑丢失或停用时请执行此操作。</translation>
        </message>
        <message>
            <source>Revoke</source>
            <translation>吊销</translation>
        </message>
        <message>
            <source>Approving the request</source>
            <translation>正在批准注册申请</translation>
        </message>
        <message>
            <source>Choose the registration request</source>
            <translation>选择注册申请文件</translation>
        </message>
        <message>
            <source>Response written</source>
            <translation>答复已写出</translation>
        </message>
        <message>
            <source>{name} is registered. Take the stick back to the laptop and read the response there; the laptop will then show the hub's fingerprint:</source>
            <translation>{name}已注册。请把U盘带回那台笔记本电脑并在那里读取答复；随后该电脑会显示中心节点的密钥指纹：</translation>
        </message>
        <message>
            <source>Bundles from this laptop are accepted from now on.</source>
            <translation>从现在起接收这台笔记本电脑的数据包。</translation>
        </message>
        <message>
            <source>{name} is registered for street {street}; the response is on the stick: {path}.</source>
            <translation>{name}已注册（所属街道：{street}）；答复已写入U盘：{path}。</translation>
        </message>
        <message>
            <source>Exchange bundles with the field laptops by USB stick: read what they bring, write what each of them needs.</source>
            <translation>用U盘与各外业笔记本电脑交换数据包：读取它们带来的数据，并为每台电脑写出所需的数据。</translation>
        </message>
        <message>
            <source>Carry this laptop's records to the hub on a USB stick, and bring back what the hub sends.</source>
            <translation>用U盘把本笔记本电脑的记录带到中心节点，再把中心节点发来的数据带回来。</translation>
        </message>
        <message>
            <source>History</source>
            <translation>交换记录</translation>
        </message>
        <message>
            <source>Quarantine ({n})</source>
            <translation>隔离区（{n}）</translation>
        </message>
        <message>
            <source>Field laptops</source>
            <translation>外业笔记本电脑</translation>
        </message>
        <message>
            <source>Conflicts to review ({n})</source>
            <translation>待审核的冲突（{n}）</translation>
        </message>
        <message>
            <source>Proposed corrections ({n})</source>
            <translation>提议的更正（{n}）</translation>
        </message>
        <message>
            <source>Saving the decision</source>
            <translation>正在保存决定</translation>
        </message>
        <message>
            <source>Loading the exchange history</source>
            <translation>正在加载交换记录</translation>
        </message>
        <message>
            <source>Mark conflict reviewed</source>
            <translation>标记冲突为已审核</translation>
        </message>
        <message>
            <source>Accept</source>
            <translation>接受</translation>
        </message>
        <message>
            <source>Reject</source>
            <translation>拒绝</translation>
        </message>
        <message>
            <source>Discard a change in quarantine</source>
            <translation>舍弃隔离区中的变更</translation>
        </message>
        <message>
            <source>{record}: this change is given up for good; the record keeps what it holds now. Say why (kept in the audit log).</source>
            <translation>{record}：此变更将被永久舍弃，记录保持现有内容。请说明原因（记入审计日志）。</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>原因</translation>
        </message>
        <message>
            <source>Apply again</source>
            <translation>重新应用</translation>
        </message>
        <message>
            <source>Discard…</source>
            <translation>舍弃…</translation>
        </message>
        <message>
            <source>The kept value is in the record already; the value that lost is only kept here. Correct the record itself if the lost value was right.</source>
            <translation>保留的值已写入记录；被覆盖的值只保存在这里。如果被覆盖的值才是正确的，请直接更正该记录。</translation>
        </message>
        <message>
            <source>Accepting writes the proposed values into the household; rejecting keeps the hub's. Either way the laptop receives the decision with the next bundle.</source>
            <translation>接受则将提议的值写入农户信息；拒绝则保留中心节点的值。无论哪种，该笔记本电脑都会随下一个数据包收到处理结果。</translation>
        </message>
        <message>
            <source>Everything else was applied. Fix the cause (for example correct the record named in the reason), then apply the change again; whatever waits for it follows.</source>
            <translation>其余内容均已应用。请先排除原因（例如更正原因中提到的记录），再重新应用该变更；等待它的变更会随之应用。</translation>
        </message>
        <message>
            <source>Applying the change again</source>
            <translation>正在重新应用变更</translation>
        </message>
        <message>
            <source>Only a supervisor or the administrator discards a change.</source>
            <translation>只有督导人员或管理员可以舍弃变更。</translation>
        </message>
        <message>
            <source>{applied} changes applied; {held} still wait in quarantine.</source>
            <translation>已应用 {applied} 条变更；仍有 {held} 条在隔离区等待。</translation>
        </message>
        <message>
            <source>Refresh</source>
            <translation>刷新</translation>
        </message>
        <message>
            <source>Look again for USB sticks (after inserting one)</source>
            <translation>重新查找U盘（插入U盘后使用）</translation>
        </message>
        <message>
            <source>Choose a folder…</source>
            <translation>选择文件夹…</translation>
        </message>
        <message>
            <source>USB stick:</source>
            <translation>U盘：</translation>
        </message>
        <message>
            <source>Choose the folder for bundles</source>
            <translation>选择存放数据包的文件夹</translation>
        </message>
        <message>
            <source>Folder: {path}</source>
            <translation>文件夹：{path}</translation>
        </message>
        <message>
            <source>No USB stick found: insert one and press Refresh, or choose a folder</source>
            <translation>未找到U盘：请插入U盘后点击“刷新”，或选择一个文件夹</translation>
        </message>
        <message>
            <source>Files go to its folder "{folder}"</source>
            <translation>文件将保存到U盘中的“{folder}”文件夹</translation>
        </message>
        <message>
            <source>Write bundle to the stick</source>
            <translation>将数据包写入U盘</translation>
        </message>
        <message>
            <source>Read bundles from the stick</source>
            <translation>从U盘读取数据包</translation>
        </message>
        <message>
            <source>Read chosen files…</source>
            <translation>读取选定的文件…</translation>
        </message>
        <message>
            <source>Every laptop with news</source>
            <translation>所有有新数据的笔记本电脑</translation>
        </message>
        <message>
            <source>Choose bundle files</source>
            <translation>选择数据包文件</translation>
        </message>
        <message>
            <source>This hub's fingerprint: {fingerprint}</source>
            <translation>本中心节点的密钥指纹：{fingerprint}</translation>
        </message>
        <message>
            <source>Registered with the hub {hub} (fingerprint {fingerprint})</source>
            <translation>已在中心节点{hub}注册（密钥指纹{fingerprint}）</translation>
        </message>
        <message>
            <source>Another exchange is running.</source>
            <translation>另一项数据交换正在进行。</translation>
        </message>
        <message>
            <source>Writing bundles to the stick</source>
            <translation>正在将数据包写入U盘</translation>
        </message>
        <message>
            <source>Reading bundles from the stick</source>
            <translation>正在从U盘读取数据包</translation>
        </message>
        <message>
            <source>Write for:</source>
            <translation>写出给：</translation>
        </message>
        <message>
            <source>No field laptop is registered yet: approve its request on the "Field laptops" tab first.</source>
            <translation>尚无已注册的外业笔记本电脑：请先在“外业笔记本电脑”页签中批准其注册申请。</translation>
        </message>
        <message>
            <source>Write a bundle back to the stick now, so the laptop learns what arrived here.</source>
            <translation>请现在再把数据包写回U盘，让对方笔记本电脑知道这里已收到哪些数据。</translation>
        </message>
        <message>
            <source>Reading was cancelled; bundles read before that are applied, the others are untouched.</source>
            <translation>已取消读取；此前已读取的数据包已应用，其余未作处理。</translation>
        </message>
        <message>
            <source>Writing was cancelled; the files finished before stay complete.</source>
            <translation>已取消写出；此前已写完的文件仍然完整。</translation>
        </message>
        <message>
            <source>Write a bundle to the stick on the Data exchange page to send them.</source>
            <translation>请在“数据交换”页面将数据包写入U盘后发送。</translation>
        </message>
        <message>
            <source>Write bundles for the field laptops on the Data exchange page.</source>
            <translation>请在“数据交换”页面为各外业笔记本电脑生成数据包。</translation>
        </message>
    </context>
    <context>
        <name>Forms</name>
        <message>
            <source>Required; today or earlier, not in the future.</source>
            <translation>必填；今天或更早的日期，不能是将来的日期。</translation>
        </message>
        <message>
            <source>What kind of problem; "—" if none fits yet.</source>
            <translation>问题类型；暂无合适类型时选“—”。</translation>
        </message>
        <message>
            <source>High: act at once and tell the street office today.</source>
            <translation>严重：须立即处理，并于当天报告街道办事处。</translation>
        </message>
        <message>
            <source>Required: what happened, when, who told you.</source>
            <translation>必填：发生了什么、什么时候发生、由谁告知。</translation>
        </message>
        <message>
            <source>Lifecycle</source>
            <translation>处理进程</translation>
        </message>
        <message>
            <source>note for this step (needed for measures and closing)</source>
            <translation>本步骤说明（采取措施和结案时必填）</translation>
        </message>
        <message>
            <source>Report</source>
            <translation>报告</translation>
        </message>
        <message>
            <source>What happened</source>
            <translation>情况</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>By</source>
            <translation>经办人</translation>
        </message>
        <message>
            <source>When</source>
            <translation>时间</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>说明</translation>
        </message>
        <message>
            <source>Mark as "{status}"</source>
            <translation>标记为“{status}”</translation>
        </message>
        <message>
            <source>what is planned or already done</source>
            <translation>计划或已经采取的措施</translation>
        </message>
        <message>
            <source>{kind} — {head}</source>
            <translation>{kind} — {head}</translation>
        </message>
        <message>
            <source>Submitted by {user} at {time} (version {n}); locked.</source>
            <translation>{user}于{time}提交（第{n}版），已锁定。</translation>
        </message>
        <message>
            <source>Restore the draft</source>
            <translation>恢复草稿</translation>
        </message>
        <message>
            <source>Discard it</source>
            <translation>丢弃</translation>
        </message>
        <message>
            <source>why the submitted record is changed</source>
            <translation>为什么更改已提交的记录</translation>
        </message>
        <message>
            <source>sign-off note</source>
            <translation>审核意见</translation>
        </message>
        <message>
            <source>Sign off</source>
            <translation>审核</translation>
        </message>
        <message>
            <source>Discard draft</source>
            <translation>丢弃草稿</translation>
        </message>
        <message>
            <source>Amend…</source>
            <translation>更正…</translation>
        </message>
        <message>
            <source>Submit</source>
            <translation>提交</translation>
        </message>
        <message>
            <source>Submit and lock the record (Ctrl+Enter). Drafts are saved by themselves; Ctrl+S saves one at once.</source>
            <translation>提交并锁定记录（Ctrl+Enter）。草稿会自动保存；按Ctrl+S可立即保存。</translation>
        </message>
        <message>
            <source>{kind} — borrower {borrower} (household of {head})</source>
            <translation>{kind} — 借款人{borrower}（户主{head}）</translation>
        </message>
        <message>
            <source>{n} members</source>
            <translation>{n}口人</translation>
        </message>
        <message>
            <source>Draft saved at {time}.</source>
            <translation>草稿已于{time}保存。</translation>
        </message>
        <message>
            <source>An unfinished draft of this record from {time} was kept (for example after a power cut). Restore it?</source>
            <translation>发现该记录{time}的未完成草稿（例如断电后保留的）。要恢复吗？</translation>
        </message>
        <message>
            <source>Draft restored.</source>
            <translation>草稿已恢复。</translation>
        </message>
        <message>
            <source>Draft discarded.</source>
            <translation>草稿已丢弃。</translation>
        </message>
        <message>
            <source>Version {n}: {date} {user}</source>
            <translation>第{n}版：{date} {user}</translation>
        </message>
        <message>
            <source>Amending version {n}: the submitted version stays as it was.</source>
            <translation>正在更正第{n}版：已提交的版本保持不变。</translation>
        </message>
        <message>
            <source>Photos</source>
            <translation>照片</translation>
        </message>
        <message>
            <source>Loan {contract} at {bank}: {amount} yuan, disbursed {disbursed}, matures {matures}, balance {balance} yuan</source>
            <translation>贷款{contract}（{bank}）：{amount}元，{disbursed}放款，{matures}到期，余额{balance}元</translation>
        </message>
        <message>
            <source>Not submitted: correct the fields marked in red.</source>
            <translation>未提交：请更正标红的项目。</translation>
        </message>
        <message>
            <source> — {reason}</source>
            <translation> — {reason}</translation>
        </message>
        <message>
            <source>Signed off by {user}.</source>
            <translation>已由{user}审核。</translation>
        </message>
        <message>
            <source>Submit amendment</source>
            <translation>提交更正</translation>
        </message>
        <message>
            <source>:</source>
            <translation>：</translation>
        </message>
        <message>
            <source>The draft could not be saved: {reason}</source>
            <translation>草稿未能保存：{reason}</translation>
        </message>
        <message>
            <source>An anomaly report was opened for the misuse.</source>
            <translation>已就挪用自动生成异常情况报告。</translation>
        </message>
        <message>
            <source>{length}/{limit}</source>
            <translation>{length}/{limit}</translation>
        </message>
        <message>
            <source>At most {limit} characters.</source>
            <translation>最多{limit}个字。</translation>
        </message>
        <message>
            <source>yuan, e.g. 12,000</source>
            <translation>元，如 12,000</translation>
        </message>
        <message>
            <source>Not checked</source>
            <translation>未核实</translation>
        </message>
        <message>
            <source>Yes</source>
            <translation>是</translation>
        </message>
        <message>
            <source>No</source>
            <translation>否</translation>
        </message>
        <message>
            <source>— choose —</source>
            <translation>— 请选择 —</translation>
        </message>
        <message>
            <source>Within {n} days before maturity: from {first} to {last}, and not in the future.</source>
            <translation>须在到期前{n}天内：{first}至{last}之间，且不能是将来的日期。</translation>
        </message>
        <message>
            <source>Within {n} days before maturity, not in the future.</source>
            <translation>须在到期前{n}天内，且不能是将来的日期。</translation>
        </message>
        <message>
            <source>Required: who made the assessment.</source>
            <translation>必填：评估人。</translation>
        </message>
        <message>
            <source>Required unless the household is able to repay and repays.</source>
            <translation>必填，除非农户有还款能力且到期还款。</translation>
        </message>
        <message>
            <source>A household unable to repay needs a disposal other than "repay".</source>
            <translation>农户无还款能力时，须选择“到期还款”以外的处置方式。</translation>
        </message>
        <message>
            <source>Required once a decision date is entered.</source>
            <translation>填写决定日期后必填。</translation>
        </message>
        <message>
            <source>Required once a decision is written.</source>
            <translation>填写决定内容后必填。</translation>
        </message>
        <message>
            <source>Optional; not before the assessment, not in the future.</source>
            <translation>选填；不能早于评估日期，也不能是将来的日期。</translation>
        </message>
        <message>
            <source>Matures on {date}: {days} days after the assessment (allowed: 0 to {window}).</source>
            <translation>{date}到期：距评估日{days}天（允许0至{window}天）。</translation>
        </message>
        <message>
            <source>Assessment</source>
            <translation>评估</translation>
        </message>
        <message>
            <source>Disposal</source>
            <translation>处置</translation>
        </message>
        <message>
            <source>why the household can or cannot repay</source>
            <translation>农户能否还款的原因</translation>
        </message>
        <message>
            <source>A number from 0 to {top} on the credit-rating sheet.</source>
            <translation>按信用评级表填写0到{top}之间的分数。</translation>
        </message>
        <message>
            <source>Score {score} · grade {grade}</source>
            <translation>得分{score} · 等级{grade}</translation>
        </message>
        <message>
            <source>Required: who made the review.</source>
            <translation>必填：审查人。</translation>
        </message>
        <message>
            <source>Required: a member of this household, aged {low} to {high} on the day of the review.</source>
            <translation>必填：本户家庭成员，审查当日年龄在{low}至{high}岁之间。</translation>
        </message>
        <message>
            <source>Required when the home was verified on the spot.</source>
            <translation>已入户核实时必填。</translation>
        </message>
        <message>
            <source>Above 60 % the household is not eligible.</source>
            <translation>资产负债率超过60%的农户不符合条件。</translation>
        </message>
        <message>
            <source>At least 1 person.</source>
            <translation>至少1人。</translation>
        </message>
        <message>
            <source>Required for an eligible household: a production project from the district's list.</source>
            <translation>符合条件的农户必填：从区特色优势产业目录中选择生产项目。</translation>
        </message>
        <message>
            <source>In yuan; at most {cap} yuan per household.</source>
            <translation>单位为元；每户最多{cap}元。</translation>
        </message>
        <message>
            <source>Required for an eligible household; at most what the grade allows (shown under the score). Empty when not eligible.</source>
            <translation>符合条件的农户必填；不超过信用等级允许的额度（显示在得分下方）。不符合条件时留空。</translation>
        </message>
        <message>
            <source>Required when the household is not eligible: the policy explained to it.</source>
            <translation>不符合条件时必填：向农户所作的政策解释。</translation>
        </message>
        <message>
            <source>Required when the household is not eligible.</source>
            <translation>不符合条件时必填。</translation>
        </message>
        <message>
            <source>{name} ({relation}, {age} years)</source>
            <translation>{name}（{relation}，{age}岁）</translation>
        </message>
        <message>
            <source>Applicant and home verification</source>
            <translation>申请人与入户核实</translation>
        </message>
        <message>
            <source>Eligibility</source>
            <translation>准入条件</translation>
        </message>
        <message>
            <source>Credit rating sheet (100 points)</source>
            <translation>信用评级表（百分制）</translation>
        </message>
        <message>
            <source>Outcome</source>
            <translation>审查结论</translation>
        </message>
        <message>
            <source>eligible, line at most {line} yuan</source>
            <translation>符合条件，最多授信{line}元</translation>
        </message>
        <message>
            <source>not eligible: {reasons}</source>
            <translation>不符合条件：{reasons}</translation>
        </message>
        <message>
            <source>Home verified on the spot (入户核实)</source>
            <translation>已入户核实</translation>
        </message>
        <message>
            <source>the policy explained to an ineligible household</source>
            <translation>向不符合条件农户解释的政策</translation>
        </message>
        <message>
            <source>Date</source>
            <translation>日期</translation>
        </message>
        <message>
            <source>Record</source>
            <translation>记录</translation>
        </message>
        <message>
            <source>Household</source>
            <translation>农户</translation>
        </message>
        <message>
            <source>Loan</source>
            <translation>贷款</translation>
        </message>
        <message>
            <source>Summary</source>
            <translation>摘要</translation>
        </message>
        <message>
            <source>Version</source>
            <translation>版本</translation>
        </message>
        <message>
            <source>signed off by {user}</source>
            <translation>{user}已审核</translation>
        </message>
        <message>
            <source>v{n} (amended)</source>
            <translation>第{n}版（已更正）</translation>
        </message>
        <message>
            <source>Submitting this finding opens an anomaly report automatically.</source>
            <translation>提交此核查结果将自动生成异常情况报告。</translation>
        </message>
        <message>
            <source>Required; not in the future and not before the loan was disbursed ({date}).</source>
            <translation>必填；不能是将来的日期，也不能早于放款日期（{date}）。</translation>
        </message>
        <message>
            <source>Required; not in the future.</source>
            <translation>必填；不能是将来的日期。</translation>
        </message>
        <message>
            <source>Required: who made the check.</source>
            <translation>必填：核查人。</translation>
        </message>
        <message>
            <source>Required: what the money bought, where it is, receipts seen.</source>
            <translation>必填：资金买了什么、现在何处、看到了哪些票据。</translation>
        </message>
        <message>
            <source>Loans are for production only: house building, wealth management and consumption are prohibited. Name the use found when the conclusion is "partly" or "misused".</source>
            <translation>贷款只能用于生产经营，禁止用于建房、理财和消费。结论为“部分挪用”或“挪用”时，请选择发现的违规用途。</translation>
        </message>
        <message>
            <source>In yuan; required when the conclusion is "partly" or "misused"; at most the loan amount, and less than the whole loan for "partly".</source>
            <translation>单位为元；结论为“部分挪用”或“挪用”时必填；不超过贷款金额，“部分挪用”时须少于贷款全额。</translation>
        </message>
        <message>
            <source>"Compliant" only with no prohibited use and nothing misused. "Partly" or "misused" opens an anomaly report when submitted.</source>
            <translation>只有未发现违规用途且无挪用金额时，才能选“按申报用途使用”。选“部分挪用”或“挪用”的，提交后将自动生成异常情况报告。</translation>
        </message>
        <message>
            <source>Check</source>
            <translation>核查</translation>
        </message>
        <message>
            <source>Finding</source>
            <translation>核查结果</translation>
        </message>
        <message>
            <source>what the money bought, where it is, receipts seen</source>
            <translation>资金买了什么、现在何处、看到的票据</translation>
        </message>
        <message>
            <source>A pre-maturity visit must be started from a loan.</source>
            <translation>到期前回访须从某笔贷款发起。</translation>
        </message>
        <message>
            <source>Required: who made the visit, names separated by commas.</source>
            <translation>必填：回访人姓名，用逗号分隔。</translation>
        </message>
        <message>
            <source>Required: whom you met (the head of household is filled in).</source>
            <translation>必填：接待人（已预填户主）。</translation>
        </message>
        <message>
            <source>Required when the business is difficult or stopped.</source>
            <translation>经营困难或已停产时必填。</translation>
        </message>
        <message>
            <source>Optional; in yuan, not negative, e.g. 30,000.</source>
            <translation>选填；单位为元，不能为负数，如30,000。</translation>
        </message>
        <message>
            <source>"No" means the money went elsewhere: do a loan-use check as well.</source>
            <translation>选“否”表示资金用到了别处：请同时做一次用途核查。</translation>
        </message>
        <message>
            <source>Required: what you found.</source>
            <translation>必填：发现的情况。</translation>
        </message>
        <message>
            <source>Optional; must be after the date of this visit.</source>
            <translation>选填；须晚于本次回访日期。</translation>
        </message>
        <message>
            <source>Tick when the household has read the record; it signs the printed copy.</source>
            <translation>农户看过本记录后勾选；农户须在打印件上签字。</translation>
        </message>
        <message>
            <source>Visit</source>
            <translation>回访</translation>
        </message>
        <message>
            <source>Business and family</source>
            <translation>经营与家庭</translation>
        </message>
        <message>
            <source>Repayment</source>
            <translation>还款</translation>
        </message>
        <message>
            <source>Conclusion</source>
            <translation>结论</translation>
        </message>
        <message>
            <source>names, separated by commas</source>
            <translation>姓名，用逗号分隔</translation>
        </message>
        <message>
            <source>livestock, crops, shop, stock seen on the spot</source>
            <translation>现场看到的牲畜、作物、店铺、存货</translation>
        </message>
        <message>
            <source>illness, death, disaster, members moving away</source>
            <translation>疾病、死亡、灾害、成员外出</translation>
        </message>
        <message>
            <source>The household confirmed the record (signs the printed copy)</source>
            <translation>农户已确认本记录（在打印件上签字）</translation>
        </message>
        <message>
            <source>New field record</source>
            <translation>新建外业记录</translation>
        </message>
        <message>
            <source>head's name or pinyin initials, e.g. wjg</source>
            <translation>户主姓名或拼音首字母，如 wjg</translation>
        </message>
        <message>
            <source>Record:</source>
            <translation>记录：</translation>
        </message>
        <message>
            <source>Household:</source>
            <translation>农户：</translation>
        </message>
        <message>
            <source>Loan:</source>
            <translation>贷款：</translation>
        </message>
        <message>
            <source>Find and choose the household first.</source>
            <translation>请先查找并选择农户。</translation>
        </message>
        <message>
            <source>Choose which of the household's loans the record is about.</source>
            <translation>请选择这份记录针对该户的哪一笔贷款。</translation>
        </message>
        <message>
            <source>A {kind} is about one loan: choose it.</source>
            <translation>{kind}针对一笔贷款：请选择贷款。</translation>
        </message>
        <message>
            <source>All records</source>
            <translation>全部记录</translation>
        </message>
        <message>
            <source>Open anomalies only</source>
            <translation>只看未结案的异常</translation>
        </message>
        <message>
            <source>New record…</source>
            <translation>新建记录…</translation>
        </message>
        <message>
            <source>Open by id (8+ characters) or the code on the paper</source>
            <translation>按编号（前8位以上）或纸质件核验码打开</translation>
        </message>
        <message>
            <source>Unfinished drafts (double-click to continue)</source>
            <translation>未完成的草稿（双击继续填写）</translation>
        </message>
        <message>
            <source>{kind} — {head} (saved {time} UTC)</source>
            <translation>{kind} — {head}（保存于{time} UTC）</translation>
        </message>
        <message>
            <source>(no loan)</source>
            <translation>（不涉及贷款）</translation>
        </message>
        <message>
            <source>Visits, loan-use checks, anomaly reports, pre-loan reviews and maturity assessments. Double-click a record to open it.</source>
            <translation>回访记录、用途核查、异常情况报告、贷前审查和到期前评估。双击记录打开。</translation>
        </message>
        <message>
            <source> — amendment</source>
            <translation> — 更正</translation>
        </message>
        <message>
            <source>— choose the loan ({n}) —</source>
            <translation>— 请选择贷款（共{n}笔）—</translation>
        </message>
        <message>
            <source>{contract} · {bank} · {amount} yuan, balance {balance} yuan, matures {date} · {status}</source>
            <translation>{contract} · {bank} · {amount}元，余额{balance}元，{date}到期 · {status}</translation>
        </message>
        <message>
            <source>Which loan?</source>
            <translation>哪一笔贷款？</translation>
        </message>
        <message>
            <source>This household has {n} loans. Which one is this {record} about?</source>
            <translation>该户有{n}笔贷款。这份{record}针对哪一笔？</translation>
        </message>
        <message>
            <source>Choose a loan above to go on.</source>
            <translation>请在上方选择一笔贷款后继续。</translation>
        </message>
        <message>
            <source>No particular loan (about the household)</source>
            <translation>不针对具体贷款（关于农户本身）</translation>
        </message>
        <message>
            <source>at least {n} characters</source>
            <translation>至少{n}个字符</translation>
        </message>
        <message>
            <source>the same password again</source>
            <translation>再次输入相同的密码</translation>
        </message>
        <message>
            <source>Repeat password:</source>
            <translation>确认密码：</translation>
        </message>
        <message>
            <source>Password:</source>
            <translation>密码：</translation>
        </message>
        <message>
            <source>The two passwords differ.</source>
            <translation>两次输入的密码不一致。</translation>
        </message>
    </context>
    <context>
        <name>Help</name>
        <message>
            <source>Open this user guide</source>
            <translation>打开本操作手册</translation>
        </message>
        <message>
            <source>Go to the filter box of the page (households, loans)</source>
            <translation>转到本页的筛选框（农户、贷款）</translation>
        </message>
        <message>
            <source>Open the selected household, loan, task or record</source>
            <translation>打开选中的农户、贷款、任务或记录</translation>
        </message>
        <message>
            <source>Save the form as a draft now (drafts are also saved every few seconds)</source>
            <translation>立即将表单保存为草稿（草稿也会每隔几秒自动保存）</translation>
        </message>
        <message>
            <source>Submit the form</source>
            <translation>提交表单</translation>
        </message>
        <message>
            <source>Close the form; what was typed is kept as a draft</source>
            <translation>关闭表单；已填写的内容保留为草稿</translation>
        </message>
        <message>
            <source>In a form opened from the workbench: keep the draft and go to the next task</source>
            <translation>在从工作台打开的表单中：保留草稿并转到下一项任务</translation>
        </message>
        <message>
            <source>In a form opened from the workbench: go back to the previous task</source>
            <translation>在从工作台打开的表单中：返回上一项任务</translation>
        </message>
        <message>
            <source>Next / previous field</source>
            <translation>下一个／上一个输入项</translation>
        </message>
        <message>
            <source>Open the View / Help menu</source>
            <translation>打开“视图”／“帮助”菜单</translation>
        </message>
        <message>
            <source>Lock Fieldbook now</source>
            <translation>立即锁定外业手簿</translation>
        </message>
        <message>
            <source>Larger / normal text</source>
            <translation>放大／恢复正常字号</translation>
        </message>
        <message>
            <source>User guide</source>
            <translation>用户手册</translation>
        </message>
        <message>
            <source>The user guide is not part of this installation. Ask whoever installed Fieldbook for the file fieldbook-manual.pdf.</source>
            <translation>本安装版本不含用户手册。请向安装外业手簿的人员索取fieldbook-manual.pdf文件。</translation>
        </message>
        <message>
            <source>The user guide could not be made: {reason}</source>
            <translation>无法生成用户手册：{reason}</translation>
        </message>
        <message>
            <source>Preparing the user guide…</source>
            <translation>正在准备用户手册…</translation>
        </message>
        <message>
            <source>Keyboard shortcuts</source>
            <translation>键盘快捷键</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>关闭</translation>
        </message>
        <message>
            <source>About Fieldbook</source>
            <translation>关于外业手簿</translation>
        </message>
        <message>
            <source>Fieldbook (扶贫小额信贷外业手簿) {version}</source>
            <translation>扶贫小额信贷外业手簿 {version}</translation>
        </message>
        <message>
            <source>This computer's node: {name} ({role}), node id {node}</source>
            <translation>本电脑的节点：{name}（{role}），节点编号{node}</translation>
        </message>
        <message>
            <source>Data (encrypted database):</source>
            <translation>数据（加密数据库）：</translation>
        </message>
        <message>
            <source>Backups:</source>
            <translation>备份：</translation>
        </message>
        <message>
            <source>Logs (no personal data):</source>
            <translation>日志（不含个人信息）：</translation>
        </message>
        <message>
            <source>Copy the backups folder to a USB stick regularly; a backup opens with any user's password or with the recovery code written down at setup. When asking for help, send the newest file in the logs folder.</source>
            <translation>请定期把备份文件夹复制到U盘；备份可用任一用户的密码或安装设置时抄下的恢复码打开。需要求助时，请发送日志文件夹中最新的文件。</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>视图(&amp;V)</translation>
        </message>
        <message>
            <source>Larger text</source>
            <translation>放大文字</translation>
        </message>
        <message>
            <source>&amp;High contrast (sunlight)</source>
            <translation>高对比度（强光下使用）(&amp;H)</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>帮助(&amp;H)</translation>
        </message>
        <message>
            <source>&amp;User guide</source>
            <translation>用户手册(&amp;U)</translation>
        </message>
        <message>
            <source>&amp;Keyboard shortcuts</source>
            <translation>键盘快捷键(&amp;K)</translation>
        </message>
        <message>
            <source>&amp;About: version, data and logs folders</source>
            <translation>关于：版本、数据和日志文件夹(&amp;A)</translation>
        </message>
        <message>
            <source>Keys</source>
            <translation>按键</translation>
        </message>
        <message>
            <source>What they do</source>
            <translation>作用</translation>
        </message>
        <message>
            <source>Open folder</source>
            <translation>打开文件夹</translation>
        </message>
        <message>
            <source>Text size {n} %</source>
            <translation>文字大小{n}%</translation>
        </message>
    </context>
    <context>
        <name>Hub</name>
        <message>
            <source>no answer within {n} s</source>
            <translation>{n}秒内无应答</translation>
        </message>
        <message>
            <source>The hub at {url} does not answer ({reason}); the data stays here and goes with the next round.</source>
            <translation>中心节点{url}没有应答（{reason}）；数据仍保存在本机，下一轮同步时再发送。</translation>
        </message>
        <message>
            <source>Only a field node syncs with a hub; a hub serves (hub serve).</source>
            <translation>只有外业节点才与中心节点同步；中心节点应运行数据收发服务（hub serve）。</translation>
        </message>
        <message>
            <source>The hub address must look like http://host:port (got {url}).</source>
            <translation>中心节点地址应形如http://host:port（当前为{url}）。</translation>
        </message>
        <message>
            <source>connection refused</source>
            <translation>连接被拒绝</translation>
        </message>
        <message>
            <source>The hub refused the request: this computer's clock differs from the hub's by more than 5 minutes. Correct the date and time.</source>
            <translation>中心节点拒绝了请求：本电脑的时钟与中心节点相差超过5分钟。请校正日期和时间。</translation>
        </message>
        <message>
            <source>The hub refused this node: it is not enrolled there, or it was revoked. Ask the hub's administrator.</source>
            <translation>中心节点拒绝了本节点：本节点未在该中心节点注册，或已被吊销。请联系中心节点的系统管理员。</translation>
        </message>
        <message>
            <source>The hub cannot reach its database just now; trying again in {n} s. Nothing was lost.</source>
            <translation>中心暂时无法连接其数据库；{n} 秒后重试。没有丢失任何数据。</translation>
        </message>
        <message>
            <source>The hub refused the bundle: {reason}</source>
            <translation>中心节点拒收数据包：{reason}</translation>
        </message>
        <message>
            <source>The hub refused the transfer as too large.</source>
            <translation>数据量过大，中心节点拒绝接收。</translation>
        </message>
        <message>
            <source>The hub refused the request as malformed ({reason}); update Fieldbook on this computer or on the hub.</source>
            <translation>中心认为请求格式不正确而拒绝了它（{reason}）；请更新本机或中心的 Fieldbook。</translation>
        </message>
        <message>
            <source>The hub at {url} has a problem (HTTP {status}); the data stays here and goes with the next round.</source>
            <translation>中心节点{url}出现故障（HTTP {status}）；数据仍保存在本机，下一轮同步时再发送。</translation>
        </message>
        <message>
            <source>The hub answered HTTP {status}.</source>
            <translation>中心节点返回HTTP {status}。</translation>
        </message>
        <message>
            <source>The hub lost the upload; it starts again with the next round.</source>
            <translation>中心节点丢失了上传的数据，下一轮同步时将重新上传。</translation>
        </message>
        <message>
            <source>The bundle downloaded from the hub is damaged; it is fetched again with the next round.</source>
            <translation>从中心节点下载的数据包已损坏，下一轮同步时将重新下载。</translation>
        </message>
        <message>
            <source>The hub is busy; trying again in {n} s.</source>
            <translation>中心节点繁忙，{n}秒后重试。</translation>
        </message>
        <message>
            <source>The hub replaced the bundle during the download; it is fetched again with the next round.</source>
            <translation>下载过程中中心节点更换了数据包，下一轮同步时将重新下载。</translation>
        </message>
        <message>
            <source>The download from the hub broke off at {done} of {size} bytes; it resumes with the next round.</source>
            <translation>从中心节点下载在{done}/{size}字节处中断，下一轮同步时将继续下载。</translation>
        </message>
        <message>
            <source>the connection broke</source>
            <translation>连接中断</translation>
        </message>
        <message>
            <source>Only a hub serves the mailbox; this node is a field node.</source>
            <translation>只有中心节点才能运行数据收发服务；本节点是外业节点。</translation>
        </message>
        <message>
            <source>The bundle was written by another node than the one sending it; it was not imported.</source>
            <translation>该数据包不是由发送它的节点生成的，未予导入。</translation>
        </message>
        <message>
            <source>--workers takes 1 to {most} worker processes.</source>
            <translation>--workers 的取值为 1 到 {most} 个工作进程。</translation>
        </message>
        <message>
            <source>Several workers need a Unix system; on this one, serve with --workers 1.</source>
            <translation>多个工作进程需要 Unix 系统；在本系统上请使用 --workers 1。</translation>
        </message>
    </context>
    <context>
        <name>Import</name>
        <message>
            <source>No loan with the contract number {contract}.</source>
            <translation>没有合同编号为{contract}的贷款。</translation>
        </message>
        <message>
            <source>Several banks have a loan with the contract number {contract} ({banks}); fill in the bank.</source>
            <translation>多家银行都有合同编号{contract}（{banks}），请填写经办银行。</translation>
        </message>
        <message>
            <source>The repayment date is missing.</source>
            <translation>缺少还款日期。</translation>
        </message>
        <message>
            <source>The repayment date {date} is before the loan was made on {disbursed}.</source>
            <translation>还款日期{date}早于放款日期{disbursed}。</translation>
        </message>
        <message>
            <source>The repayment date {date} is in the future.</source>
            <translation>还款日期{date}晚于今天。</translation>
        </message>
        <message>
            <source>Neither principal nor interest was repaid in this row.</source>
            <translation>还款本金和利息均为空或为0。</translation>
        </message>
        <message>
            <source>The principal of {principal} yuan is more than the {balance} yuan the loan still owes.</source>
            <translation>还款本金{principal}元超过贷款余额{balance}元。</translation>
        </message>
        <message>
            <source>The borrower's name differs from the loan's ({name}).</source>
            <translation>借款人姓名与贷款不一致（贷款登记为{name}）。</translation>
        </message>
        <message>
            <source>The same repayment appears more than once in the file (rows {rows}).</source>
            <translation>文件中同一笔还款重复（第{rows}行）。</translation>
        </message>
        <message>
            <source>The citizen ID is missing.</source>
            <translation>缺少身份证号。</translation>
        </message>
        <message>
            <source>Excel turned the citizen ID into a number and may have lost digits; format the column as text and enter it again.</source>
            <translation>身份证号被Excel转成了数字，可能已丢失末尾数字；请将该列设为文本格式后重新录入。</translation>
        </message>
        <message>
            <source>The citizen ID is masked (contains *); enter the full number.</source>
            <translation>身份证号已部分隐藏（含*），请填写完整号码。</translation>
        </message>
        <message>
            <source>A citizen ID has 18 characters; this one has {n}.</source>
            <translation>身份证号应为18位，此号码为{n}位。</translation>
        </message>
        <message>
            <source>A citizen ID is 17 digits followed by a digit or X.</source>
            <translation>身份证号应为17位数字加1位数字或X。</translation>
        </message>
        <message>
            <source>The birth date {date} inside the citizen ID does not exist.</source>
            <translation>身份证号中的出生日期{date}不存在。</translation>
        </message>
        <message>
            <source>The check character of the citizen ID is wrong (a digit was mistyped).</source>
            <translation>身份证号校验位错误（可能有一位录错）。</translation>
        </message>
        <message>
            <source>The check character of the citizen ID is wrong and it ends in zeros: Excel probably turned it into a number and lost the last digits.</source>
            <translation>身份证号校验位错误且以0结尾，可能被Excel转成数字后丢失了末尾数字；请将该列设为文本格式后重新录入。</translation>
        </message>
        <message>
            <source>The name is missing.</source>
            <translation>缺少姓名。</translation>
        </message>
        <message>
            <source>The street is missing.</source>
            <translation>缺少街道。</translation>
        </message>
        <message>
            <source>"{value}" is not a street of Baqiao District.</source>
            <translation>“{value}”不是灞桥区的街道。</translation>
        </message>
        <message>
            <source>This household belongs to {street}; this node only manages {own}.</source>
            <translation>该户属于{street}，本节点只管理{own}。</translation>
        </message>
        <message>
            <source>The village is missing.</source>
            <translation>缺少村名。</translation>
        </message>
        <message>
            <source>The phone number "{value}" is not valid (11-digit mobile number or a landline such as 029-83512345).</source>
            <translation>联系电话“{value}”格式不对（手机号为11位，座机如029-83512345）。</translation>
        </message>
        <message>
            <source>The household size "{value}" should be a whole number from 1 to 30.</source>
            <translation>家庭人口“{value}”应为1到30之间的整数。</translation>
        </message>
        <message>
            <source>Unknown poverty status "{value}".</source>
            <translation>无法识别的贫困状态“{value}”。</translation>
        </message>
        <message>
            <source>{column} "{value}" is not a valid date.</source>
            <translation>{column}“{value}”不是有效日期。</translation>
        </message>
        <message>
            <source>{column} "{value}" is not between 1950 and 2100.</source>
            <translation>{column}“{value}”不在1950年至2100年之间。</translation>
        </message>
        <message>
            <source>The household has no row whose relation is 户主 (head).</source>
            <translation>该户没有“与户主关系”为“户主”的行。</translation>
        </message>
        <message>
            <source>The household has more than one head row.</source>
            <translation>同一户有多个户主行。</translation>
        </message>
        <message>
            <source>Another row of the same household has an error; the household was not imported.</source>
            <translation>同户其他行有错误，整户未导入。</translation>
        </message>
        <message>
            <source>The citizen ID appears more than once in the file (rows {rows}).</source>
            <translation>文件中身份证号重复（第{rows}行）。</translation>
        </message>
        <message>
            <source>The contract number of this bank appears more than once in the file (rows {rows}).</source>
            <translation>文件中同一银行的贷款合同编号重复（第{rows}行）。</translation>
        </message>
        <message>
            <source>This citizen ID is already registered in another household.</source>
            <translation>该身份证号已登记在另一户中。</translation>
        </message>
        <message>
            <source>This household was deleted in Fieldbook; restore it there first.</source>
            <translation>该户已在外业手簿中删除，请先在外业手簿中恢复该户。</translation>
        </message>
        <message>
            <source>Unknown labour capacity "{value}".</source>
            <translation>无法识别的劳动能力“{value}”。</translation>
        </message>
        <message>
            <source>Unknown sex "{value}".</source>
            <translation>无法识别的性别“{value}”。</translation>
        </message>
        <message>
            <source>The lending bank is missing.</source>
            <translation>缺少经办银行。</translation>
        </message>
        <message>
            <source>The contract number is missing.</source>
            <translation>缺少贷款合同编号。</translation>
        </message>
        <message>
            <source>The borrower is not in the household roster (import the household first).</source>
            <translation>借款人不在户籍名册中（请先导入该户）。</translation>
        </message>
        <message>
            <source>The borrower's name differs from the roster ({name}).</source>
            <translation>借款人姓名与户籍名册不一致（名册中为{name}）。</translation>
        </message>
        <message>
            <source>This contract number is already registered for another borrower.</source>
            <translation>该贷款合同编号已登记在另一位借款人名下。</translation>
        </message>
        <message>
            <source>This loan was deleted in Fieldbook; restore it there first.</source>
            <translation>该笔贷款已在外业手簿中删除，请先在外业手簿中恢复该笔贷款。</translation>
        </message>
        <message>
            <source>The loan amount is missing.</source>
            <translation>缺少贷款金额。</translation>
        </message>
        <message>
            <source>{column} "{value}" is not a valid amount.</source>
            <translation>{column}“{value}”不是有效金额。</translation>
        </message>
        <message>
            <source>The loan amount {amount} yuan is above the cap of {cap} yuan.</source>
            <translation>贷款金额{amount}元超过上限{cap}元。</translation>
        </message>
        <message>
            <source>The loan amount must be above 0.</source>
            <translation>贷款金额必须大于0。</translation>
        </message>
        <message>
            <source>The balance is larger than the loan amount.</source>
            <translation>贷款余额大于贷款金额。</translation>
        </message>
        <message>
            <source>At least two of disbursement date, maturity date and term are needed.</source>
            <translation>放款日期、到期日期、贷款期限至少要填两项。</translation>
        </message>
        <message>
            <source>Disbursement plus {term} months is {expected}, which does not match the maturity date {matures}.</source>
            <translation>放款日期加{term}个月应为{expected}，与到期日期{matures}不一致。</translation>
        </message>
        <message>
            <source>The maturity date is before the disbursement date.</source>
            <translation>到期日期早于放款日期。</translation>
        </message>
        <message>
            <source>Unknown loan term "{value}".</source>
            <translation>无法识别的贷款期限“{value}”。</translation>
        </message>
        <message>
            <source>The term of {term} months is longer than the maximum of {max} months.</source>
            <translation>贷款期限{term}个月超过上限{max}个月。</translation>
        </message>
        <message>
            <source>The maturity date {matures} is {span} months after disbursement: the term of {term} months extended by {months} months, more than the extension limit of {limit} months for that term (the latest maturity allowed is {latest}).</source>
            <translation>到期日期{matures}距放款{span}个月：即{term}个月的贷款期限展期{months}个月，超过该期限累计展期上限{limit}个月（最晚到期日期为{latest}）。</translation>
        </message>
        <message>
            <source>The maturity is {span} months after disbursement, longer than the maximum term of {max} months; for an extended loan (展期) give both dates and the original term.</source>
            <translation>到期日期距放款{span}个月，超过贷款期限上限{max}个月；已展期的贷款请同时填写放款日期、到期日期和原贷款期限。</translation>
        </message>
        <message>
            <source>The interest rate "{value}" cannot be read (write it as 4.35%, 4.35 or 0.0435).</source>
            <translation>无法识别利率“{value}”（请写成4.35%、4.35或0.0435）。</translation>
        </message>
        <message>
            <source>Unknown loan status "{value}".</source>
            <translation>无法识别的贷款状态“{value}”。</translation>
        </message>
        <message>
            <source>Unknown risk class "{value}".</source>
            <translation>无法识别的五级分类“{value}”。</translation>
        </message>
        <message>
            <source>Unknown use mode "{value}".</source>
            <translation>无法识别的使用方式“{value}”。</translation>
        </message>
        <message>
            <source>Unknown purpose category "{value}".</source>
            <translation>无法识别的用途类别“{value}”。</translation>
        </message>
        <message>
            <source>Cell {cell} ({column}) holds a formula whose result was never saved; open the file in Excel or WPS, save it and import it again.</source>
            <translation>{cell}单元格（{column}）是公式，但文件中没有保存计算结果；请用Excel或WPS打开文件、保存后再导入。</translation>
        </message>
        <message>
            <source>The formula in cell {cell} ({column}) gives the error {value}.</source>
            <translation>{cell}单元格（{column}）的公式计算出错（{value}）。</translation>
        </message>
        <message>
            <source>{column} is left empty by the formula in cell {cell}.</source>
            <translation>{column}由公式得出，结果为空（{cell}单元格）。</translation>
        </message>
        <message>
            <source>{column} is only in hidden column {letter}; what cannot be seen is not imported. Unhide the column (or delete it) and import again.</source>
            <translation>{column}只在隐藏的{letter}列中，看不到的内容不导入；请取消隐藏该列（或删除它）后再导入。</translation>
        </message>
        <message>
            <source>The file {name} holds a cell far longer than any spreadsheet allows (more than 32,767 characters); it was not read.</source>
            <translation>文件 {name} 中有单元格的内容远超电子表格允许的长度（超过32,767个字符），未读取该文件。</translation>
        </message>
        <message>
            <source>A sheet of {name} uses {rows} rows and {cols} columns (something was typed far below or to the right of the table); Fieldbook reads at most {cells} cells a sheet. Delete the stray cells or split the file.</source>
            <translation>文件 {name} 的一个工作表用到了{rows}行、{cols}列（表格下方或右侧很远处有内容）；外业手簿每个工作表最多读取{cells}个单元格。请删除多余的单元格或拆分文件。</translation>
        </message>
        <message>
            <source>The file {name} unpacks to more than {limit} MB; Fieldbook does not read it. Split it into smaller files.</source>
            <translation>文件 {name} 解压后超过{limit} MB，外业手簿不读取。请拆分为较小的文件。</translation>
        </message>
        <message>
            <source>The file {name} is damaged or is not an Excel workbook (.xlsx, .xls or .ods).</source>
            <translation>文件 {name} 已损坏，或不是Excel工作簿（.xlsx、.xls 或 .ods）。</translation>
        </message>
        <message>
            <source>The file {name} is protected with a password; open it in Excel or WPS, remove the password (File &gt; Info &gt; Protect Workbook) and save it again.</source>
            <translation>文件 {name} 设有密码；请用Excel或WPS打开，取消密码（文件 &gt; 信息 &gt; 保护工作簿）后重新保存。</translation>
        </message>
        <message>
            <source>The file {name} is not an Excel workbook (it looks like text or CSV); open it in Excel or WPS and save it as .xlsx.</source>
            <translation>文件{name}不是Excel工作簿（看起来是文本或CSV）；请用Excel或WPS打开并另存为.xlsx。</translation>
        </message>
        <message>
            <source>The file {name} does not exist.</source>
            <translation>文件{name}不存在。</translation>
        </message>
        <message>
            <source>The file {name} is empty.</source>
            <translation>文件{name}是空的。</translation>
        </message>
        <message>
            <source>The file {name} is {size} MB; Fieldbook reads workbooks of at most {limit} MB. Split it into smaller files.</source>
            <translation>文件 {name} 有{size} MB，外业手簿最多读取{limit} MB的工作簿。请拆分为较小的文件。</translation>
        </message>
        <message>
            <source>The file {name} is a web page or XML file with a spreadsheet's name (some systems export tables that way); open it in Excel or WPS and save it as .xlsx.</source>
            <translation>文件 {name} 是以表格文件名保存的网页或XML文件（有些系统这样导出表格）；请用Excel或WPS打开后另存为 .xlsx。</translation>
        </message>
        <message>
            <source>The file {name} is an Excel binary workbook (.xlsb); open it in Excel or WPS and save it as .xlsx.</source>
            <translation>文件 {name} 是Excel二进制工作簿（.xlsb）；请用Excel或WPS打开后另存为 .xlsx。</translation>
        </message>
        <message>
            <source>Column {used} is read for {field}; column {others} is not.</source>
            <translation>“{field}”读取的是{used}列，未读取{others}列。</translation>
        </message>
        <message>
            <source>{letter} “{header}” (hidden)</source>
            <translation>{letter}（“{header}”，已隐藏）</translation>
        </message>
        <message>
            <source>{letter} “{header}”</source>
            <translation>{letter}（“{header}”）</translation>
        </message>
        <message>
            <source>{n} hidden rows were not read (rows {rows}); unhide them to import them.</source>
            <translation>有{n}个隐藏行未读取（第{rows}行）；如需导入，请取消隐藏。</translation>
        </message>
        <message>
            <source>No table with recognisable column headers (such as 身份证号 or 户主姓名) was found in {name}.</source>
            <translation>在{name}中没有找到带可识别表头（如“身份证号”“户主姓名”）的表格。</translation>
        </message>
        <message>
            <source>The table in {name} has no column for: {columns}.</source>
            <translation>{name}中的表格缺少以下列：{columns}。</translation>
        </message>
        <message>
            <source>Households</source>
            <translation>农户</translation>
        </message>
        <message>
            <source>Members</source>
            <translation>家庭成员</translation>
        </message>
        <message>
            <source>Villages</source>
            <translation>村</translation>
        </message>
        <message>
            <source>Status changes</source>
            <translation>贫困状态变更</translation>
        </message>
        <message>
            <source>Loans</source>
            <translation>贷款</translation>
        </message>
        <message>
            <source>Banks</source>
            <translation>银行</translation>
        </message>
        <message>
            <source>Repayments</source>
            <translation>还款流水</translation>
        </message>
        <message>
            <source>{category}: {added} added, {updated} updated, {unchanged} unchanged, {refused} refused</source>
            <translation>{category}：新增{added}，更新{updated}，未变{unchanged}，拒绝{refused}</translation>
        </message>
        <message>
            <source>Only a bank officer (or an administrator) may import loan lists.</source>
            <translation>只有银行经办人员（或系统管理员）可以导入贷款清单。</translation>
        </message>
        <message>
            <source>Your role may not import the household roster.</source>
            <translation>您的角色无权导入农户花名册。</translation>
        </message>
        <message>
            <source>No file chosen</source>
            <translation>未选择文件</translation>
        </message>
        <message>
            <source>Choose file…</source>
            <translation>选择文件…</translation>
        </message>
        <message>
            <source>Refused rows</source>
            <translation>被拒绝的行</translation>
        </message>
        <message>
            <source>Save error workbook…</source>
            <translation>保存错误清单…</translation>
        </message>
        <message>
            <source>The refused rows with their reasons, to correct and import again</source>
            <translation>被拒绝的行及原因，修改后可重新导入</translation>
        </message>
        <message>
            <source>Import</source>
            <translation>导入</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>关闭</translation>
        </message>
        <message>
            <source>Workbooks ({patterns});;All files (*)</source>
            <translation>工作簿 ({patterns});;所有文件 (*)</translation>
        </message>
        <message>
            <source>Cancelled; nothing was written.</source>
            <translation>已取消，未写入任何内容。</translation>
        </message>
        <message>
            <source>Preview of {name} ({rows} rows read): press Import to write these changes.</source>
            <translation>{name}预览（已读取{rows}行）：点击“导入”即写入以下更改。</translation>
        </message>
        <message>
            <source>Preview of {name} ({rows} rows read): nothing would change.</source>
            <translation>{name}预览（已读取{rows}行）：没有需要更改的内容。</translation>
        </message>
        <message>
            <source>Refused rows ({n}): these rows are not imported; save the error workbook to correct them.</source>
            <translation>被拒绝的行（{n}行）：这些行不会导入；请保存错误清单，修改后重新导入。</translation>
        </message>
        <message>
            <source>No rows refused.</source>
            <translation>没有被拒绝的行。</translation>
        </message>
        <message>
            <source>Imported {name}.</source>
            <translation>已导入{name}。</translation>
        </message>
        <message>
            <source>Save error workbook</source>
            <translation>保存错误清单</translation>
        </message>
        <message>
            <source>Excel workbooks (*.xlsx)</source>
            <translation>Excel工作簿 (*.xlsx)</translation>
        </message>
        <message>
            <source>Import household roster</source>
            <translation>导入农户花名册</translation>
        </message>
        <message>
            <source>Choose the roster (建档立卡花名册): an .xlsx, .xls or .ods workbook. Fieldbook first shows what the import would change; nothing is written until you press Import.</source>
            <translation>请选择建档立卡花名册（.xlsx、.xls 或 .ods 工作簿）。外业手簿会先显示导入将做的更改；按“导入”之前不写入任何内容。</translation>
        </message>
        <message>
            <source>Reading {name}…</source>
            <translation>正在读取{name}…</translation>
        </message>
        <message>
            <source>Row {row} is imported without: {reason}</source>
            <translation>第{row}行将导入，但不导入此项：{reason}</translation>
        </message>
        <message>
            <source>Records</source>
            <translation>类别</translation>
        </message>
        <message>
            <source>Added</source>
            <translation>新增</translation>
        </message>
        <message>
            <source>Updated</source>
            <translation>更新</translation>
        </message>
        <message>
            <source>Unchanged</source>
            <translation>未变</translation>
        </message>
        <message>
            <source>Refused</source>
            <translation>拒绝</translation>
        </message>
        <message>
            <source>Row</source>
            <translation>行号</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>原因</translation>
        </message>
        <message>
            <source>{n} rows are imported with a warning (listed below them).</source>
            <translation>{n}行导入时有提示（列在下方）。</translation>
        </message>
        <message>
            <source>Importing {name}…</source>
            <translation>正在导入{name}…</translation>
        </message>
        <message>
            <source>Writing the error workbook…</source>
            <translation>正在写入错误清单…</translation>
        </message>
        <message>
            <source>Import repayments</source>
            <translation>导入还款流水</translation>
        </message>
        <message>
            <source>Import loan list</source>
            <translation>导入贷款清单</translation>
        </message>
        <message>
            <source>Choose the bank's repayment statement (还款流水): an .xlsx, .xls or .ods workbook with contract number, date, principal, interest and 欠息. A repayment already recorded is left as it is. Fieldbook first shows what the import would change; nothing is written until you press Import.</source>
            <translation>请选择银行的还款流水（.xlsx、.xls 或 .ods 工作簿，含合同编号、日期、本金、利息和欠息）。已登记的还款保持不变。外业手簿会先显示导入将做的更改；按“导入”之前不写入任何内容。</translation>
        </message>
        <message>
            <source>Choose the bank's loan list: an .xlsx, .xls or .ods workbook. Borrowers must be in the household roster already. Fieldbook first shows what the import would change; nothing is written until you press Import.</source>
            <translation>请选择银行的贷款清单（.xlsx、.xls 或 .ods 工作簿）。借款人须已在户籍名册中。外业手簿会先显示导入将做的更改；按“导入”之前不写入任何内容。</translation>
        </message>
        <message>
            <source>This file has been imported.</source>
            <translation>该文件已导入。</translation>
        </message>
        <message>
            <source>_errors</source>
            <translation>_错误行</translation>
        </message>
        <message>
            <source>Saved {n} refused rows to {path}.</source>
            <translation>已将{n}行被拒绝的数据保存到{path}。</translation>
        </message>
        <message>
            <source>Nothing to import: every row is unchanged or refused.</source>
            <translation>没有可导入的内容：所有行都未变或被拒绝。</translation>
        </message>
        <message>
            <source>Imported, with a warning: {reason}</source>
            <translation>已导入，有提示：{reason}</translation>
        </message>
        <message>
            <source>Choose a file first; the import is previewed before anything is written.</source>
            <translation>请先选择文件；写入前会先预览导入结果。</translation>
        </message>
    </context>
    <context>
        <name>JointReview</name>
        <message>
            <source>Record a joint review</source>
            <translation>登记会商研判</translation>
        </message>
        <message>
            <source>e.g. district poverty alleviation office, room 3</source>
            <translation>如：区扶贫办3号会议室</translation>
        </message>
        <message>
            <source>One per line or separated by commas: name and unit</source>
            <translation>每行一人或用逗号分隔：姓名和单位</translation>
        </message>
        <message>
            <source>Meeting date:</source>
            <translation>会议日期：</translation>
        </message>
        <message>
            <source>Place:</source>
            <translation>地点：</translation>
        </message>
        <message>
            <source>Participants:</source>
            <translation>参会人员：</translation>
        </message>
        <message>
            <source>Note:</source>
            <translation>备注：</translation>
        </message>
        <message>
            <source>The meeting date cannot be in the future.</source>
            <translation>会议日期不能晚于今天。</translation>
        </message>
        <message>
            <source>Give the place of the meeting.</source>
            <translation>请填写会议地点。</translation>
        </message>
        <message>
            <source>Tick at least one loan the meeting reviewed.</source>
            <translation>请至少勾选一笔会议研判过的贷款。</translation>
        </message>
        <message>
            <source>Joint review</source>
            <translation>会商研判</translation>
        </message>
        <message>
            <source>Recorded by:</source>
            <translation>登记人：</translation>
        </message>
        <message>
            <source>Record joint review…</source>
            <translation>登记会商研判…</translation>
        </message>
        <message>
            <source>Details…</source>
            <translation>详情…</translation>
        </message>
        <message>
            <source>Contract</source>
            <translation>合同编号</translation>
        </message>
        <message>
            <source>Borrower</source>
            <translation>借款人</translation>
        </message>
        <message>
            <source>Decision</source>
            <translation>决定</translation>
        </message>
        <message>
            <source>Decision text</source>
            <translation>决定说明</translation>
        </message>
        <message>
            <source>Tick the loans the meeting reviewed and write its decision on each (double-click the cell):</source>
            <translation>请勾选会议研判的贷款，并逐笔填写会议决定（双击单元格填写）：</translation>
        </message>
        <message>
            <source>No loans are listed; list them on the Warnings tab first.</source>
            <translation>没有列出贷款；请先在“风险预警”页签中列出。</translation>
        </message>
        <message>
            <source>Write the meeting's decision on {contract}.</source>
            <translation>请填写会议对贷款{contract}的决定。</translation>
        </message>
        <message>
            <source>Meeting date</source>
            <translation>会议日期</translation>
        </message>
        <message>
            <source>Place</source>
            <translation>地点</translation>
        </message>
        <message>
            <source>Loans</source>
            <translation>贷款笔数</translation>
        </message>
        <message>
            <source>Recorded by</source>
            <translation>登记人</translation>
        </message>
    </context>
    <context>
        <name>Ledgers</name>
        <message>
            <source>Visit records ledger</source>
            <translation>回访记录台账</translation>
        </message>
        <message>
            <source>Loan-use checks ledger</source>
            <translation>贷款用途核查台账</translation>
        </message>
        <message>
            <source>Anomaly reports ledger</source>
            <translation>异常情况台账</translation>
        </message>
        <message>
            <source>Unknown ledger {kind}; choose one of: {kinds}.</source>
            <translation>未知的台账类型{kind}；可选：{kinds}。</translation>
        </message>
        <message>
            <source>Your role may not export full citizen IDs; export the ledger without --full-ids (IDs masked).</source>
            <translation>您的角色无权导出完整身份证号；请去掉 --full-ids 后再导出（身份证号将部分隐藏）。</translation>
        </message>
        <message>
            <source>Household roster</source>
            <translation>建档立卡贫困户花名册</translation>
        </message>
        <message>
            <source>Post-loan monitoring ledger</source>
            <translation>贷后监管台账</translation>
        </message>
        <message>
            <source>Enterprise-use loan ledger</source>
            <translation>户贷企用贷款台账</translation>
        </message>
        <message>
            <source>Dividend payment ledger</source>
            <translation>分红发放台账</translation>
        </message>
        <message>
            <source>Interest subsidy ledger</source>
            <translation>贴息台账</translation>
        </message>
        <message>
            <source>Risk compensation fund ledger</source>
            <translation>风险补偿金台账</translation>
        </message>
        <message>
            <source>Outreach ledger</source>
            <translation>宣传教育台账</translation>
        </message>
        <message>
            <source>Overdue loans reported to the risk fund</source>
            <translation>逾期贷款报送风险补偿金台账</translation>
        </message>
        <message>
            <source>Maturing loans and pre-maturity assessments</source>
            <translation>到期贷款及到期前评估台账</translation>
        </message>
        <message>
            <source>Risk warnings</source>
            <translation>风险预警台账</translation>
        </message>
        <message>
            <source>Classified disposals</source>
            <translation>分类处置台账</translation>
        </message>
        <message>
            <source>Your role may not export ledgers.</source>
            <translation>您的角色无权导出台账。</translation>
        </message>
        <message>
            <source>Exporting {ledger}…</source>
            <translation>正在导出{ledger}…</translation>
        </message>
        <message>
            <source>Export {ledger}</source>
            <translation>导出{ledger}</translation>
        </message>
        <message>
            <source>Choose…</source>
            <translation>选择…</translation>
        </message>
        <message>
            <source>Full citizen IDs (the file then holds personal data: keep it safe)</source>
            <translation>完整身份证号（文件将含个人信息，请妥善保管）</translation>
        </message>
        <message>
            <source>Citizen IDs are masked (6101**********123X).</source>
            <translation>身份证号将部分隐藏（如6101**********123X）。</translation>
        </message>
        <message>
            <source>Save to:</source>
            <translation>保存到：</translation>
        </message>
        <message>
            <source>As of:</source>
            <translation>截至：</translation>
        </message>
        <message>
            <source>Export</source>
            <translation>导出</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>关闭</translation>
        </message>
        <message>
            <source>Excel workbooks (*.xlsx)</source>
            <translation>Excel工作簿 (*.xlsx)</translation>
        </message>
        <message>
            <source>Exported {rows} rows to {path}.</source>
            <translation>已导出{rows}行到{path}。</translation>
        </message>
        <message>
            <source>Export cancelled; no file was written.</source>
            <translation>已取消导出，未写入任何文件。</translation>
        </message>
        <message>
            <source>Choose where to save the ledger.</source>
            <translation>请选择台账的保存位置。</translation>
        </message>
        <message>
            <source>Export ledger…</source>
            <translation>导出台账…</translation>
        </message>
    </context>
    <context>
        <name>LoanRules</name>
        <message>
            <source>The purpose "{purpose}" is a prohibited use ({kind}: {word}); poverty-alleviation loans are only for production or other income-generating projects.</source>
            <translation>贷款用途“{purpose}”属于禁止用途（{kind}：{word}）；扶贫小额信贷只能用于生产经营或其他增收项目。</translation>
        </message>
        <message>
            <source>Made on {date}, after the enterprise-use cutoff {cutoff}: the loan cannot be used by an enterprise.</source>
            <translation>该笔贷款发放于{date}，在户贷企用截止日{cutoff}之后，不得交由企业使用。</translation>
        </message>
        <message>
            <source>The household owed {outstanding} yuan of poverty loans when this one was made; with its {amount} yuan that is {total} yuan, above the cap of {cap} yuan per household.</source>
            <translation>放款时该户尚有扶贫小额信贷余额{outstanding}元，加上本笔{amount}元共{total}元，超过每户{cap}元的上限。</translation>
        </message>
        <message>
            <source>The borrower was {age} when the loan was made, younger than {minimum}.</source>
            <translation>放款时借款人{age}岁，未满{minimum}岁。</translation>
        </message>
        <message>
            <source>The borrower was {age} when the loan was made, older than {maximum} (an exception that needs explaining).</source>
            <translation>放款时借款人{age}岁，超过{maximum}岁（属例外情形，须说明理由）。</translation>
        </message>
        <message>
            <source>The borrower's age when the loan was made is not known.</source>
            <translation>无法确定放款时借款人的年龄。</translation>
        </message>
        <message>
            <source>On {date}, when the loan was made, the household was not yet registered as a poor household.</source>
            <translation>放款日{date}，该户尚未建档立卡。</translation>
        </message>
        <message>
            <source>On {date}, when the loan was made, the household was a monitored household, not a registered poor household.</source>
            <translation>放款日{date}，该户为监测对象，不是建档立卡贫困户。</translation>
        </message>
        <message>
            <source>The purpose category "{category}" is not on the district's list of approved industries.</source>
            <translation>用途类别“{category}”不在区特色优势产业目录中。</translation>
        </message>
    </context>
    <context>
        <name>Loans</name>
        <message>
            <source>Several banks have a loan with the contract number {contract} ({banks}); name the bank.</source>
            <translation>有多家银行存在合同编号为{contract}的贷款（{banks}），请指明经办银行。</translation>
        </message>
        <message>
            <source>Enter a contract number.</source>
            <translation>请输入合同编号。</translation>
        </message>
        <message>
            <source>No loan with the contract number {contract}.</source>
            <translation>没有合同编号为{contract}的贷款。</translation>
        </message>
        <message>
            <source>This loan no longer exists.</source>
            <translation>这笔贷款已不存在。</translation>
        </message>
        <message>
            <source>Amounts cannot be negative.</source>
            <translation>金额不能为负数。</translation>
        </message>
        <message>
            <source>Enter the principal or the interest repaid.</source>
            <translation>请填写归还的本金或利息。</translation>
        </message>
        <message>
            <source>The repayment date {date} is in the future.</source>
            <translation>还款日期{date}晚于今天。</translation>
        </message>
        <message>
            <source>No loan with the contract number {contract} at {bank}.</source>
            <translation>{bank}没有合同编号为{contract}的贷款。</translation>
        </message>
        <message>
            <source>The repayment date {date} is before the loan was made on {disbursed}.</source>
            <translation>还款日期{date}早于放款日期{disbursed}。</translation>
        </message>
        <message>
            <source>The principal of {principal} yuan is more than the {balance} yuan the loan still owes.</source>
            <translation>归还本金{principal}元，超过该笔贷款余额{balance}元。</translation>
        </message>
    </context>
    <context>
        <name>Lock</name>
        <message>
            <source>Unlock</source>
            <translation>解锁</translation>
        </message>
        <message>
            <source>Log out</source>
            <translation>退出登录</translation>
        </message>
        <message>
            <source>Fieldbook is locked</source>
            <translation>外业手簿已锁定</translation>
        </message>
        <message>
            <source>{user} ({role}) — enter your password to continue.</source>
            <translation>{user}（{role}）— 请输入密码继续使用。</translation>
        </message>
        <message>
            <source>Password:</source>
            <translation>密码：</translation>
        </message>
        <message>
            <source>Checking the password…</source>
            <translation>正在验证密码…</translation>
        </message>
        <message>
            <source>Wrong password. Type the password of {user} again.</source>
            <translation>密码错误。请重新输入{user}的密码。</translation>
        </message>
    </context>
    <context>
        <name>Login</name>
        <message>
            <source>This hub's data was moved to the server database {where}. Choose "Database…" and connect to it.</source>
            <translation>本中心站的数据已迁移到服务器数据库 {where}。请点击“数据库…”并连接该数据库。</translation>
        </message>
        <message>
            <source>Fieldbook: log in</source>
            <translation>外业手簿：登录</translation>
        </message>
        <message>
            <source>Log in</source>
            <translation>登录</translation>
        </message>
        <message>
            <source>Forgot the password? Use the recovery code</source>
            <translation>忘记密码？使用恢复码</translation>
        </message>
        <message>
            <source>Fieldbook</source>
            <translation>外业手簿</translation>
        </message>
        <message>
            <source>Field records for poverty-alleviation microcredit</source>
            <translation>扶贫小额信贷外业记录</translation>
        </message>
        <message>
            <source>Database…</source>
            <translation>数据库…</translation>
        </message>
        <message>
            <source>User name:</source>
            <translation>用户名：</translation>
        </message>
        <message>
            <source>Password:</source>
            <translation>密码：</translation>
        </message>
        <message>
            <source>Demo accounts (synthetic data only)</source>
            <translation>演示账户（仅含模拟数据）</translation>
        </message>
        <message>
            <source>Password for every demo account: {password}</source>
            <translation>所有演示账户的密码：{password}</translation>
        </message>
        <message>
            <source>Set a new password with the recovery code</source>
            <translation>用恢复码设置新密码</translation>
        </message>
        <message>
            <source>the code written down at setup</source>
            <translation>安装设置时抄下的恢复码</translation>
        </message>
        <message>
            <source>Recovery code:</source>
            <translation>恢复码：</translation>
        </message>
        <message>
            <source>New password:</source>
            <translation>新密码：</translation>
        </message>
        <message>
            <source>Set password and log in</source>
            <translation>设置密码并登录</translation>
        </message>
        <message>
            <source>The recovery code opens the data without a password. Use it only for your own account or when every administrator is locked out.</source>
            <translation>恢复码无需密码即可打开数据。请仅用于您本人的账户，或在所有系统管理员都无法登录时使用。</translation>
        </message>
        <message>
            <source>Enter your user name.</source>
            <translation>请输入用户名。</translation>
        </message>
        <message>
            <source>Enter your password.</source>
            <translation>请输入密码。</translation>
        </message>
        <message>
            <source>Logging in…</source>
            <translation>正在登录…</translation>
        </message>
        <message>
            <source>Checking the recovery code…</source>
            <translation>正在验证恢复码…</translation>
        </message>
        <message>
            <source>Data: PostgreSQL server {url}</source>
            <translation>数据位置：PostgreSQL 服务器 {url}</translation>
        </message>
        <message>
            <source>Data: the encrypted file on this computer</source>
            <translation>数据位置：本机的加密文件</translation>
        </message>
        <message>
            <source>Where this hub's data is</source>
            <translation>本中心站的数据位置</translation>
        </message>
        <message>
            <source>In the encrypted file on this computer</source>
            <translation>本机的加密文件</translation>
        </message>
        <message>
            <source>In a PostgreSQL server database</source>
            <translation>PostgreSQL 服务器数据库</translation>
        </message>
        <message>
            <source>the database account's password</source>
            <translation>数据库账户的密码</translation>
        </message>
        <message>
            <source>Remember on this computer (the password is kept sealed with the node's key)</source>
            <translation>在本机记住（密码以本节点的密钥加密保存）</translation>
        </message>
        <message>
            <source>Your own Fieldbook user name and password are still asked at login. Only an account that may edit settings changes what is remembered.</source>
            <translation>登录时仍需输入您本人的手簿用户名和密码。只有具备修改设置权限的账户才能更改所记住的连接。</translation>
        </message>
        <message>
            <source>Address:</source>
            <translation>地址：</translation>
        </message>
        <message>
            <source>Database password:</source>
            <translation>数据库密码：</translation>
        </message>
        <message>
            <source>kept (sealed); type to change it</source>
            <translation>已加密保存；输入新密码可更改</translation>
        </message>
    </context>
    <context>
        <name>Main</name>
        <message>
            <source>Fieldbook — {node}</source>
            <translation>外业手簿 — {node}</translation>
        </message>
        <message>
            <source>{user} ({role})</source>
            <translation>{user}（{role}）</translation>
        </message>
        <message>
            <source>Lock</source>
            <translation>锁定</translation>
        </message>
        <message>
            <source>Lock Fieldbook now (Ctrl+L)</source>
            <translation>立即锁定外业手簿（Ctrl+L）</translation>
        </message>
        <message>
            <source>Log out</source>
            <translation>退出登录</translation>
        </message>
    </context>
    <context>
        <name>Messages</name>
        <message>
            <source>Fieldbook</source>
            <translation>外业手簿</translation>
        </message>
    </context>
    <context>
        <name>Operations</name>
        <message>
            <source>Working…</source>
            <translation>正在处理…</translation>
        </message>
        <message>
            <source>Cancelling…</source>
            <translation>正在取消…</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
    </context>
    <context>
        <name>OverdueReports</name>
        <message>
            <source>Contract</source>
            <translation>合同编号</translation>
        </message>
        <message>
            <source>Borrower</source>
            <translation>借款人</translation>
        </message>
        <message>
            <source>Street</source>
            <translation>街道</translation>
        </message>
        <message>
            <source>Bank</source>
            <translation>经办银行</translation>
        </message>
        <message>
            <source>Overdue since</source>
            <translation>逾期起始日</translation>
        </message>
        <message>
            <source>Days</source>
            <translation>逾期天数</translation>
        </message>
        <message>
            <source>Overdue (yuan)</source>
            <translation>逾期金额（元）</translation>
        </message>
        <message>
            <source>Report by</source>
            <translation>报送截止日</translation>
        </message>
        <message>
            <source>Report</source>
            <translation>报送情况</translation>
        </message>
        <message>
            <source>Reported on</source>
            <translation>报送日期</translation>
        </message>
        <message>
            <source>Report name</source>
            <translation>报告名称</translation>
        </message>
    </context>
    <context>
        <name>Ownership</name>
        <message>
            <source>This is done at the hub, by {roles}; this field node cannot do it, and its bundles cannot carry it.</source>
            <translation>此操作只能在汇总节点由{roles}完成；本外业节点不能执行，其数据包也不能携带此类更改。</translation>
        </message>
        <message>
            <source>No one may take these records ({table}) from "{before}" to "{after}".</source>
            <translation>任何人都不能将这类记录（{table}）从“{before}”改为“{after}”。</translation>
        </message>
    </context>
    <context>
        <name>Pages</name>
        <message>
            <source>Data exchange</source>
            <translation>数据交换</translation>
        </message>
        <message>
            <source>Workbench</source>
            <translation>工作台</translation>
        </message>
        <message>
            <source>Households</source>
            <translation>农户</translation>
        </message>
        <message>
            <source>Loans</source>
            <translation>贷款</translation>
        </message>
        <message>
            <source>Field records</source>
            <translation>外业记录</translation>
        </message>
        <message>
            <source>Warnings</source>
            <translation>风险预警</translation>
        </message>
        <message>
            <source>Enterprises</source>
            <translation>委托经营企业</translation>
        </message>
        <message>
            <source>Fund &amp; subsidies</source>
            <translation>风险补偿金与贴息</translation>
        </message>
        <message>
            <source>Dashboards</source>
            <translation>统计看板</translation>
        </message>
        <message>
            <source>Reports</source>
            <translation>报表</translation>
        </message>
        <message>
            <source>Settings</source>
            <translation>设置</translation>
        </message>
    </context>
    <context>
        <name>Printing</name>
        <message>
            <source>The end of the range comes before its start.</source>
            <translation>结束日期早于开始日期。</translation>
        </message>
        <message>
            <source>A verification code has {n} characters; this one has {m}.</source>
            <translation>核验码应为{n}位，此核验码为{m}位。</translation>
        </message>
        <message>
            <source>A verification code has no {chars}.</source>
            <translation>核验码中不含{chars}。</translation>
        </message>
        <message>
            <source>A verification code starts with V (visit) or C (loan-use check).</source>
            <translation>核验码以V（回访记录）或C（用途核查）开头。</translation>
        </message>
        <message>
            <source>The verification code is mistyped (its check character does not match); compare it with the paper again.</source>
            <translation>核验码输入有误（校验位不符），请对照纸质件重新核对。</translation>
        </message>
        <message>
            <source>This node keeps the records of street {street} only.</source>
            <translation>本节点只保存街道（代码{street}）的记录。</translation>
        </message>
        <message>
            <source>Unknown street code {code}.</source>
            <translation>未知的街道代码{code}。</translation>
        </message>
        <message>
            <source>The street has no village named {name}.</source>
            <translation>该街道没有名为“{name}”的村。</translation>
        </message>
        <message>
            <source>{n} character(s) have no glyph in any font and were printed as {mark} (the PDF's text keeps them): {codes}.</source>
            <translation>有{n}个字符在所有字体中都没有字形，已印为{mark}（PDF的文字层仍保留原字符）：{codes}。</translation>
        </message>
        <message>
            <source>visit record</source>
            <translation>回访记录</translation>
        </message>
        <message>
            <source>loan-use check</source>
            <translation>用途核查记录</translation>
        </message>
        <message>
            <source>No {kind} with the id {id} on this node.</source>
            <translation>本节点上没有编号为{id}的{kind}。</translation>
        </message>
        <message>
            <source>Your role may not print full citizen IDs; print without full IDs (masked).</source>
            <translation>您的角色无权打印完整身份证号；请改为打印部分隐藏的身份证号。</translation>
        </message>
        <message>
            <source>Only visit records and loan-use checks can be printed.</source>
            <translation>只能打印回访记录和用途核查记录。</translation>
        </message>
        <message>
            <source>Nothing to print: no records were chosen.</source>
            <translation>没有可打印的内容：未选择任何记录。</translation>
        </message>
        <message>
            <source>{code}: does not match — the {kind} of {date} ({head}), version {version}, no longer gives the printed content hash; the paper or the record was altered. Printed {printed}.</source>
            <translation>{code}：不一致——{date}的{kind}（{head}）第{version}版的内容校验值与打印件不符，纸质件或记录已被改动。打印于{printed}。</translation>
        </message>
        <message>
            <source>{day} (on this node at {time} by {user})</source>
            <translation>{day}（{user}于{time}在本节点打印）</translation>
        </message>
        <message>
            <source>{code}: no {kind} with this code on this node (printed {printed}).</source>
            <translation>{code}：本节点上没有与此核验码对应的{kind}（打印于{printed}）。</translation>
        </message>
        <message>
            <source>{code}: ok — the {kind} of {date} ({head}), version {version}, matches the database and is the latest version; printed {printed}.</source>
            <translation>{code}：一致——{date}的{kind}（{head}）第{version}版与数据库相符，且为最新版本；打印于{printed}。</translation>
        </message>
        <message>
            <source>{code}: changed — the {kind} of {date} ({head}) was printed as version {version} on {printed} and amended since: the latest is version {latest} of {amended} ({reason}).</source>
            <translation>{code}：已更正——{date}的{kind}（{head}）打印时为第{version}版（打印于{printed}），此后已更正：最新为{amended}的第{latest}版（{reason}）。</translation>
        </message>
        <message>
            <source>{n} records, {pages} pages.</source>
            <translation>{n}条记录，共{pages}页。</translation>
        </message>
        <message>
            <source>Show</source>
            <translation>显示</translation>
        </message>
        <message>
            <source>Full citizen IDs and phone numbers</source>
            <translation>完整身份证号和电话号码</translation>
        </message>
        <message>
            <source>Preview</source>
            <translation>预览</translation>
        </message>
        <message>
            <source>Print…</source>
            <translation>打印…</translation>
        </message>
        <message>
            <source>Save as PDF…</source>
            <translation>另存为PDF…</translation>
        </message>
        <message>
            <source>Visit records and loan-use checks</source>
            <translation>回访记录和用途核查记录</translation>
        </message>
        <message>
            <source>all villages</source>
            <translation>全部村</translation>
        </message>
        <message>
            <source>Preview the follow-up list</source>
            <translation>预览回访计划表</translation>
        </message>
        <message>
            <source>Follow-up list (loans due a visit)</source>
            <translation>回访计划表（应回访的贷款）</translation>
        </message>
        <message>
            <source>Street</source>
            <translation>街道</translation>
        </message>
        <message>
            <source>Village</source>
            <translation>村</translation>
        </message>
        <message>
            <source>Visits due</source>
            <translation>应回访日期</translation>
        </message>
        <message>
            <source>Verify</source>
            <translation>核验</translation>
        </message>
        <message>
            <source>Check a printed record</source>
            <translation>核验打印的记录</translation>
        </message>
        <message>
            <source>Choose records and press Preview.</source>
            <translation>请选择记录，然后点击“预览”。</translation>
        </message>
        <message>
            <source>Preparing the preview</source>
            <translation>正在准备预览</translation>
        </message>
        <message>
            <source>Working…</source>
            <translation>正在处理…</translation>
        </message>
        <message>
            <source>Sent to the printer.</source>
            <translation>已发送到打印机。</translation>
        </message>
        <message>
            <source>Save as PDF</source>
            <translation>另存为PDF</translation>
        </message>
        <message>
            <source>PDF files (*.pdf)</source>
            <translation>PDF文件 (*.pdf)</translation>
        </message>
        <message>
            <source>Preparing the follow-up list</source>
            <translation>正在准备回访计划表</translation>
        </message>
        <message>
            <source>from</source>
            <translation>从</translation>
        </message>
        <message>
            <source>to</source>
            <translation>至</translation>
        </message>
        <message>
            <source>Printed records carry a verification code.</source>
            <translation>打印的记录上带有核验码。</translation>
        </message>
        <message>
            <source>Select one or more records to preview, print or save them.</source>
            <translation>选择一条或多条记录后，才能预览、打印或另存。</translation>
        </message>
        <message>
            <source>Select one or more records first.</source>
            <translation>请先选择一条或多条记录。</translation>
        </message>
        <message>
            <source>Saving the PDF</source>
            <translation>正在保存PDF</translation>
        </message>
        <message>
            <source>Follow-up list: {n} loans, {pages} pages.</source>
            <translation>回访计划表：{n}笔贷款，共{pages}页。</translation>
        </message>
        <message>
            <source>Cancelled.</source>
            <translation>已取消。</translation>
        </message>
        <message>
            <source>Saved {path}.</source>
            <translation>已保存{path}。</translation>
        </message>
        <message>
            <source>Laying out {done} of {total} records…</source>
            <translation>正在排版第{done}/{total}条记录…</translation>
        </message>
        <message>
            <source>Fieldbook record</source>
            <translation>外业手簿记录</translation>
        </message>
    </context>
    <context>
        <name>ProgramPages</name>
        <message>
            <source>Refresh</source>
            <translation>刷新</translation>
        </message>
        <message>
            <source>Computing…</source>
            <translation>正在计算…</translation>
        </message>
        <message>
            <source>As of {date}.</source>
            <translation>截至{date}。</translation>
        </message>
        <message>
            <source>As of:</source>
            <translation>截至：</translation>
        </message>
        <message>
            <source>Dashboards</source>
            <translation>统计看板</translation>
        </message>
        <message>
            <source>The portfolio, dividends, subsidies and the risk fund at a glance. Every chart can be saved as an image and its numbers as Excel.</source>
            <translation>贷款结构、分红、贴息和风险补偿金一览。每张图都可保存为图片，其数据可导出为Excel。</translation>
        </message>
        <message>
            <source>{status} ({date})</source>
            <translation>{status}（{date}）</translation>
        </message>
        <message>
            <source>Yes</source>
            <translation>是</translation>
        </message>
        <message>
            <source>Not observed</source>
            <translation>未记录</translation>
        </message>
        <message>
            <source>Enterprise</source>
            <translation>委托经营企业</translation>
        </message>
        <message>
            <source>Credit code</source>
            <translation>统一社会信用代码</translation>
        </message>
        <message>
            <source>Industry</source>
            <translation>行业</translation>
        </message>
        <message>
            <source>Benefit link</source>
            <translation>利益联结方式</translation>
        </message>
        <message>
            <source>Operating status</source>
            <translation>经营状况</translation>
        </message>
        <message>
            <source>Households</source>
            <translation>联结户数</translation>
        </message>
        <message>
            <source>Loans</source>
            <translation>贷款笔数</translation>
        </message>
        <message>
            <source>Balance (yuan)</source>
            <translation>贷款余额(元)</translation>
        </message>
        <message>
            <source>Overdue dividends (yuan)</source>
            <translation>逾期分红(元)</translation>
        </message>
        <message>
            <source>Contact</source>
            <translation>联系人</translation>
        </message>
        <message>
            <source>Street</source>
            <translation>街道</translation>
        </message>
        <message>
            <source>Village</source>
            <translation>村</translation>
        </message>
        <message>
            <source>Head of household</source>
            <translation>户主</translation>
        </message>
        <message>
            <source>Borrower</source>
            <translation>借款人</translation>
        </message>
        <message>
            <source>Citizen ID</source>
            <translation>身份证号</translation>
        </message>
        <message>
            <source>Bank</source>
            <translation>经办银行</translation>
        </message>
        <message>
            <source>Contract</source>
            <translation>合同编号</translation>
        </message>
        <message>
            <source>Amount (yuan)</source>
            <translation>金额(元)</translation>
        </message>
        <message>
            <source>Disbursed</source>
            <translation>放款日期</translation>
        </message>
        <message>
            <source>Matures</source>
            <translation>到期日期</translation>
        </message>
        <message>
            <source>Dividends due (yuan)</source>
            <translation>应付分红(元)</translation>
        </message>
        <message>
            <source>Dividends paid (yuan)</source>
            <translation>已付分红(元)</translation>
        </message>
        <message>
            <source>After the cutoff</source>
            <translation>截止日后发放</translation>
        </message>
        <message>
            <source>Period</source>
            <translation>期间</translation>
        </message>
        <message>
            <source>Due on</source>
            <translation>应付日期</translation>
        </message>
        <message>
            <source>Paid (yuan)</source>
            <translation>已付(元)</translation>
        </message>
        <message>
            <source>Unpaid (yuan)</source>
            <translation>未付(元)</translation>
        </message>
        <message>
            <source>Last paid</source>
            <translation>最近支付</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Days overdue</source>
            <translation>逾期天数</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>备注</translation>
        </message>
        <message>
            <source>Linked since</source>
            <translation>联结日期</translation>
        </message>
        <message>
            <source>Observed on</source>
            <translation>记录日期</translation>
        </message>
        <message>
            <source>By</source>
            <translation>记录人</translation>
        </message>
        <message>
            <source>On a visit</source>
            <translation>回访时记录</translation>
        </message>
        <message>
            <source>What was seen</source>
            <translation>所见情况</translation>
        </message>
        <message>
            <source>Edit the enterprise</source>
            <translation>修改企业信息</translation>
        </message>
        <message>
            <source>New enterprise</source>
            <translation>新增企业</translation>
        </message>
        <message>
            <source>Name:</source>
            <translation>名称：</translation>
        </message>
        <message>
            <source>Unified social credit code:</source>
            <translation>统一社会信用代码：</translation>
        </message>
        <message>
            <source>Contact person:</source>
            <translation>联系人：</translation>
        </message>
        <message>
            <source>Phone:</source>
            <translation>电话：</translation>
        </message>
        <message>
            <source>Industry:</source>
            <translation>行业：</translation>
        </message>
        <message>
            <source>Address:</source>
            <translation>地址：</translation>
        </message>
        <message>
            <source>Benefit link:</source>
            <translation>利益联结方式：</translation>
        </message>
        <message>
            <source>Note:</source>
            <translation>备注：</translation>
        </message>
        <message>
            <source>Operating status of {name}</source>
            <translation>{name}的经营状况</translation>
        </message>
        <message>
            <source>Not on a visit</source>
            <translation>非回访时记录</translation>
        </message>
        <message>
            <source>Observed on:</source>
            <translation>记录日期：</translation>
        </message>
        <message>
            <source>Status:</source>
            <translation>状态：</translation>
        </message>
        <message>
            <source>Visit:</source>
            <translation>回访记录：</translation>
        </message>
        <message>
            <source>What was seen:</source>
            <translation>所见情况：</translation>
        </message>
        <message>
            <source>Mark a loan as enterprise use</source>
            <translation>标记为户贷企用贷款</translation>
        </message>
        <message>
            <source>contract number</source>
            <translation>合同编号</translation>
        </message>
        <message>
            <source>Loan:</source>
            <translation>贷款：</translation>
        </message>
        <message>
            <source>Bank:</source>
            <translation>经办银行：</translation>
        </message>
        <message>
            <source>Enterprise:</source>
            <translation>企业：</translation>
        </message>
        <message>
            <source>Schedule a dividend</source>
            <translation>登记应付分红</translation>
        </message>
        <message>
            <source>Household:</source>
            <translation>农户：</translation>
        </message>
        <message>
            <source>Period:</source>
            <translation>期间：</translation>
        </message>
        <message>
            <source>Due on:</source>
            <translation>应付日期：</translation>
        </message>
        <message>
            <source>Amount:</source>
            <translation>金额：</translation>
        </message>
        <message>
            <source>Record a dividend payment</source>
            <translation>登记分红支付</translation>
        </message>
        <message>
            <source>Paid on:</source>
            <translation>支付日期：</translation>
        </message>
        <message>
            <source>Enterprises</source>
            <translation>委托经营企业</translation>
        </message>
        <message>
            <source>Enterprise-use loans</source>
            <translation>户贷企用贷款</translation>
        </message>
        <message>
            <source>Dividends</source>
            <translation>分红</translation>
        </message>
        <message>
            <source>District staff manage the enterprises.</source>
            <translation>企业信息由区级工作人员管理。</translation>
        </message>
        <message>
            <source>Name or credit code</source>
            <translation>名称或信用代码</translation>
        </message>
        <message>
            <source>New enterprise…</source>
            <translation>新增企业…</translation>
        </message>
        <message>
            <source>Edit…</source>
            <translation>修改…</translation>
        </message>
        <message>
            <source>Record operating status…</source>
            <translation>记录经营状况…</translation>
        </message>
        <message>
            <source>Linked households</source>
            <translation>联结农户</translation>
        </message>
        <message>
            <source>Operating status history</source>
            <translation>经营状况记录</translation>
        </message>
        <message>
            <source>Mark a loan as enterprise use…</source>
            <translation>标记户贷企用贷款…</translation>
        </message>
        <message>
            <source>Back to household use</source>
            <translation>改回户贷户用</translation>
        </message>
        <message>
            <source>District staff record dividends.</source>
            <translation>分红由区级工作人员登记。</translation>
        </message>
        <message>
            <source>Only overdue</source>
            <translation>仅显示逾期</translation>
        </message>
        <message>
            <source>Schedule dividend…</source>
            <translation>登记应付分红…</translation>
        </message>
        <message>
            <source>Record payment…</source>
            <translation>登记支付…</translation>
        </message>
        <message>
            <source>{n} dividends; {late} overdue with {amount} yuan unpaid.</source>
            <translation>共{n}笔分红；逾期{late}笔，未付{amount}元。</translation>
        </message>
        <message>
            <source>Warning (saved with the enterprise): {warning}</source>
            <translation>提示（将随企业信息保存）：{warning}</translation>
        </message>
        <message>
            <source>Only loans made on or before {cutoff} may be used by an enterprise.</source>
            <translation>只有在{cutoff}（含当日）之前发放的贷款才可由企业使用。</translation>
        </message>
        <message>
            <source>{borrower}, {bank}, made on {date}</source>
            <translation>{borrower}，{bank}，{date}发放</translation>
        </message>
        <message>
            <source>Add the enterprise first.</source>
            <translation>请先新增企业。</translation>
        </message>
        <message>
            <source>No household is linked to this enterprise yet.</source>
            <translation>该企业尚未联结任何农户。</translation>
        </message>
        <message>
            <source>Choose the household.</source>
            <translation>请选择农户。</translation>
        </message>
        <message>
            <source>{household} — {enterprise}, {period}: {amount} yuan due on {due}, {unpaid} yuan unpaid</source>
            <translation>{household} — {enterprise}，{period}：应于{due}支付{amount}元，未付{unpaid}元</translation>
        </message>
        <message>
            <source>Entrusted enterprises of the enterprise-use (户贷企用) stock loans, their linked households, operating status and dividends. As of {date}.</source>
            <translation>户贷企用存量贷款的委托经营企业、联结农户、经营状况和分红。截至{date}。</translation>
        </message>
        <message>
            <source>The bank or district staff mark loans.</source>
            <translation>贷款由经办银行或区级工作人员标记。</translation>
        </message>
        <message>
            <source>{n} enterprise-use loans were made after the cutoff {cutoff}; after the cutoff every loan must be borrowed, used and repaid by the household. They are marked in red.</source>
            <translation>有{n}笔户贷企用贷款发放于截止日{cutoff}之后；截止日后每笔贷款都必须户贷户用户还。这些贷款以红色标出。</translation>
        </message>
        <message>
            <source>{n} enterprise-use loans, all made on or before the cutoff {cutoff}.</source>
            <translation>户贷企用贷款{n}笔，均在截止日{cutoff}（含当日）之前发放。</translation>
        </message>
        <message>
            <source>Credit code {code}</source>
            <translation>信用代码 {code}</translation>
        </message>
        <message>
            <source>Street:</source>
            <translation>街道：</translation>
        </message>
        <message>
            <source>No enterprise yet.</source>
            <translation>尚无企业。</translation>
        </message>
        <message>
            <source>Date</source>
            <translation>日期</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>类别</translation>
        </message>
        <message>
            <source>Source or loans compensated</source>
            <translation>资金来源/代偿贷款</translation>
        </message>
        <message>
            <source>In (yuan)</source>
            <translation>注入(元)</translation>
        </message>
        <message>
            <source>Out (yuan)</source>
            <translation>支出(元)</translation>
        </message>
        <message>
            <source>Fund balance (yuan)</source>
            <translation>补偿金余额（元）</translation>
        </message>
        <message>
            <source>Claimed on</source>
            <translation>申请日期</translation>
        </message>
        <message>
            <source>Claimed (yuan)</source>
            <translation>申请金额(元)</translation>
        </message>
        <message>
            <source>Approved (yuan)</source>
            <translation>核定金额(元)</translation>
        </message>
        <message>
            <source>Decided on</source>
            <translation>审核日期</translation>
        </message>
        <message>
            <source>Paid on</source>
            <translation>拨付日期</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>审核意见</translation>
        </message>
        <message>
            <source>Claims</source>
            <translation>笔数</translation>
        </message>
        <message>
            <source>Pending (yuan)</source>
            <translation>待审核(元)</translation>
        </message>
        <message>
            <source>Refused (yuan)</source>
            <translation>不予贴息(元)</translation>
        </message>
        <message>
            <source>Held on</source>
            <translation>活动日期</translation>
        </message>
        <message>
            <source>Campaign</source>
            <translation>所属活动</translation>
        </message>
        <message>
            <source>Place</source>
            <translation>地点</translation>
        </message>
        <message>
            <source>Topic</source>
            <translation>主题</translation>
        </message>
        <message>
            <source>Organiser</source>
            <translation>组织单位</translation>
        </message>
        <message>
            <source>People reached</source>
            <translation>覆盖人数</translation>
        </message>
        <message>
            <source>Photos</source>
            <translation>照片</translation>
        </message>
        <message>
            <source>Covered loans</source>
            <translation>纳入补偿范围的贷款</translation>
        </message>
        <message>
            <source>Money paid into the fund</source>
            <translation>风险补偿金注入</translation>
        </message>
        <message>
            <source>Date:</source>
            <translation>日期：</translation>
        </message>
        <message>
            <source>Source:</source>
            <translation>资金来源：</translation>
        </message>
        <message>
            <source>Compensation paid from the fund</source>
            <translation>风险补偿金代偿支出</translation>
        </message>
        <message>
            <source>Compensation claim:</source>
            <translation>代偿申请：</translation>
        </message>
        <message>
            <source>File an interest subsidy claim</source>
            <translation>提交贴息申请</translation>
        </message>
        <message>
            <source>Loan contract:</source>
            <translation>贷款合同编号：</translation>
        </message>
        <message>
            <source>Claimed on:</source>
            <translation>申请日期：</translation>
        </message>
        <message>
            <source>Approve the claim</source>
            <translation>审核通过</translation>
        </message>
        <message>
            <source>Refuse the claim</source>
            <translation>不予贴息</translation>
        </message>
        <message>
            <source>Reason:</source>
            <translation>理由：</translation>
        </message>
        <message>
            <source>New outreach campaign</source>
            <translation>新建宣传活动</translation>
        </message>
        <message>
            <source>Starts on:</source>
            <translation>开始日期：</translation>
        </message>
        <message>
            <source>Ends on:</source>
            <translation>结束日期：</translation>
        </message>
        <message>
            <source>Organiser:</source>
            <translation>组织单位：</translation>
        </message>
        <message>
            <source>Record an outreach session</source>
            <translation>登记宣传教育活动</translation>
        </message>
        <message>
            <source>No campaign</source>
            <translation>不属于专项活动</translation>
        </message>
        <message>
            <source>No photos</source>
            <translation>无照片</translation>
        </message>
        <message>
            <source>Add photos…</source>
            <translation>添加照片…</translation>
        </message>
        <message>
            <source>Held on:</source>
            <translation>活动日期：</translation>
        </message>
        <message>
            <source>Campaign:</source>
            <translation>所属活动：</translation>
        </message>
        <message>
            <source>Place:</source>
            <translation>地点：</translation>
        </message>
        <message>
            <source>Topic:</source>
            <translation>主题：</translation>
        </message>
        <message>
            <source>People reached:</source>
            <translation>覆盖人数：</translation>
        </message>
        <message>
            <source>Photos:</source>
            <translation>照片：</translation>
        </message>
        <message>
            <source>Photos of the session</source>
            <translation>活动照片</translation>
        </message>
        <message>
            <source>Pictures (*.jpg *.jpeg *.png *.bmp *.gif *.webp *.tif *.tiff)</source>
            <translation>图片 (*.jpg *.jpeg *.png *.bmp *.gif *.webp *.tif *.tiff)</translation>
        </message>
        <message>
            <source>Risk compensation fund</source>
            <translation>风险补偿金</translation>
        </message>
        <message>
            <source>Interest subsidies</source>
            <translation>贴息</translation>
        </message>
        <message>
            <source>Outreach</source>
            <translation>宣传教育</translation>
        </message>
        <message>
            <source>District staff manage the fund.</source>
            <translation>风险补偿金由区级工作人员管理。</translation>
        </message>
        <message>
            <source>Add contribution…</source>
            <translation>登记注入…</translation>
        </message>
        <message>
            <source>Record payout…</source>
            <translation>登记代偿…</translation>
        </message>
        <message>
            <source>Overdue loans to report…</source>
            <translation>应报送的逾期贷款…</translation>
        </message>
        <message>
            <source>The lending bank files claims.</source>
            <translation>贴息申请由经办银行提交。</translation>
        </message>
        <message>
            <source>District staff decide claims.</source>
            <translation>贴息申请由区级工作人员审核。</translation>
        </message>
        <message>
            <source>File claim…</source>
            <translation>提交申请…</translation>
        </message>
        <message>
            <source>Approve…</source>
            <translation>审核通过…</translation>
        </message>
        <message>
            <source>Refuse…</source>
            <translation>不予贴息…</translation>
        </message>
        <message>
            <source>Mark paid</source>
            <translation>标记已拨付</translation>
        </message>
        <message>
            <source>District staff set up campaigns.</source>
            <translation>宣传活动由区级工作人员设立。</translation>
        </message>
        <message>
            <source>New campaign…</source>
            <translation>新建活动…</translation>
        </message>
        <message>
            <source>Record session…</source>
            <translation>登记活动…</translation>
        </message>
        <message>
            <source>{amount} yuan</source>
            <translation>{amount}元</translation>
        </message>
        <message>
            <source>{amount} yuan ({n} loans)</source>
            <translation>{amount}元（{n}笔）</translation>
        </message>
        <message>
            <source>{ratio} × (limit {limit} ×)</source>
            <translation>{ratio}倍（上限{limit}倍）</translation>
        </message>
        <message>
            <source>{n} sessions reached {people} people.</source>
            <translation>共{n}场活动，覆盖{people}人。</translation>
        </message>
        <message>
            <source>Claim of {contract} marked paid.</source>
            <translation>{contract}的贴息已标记为已拨付。</translation>
        </message>
        <message>
            <source>Contribution</source>
            <translation>注入</translation>
        </message>
        <message>
            <source>Compensation payout</source>
            <translation>代偿支出</translation>
        </message>
        <message>
            <source>Refused by rule</source>
            <translation>按规则不予贴息</translation>
        </message>
        <message>
            <source>{contract} {borrower} ({street}): claim {claim} yuan, the fund pays up to {allowed} yuan, paid {paid} yuan</source>
            <translation>{contract} {borrower}（{street}）：申请代偿{claim}元，风险补偿金最多承担{allowed}元，已代偿{paid}元</translation>
        </message>
        <message>
            <source>No approved compensation claim is waiting for payment</source>
            <translation>没有待支付的已批准代偿申请</translation>
        </message>
        <message>
            <source>The fund pays only against an approved compensation claim; none is waiting for payment.</source>
            <translation>风险补偿金只对已批准的代偿申请支付代偿；目前没有待支付的申请。</translation>
        </message>
        <message>
            <source>{contract} {borrower}, {period}: {amount} yuan claimed</source>
            <translation>{contract} {borrower}，{period}：申请{amount}元</translation>
        </message>
        <message>
            <source>Approved amount:</source>
            <translation>核定金额：</translation>
        </message>
        <message>
            <source>District-wide</source>
            <translation>全区</translation>
        </message>
        <message>
            <source>{n} photos</source>
            <translation>{n}张照片</translation>
        </message>
        <message>
            <source>Fund &amp; subsidies</source>
            <translation>风险补偿金与贴息</translation>
        </message>
        <message>
            <source>The risk compensation fund against its leverage limit, interest-subsidy claims and outreach. As of {date}.</source>
            <translation>风险补偿金及其放大倍数上限、贴息申请和宣传教育。截至{date}。</translation>
        </message>
        <message>
            <source>Your role may not record sessions.</source>
            <translation>您的角色不能登记活动。</translation>
        </message>
        <message>
            <source>Covered loans against the limit</source>
            <translation>纳入补偿范围的贷款与上限</translation>
        </message>
        <message>
            <source>All</source>
            <translation>全部</translation>
        </message>
        <message>
            <source>The claim was recorded and refused by rule: {reason}</source>
            <translation>申请已登记，但按规则不予贴息：{reason}</translation>
        </message>
        <message>
            <source>The claim was filed.</source>
            <translation>贴息申请已提交。</translation>
        </message>
        <message>
            <source>This claim was decided already ({status}).</source>
            <translation>该申请已审核（{status}）。</translation>
        </message>
        <message>
            <source>Fund balance</source>
            <translation>风险补偿金余额</translation>
        </message>
        <message>
            <source>Leverage</source>
            <translation>放大倍数</translation>
        </message>
        <message>
            <source>Room under the limit</source>
            <translation>距上限余量</translation>
        </message>
        <message>
            <source>Over the limit: the covered loans exceed {limit} times the fund. Add to the fund or stop new lending under the cover.</source>
            <translation>超出上限：纳入补偿范围的贷款超过风险补偿金的{limit}倍。请补充风险补偿金或暂停新增纳入补偿范围的贷款。</translation>
        </message>
        <message>
            <source>Within the limit of {limit} times the fund.</source>
            <translation>未超过风险补偿金{limit}倍的上限。</translation>
        </message>
        <message>
            <source>Limit ({n}× fund)</source>
            <translation>上限（补偿金{n}倍）</translation>
        </message>
        <message>
            <source> yuan</source>
            <translation> 元</translation>
        </message>
    </context>
    <context>
        <name>Programs</name>
        <message>
            <source>A dividend needs an amount above zero.</source>
            <translation>分红金额必须大于零。</translation>
        </message>
        <message>
            <source>A payment needs an amount above zero.</source>
            <translation>支付金额必须大于零。</translation>
        </message>
        <message>
            <source>A payment cannot be dated in the future.</source>
            <translation>支付日期不能晚于今天。</translation>
        </message>
        <message>
            <source>This dividend no longer exists.</source>
            <translation>该笔分红已不存在。</translation>
        </message>
        <message>
            <source>Only {left} yuan of this dividend is still unpaid; the payment of {amount} yuan is more than that.</source>
            <translation>该笔分红仅剩{left}元未付；本次支付{amount}元超出了未付金额。</translation>
        </message>
        <message>
            <source>{enterprise} owes {household} a dividend of {amount} yuan due on {due}; {unpaid} yuan unpaid after {days} days</source>
            <translation>{enterprise}应于{due}向{household}支付分红{amount}元，已过{days}天，仍有{unpaid}元未付</translation>
        </message>
        <message>
            <source>This loan no longer exists.</source>
            <translation>该贷款已不存在。</translation>
        </message>
        <message>
            <source>The enterprise needs a name.</source>
            <translation>请填写企业名称。</translation>
        </message>
        <message>
            <source>An observation cannot be dated in the future.</source>
            <translation>记录日期不能晚于今天。</translation>
        </message>
        <message>
            <source>This enterprise no longer exists.</source>
            <translation>该企业已不存在。</translation>
        </message>
        <message>
            <source>Fund balance {fund} yuan; covered loans {covered} yuan ({count} loans).</source>
            <translation>风险补偿金余额{fund}元；纳入补偿范围的贷款{covered}元（{count}笔）。</translation>
        </message>
        <message>
            <source>A contribution needs an amount above zero.</source>
            <translation>注入金额必须大于零。</translation>
        </message>
        <message>
            <source>Name where the money came from (for example 区财政局).</source>
            <translation>请填写资金来源（例如区财政局）。</translation>
        </message>
        <message>
            <source>A payout names at least one loan.</source>
            <translation>代偿至少要对应一笔贷款。</translation>
        </message>
        <message>
            <source>Each loan's compensation needs an amount above zero.</source>
            <translation>每笔贷款的代偿金额必须大于零。</translation>
        </message>
        <message>
            <source>{amount} yuan the fund paid for covered loans is no longer covered.</source>
            <translation>风险补偿金已代偿的{amount}元贷款不再计入补偿范围。</translation>
        </message>
        <message>
            <source>Leverage {ratio} times, above the limit of {limit} times: {amount} yuan over it.</source>
            <translation>放大倍数{ratio}倍，超过{limit}倍的上限，超出{amount}元。</translation>
        </message>
        <message>
            <source>Leverage {ratio} times, within the limit of {limit} times ({amount} yuan of room).</source>
            <translation>放大倍数{ratio}倍，未超过{limit}倍的上限（尚有{amount}元空间）。</translation>
        </message>
        <message>
            <source>Risk compensation fund</source>
            <translation>风险补偿金</translation>
        </message>
        <message>
            <source>Covered loans of {covered} yuan are {ratio} times the fund's {fund} yuan; the limit is {limit} times</source>
            <translation>风险补偿金覆盖的贷款{covered}元，为补偿金{fund}元的{ratio}倍，超过上限{limit}倍</translation>
        </message>
        <message>
            <source>The fund holds {balance} yuan on {date}; a payout of {amount} yuan is more than that.</source>
            <translation>{date}风险补偿金余额为{balance}元；代偿{amount}元超出了余额。</translation>
        </message>
        <message>
            <source>The fund holds nothing, so no leverage can be worked out: any covered loan is beyond the limit of {limit} times the fund. Pay into the fund before lending under its cover.</source>
            <translation>风险补偿金余额为零，无法计算放大倍数：任何纳入补偿范围的贷款都超出补偿金{limit}倍的上限。请先注入风险补偿金，再发放纳入补偿范围的贷款。</translation>
        </message>
        <message>
            <source>The fund holds nothing and covers no loans.</source>
            <translation>风险补偿金余额为零，也没有纳入补偿范围的贷款。</translation>
        </message>
        <message>
            <source>The fund pays only against an approved compensation claim; the loan {contract} has none chosen.</source>
            <translation>风险补偿金只对已批准的代偿申请支付代偿；贷款{contract}未选择代偿申请。</translation>
        </message>
        <message>
            <source>The decision chosen for the loan {contract} is not a compensation claim of that loan.</source>
            <translation>为贷款{contract}选择的处置决定不是该贷款的风险补偿金代偿申请。</translation>
        </message>
        <message>
            <source>The compensation claim of the loan {contract} is not approved yet.</source>
            <translation>贷款{contract}的代偿申请尚未批准。</translation>
        </message>
        <message>
            <source>The compensation claim of the loan {contract} waits for the district's approval.</source>
            <translation>贷款{contract}的代偿申请尚待区级审批。</translation>
        </message>
        <message>
            <source>The loan {contract} is repaid by {date}; the fund compensates only a loss.</source>
            <translation>贷款{contract}截至{date}已结清；风险补偿金只对实际损失代偿。</translation>
        </message>
        <message>
            <source>The claim of the loan {contract} allows {allowed} yuan (the fund's {share}% of {claim} yuan); {paid} yuan was paid on it already, so {amount} yuan more is too much.</source>
            <translation>贷款{contract}的代偿申请最多可支付{allowed}元（申请金额{claim}元的{share}%由风险补偿金承担）；已支付{paid}元，再支付{amount}元将超出。</translation>
        </message>
        <message>
            <source>This household no longer exists.</source>
            <translation>该农户已不存在。</translation>
        </message>
        <message>
            <source>The campaign needs a name.</source>
            <translation>请填写活动名称。</translation>
        </message>
        <message>
            <source>A campaign cannot end before it starts.</source>
            <translation>活动结束日期不能早于开始日期。</translation>
        </message>
        <message>
            <source>A session needs a place and a topic.</source>
            <translation>请填写活动地点和主题。</translation>
        </message>
        <message>
            <source>The number of people reached cannot be negative.</source>
            <translation>覆盖人数不能为负数。</translation>
        </message>
        <message>
            <source>A session cannot be recorded before it is held.</source>
            <translation>活动举办之前不能登记。</translation>
        </message>
        <message>
            <source>A field node records sessions of its own street only.</source>
            <translation>外业节点只能登记本街道的活动。</translation>
        </message>
        <message>
            <source>Name the report to the fund (its title or number).</source>
            <translation>请填写报送风险补偿金的报告名称（标题或文号）。</translation>
        </message>
        <message>
            <source>Choose the overdue loans the report covers.</source>
            <translation>请选择该报告所涵盖的逾期贷款。</translation>
        </message>
        <message>
            <source>The loan {contract} is not overdue on {date}; there is nothing to report.</source>
            <translation>贷款{contract}在{date}未逾期，无需报送。</translation>
        </message>
        <message>
            <source>The overdue loan {contract} (overdue since {since}) was reported on {date}.</source>
            <translation>逾期贷款{contract}（{since}起逾期）已于{date}报送。</translation>
        </message>
        <message>
            <source>Balance by risk class</source>
            <translation>按五级分类的贷款余额</translation>
        </message>
        <message>
            <source>Loans by risk class</source>
            <translation>按五级分类的贷款笔数</translation>
        </message>
        <message>
            <source>Balance by days overdue</source>
            <translation>按逾期天数的贷款余额</translation>
        </message>
        <message>
            <source>Balance by street</source>
            <translation>按街道的贷款余额</translation>
        </message>
        <message>
            <source>Balance by bank</source>
            <translation>按经办银行的贷款余额</translation>
        </message>
        <message>
            <source>Disbursed by month (last 12 months)</source>
            <translation>近12个月逐月放款金额</translation>
        </message>
        <message>
            <source>Dividends by status</source>
            <translation>分红支付状态（元）</translation>
        </message>
        <message>
            <source>Subsidy claims by status</source>
            <translation>贴息申请状态（元）</translation>
        </message>
        <message>
            <source>Risk fund: covered loans against the limit</source>
            <translation>风险补偿金：纳入补偿的贷款与上限</translation>
        </message>
        <message>
            <source>Overdue since {since} ({days} days, {amount} yuan); the report to the fund was due by {due}</source>
            <translation>{since}起逾期（{days}天，{amount}元）；应于{due}前报送风险补偿金</translation>
        </message>
        <message>
            <source>Fund balance</source>
            <translation>风险补偿金余额</translation>
        </message>
        <message>
            <source>Covered loans</source>
            <translation>纳入补偿范围的贷款</translation>
        </message>
        <message>
            <source>Limit ({n}× fund)</source>
            <translation>上限（补偿金{n}倍）</translation>
        </message>
        <message>
            <source>This loan was made on {date}; only loans made on or before {cutoff} may be used by an enterprise (户贷企用). After the cutoff every loan is borrowed, used and repaid by the household.</source>
            <translation>该笔贷款发放于{date}；只有{cutoff}（含当日）之前发放的贷款才可户贷企用。截止日之后的贷款一律户贷户用户还。</translation>
        </message>
        <message>
            <source>Refused: the loan {contract} has been overdue since {since}; the interest subsidy stops once a loan is overdue.</source>
            <translation>不予贴息：贷款{contract}自{since}起逾期；贷款逾期后即停止贴息。</translation>
        </message>
        <message>
            <source>Refused: the loan-use check of {date} found the loan {contract} misused; the interest subsidy stops on misuse.</source>
            <translation>不予贴息：{date}的用途核查发现贷款{contract}被挪用；挪用贷款即停止贴息。</translation>
        </message>
        <message>
            <source>Refused: fraud or impersonation was reported on {date} for the loan {contract}; the interest subsidy stops on fraud.</source>
            <translation>不予贴息：{date}报告贷款{contract}存在骗贷或冒名顶替；骗贷即停止贴息。</translation>
        </message>
        <message>
            <source>{period} is not a subsidy period; write it as 2026Q3, 2026H1, 2026-07, 2026 or a range of days such as 2026-07-01~2026-08-15.</source>
            <translation>“{period}”不是有效的贴息期间；请写作2026Q3、2026H1、2026-07、2026，或日期区间如2026-07-01~2026-08-15。</translation>
        </message>
        <message>
            <source>A subsidy claim needs an amount above zero.</source>
            <translation>贴息申请金额必须大于零。</translation>
        </message>
        <message>
            <source>A claim for {period} cannot be filed before the period begins ({start}).</source>
            <translation>{period}的贴息申请不能早于该期间开始日（{start}）提交。</translation>
        </message>
        <message>
            <source>The loan {contract} was made on {date}, after the period {period}.</source>
            <translation>贷款{contract}发放于{date}，晚于期间{period}。</translation>
        </message>
        <message>
            <source>The loan {contract} already has a claim for {other} ({first} to {last}), which overlaps {period} ({start} to {end}); a day is subsidised once.</source>
            <translation>贷款{contract}已有{other}（{first}至{last}）的贴息申请，与{period}（{start}至{end}）重叠；同一天只能贴息一次。</translation>
        </message>
        <message>
            <source>{amount} yuan is more than the subsidy the period allows: {share}% of the {due} yuan of interest due on the outstanding balance from {start} to {end} at the contract rate {rate}% (actual days / 360), that is {ceiling} yuan.</source>
            <translation>{amount}元超过该期间可贴息金额：按合同利率{rate}%（实际天数/360）计算，{start}至{end}贷款余额应付利息{due}元，其{share}%即{ceiling}元。</translation>
        </message>
        <message>
            <source>This claim no longer exists.</source>
            <translation>该申请已不存在。</translation>
        </message>
        <message>
            <source>This claim was decided already ({status}).</source>
            <translation>该申请已审核（{status}）。</translation>
        </message>
        <message>
            <source>Only an approved claim can be paid.</source>
            <translation>只有审核通过的申请才能拨付。</translation>
        </message>
        <message>
            <source>The approved amount must be above zero and at most the {amount} yuan claimed.</source>
            <translation>核定金额必须大于零，且不超过申请的{amount}元。</translation>
        </message>
        <message>
            <source>Give the reason for refusing the claim.</source>
            <translation>请填写不予贴息的理由。</translation>
        </message>
    </context>
    <context>
        <name>Records</name>
        <message>
            <source>Enter an amount in yuan.</source>
            <translation>请输入金额（元）。</translation>
        </message>
        <message>
            <source>"{value}" is not an amount in yuan.</source>
            <translation>“{value}”不是有效金额（元）。</translation>
        </message>
        <message>
            <source>An amount cannot be negative.</source>
            <translation>金额不能为负数。</translation>
        </message>
        <message>
            <source>An amount has at most two decimals (fen).</source>
            <translation>金额最多保留两位小数（分）。</translation>
        </message>
        <message>
            <source>Closing an anomaly needs a note: how was it settled?</source>
            <translation>结案须填写说明：问题是如何解决的？</translation>
        </message>
        <message>
            <source>Describe the measures taken.</source>
            <translation>请描述已采取的措施。</translation>
        </message>
        <message>
            <source>The record was not found.</source>
            <translation>找不到该记录。</translation>
        </message>
        <message>
            <source>This anomaly is closed already.</source>
            <translation>该异常情况已结案。</translation>
        </message>
        <message>
            <source>The anomaly is "{current}"; its next step is "{next}".</source>
            <translation>该异常情况当前为“{current}”，下一步应为“{next}”。</translation>
        </message>
        <message>
            <source>The household was not found on this node.</source>
            <translation>本节点上找不到该户。</translation>
        </message>
        <message>
            <source>This loan does not belong to the household.</source>
            <translation>该笔贷款不属于此户。</translation>
        </message>
        <message>
            <source>Choose a household or a loan first.</source>
            <translation>请先选择农户或贷款。</translation>
        </message>
        <message>
            <source>The loan was not found on this node.</source>
            <translation>本节点上找不到该贷款。</translation>
        </message>
        <message>
            <source>home not verified</source>
            <translation>未入户核实</translation>
        </message>
        <message>
            <source>not a registered poor household</source>
            <translation>非建档立卡贫困户</translation>
        </message>
        <message>
            <source>applicant younger than the minimum age</source>
            <translation>申请人未达最低年龄</translation>
        </message>
        <message>
            <source>applicant older than the maximum age</source>
            <translation>申请人超过最高年龄</translation>
        </message>
        <message>
            <source>applicant's age unknown</source>
            <translation>申请人年龄不详</translation>
        </message>
        <message>
            <source>credit not good</source>
            <translation>信用状况不良</translation>
        </message>
        <message>
            <source>not willing to borrow</source>
            <translation>无贷款意愿</translation>
        </message>
        <message>
            <source>no skills for the project</source>
            <translation>不具备项目技能</translation>
        </message>
        <message>
            <source>no ability to repay</source>
            <translation>无还款能力</translation>
        </message>
        <message>
            <source>gambling or drugs</source>
            <translation>有赌博或吸毒行为</translation>
        </message>
        <message>
            <source>debt ratio above 60%</source>
            <translation>资产负债率超过60%</translation>
        </message>
        <message>
            <source>an unsettled poverty-alleviation loan</source>
            <translation>有未结清的扶贫贷款</translation>
        </message>
        <message>
            <source>credit score below grade A</source>
            <translation>信用评分未达A级</translation>
        </message>
        <message>
            <source>The draft was not found.</source>
            <translation>找不到该草稿。</translation>
        </message>
        <message>
            <source>This draft belongs to another user.</source>
            <translation>该草稿属于其他用户。</translation>
        </message>
        <message>
            <source>Opened by the loan-use check of {date}: {use}, {amount} yuan misused. Observed: {observed}</source>
            <translation>由{date}的贷款用途核查自动生成：{use}，挪用{amount}元。核查所见：{observed}</translation>
        </message>
        <message>
            <source>Opened automatically by a misuse finding.</source>
            <translation>由挪用核查结果自动生成。</translation>
        </message>
        <message>
            <source>Give the reason for the amendment.</source>
            <translation>请填写更正原因。</translation>
        </message>
        <message>
            <source>This record was amended since (version {version}); amend the latest version.</source>
            <translation>该记录之后已更正过（第{version}版），请更正最新版本。</translation>
        </message>
        <message>
            <source>Sign off the latest version of the record.</source>
            <translation>请审核该记录的最新版本。</translation>
        </message>
        <message>
            <source>{user} signed this record off already.</source>
            <translation>{user}已审核过该记录。</translation>
        </message>
        <message>
            <source>{type}; business {business}. {findings}</source>
            <translation>{type}；{business}。{findings}</translation>
        </message>
        <message>
            <source>{conclusion}: {use}, {amount} yuan</source>
            <translation>{conclusion}：{use}，{amount}元</translation>
        </message>
        <message>
            <source>{kind} ({severity}): {description}</source>
            <translation>{kind}（{severity}）：{description}</translation>
        </message>
        <message>
            <source>eligible, line {line} yuan</source>
            <translation>符合条件，授信{line}元</translation>
        </message>
        <message>
            <source>not eligible: {reasons}</source>
            <translation>不符合条件：{reasons}</translation>
        </message>
        <message>
            <source>Score {score}, grade {grade}; {verdict}</source>
            <translation>得分{score}，等级{grade}；{verdict}</translation>
        </message>
        <message>
            <source>{days} days before maturity: {ability}; proposed: {disposal}</source>
            <translation>到期前{days}天：{ability}；拟：{disposal}</translation>
        </message>
        <message>
            <source>Loan disbursed</source>
            <translation>贷款发放</translation>
        </message>
        <message>
            <source>{amount} yuan for {months} months, {purpose}</source>
            <translation>{amount}元，{months}个月，{purpose}</translation>
        </message>
        <message>
            <source>Loan matures</source>
            <translation>贷款到期</translation>
        </message>
        <message>
            <source>balance {balance} yuan</source>
            <translation>余额{balance}元</translation>
        </message>
        <message>
            <source>Repayment</source>
            <translation>还款</translation>
        </message>
        <message>
            <source>principal {principal} yuan, interest {interest} yuan</source>
            <translation>本金{principal}元，利息{interest}元</translation>
        </message>
        <message>
            <source>At most {limit} characters; this text has {length}.</source>
            <translation>最多{limit}个字，当前为{length}个字。</translation>
        </message>
        <message>
            <source>Household</source>
            <translation>农户</translation>
        </message>
        <message>
            <source>Loan</source>
            <translation>贷款</translation>
        </message>
        <message>
            <source>Visited on</source>
            <translation>回访日期</translation>
        </message>
        <message>
            <source>Visit type</source>
            <translation>回访类型</translation>
        </message>
        <message>
            <source>Visitors</source>
            <translation>回访人</translation>
        </message>
        <message>
            <source>People met</source>
            <translation>接待人</translation>
        </message>
        <message>
            <source>Business status</source>
            <translation>经营状况</translation>
        </message>
        <message>
            <source>What was seen</source>
            <translation>现场所见</translation>
        </message>
        <message>
            <source>Family changes</source>
            <translation>家庭变化</translation>
        </message>
        <message>
            <source>Income estimate (yuan/year)</source>
            <translation>收入估计（元/年）</translation>
        </message>
        <message>
            <source>Willingness to repay</source>
            <translation>还款意愿</translation>
        </message>
        <message>
            <source>Ability to repay</source>
            <translation>还款能力</translation>
        </message>
        <message>
            <source>Loan used as declared</source>
            <translation>是否按申报用途使用</translation>
        </message>
        <message>
            <source>Findings</source>
            <translation>发现问题</translation>
        </message>
        <message>
            <source>Follow-up actions</source>
            <translation>后续措施</translation>
        </message>
        <message>
            <source>Next visit by</source>
            <translation>下次回访日期</translation>
        </message>
        <message>
            <source>Household confirmed</source>
            <translation>农户已确认</translation>
        </message>
        <message>
            <source>Checked on</source>
            <translation>核查日期</translation>
        </message>
        <message>
            <source>Checked by</source>
            <translation>核查人</translation>
        </message>
        <message>
            <source>Declared purpose</source>
            <translation>申报用途</translation>
        </message>
        <message>
            <source>Observed use</source>
            <translation>实际用途</translation>
        </message>
        <message>
            <source>Prohibited use found</source>
            <translation>发现的违规用途</translation>
        </message>
        <message>
            <source>Amount misused (yuan)</source>
            <translation>挪用金额（元）</translation>
        </message>
        <message>
            <source>Conclusion</source>
            <translation>核查结论</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>备注</translation>
        </message>
        <message>
            <source>Found on</source>
            <translation>发现日期</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>异常类型</translation>
        </message>
        <message>
            <source>Severity</source>
            <translation>严重程度</translation>
        </message>
        <message>
            <source>Description</source>
            <translation>情况描述</translation>
        </message>
        <message>
            <source>Measures</source>
            <translation>处置措施</translation>
        </message>
        <message>
            <source>Assigned to</source>
            <translation>责任人</translation>
        </message>
        <message>
            <source>Reviewed on</source>
            <translation>审查日期</translation>
        </message>
        <message>
            <source>Reviewers</source>
            <translation>审查人</translation>
        </message>
        <message>
            <source>Applicant</source>
            <translation>申请人</translation>
        </message>
        <message>
            <source>Home verified</source>
            <translation>已入户核实</translation>
        </message>
        <message>
            <source>Home verification findings</source>
            <translation>入户核实情况</translation>
        </message>
        <message>
            <source>Registered poor household</source>
            <translation>建档立卡贫困户</translation>
        </message>
        <message>
            <source>Credit good</source>
            <translation>信用良好</translation>
        </message>
        <message>
            <source>Willing to borrow</source>
            <translation>有贷款意愿</translation>
        </message>
        <message>
            <source>Has skills for the project</source>
            <translation>具备项目技能</translation>
        </message>
        <message>
            <source>Able to repay</source>
            <translation>有还款能力</translation>
        </message>
        <message>
            <source>Gambling or drugs</source>
            <translation>有赌博或吸毒行为</translation>
        </message>
        <message>
            <source>Debt ratio (%)</source>
            <translation>资产负债率（%）</translation>
        </message>
        <message>
            <source>Unsettled poverty loan</source>
            <translation>有未结清扶贫贷款</translation>
        </message>
        <message>
            <source>Household size</source>
            <translation>家庭人口</translation>
        </message>
        <message>
            <source>Labour force</source>
            <translation>劳动力人数</translation>
        </message>
        <message>
            <source>Total assets (0–13)</source>
            <translation>总资产（0–13分）</translation>
        </message>
        <message>
            <source>Net assets (0–13)</source>
            <translation>净资产（0–13分）</translation>
        </message>
        <message>
            <source>Share capital (0–4)</source>
            <translation>入股股金（0–4分）</translation>
        </message>
        <message>
            <source>Net income (0–14)</source>
            <translation>纯收入（0–14分）</translation>
        </message>
        <message>
            <source>Overall assessment</source>
            <translation>综合评价</translation>
        </message>
        <message>
            <source>Repayment record (0–10)</source>
            <translation>还款记录（0–10分）</translation>
        </message>
        <message>
            <source>Project</source>
            <translation>贷款项目</translation>
        </message>
        <message>
            <source>Project description</source>
            <translation>项目说明</translation>
        </message>
        <message>
            <source>Amount requested (yuan)</source>
            <translation>申请金额（元）</translation>
        </message>
        <message>
            <source>Proposed credit line (yuan)</source>
            <translation>拟授信额度（元）</translation>
        </message>
        <message>
            <source>Policy explanation</source>
            <translation>政策解释</translation>
        </message>
        <message>
            <source>Explained to</source>
            <translation>解释对象</translation>
        </message>
        <message>
            <source>Assessed on</source>
            <translation>评估日期</translation>
        </message>
        <message>
            <source>Assessors</source>
            <translation>评估人</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>原因</translation>
        </message>
        <message>
            <source>Proposed disposal</source>
            <translation>拟处置方式</translation>
        </message>
        <message>
            <source>Decision</source>
            <translation>决定</translation>
        </message>
        <message>
            <source>Decided by</source>
            <translation>决定人</translation>
        </message>
        <message>
            <source>Decided on</source>
            <translation>决定日期</translation>
        </message>
        <message>
            <source>Reported to the finance office on</source>
            <translation>报区财政局（金融办）日期</translation>
        </message>
        <message>
            <source>Reason for the amendment</source>
            <translation>更正原因</translation>
        </message>
        <message>
            <source>Not a date.</source>
            <translation>不是有效日期。</translation>
        </message>
        <message>
            <source>This household belongs to another street ({street}); this node records only its own street's households.</source>
            <translation>该户属于其他街道（{street}）；本节点只能记录本街道的农户。</translation>
        </message>
        <message>
            <source>Choose the loan this record is about.</source>
            <translation>请选择本记录对应的贷款。</translation>
        </message>
        <message>
            <source>Who made the visit?</source>
            <translation>请填写回访人。</translation>
        </message>
        <message>
            <source>Whom did you meet?</source>
            <translation>请填写接待人。</translation>
        </message>
        <message>
            <source>Write down what you found.</source>
            <translation>请填写发现的情况。</translation>
        </message>
        <message>
            <source>Describe what you saw of the business.</source>
            <translation>请描述现场看到的经营情况。</translation>
        </message>
        <message>
            <source>A pre-maturity visit is about a loan; choose it.</source>
            <translation>到期前回访须对应一笔贷款，请选择。</translation>
        </message>
        <message>
            <source>The next visit comes after this one.</source>
            <translation>下次回访日期应晚于本次回访。</translation>
        </message>
        <message>
            <source>Who made the check?</source>
            <translation>请填写核查人。</translation>
        </message>
        <message>
            <source>Describe how the money was used.</source>
            <translation>请描述贷款资金的实际用途。</translation>
        </message>
        <message>
            <source>Describe what happened.</source>
            <translation>请描述发生的情况。</translation>
        </message>
        <message>
            <source>Who made the review?</source>
            <translation>请填写审查人。</translation>
        </message>
        <message>
            <source>Choose the applicant among the household's members.</source>
            <translation>请从家庭成员中选择申请人。</translation>
        </message>
        <message>
            <source>Note what the home verification found.</source>
            <translation>请填写入户核实的情况。</translation>
        </message>
        <message>
            <source>A household has at least one person.</source>
            <translation>家庭人口至少为1人。</translation>
        </message>
        <message>
            <source>At most {cap} yuan per household.</source>
            <translation>每户最多{cap}元。</translation>
        </message>
        <message>
            <source>An ineligible household gets no credit line.</source>
            <translation>不符合条件的农户不能授信。</translation>
        </message>
        <message>
            <source>Choose the project the loan is for.</source>
            <translation>请选择贷款项目。</translation>
        </message>
        <message>
            <source>The loan matured on {date}; the assessment is made before maturity.</source>
            <translation>该贷款已于{date}到期；评估须在到期前进行。</translation>
        </message>
        <message>
            <source>The assessment is made at most {n} days before maturity; this loan matures on {date}, {days} days later.</source>
            <translation>评估最早在到期前{n}天进行；该贷款于{date}到期，距今还有{days}天。</translation>
        </message>
        <message>
            <source>Who made the assessment?</source>
            <translation>请填写评估人。</translation>
        </message>
        <message>
            <source>The household cannot repay; propose a disposal.</source>
            <translation>该户无还款能力，请提出处置方式。</translation>
        </message>
        <message>
            <source>Who decided?</source>
            <translation>请填写决定人。</translation>
        </message>
        <message>
            <source>Write down the decision.</source>
            <translation>请填写决定内容。</translation>
        </message>
        <message>
            <source>Enter the date.</source>
            <translation>请填写日期。</translation>
        </message>
        <message>
            <source>The date {date} is in the future.</source>
            <translation>日期{date}晚于今天。</translation>
        </message>
        <message>
            <source>Choose one.</source>
            <translation>请选择一项。</translation>
        </message>
        <message>
            <source>Not one of the choices.</source>
            <translation>不是可选项之一。</translation>
        </message>
        <message>
            <source>The amount misused ({amount} yuan) is larger than the loan ({loan} yuan).</source>
            <translation>挪用金额（{amount}元）大于贷款金额（{loan}元）。</translation>
        </message>
        <message>
            <source>A prohibited use was found; the loan was not used as declared.</source>
            <translation>已发现违规用途，结论不能是“按申报用途使用”。</translation>
        </message>
        <message>
            <source>The applicant is not a member of this household.</source>
            <translation>申请人不是本户家庭成员。</translation>
        </message>
        <message>
            <source>Enter a number from 0 to {top}.</source>
            <translation>请输入0到{top}之间的数。</translation>
        </message>
        <message>
            <source>Grade {grade} allows at most {line} yuan.</source>
            <translation>{grade}级最多授信{line}元。</translation>
        </message>
        <message>
            <source>Record the policy explanation given to the household (it is not eligible).</source>
            <translation>该户不符合条件，请记录向农户所作的政策解释。</translation>
        </message>
        <message>
            <source>To whom was it explained?</source>
            <translation>请填写向谁作了解释。</translation>
        </message>
        <message>
            <source>Give the reason.</source>
            <translation>请填写原因。</translation>
        </message>
        <message>
            <source>The loan was disbursed on {date}; a use check comes after.</source>
            <translation>该贷款于{date}发放，用途核查须在放款之后。</translation>
        </message>
        <message>
            <source>An amount was misused; the loan was not used as declared.</source>
            <translation>已有挪用金额，结论不能是“按申报用途使用”。</translation>
        </message>
        <message>
            <source>Propose a credit line (at most {line} yuan).</source>
            <translation>请填写拟授信额度（最多{line}元）。</translation>
        </message>
        <message>
            <source>This comes after the assessment.</source>
            <translation>应晚于评估日期。</translation>
        </message>
        <message>
            <source>Name the prohibited use that was found.</source>
            <translation>请选择发现的违规用途。</translation>
        </message>
        <message>
            <source>Enter the amount misused.</source>
            <translation>请填写挪用金额。</translation>
        </message>
        <message>
            <source>The whole loan was misused; conclude "misused" rather than "partly".</source>
            <translation>贷款已全部挪用，结论应为“挪用”而不是“部分挪用”。</translation>
        </message>
    </context>
    <context>
        <name>References</name>
        <message>
            <source>{id} ({kind} of {date}, {head})</source>
            <translation>{id}（{date}的{kind}，{head}）</translation>
        </message>
        <message>
            <source>field record</source>
            <translation>外业记录</translation>
        </message>
        <message>
            <source>{code} is the code of a {found}, not of a {wanted}.</source>
            <translation>{code}是{found}的核验码，不是{wanted}的。</translation>
        </message>
        <message>
            <source>; and others</source>
            <translation>；等</translation>
        </message>
        <message>
            <source>{ref} matches several {what}s: {listed}{more}. Type more characters of the id.</source>
            <translation>{ref}对应多条{what}：{listed}{more}。请多输入几位编号。</translation>
        </message>
        <message>
            <source>{value} is not a street of the district: give its name (such as 狄寨街道) or its code (610111001 to 610111009).</source>
            <translation>{value}不是本区的街道：请填写街道名称（如狄寨街道）或代码（610111001至610111009）。</translation>
        </message>
        <message>
            <source>Give the {what}: its id or the first {n} characters of it.</source>
            <translation>请给出{what}：编号或编号的前{n}位。</translation>
        </message>
        <message>
            <source>{ref} is not the id of a {what} (an id has the digits 0-9 and the letters a-f).</source>
            <translation>{ref}不是{what}的编号（编号由数字0-9和字母a-f组成）。</translation>
        </message>
        <message>
            <source>{ref} is too short: give at least {n} characters of the {what}'s id.</source>
            <translation>{ref}太短：请至少输入{what}编号的前{n}位。</translation>
        </message>
        <message>
            <source>No {what} matches {ref} on this node.</source>
            <translation>本节点没有与{ref}对应的{what}。</translation>
        </message>
    </context>
    <context>
        <name>Registry</name>
        <message>
            <source>The head of household needs a name.</source>
            <translation>请填写户主姓名。</translation>
        </message>
        <message>
            <source>This household no longer exists on this node.</source>
            <translation>本节点上已没有该户。</translation>
        </message>
        <message>
            <source>Another household already has the head's citizen ID {id}.</source>
            <translation>户主身份证号{id}已登记在另一户中。</translation>
        </message>
        <message>
            <source>contract no.</source>
            <translation>合同编号</translation>
        </message>
        <message>
            <source>borrower</source>
            <translation>借款人</translation>
        </message>
        <message>
            <source>borrower's citizen ID</source>
            <translation>借款人身份证号</translation>
        </message>
        <message>
            <source>amount</source>
            <translation>贷款金额</translation>
        </message>
        <message>
            <source>disbursed on</source>
            <translation>放款日期</translation>
        </message>
        <message>
            <source>term (months)</source>
            <translation>贷款期限（月）</translation>
        </message>
        <message>
            <source>matures on</source>
            <translation>到期日期</translation>
        </message>
        <message>
            <source>rate</source>
            <translation>利率</translation>
        </message>
        <message>
            <source>purpose</source>
            <translation>用途类别</translation>
        </message>
        <message>
            <source>purpose description</source>
            <translation>用途说明</translation>
        </message>
        <message>
            <source>use mode</source>
            <translation>使用方式</translation>
        </message>
        <message>
            <source>balance</source>
            <translation>贷款余额</translation>
        </message>
        <message>
            <source>overdue amount</source>
            <translation>逾期金额</translation>
        </message>
        <message>
            <source>overdue since</source>
            <translation>逾期起始日</translation>
        </message>
        <message>
            <source>interest arrears</source>
            <translation>欠息</translation>
        </message>
        <message>
            <source>risk class</source>
            <translation>五级分类</translation>
        </message>
        <message>
            <source>risk class date</source>
            <translation>分类日期</translation>
        </message>
        <message>
            <source>risk class reason</source>
            <translation>分类理由</translation>
        </message>
        <message>
            <source>subsidy claimed</source>
            <translation>已申请贴息</translation>
        </message>
        <message>
            <source>subsidy paid</source>
            <translation>已拨付贴息</translation>
        </message>
        <message>
            <source>months extended</source>
            <translation>已展期月数</translation>
        </message>
        <message>
            <source>status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>deleted</source>
            <translation>已删除</translation>
        </message>
        <message>
            <source>recorded</source>
            <translation>录入</translation>
        </message>
        <message>
            <source>changed</source>
            <translation>修改</translation>
        </message>
        <message>
            <source>removed</source>
            <translation>删除</translation>
        </message>
        <message>
            <source>Household</source>
            <translation>农户</translation>
        </message>
        <message>
            <source>Edit household…</source>
            <translation>编辑农户信息…</translation>
        </message>
        <message>
            <source>Facts</source>
            <translation>基本信息</translation>
        </message>
        <message>
            <source>Members</source>
            <translation>家庭成员</translation>
        </message>
        <message>
            <source>Poverty status history</source>
            <translation>贫困状态变化记录</translation>
        </message>
        <message>
            <source>Loans</source>
            <translation>贷款</translation>
        </message>
        <message>
            <source>Field records</source>
            <translation>外业记录</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>关闭</translation>
        </message>
        <message>
            <source>Household of {name}</source>
            <translation>{name}户</translation>
        </message>
        <message>
            <source> since {date}</source>
            <translation>（{date}起）</translation>
        </message>
        <message>
            <source>{street} {village} {group} · {status}{since} · {n} members, {loans} loans</source>
            <translation>{street} {village} {group} · {status}{since} · {n}口人，{loans}笔贷款</translation>
        </message>
        <message>
            <source>Edit household of {name}</source>
            <translation>编辑{name}户信息</translation>
        </message>
        <message>
            <source>Head of household:</source>
            <translation>户主：</translation>
        </message>
        <message>
            <source>Head's citizen ID:</source>
            <translation>户主身份证号：</translation>
        </message>
        <message>
            <source>Phone:</source>
            <translation>联系电话：</translation>
        </message>
        <message>
            <source>Group:</source>
            <translation>组：</translation>
        </message>
        <message>
            <source>Address:</source>
            <translation>住址：</translation>
        </message>
        <message>
            <source>Note:</source>
            <translation>备注：</translation>
        </message>
        <message>
            <source>13912345678 or 029-83512345</source>
            <translation>13912345678或029-83512345</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>保存</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <source>Your role may not edit households.</source>
            <translation>您的角色无权编辑农户信息。</translation>
        </message>
        <message>
            <source>&amp;Visit…</source>
            <translation>回访(&amp;V)…</translation>
        </message>
        <message>
            <source>Loan-&amp;use check…</source>
            <translation>用途核查(&amp;U)…</translation>
        </message>
        <message>
            <source>Report an &amp;anomaly…</source>
            <translation>报告异常情况(&amp;A)…</translation>
        </message>
        <message>
            <source>For the loan selected on the Loans tab; with several loans and none selected, you are asked which one.</source>
            <translation>针对“贷款”标签页中选中的贷款；有多笔贷款且未选中时，会询问是哪一笔。</translation>
        </message>
        <message>
            <source>Street:</source>
            <translation>街道：</translation>
        </message>
        <message>
            <source>Village:</source>
            <translation>村：</translation>
        </message>
        <message>
            <source>Household no.:</source>
            <translation>户编号：</translation>
        </message>
        <message>
            <source>Household size:</source>
            <translation>家庭人口：</translation>
        </message>
        <message>
            <source>Poverty status:</source>
            <translation>贫困状态：</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>姓名</translation>
        </message>
        <message>
            <source>Relation</source>
            <translation>与户主关系</translation>
        </message>
        <message>
            <source>Citizen ID</source>
            <translation>身份证号</translation>
        </message>
        <message>
            <source>Sex</source>
            <translation>性别</translation>
        </message>
        <message>
            <source>Birth date</source>
            <translation>出生日期</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>联系电话</translation>
        </message>
        <message>
            <source>Labour capacity</source>
            <translation>劳动能力</translation>
        </message>
        <message>
            <source>Since</source>
            <translation>起始日期</translation>
        </message>
        <message>
            <source>Poverty status</source>
            <translation>贫困状态</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>备注</translation>
        </message>
        <message>
            <source>Contract no.</source>
            <translation>合同编号</translation>
        </message>
        <message>
            <source>Borrower</source>
            <translation>借款人</translation>
        </message>
        <message>
            <source>Bank</source>
            <translation>经办银行</translation>
        </message>
        <message>
            <source>Amount (yuan)</source>
            <translation>贷款金额（元）</translation>
        </message>
        <message>
            <source>Balance (yuan)</source>
            <translation>贷款余额（元）</translation>
        </message>
        <message>
            <source>Disbursed</source>
            <translation>放款日期</translation>
        </message>
        <message>
            <source>Matures</source>
            <translation>到期日期</translation>
        </message>
        <message>
            <source>Maturity</source>
            <translation>到期情况</translation>
        </message>
        <message>
            <source>Risk class</source>
            <translation>五级分类</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>This household has no loan; a loan-use check needs one.</source>
            <translation>该户没有贷款，无法进行用途核查。</translation>
        </message>
        <message>
            <source>{masked} (type the full number only to change it)</source>
            <translation>{masked}（仅在需要修改时输入完整号码）</translation>
        </message>
        <message>
            <source>Saving the household…</source>
            <translation>正在保存农户信息…</translation>
        </message>
        <message>
            <source>Loan</source>
            <translation>贷款</translation>
        </message>
        <message>
            <source>Repayments</source>
            <translation>还款记录</translation>
        </message>
        <message>
            <source>History</source>
            <translation>变更记录</translation>
        </message>
        <message>
            <source>Record a repayment…</source>
            <translation>登记还款…</translation>
        </message>
        <message>
            <source>Loan {contract}</source>
            <translation>贷款{contract}</translation>
        </message>
        <message>
            <source>{contract} — {borrower}</source>
            <translation>{contract} — {borrower}</translation>
        </message>
        <message>
            <source>This loan is not visible on this node.</source>
            <translation>本节点无法查看该笔贷款。</translation>
        </message>
        <message>
            <source>Bank:</source>
            <translation>经办银行：</translation>
        </message>
        <message>
            <source>Borrower:</source>
            <translation>借款人：</translation>
        </message>
        <message>
            <source>Household:</source>
            <translation>农户：</translation>
        </message>
        <message>
            <source>Amount:</source>
            <translation>贷款金额：</translation>
        </message>
        <message>
            <source>{amount} yuan</source>
            <translation>{amount}元</translation>
        </message>
        <message>
            <source>Disbursed on:</source>
            <translation>放款日期：</translation>
        </message>
        <message>
            <source>Term:</source>
            <translation>贷款期限：</translation>
        </message>
        <message>
            <source>Matures on:</source>
            <translation>到期日期：</translation>
        </message>
        <message>
            <source>Rate:</source>
            <translation>利率：</translation>
        </message>
        <message>
            <source>Purpose:</source>
            <translation>贷款用途：</translation>
        </message>
        <message>
            <source>Use mode:</source>
            <translation>使用方式：</translation>
        </message>
        <message>
            <source>Balance:</source>
            <translation>贷款余额：</translation>
        </message>
        <message>
            <source>Overdue amount:</source>
            <translation>逾期金额：</translation>
        </message>
        <message>
            <source>Interest arrears:</source>
            <translation>欠息：</translation>
        </message>
        <message>
            <source>Risk class:</source>
            <translation>五级分类：</translation>
        </message>
        <message>
            <source>Credit grade:</source>
            <translation>信用等级：</translation>
        </message>
        <message>
            <source>Subsidy claimed / paid:</source>
            <translation>贴息（已申请/已拨付）：</translation>
        </message>
        <message>
            <source>Status:</source>
            <translation>状态：</translation>
        </message>
        <message>
            <source>Paid on</source>
            <translation>还款日期</translation>
        </message>
        <message>
            <source>Principal (yuan)</source>
            <translation>本金（元）</translation>
        </message>
        <message>
            <source>Interest (yuan)</source>
            <translation>利息（元）</translation>
        </message>
        <message>
            <source>When</source>
            <translation>时间</translation>
        </message>
        <message>
            <source>Who</source>
            <translation>操作人</translation>
        </message>
        <message>
            <source>What</source>
            <translation>操作</translation>
        </message>
        <message>
            <source>Field</source>
            <translation>项目</translation>
        </message>
        <message>
            <source>Old value</source>
            <translation>原值</translation>
        </message>
        <message>
            <source>New value</source>
            <translation>新值</translation>
        </message>
        <message>
            <source>overdue since {date}</source>
            <translation>自{date}起逾期</translation>
        </message>
        <message>
            <source>pre-maturity assessment due (30 days before maturity)</source>
            <translation>应做到期前评估（到期前30天内）</translation>
        </message>
        <message>
            <source>{n} months</source>
            <translation>{n}个月</translation>
        </message>
        <message>
            <source> (extended by {n})</source>
            <translation>（已展期{n}个月）</translation>
        </message>
        <message>
            <source>Total</source>
            <translation>合计</translation>
        </message>
        <message>
            <source>{total} households</source>
            <translation>共{total}户</translation>
        </message>
        <message>
            <source>All statuses</source>
            <translation>全部状态</translation>
        </message>
        <message>
            <source>No household matches the filter.</source>
            <translation>没有符合筛选条件的农户。</translation>
        </message>
        <message>
            <source>{total} households (first {shown} shown; scroll for more)</source>
            <translation>共{total}户（已显示前{shown}户，向下滚动查看更多）</translation>
        </message>
        <message>
            <source>All villages</source>
            <translation>全部村</translation>
        </message>
        <message>
            <source>Type to filter; double-click or press Enter to open a household.</source>
            <translation>输入文字即可筛选；双击或按回车打开农户。</translation>
        </message>
        <message>
            <source>Name, pinyin initials (zs), ID digits, village or phone</source>
            <translation>姓名、拼音首字母（如zs）、身份证号数字、村名或电话</translation>
        </message>
        <message>
            <source>Import roster…</source>
            <translation>导入花名册…</translation>
        </message>
        <message>
            <source>Export roster…</source>
            <translation>导出花名册…</translation>
        </message>
        <message>
            <source>No households yet</source>
            <translation>尚无农户</translation>
        </message>
        <message>
            <source>No households yet: import the roster (建档立卡花名册) from Excel.</source>
            <translation>尚无农户：请从Excel导入建档立卡花名册。</translation>
        </message>
        <message>
            <source>Choose a street to filter by village.</source>
            <translation>请先选择街道，再按村筛选。</translation>
        </message>
        <message>
            <source>Overdue (any)</source>
            <translation>逾期（不限天数）</translation>
        </message>
        <message>
            <source>Over 30 days past due</source>
            <translation>逾期30天以上</translation>
        </message>
        <message>
            <source>Over 90 days past due</source>
            <translation>逾期90天以上</translation>
        </message>
        <message>
            <source>{total} loans</source>
            <translation>共{total}笔贷款</translation>
        </message>
        <message>
            <source>Import repayments…</source>
            <translation>导入还款流水…</translation>
        </message>
        <message>
            <source>Live loans (balance outstanding)</source>
            <translation>在贷贷款（有余额）</translation>
        </message>
        <message>
            <source>All risk classes</source>
            <translation>全部分类</translation>
        </message>
        <message>
            <source>Any maturity</source>
            <translation>到期时间不限</translation>
        </message>
        <message>
            <source>Overdue or not</source>
            <translation>逾期情况不限</translation>
        </message>
        <message>
            <source>All banks</source>
            <translation>全部银行</translation>
        </message>
        <message>
            <source>No loan matches the filter.</source>
            <translation>没有符合筛选条件的贷款。</translation>
        </message>
        <message>
            <source>{total} loans (first {shown} shown; scroll for more)</source>
            <translation>共{total}笔贷款（已显示前{shown}笔，向下滚动查看更多）</translation>
        </message>
        <message>
            <source>Maturity and overdue days are worked out from the dates; double-click or press Enter to open a loan.</source>
            <translation>到期情况和逾期天数根据日期自动计算；双击或按回车打开贷款。</translation>
        </message>
        <message>
            <source>Contract no., borrower, pinyin initials or ID digits</source>
            <translation>合同编号、借款人、拼音首字母或身份证号数字</translation>
        </message>
        <message>
            <source>Import loan list…</source>
            <translation>导入贷款清单…</translation>
        </message>
        <message>
            <source>Export post-loan ledger…</source>
            <translation>导出贷后监管台账…</translation>
        </message>
        <message>
            <source>No loans yet</source>
            <translation>尚无贷款</translation>
        </message>
        <message>
            <source>No loans yet: import the lending bank's loan list from Excel (the households must be in the roster first).</source>
            <translation>尚无贷款：请从Excel导入经办银行的贷款清单（相应农户须先录入花名册）。</translation>
        </message>
        <message>
            <source>Maturing within {n} days</source>
            <translation>{n}天内到期</translation>
        </message>
        <message>
            <source>Any bank</source>
            <translation>任一银行</translation>
        </message>
        <message>
            <source>This field node sees only its own street.</source>
            <translation>本外业节点只能查看本街道的数据。</translation>
        </message>
        <message>
            <source>All streets</source>
            <translation>全部街道</translation>
        </message>
        <message>
            <source>Show full IDs</source>
            <translation>显示完整身份证号</translation>
        </message>
        <message>
            <source>matured {n} days ago</source>
            <translation>已到期{n}天</translation>
        </message>
        <message>
            <source>Head of household</source>
            <translation>户主</translation>
        </message>
        <message>
            <source>Street</source>
            <translation>街道</translation>
        </message>
        <message>
            <source>Village</source>
            <translation>村</translation>
        </message>
        <message>
            <source>Group</source>
            <translation>组</translation>
        </message>
        <message>
            <source>Size</source>
            <translation>人口</translation>
        </message>
        <message>
            <source>Address</source>
            <translation>住址</translation>
        </message>
        <message>
            <source>closed</source>
            <translation>已结清</translation>
        </message>
        <message>
            <source>{n} days past due</source>
            <translation>逾期{n}天</translation>
        </message>
        <message>
            <source>matures today</source>
            <translation>今天到期</translation>
        </message>
        <message>
            <source>in {n} days</source>
            <translation>{n}天后到期</translation>
        </message>
        <message>
            <source>Street / village</source>
            <translation>街道/村</translation>
        </message>
        <message>
            <source>Amount</source>
            <translation>贷款金额</translation>
        </message>
        <message>
            <source>Balance</source>
            <translation>贷款余额</translation>
        </message>
        <message>
            <source>in yuan</source>
            <translation>单位：元</translation>
        </message>
        <message>
            <source>Record a repayment</source>
            <translation>登记还款</translation>
        </message>
        <message>
            <source>The statement gives the interest arrears (欠息)</source>
            <translation>流水载明欠息</translation>
        </message>
        <message>
            <source>Date:</source>
            <translation>还款日期：</translation>
        </message>
        <message>
            <source>Principal:</source>
            <translation>归还本金：</translation>
        </message>
        <message>
            <source>Interest:</source>
            <translation>归还利息：</translation>
        </message>
        <message>
            <source>Interest arrears after it:</source>
            <translation>还款后欠息：</translation>
        </message>
    </context>
    <context>
        <name>Reports</name>
        <message>
            <source>Could not write {name}: {reason}.</source>
            <translation>无法写入{name}：{reason}。</translation>
        </message>
        <message>
            <source>Could not write {name}: the disk is full. Nothing was left behind; free some space or choose another folder.</source>
            <translation>无法写入{name}：磁盘已满。未留下任何不完整的文件；请清理出空间或换一个文件夹。</translation>
        </message>
        <message>
            <source>The folder {folder} does not exist.</source>
            <translation>文件夹{folder}不存在。</translation>
        </message>
    </context>
    <context>
        <name>RiskRules</name>
        <message>
            <source>All loans</source>
            <translation>全部贷款</translation>
        </message>
        <message>
            <source>Overdue {days} days since {since} ({bucket}); {amount} yuan overdue; suggested class: {suggested}</source>
            <translation>自{since}起逾期{days}天（{bucket}），逾期金额{amount}元，建议分类：{suggested}</translation>
        </message>
        <message>
            <source>Poverty status changed to {status} on {date}, after the loan was made on {disbursed}</source>
            <translation>{disbursed}放款后，贫困状态于{date}变为“{status}”</translation>
        </message>
        <message>
            <source>Overdue {days} days, yet {amount} yuan of interest subsidy is claimed and unpaid; the subsidy stops once a loan is overdue</source>
            <translation>已逾期{days}天，仍有{amount}元贴息已申请未拨付；贷款逾期后应停止贴息</translation>
        </message>
        <message>
            <source>Used by an enterprise, but made on {date}, after the cutoff {cutoff}: it must be borrowed, used and repaid by the household</source>
            <translation>由企业使用，但发放于{date}，在截止日{cutoff}之后：必须户贷户用户还</translation>
        </message>
        <message>
            <source>Matures today ({date}); no pre-maturity assessment yet</source>
            <translation>今天到期（{date}），尚未做到期前评估</translation>
        </message>
        <message>
            <source>Matures in {days} days ({date}); no pre-maturity assessment yet</source>
            <translation>还有{days}天到期（{date}），尚未做到期前评估</translation>
        </message>
        <message>
            <source>Recorded as {recorded}, but {days} days overdue suggests {suggested}</source>
            <translation>登记分类为{recorded}，但已逾期{days}天，建议分类为{suggested}</translation>
        </message>
        <message>
            <source>Recorded as {recorded}, but the visit of {date} found the household unwilling to repay; suggested class: {suggested}</source>
            <translation>现登记为{recorded}，但{date}回访发现该户还款意愿差；建议分类：{suggested}</translation>
        </message>
        <message>
            <source>Recorded as {recorded}, but the assessment of {date} found the borrower unable to repay; suggested class: {suggested}</source>
            <translation>登记分类为{recorded}，但{date}到期前评估认定借款人无力还款，建议分类为{suggested}</translation>
        </message>
        <message>
            <source>No visit since the loan was made on {disbursed}; the first visit was due by {due} ({days} days late)</source>
            <translation>{disbursed}放款后一直未回访；首次回访应在{due}前完成（已超期{days}天）</translation>
        </message>
        <message>
            <source>Last visit on {last}; the next was due by {due} ({days} days late)</source>
            <translation>最近一次回访在{last}；下次回访应在{due}前完成（已超期{days}天）</translation>
        </message>
        <message>
            <source>Open anomaly report ({kind}, {severity}) found on {date}, {status} for {days} days</source>
            <translation>{date}报告的异常情况（{kind}，严重程度：{severity}）尚未办结，目前{status}，已{days}天</translation>
        </message>
    </context>
    <context>
        <name>Roles</name>
        <message>
            <source>Field cadre</source>
            <translation>外业干部</translation>
        </message>
        <message>
            <source>Supervisor</source>
            <translation>督导人员</translation>
        </message>
        <message>
            <source>Bank officer</source>
            <translation>银行经办人员</translation>
        </message>
        <message>
            <source>District staff</source>
            <translation>区级部门人员</translation>
        </message>
        <message>
            <source>Administrator</source>
            <translation>系统管理员</translation>
        </message>
        <message>
            <source>The role {role} may not do this ({permission}).</source>
            <translation>{role}无权执行此操作（{permission}）。</translation>
        </message>
    </context>
    <context>
        <name>SelfTest</name>
        <message>
            <source>Fieldbook self-test</source>
            <translation>外业手簿自检</translation>
        </message>
        <message>
            <source>Fieldbook {version} ({app_id}), {kind}, Python {python}, Qt {qt}, PySide {pyside}</source>
            <translation>外业手簿 {version}（{app_id}），{kind}，Python {python}，Qt {qt}，PySide {pyside}</translation>
        </message>
        <message>
            <source>shown in {total} ms (imports {imports} ms, application {app} ms, window {window} ms)</source>
            <translation>{total} 毫秒内显示（导入 {imports} 毫秒，应用程序 {app} 毫秒，窗口 {window} 毫秒）</translation>
        </message>
        <message>
            <source>schema {revision} ({n} revisions known)</source>
            <translation>数据库结构版本 {revision}（已知 {n} 个版本）</translation>
        </message>
        <message>
            <source>household {name} ({initials})</source>
            <translation>农户 {name}（{initials}）</translation>
        </message>
        <message>
            <source>logged in again as {user}</source>
            <translation>已以 {user} 重新登录</translation>
        </message>
        <message>
            <source>database, encryption and audit chain intact</source>
            <translation>数据库、加密和审计链完好</translation>
        </message>
        <message>
            <source>{n} bytes</source>
            <translation>{n} 字节</translation>
        </message>
        <message>
            <source>{pages} pages, {forms} record forms, {modules} modules of app.ui</source>
            <translation>{pages} 个页面，{forms} 种记录表单，app.ui 的 {modules} 个模块</translation>
        </message>
        <message>
            <source>code {code}, {bytes} bytes, {pages} pages drawn by QtPdf</source>
            <translation>核验码 {code}，{bytes} 字节，QtPdf 绘制了 {pages} 页</translation>
        </message>
        <message>
            <source>{n} rows read by python-calamine</source>
            <translation>python-calamine 读出 {n} 行</translation>
        </message>
        <message>
            <source>SM2 signature and encryption, SM4-GCM, SM3</source>
            <translation>SM2 签名和加密、SM4-GCM、SM3</translation>
        </message>
        <message>
            <source>frozen build</source>
            <translation>安装版</translation>
        </message>
        <message>
            <source>source checkout</source>
            <translation>源代码运行</translation>
        </message>
        <message>
            <source>the login window did not appear</source>
            <translation>登录窗口没有出现</translation>
        </message>
        <message>
            <source>the login window did not paint</source>
            <translation>登录窗口没有绘制</translation>
        </message>
        <message>
            <source>; {ms} ms after the process started</source>
            <translation>；进程启动后 {ms} 毫秒</translation>
        </message>
        <message>
            <source>Self-test node</source>
            <translation>自检节点</translation>
        </message>
        <message>
            <source>no recovery code was made</source>
            <translation>没有生成恢复码</translation>
        </message>
        <message>
            <source>the migration scripts are missing from {path}</source>
            <translation>{path} 中缺少数据库迁移脚本</translation>
        </message>
        <message>
            <source>the database is at schema {current}, not {head}</source>
            <translation>数据库结构版本为 {current}，而不是 {head}</translation>
        </message>
        <message>
            <source>the citizen ID check is broken</source>
            <translation>身份证号校验出错</translation>
        </message>
        <message>
            <source>pinyin initials are wrong: {value}</source>
            <translation>拼音首字母错误：{value}</translation>
        </message>
        <message>
            <source>{n} households found after reopening, expected 1</source>
            <translation>重新打开后找到 {n} 户，应为 1 户</translation>
        </message>
        <message>
            <source>Head of household: {name}</source>
            <translation>户主：{name}</translation>
        </message>
        <message>
            <source>the PDF is damaged or empty ({n} bytes)</source>
            <translation>PDF 文件损坏或为空（{n} 字节）</translation>
        </message>
        <message>
            <source>Self-test</source>
            <translation>自检</translation>
        </message>
        <message>
            <source>the workbook reader (python-calamine) read the wrong rows</source>
            <translation>工作簿读取组件（python-calamine）读出的行不正确</translation>
        </message>
        <message>
            <source>the SM2 signature (gmssl-pyx) does not verify as it should</source>
            <translation>SM2 签名（gmssl-pyx）的验证结果不正确</translation>
        </message>
        <message>
            <source>SM2 encryption (gmssl-pyx) does not give back what it encrypted</source>
            <translation>SM2 加密（gmssl-pyx）解密后与原文不一致</translation>
        </message>
        <message>
            <source>SM4-GCM or SM3 (cryptography) does not give the expected result</source>
            <translation>SM4-GCM 或 SM3（cryptography）的结果与预期不符</translation>
        </message>
        <message>
            <source>build</source>
            <translation>版本信息</translation>
        </message>
        <message>
            <source>login window</source>
            <translation>登录窗口</translation>
        </message>
        <message>
            <source>create a node</source>
            <translation>创建节点</translation>
        </message>
        <message>
            <source>migrations</source>
            <translation>数据库迁移</translation>
        </message>
        <message>
            <source>write and read a record</source>
            <translation>写入并读取记录</translation>
        </message>
        <message>
            <source>reopen with the password</source>
            <translation>用密码重新打开</translation>
        </message>
        <message>
            <source>integrity check</source>
            <translation>完整性检查</translation>
        </message>
        <message>
            <source>translation</source>
            <translation>界面翻译</translation>
        </message>
        <message>
            <source>print a PDF</source>
            <translation>打印 PDF</translation>
        </message>
        <message>
            <source>read a workbook</source>
            <translation>读取工作簿</translation>
        </message>
        <message>
            <source>every screen module</source>
            <translation>全部界面模块</translation>
        </message>
        <message>
            <source>a visit record with its QR code, shown by QtPdf</source>
            <translation>带二维码的入户回访记录，由 QtPdf 显示</translation>
        </message>
        <message>
            <source>the gm bundle suite (SM2, SM3, SM4)</source>
            <translation>国密数据包密码套件 gm（SM2、SM3、SM4）</translation>
        </message>
        <message>
            <source>Self-test passed: {n} steps in {seconds} s.</source>
            <translation>自检通过：{n} 个步骤，用时 {seconds} 秒。</translation>
        </message>
        <message>
            <source>the record read back differs from the one written</source>
            <translation>读回的记录与写入的不一致</translation>
        </message>
        <message>
            <source>the Chinese catalogue is missing ({path})</source>
            <translation>缺少中文翻译文件（{path}）</translation>
        </message>
        <message>
            <source>the Chinese catalogue does not translate "{source}"</source>
            <translation>中文翻译文件没有翻译“{source}”</translation>
        </message>
        <message>
            <source>QtPdf could not read the visit record ({status})</source>
            <translation>QtPdf 无法读取入户回访记录（{status}）</translation>
        </message>
        <message>
            <source>QtPdf did not draw the visit record</source>
            <translation>QtPdf 未绘制入户回访记录</translation>
        </message>
        <message>
            <source>QtPdf drew the visit record blank</source>
            <translation>QtPdf 绘制的入户回访记录是空白的</translation>
        </message>
        <message>
            <source>[{n}/{total}] ok {step} ({ms} ms): {detail}</source>
            <translation>[{n}/{total}] 通过 {step}（{ms} 毫秒）：{detail}</translation>
        </message>
        <message>
            <source>[{n}/{total}] FAILED {step}: {reason}</source>
            <translation>[{n}/{total}] 失败 {step}：{reason}</translation>
        </message>
        <message>
            <source>Self-test failed at the step "{step}".</source>
            <translation>自检在“{step}”步骤失败。</translation>
        </message>
    </context>
    <context>
        <name>Settings</name>
        <message>
            <source>Language</source>
            <translation>界面语言</translation>
        </message>
        <message>
            <source>Lock after idle minutes</source>
            <translation>无操作自动锁定（分钟）</translation>
        </message>
        <message>
            <source>The window locks itself after this many minutes without input.</source>
            <translation>无任何操作达到此分钟数后，窗口自动锁定。</translation>
        </message>
        <message>
            <source>First post-loan visit within months</source>
            <translation>放款后首次回访期限（月）</translation>
        </message>
        <message>
            <source>Visit at least every months</source>
            <translation>回访间隔不超过（月）</translation>
        </message>
        <message>
            <source>Assess loans this many days before maturity</source>
            <translation>到期前评估提前天数</translation>
        </message>
        <message>
            <source>Special mention from days overdue</source>
            <translation>关注类起始逾期天数</translation>
        </message>
        <message>
            <source>Substandard from days overdue</source>
            <translation>次级类起始逾期天数</translation>
        </message>
        <message>
            <source>Doubtful from days overdue</source>
            <translation>可疑类起始逾期天数</translation>
        </message>
        <message>
            <source>Loss from days overdue</source>
            <translation>损失类起始逾期天数</translation>
        </message>
        <message>
            <source>Report overdue loans to the fund within days</source>
            <translation>逾期贷款报送风险补偿金期限（天）</translation>
        </message>
        <message>
            <source>Enterprise-use loans only if made on or before</source>
            <translation>户贷企用贷款的发放截止日（含当日）</translation>
        </message>
        <message>
            <source>The stock of 户贷企用 loans is "before the end of November 2017": a loan made on this day is still stock.</source>
            <translation>户贷企用存量贷款指“2017年11月底之前”发放的贷款：当日发放的贷款仍属存量。</translation>
        </message>
        <message>
            <source>Loan amount cap (yuan)</source>
            <translation>单户贷款金额上限（元）</translation>
        </message>
        <message>
            <source>Longest loan term (months)</source>
            <translation>最长贷款期限（月）</translation>
        </message>
        <message>
            <source>Prohibited purposes: house building (words)</source>
            <translation>禁止用途：建房（关键词）</translation>
        </message>
        <message>
            <source>Words separated by 、; a purpose that contains one is refused.</source>
            <translation>关键词用“、”分隔；贷款用途含其中任一词的不予导入。</translation>
        </message>
        <message>
            <source>Prohibited purposes: wealth management (words)</source>
            <translation>禁止用途：理财（关键词）</translation>
        </message>
        <message>
            <source>Prohibited purposes: consumption (words)</source>
            <translation>禁止用途：消费（关键词）</translation>
        </message>
        <message>
            <source>Prohibited purposes: lending on (words)</source>
            <translation>禁止用途：转借（关键词）</translation>
        </message>
        <message>
            <source>Approved industries (特色优势产业)</source>
            <translation>特色优势产业目录</translation>
        </message>
        <message>
            <source>Purpose categories separated by 、; a loan of another category is imported with a warning.</source>
            <translation>用途类别用“、”分隔；其他类别的贷款导入时给出提示。</translation>
        </message>
        <message>
            <source>Credit line by grade (yuan)</source>
            <translation>各信用等级授信额度（元）</translation>
        </message>
        <message>
            <source>The largest line each grade may be offered, never above the loan cap.</source>
            <translation>各等级可授予的最高额度，不得超过贷款上限。</translation>
        </message>
        <message>
            <source>Lowest score of each grade</source>
            <translation>各信用等级最低分</translation>
        </message>
        <message>
            <source>Below the lowest floor no credit line is offered.</source>
            <translation>低于最低等级分数线的不予授信。</translation>
        </message>
        <message>
            <source>Points for household size (people=points)</source>
            <translation>家庭人口得分（人数=分数）</translation>
        </message>
        <message>
            <source>The largest size a household reaches counts (3=8 also for 4 and more people).</source>
            <translation>按农户达到的最大人数档计分（3=8 同样适用于4人及以上）。</translation>
        </message>
        <message>
            <source>Points for the labour force (workers=points)</source>
            <translation>劳动力得分（劳动力人数=分数）</translation>
        </message>
        <message>
            <source>Points for the overall assessment</source>
            <translation>综合评价得分</translation>
        </message>
        <message>
            <source>Total assets: most points</source>
            <translation>总资产最高分</translation>
        </message>
        <message>
            <source>Net assets: most points</source>
            <translation>净资产最高分</translation>
        </message>
        <message>
            <source>Share capital: most points</source>
            <translation>入股股金最高分</translation>
        </message>
        <message>
            <source>Net income: most points</source>
            <translation>纯收入最高分</translation>
        </message>
        <message>
            <source>Repayment record: most points</source>
            <translation>还款记录最高分</translation>
        </message>
        <message>
            <source>Youngest borrower age</source>
            <translation>借款人最低年龄</translation>
        </message>
        <message>
            <source>Oldest borrower age</source>
            <translation>借款人最高年龄</translation>
        </message>
        <message>
            <source>Loans at most this many times the fund</source>
            <translation>贷款规模上限（风险补偿金的倍数）</translation>
        </message>
        <message>
            <source>Remind to back up after days</source>
            <translation>备份提醒间隔（天）</translation>
        </message>
        <message>
            <source>Short-term loans: term up to months</source>
            <translation>短期贷款：期限不超过（月）</translation>
        </message>
        <message>
            <source>Short-term loans: cumulative extension up to percent of the original term</source>
            <translation>短期贷款：累计展期不超过原期限的百分比</translation>
        </message>
        <message>
            <source>Medium-term loans: term up to months</source>
            <translation>中期贷款：期限不超过（月）</translation>
        </message>
        <message>
            <source>Medium-term loans: cumulative extension up to percent of the original term</source>
            <translation>中期贷款：累计展期不超过原期限的百分比</translation>
        </message>
        <message>
            <source>Overdue loans may be extended with the district's approval</source>
            <translation>逾期贷款经区级审批可展期</translation>
        </message>
        <message>
            <source>Off: an extension must be made before the loan falls overdue (贷款通则). On: an overdue loan may be extended once the district has approved it.</source>
            <translation>关闭：展期须在贷款逾期前办理（《贷款通则》）。开启：逾期贷款经区级审批后可以展期。</translation>
        </message>
        <message>
            <source>Disposals need the district's approval above (yuan)</source>
            <translation>处置须经区级审批的金额起点（元）</translation>
        </message>
        <message>
            <source>The amount at stake: the balance, the top-up or the compensation claimed. 0: every disposal needs it.</source>
            <translation>涉及金额指贷款余额、追加贷款金额或申请代偿金额。填0表示所有处置均须区级审批。</translation>
        </message>
        <message>
            <source>Compensation claims from days overdue</source>
            <translation>申请代偿的最低逾期天数</translation>
        </message>
        <message>
            <source>A loan may be claimed from the risk fund once it is this many days overdue.</source>
            <translation>贷款逾期达到此天数后，方可申请风险补偿金代偿。</translation>
        </message>
        <message>
            <source>The fund's share of a loss (percent)</source>
            <translation>风险补偿金分担损失比例（%）</translation>
        </message>
        <message>
            <source>The fund pays this share of an approved claim; the lending bank bears the rest.</source>
            <translation>风险补偿金按此比例支付已批准的代偿申请，其余由承贷银行承担。</translation>
        </message>
        <message>
            <source>Compensation claims need the bank's recovery effort recorded</source>
            <translation>申请代偿须登记银行清收情况</translation>
        </message>
        <message>
            <source>Compensation claims need the loss confirmed</source>
            <translation>申请代偿须经损失认定</translation>
        </message>
        <message>
            <source>Interest subsidy: share of the interest due (percent)</source>
            <translation>贴息比例（占应付利息的%）</translation>
        </message>
        <message>
            <source>A claim is at most this share of the interest due on the outstanding balance for its period at the contract rate (days / 360).</source>
            <translation>贴息申请金额不超过该期间贷款余额按合同利率计算的应付利息（天数/360）乘以此比例。</translation>
        </message>
        <message>
            <source>Dividends overdue this many days after the due date</source>
            <translation>分红逾期认定天数（应付日之后）</translation>
        </message>
        <message>
            <source>0: a dividend unpaid on the day after its due date is overdue.</source>
            <translation>填0表示：应付日次日仍未支付的分红即为逾期。</translation>
        </message>
        <message>
            <source>Sync with the hub in the background</source>
            <translation>在后台与中心节点同步</translation>
        </message>
        <message>
            <source>Push and pull records whenever the hub answers.</source>
            <translation>只要中心节点有应答，就自动上传和下载记录。</translation>
        </message>
        <message>
            <source>Hub address</source>
            <translation>中心节点地址</translation>
        </message>
        <message>
            <source>For example http://192.168.1.10:8650; empty: no background sync.</source>
            <translation>例如http://192.168.1.10:8650；留空则不在后台同步。</translation>
        </message>
        <message>
            <source>Bundle cipher suite</source>
            <translation>数据包密码套件</translation>
        </message>
        <message>
            <source>classic: X25519, Ed25519, ChaCha20-Poly1305; gm: SM2, SM3, SM4 (GB/T 39786); pq: ML-KEM-768 + X25519 and ML-DSA-65 beside Ed25519. Every node must have enrolled again since this version to hold the keys of gm and pq.</source>
            <translation>classic：X25519、Ed25519、ChaCha20-Poly1305；gm：国密 SM2、SM3、SM4（GB/T 39786）；pq：ML-KEM-768 + X25519，并在 Ed25519 之外加 ML-DSA-65。各节点须在本版本后重新注册，才持有 gm 和 pq 的密钥。</translation>
        </message>
        <message>
            <source>Sync every seconds</source>
            <translation>同步间隔（秒）</translation>
        </message>
        <message>
            <source>Text size (percent)</source>
            <translation>文字大小（百分比）</translation>
        </message>
        <message>
            <source>Larger text for small screens and older eyes; also in the View menu.</source>
            <translation>放大文字，方便小屏幕或视力不佳的用户；也可在“视图”菜单中设置。</translation>
        </message>
        <message>
            <source>High contrast</source>
            <translation>高对比度</translation>
        </message>
        <message>
            <source>Black on white with strong borders, for work in sunlight; also in the View menu.</source>
            <translation>白底黑字、边框醒目，适合在强光下使用；也可在“视图”菜单中设置。</translation>
        </message>
        <message>
            <source>{label} must be at least {minimum}.</source>
            <translation>“{label}”不能小于{minimum}。</translation>
        </message>
        <message>
            <source>{label} must be at most {maximum}.</source>
            <translation>“{label}”不能大于{maximum}。</translation>
        </message>
        <message>
            <source>{label}: the value {value} is not one of the choices.</source>
            <translation>“{label}”：{value}不是可选值之一。</translation>
        </message>
        <message>
            <source>write pairs such as AAA=50000、AA=40000; "{part}" is not one.</source>
            <translation>请按“AAA=50000、AA=40000”的格式填写；“{part}”不符合格式。</translation>
        </message>
        <message>
            <source>use {keys}.</source>
            <translation>请使用{keys}。</translation>
        </message>
        <message>
            <source>{label}: the value {value} is not valid.</source>
            <translation>“{label}”：值{value}无效。</translation>
        </message>
        <message>
            <source>{label}: {reason}</source>
            <translation>{label}：{reason}</translation>
        </message>
    </context>
    <context>
        <name>SettingsPage</name>
        <message>
            <source>Settings</source>
            <translation>设置</translation>
        </message>
        <message>
            <source>My password</source>
            <translation>我的密码</translation>
        </message>
        <message>
            <source>Backup</source>
            <translation>备份</translation>
        </message>
        <message>
            <source>Users</source>
            <translation>用户</translation>
        </message>
        <message>
            <source>Display</source>
            <translation>显示</translation>
        </message>
        <message>
            <source>Security</source>
            <translation>安全</translation>
        </message>
        <message>
            <source>Post-loan visits</source>
            <translation>贷后回访</translation>
        </message>
        <message>
            <source>Loans</source>
            <translation>贷款</translation>
        </message>
        <message>
            <source>Risk classification</source>
            <translation>风险分类</translation>
        </message>
        <message>
            <source>Credit rating (评级授信)</source>
            <translation>评级授信</translation>
        </message>
        <message>
            <source>Risk compensation fund</source>
            <translation>风险补偿金</translation>
        </message>
        <message>
            <source>Other</source>
            <translation>其他</translation>
        </message>
        <message>
            <source>Save settings</source>
            <translation>保存设置</translation>
        </message>
        <message>
            <source>Undo changes</source>
            <translation>撤销更改</translation>
        </message>
        <message>
            <source>Only an administrator can change these settings; you can see them here.</source>
            <translation>只有系统管理员可以修改这些设置，您在此处只能查看。</translation>
        </message>
        <message>
            <source>Nothing to save: no setting was changed.</source>
            <translation>没有需要保存的内容：未更改任何设置。</translation>
        </message>
        <message>
            <source>:</source>
            <translation>：</translation>
        </message>
        <message>
            <source>takes effect after Fieldbook is restarted</source>
            <translation>重启外业手簿后生效</translation>
        </message>
        <message>
            <source>Saved. The new language takes effect after Fieldbook is restarted.</source>
            <translation>已保存。新的界面语言在重启外业手簿后生效。</translation>
        </message>
        <message>
            <source>Saved {n} settings.</source>
            <translation>已保存{n}项设置。</translation>
        </message>
    </context>
    <context>
        <name>Store</name>
        <message>
            <source>A database already exists at {path}.</source>
            <translation>{path}处已有数据库。</translation>
        </message>
        <message>
            <source>Only PostgreSQL is supported as a server database (got {url}).</source>
            <translation>服务器数据库只支持PostgreSQL（当前为{url}）。</translation>
        </message>
        <message>
            <source>The database cannot be opened: {reason}</source>
            <translation>无法打开数据库：{reason}</translation>
        </message>
        <message>
            <source>The database URL is not valid: {url}</source>
            <translation>数据库地址无效：{url}</translation>
        </message>
        <message>
            <source>The database {url} cannot be opened: {reason}</source>
            <translation>无法打开数据库{url}：{reason}</translation>
        </message>
        <message>
            <source>The database file is damaged or does not belong to this node's key.</source>
            <translation>数据库文件已损坏，或与本节点的密钥不匹配。</translation>
        </message>
        <message>
            <source>The key file does not belong to this node.</source>
            <translation>该密钥文件不属于本节点。</translation>
        </message>
        <message>
            <source>The key file of this node is missing: {path}</source>
            <translation>缺少本节点的密钥文件：{path}</translation>
        </message>
        <message>
            <source>The key file of this node is damaged: {path}</source>
            <translation>本节点的密钥文件已损坏：{path}</translation>
        </message>
        <message>
            <source>This database was written by a newer version of Fieldbook (schema {revision}); please install the newer version.</source>
            <translation>该数据库由较新版本的外业手簿写入（数据库结构版本{revision}），请安装新版本。</translation>
        </message>
        <message>
            <source>The database address is not valid. Write it as postgresql+psycopg://USER@HOST:PORT/DATABASE.</source>
            <translation>数据库地址无效。请写成 postgresql+psycopg://用户@主机:端口/数据库 的形式。</translation>
        </message>
        <message>
            <source>The database server {host} refused the account {user} or its password.</source>
            <translation>数据库服务器 {host} 拒绝了账户 {user} 或其密码。</translation>
        </message>
        <message>
            <source>There is no database {name} on {host}; check the address.</source>
            <translation>{host} 上没有名为 {name} 的数据库，请检查地址。</translation>
        </message>
        <message>
            <source>The database server {host} does not answer; check the address and that PostgreSQL runs there.</source>
            <translation>数据库服务器 {host} 没有响应，请检查地址以及该服务器上的 PostgreSQL 是否在运行。</translation>
        </message>
        <message>
            <source>The file {path} is damaged; set the database connection again.</source>
            <translation>文件 {path} 已损坏，请重新设置数据库连接。</translation>
        </message>
        <message>
            <source>The database reported an error: {reason}</source>
            <translation>数据库报错：{reason}</translation>
        </message>
        <message>
            <source>The database {url} holds no Fieldbook data yet; run "hub init-db --db URL" once to copy this hub into it.</source>
            <translation>数据库{url}中还没有外业手簿数据；请运行一次“hub init-db --db URL”，将本中心节点的数据复制进去。</translation>
        </message>
        <message>
            <source>The database {url} belongs to another Fieldbook node.</source>
            <translation>数据库{url}属于另一个外业手簿节点。</translation>
        </message>
        <message>
            <source>The disk is full; free some space and try again. Nothing was saved from this step.</source>
            <translation>磁盘已满，请清理出一些空间后重试。这一步的内容没有保存。</translation>
        </message>
        <message>
            <source>The data folder is read-only; Fieldbook cannot save there.</source>
            <translation>数据文件夹为只读，外业手簿无法在其中保存数据。</translation>
        </message>
        <message>
            <source>The database is busy in another window; try again.</source>
            <translation>数据库正被另一个窗口使用，请稍后重试。</translation>
        </message>
        <message>
            <source>The database file is damaged; restore a backup.</source>
            <translation>数据库文件已损坏，请从备份恢复。</translation>
        </message>
        <message>
            <source>{path} is not a Fieldbook node (node.json is missing).</source>
            <translation>{path}不是外业手簿节点（缺少node.json）。</translation>
        </message>
        <message>
            <source>The node needs a name.</source>
            <translation>请为节点命名。</translation>
        </message>
        <message>
            <source>A field node belongs to a street; choose its street code.</source>
            <translation>外业节点须归属某个街道，请选择街道代码。</translation>
        </message>
        <message>
            <source>{path} already holds a Fieldbook node.</source>
            <translation>{path}中已有外业手簿节点。</translation>
        </message>
        <message>
            <source>{path} is not empty; choose an empty folder for a new node.</source>
            <translation>{path}不是空文件夹，请为新节点选择一个空文件夹。</translation>
        </message>
        <message>
            <source>This node was created by a newer version of Fieldbook; please install the newer version.</source>
            <translation>该节点由较新版本的外业手簿创建，请安装新版本。</translation>
        </message>
        <message>
            <source>{path} is not a Fieldbook node (node.json is damaged).</source>
            <translation>{path}不是有效的外业手簿节点（node.json已损坏）。</translation>
        </message>
        <message>
            <source>Unknown street code {code}.</source>
            <translation>未知的街道代码{code}。</translation>
        </message>
        <message>
            <source>The database uses the collation {collation}; Fieldbook needs "C" (create it with LC_COLLATE 'C' TEMPLATE template0, see docs/hub.md).</source>
            <translation>该数据库的排序规则为{collation}；外业手簿要求为“C”（创建时使用LC_COLLATE 'C' TEMPLATE template0，见docs/hub.md）。</translation>
        </message>
        <message>
            <source>Only a hub keeps its data in a server database.</source>
            <translation>只有中心节点才能把数据保存在服务器数据库中。</translation>
        </message>
        <message>
            <source>This hub already works on a server database.</source>
            <translation>本中心节点已在使用服务器数据库。</translation>
        </message>
        <message>
            <source>Only a hub is restored this way; a field node restores a backup.</source>
            <translation>只有中心用这种方式恢复；外业节点请恢复备份。</translation>
        </message>
        <message>
            <source>The database {url} already holds Fieldbook data; use an empty database.</source>
            <translation>数据库{url}中已有外业手簿数据，请使用空数据库。</translation>
        </message>
        <message>
            <source>The copy of the table {table} is incomplete; nothing was kept.</source>
            <translation>表{table}复制不完整，已全部撤销。</translation>
        </message>
        <message>
            <source>The copied audit log does not verify: {problem}</source>
            <translation>复制后的审计日志校验未通过：{problem}</translation>
        </message>
        <message>
            <source>This node's private keys cannot be opened with its data key; they belong to another node or were altered.</source>
            <translation>本节点的私钥无法用其数据密钥打开；它们属于其他节点或已被篡改。</translation>
        </message>
    </context>
    <context>
        <name>Sync</name>
        <message>
            <source>This file is not a Fieldbook bundle.</source>
            <translation>此文件不是Fieldbook数据包。</translation>
        </message>
        <message>
            <source>The bundle's header is damaged or too large.</source>
            <translation>数据包的头部已损坏或过大。</translation>
        </message>
        <message>
            <source>The bundle uses format version {version}, which this Fieldbook does not read; update Fieldbook on both computers.</source>
            <translation>数据包使用的格式版本{version}本版Fieldbook无法读取；请在两台电脑上都更新Fieldbook。</translation>
        </message>
        <message>
            <source>The bundle uses cipher suite {suite}, which this Fieldbook does not know.</source>
            <translation>数据包使用的加密套件{suite}本版Fieldbook不认识。</translation>
        </message>
        <message>
            <source>The bundle's header names the suite {name}, but its prefix says suite {suite}; it was not imported.</source>
            <translation>该数据包的包头写明套件 {name}，但其前缀为套件 {suite}；未导入。</translation>
        </message>
        <message>
            <source>{path} is not a regular file (a device, pipe or folder); only bundle files are read.</source>
            <translation>{path} 不是普通文件（而是设备、管道或文件夹）；只读取数据包文件。</translation>
        </message>
        <message>
            <source>The bundle is larger than Fieldbook accepts ({size} bytes).</source>
            <translation>数据包超出Fieldbook允许的大小（{size}字节）。</translation>
        </message>
        <message>
            <source>An entry of the bundle is larger than Fieldbook accepts ({name}).</source>
            <translation>数据包中有一项超出Fieldbook允许的大小（{name}）。</translation>
        </message>
        <message>
            <source>The bundle's entry {name} does not have the size its manifest gives; it was not imported (it may be a decompression bomb).</source>
            <translation>数据包中的{name}与清单所列大小不符，未导入（可能是解压炸弹）。</translation>
        </message>
        <message>
            <source>The bundle's inner manifest does not match its signed header ({field}); it was not imported.</source>
            <translation>数据包的内部清单与已签名的头部不符（{field}），未导入。</translation>
        </message>
        <message>
            <source>The bundle declares more content than Fieldbook accepts.</source>
            <translation>数据包声明的内容超出Fieldbook允许的范围。</translation>
        </message>
        <message>
            <source>The bundle's manifest is damaged.</source>
            <translation>数据包的清单已损坏。</translation>
        </message>
        <message>
            <source>The bundle would inflate to {size} bytes, far more than a bundle of its size holds; it was not imported (it may be a decompression bomb).</source>
            <translation>该数据包解压后将达到 {size} 字节，远超同等大小的数据包应有的内容，未导入（可能是解压炸弹）。</translation>
        </message>
        <message>
            <source>The bundle's entry {name} is damaged.</source>
            <translation>数据包中的{name}已损坏。</translation>
        </message>
        <message>
            <source>The attachment {name} does not match its SHA-256; it was not imported.</source>
            <translation>附件{name}与其SHA-256不符，未导入。</translation>
        </message>
        <message>
            <source>The bundle's content is longer or shorter than its header says.</source>
            <translation>数据包内容的长度与头部所写不符。</translation>
        </message>
        <message>
            <source>The file {path} does not exist.</source>
            <translation>文件{path}不存在。</translation>
        </message>
        <message>
            <source>This bundle is addressed to another node ({node}); it was not imported.</source>
            <translation>此数据包是发给另一个节点（{node}）的，未导入。</translation>
        </message>
        <message>
            <source>The bundle names a key of {node} that is not the enrolled one; it was not imported.</source>
            <translation>数据包所列{node}的密钥不是已登记的密钥，未导入。</translation>
        </message>
        <message>
            <source>The bundle uses suite {suite}, but the certificate of {node} holds no keys for it; the node must enrol again.</source>
            <translation>该数据包使用套件 {suite}，但 {node} 的节点证书中没有该套件的密钥；该节点须重新注册。</translation>
        </message>
        <message>
            <source>The bundle's signature does not verify: it was damaged or altered, or it was not written by {node}.</source>
            <translation>数据包的签名验证失败：它已损坏或被篡改，或者并非由{node}生成。</translation>
        </message>
        <message>
            <source>{path} is not a bundle file but a folder.</source>
            <translation>{path} 是文件夹，不是数据包文件。</translation>
        </message>
        <message>
            <source>The file {path} cannot be read: {reason}</source>
            <translation>无法读取文件 {path}：{reason}</translation>
        </message>
        <message>
            <source>The bundle is truncated: its last part is missing.</source>
            <translation>数据包不完整：缺少最后一部分。</translation>
        </message>
        <message>
            <source>The bundle's content is damaged.</source>
            <translation>数据包的内容已损坏。</translation>
        </message>
        <message>
            <source>The bundle's entry {name} does not match its manifest.</source>
            <translation>数据包中的{name}与清单不符。</translation>
        </message>
        <message>
            <source>The bundle's entry {name} does not match its SHA-256; it was not imported.</source>
            <translation>数据包中的{name}与其SHA-256不符，未导入。</translation>
        </message>
        <message>
            <source>The bundle cannot be decrypted with this node's key.</source>
            <translation>无法用本节点的密钥解密此数据包。</translation>
        </message>
        <message>
            <source>The bundle is truncated or damaged: its last part is missing.</source>
            <translation>数据包不完整或已损坏：缺少最后一部分。</translation>
        </message>
        <message>
            <source>enrolled node</source>
            <translation>已登记节点</translation>
        </message>
        <message>
            <source>The enrolment file is damaged ({what}).</source>
            <translation>注册文件已损坏（{what}）。</translation>
        </message>
        <message>
            <source>{path} was written by another version of Fieldbook (format {version}).</source>
            <translation>{path}由其他版本的外业手簿生成（格式版本{version}）。</translation>
        </message>
        <message>
            <source>Only a field node enrolls with a hub.</source>
            <translation>只有外业节点才能向中心节点注册。</translation>
        </message>
        <message>
            <source>Only the hub approves and revokes nodes.</source>
            <translation>只有中心节点才能批准和吊销节点。</translation>
        </message>
        <message>
            <source>The request's signature does not match its keys; the file was altered.</source>
            <translation>注册申请的签名与其密钥不符，文件已被改动。</translation>
        </message>
        <message>
            <source>The request does not describe a field node with a street.</source>
            <translation>该注册申请不是来自注明所属街道的外业节点。</translation>
        </message>
        <message>
            <source>This is the hub's own identity; a node cannot enroll with itself.</source>
            <translation>这是中心节点自身的身份，节点不能向自己注册。</translation>
        </message>
        <message>
            <source>A node certificate is valid for 1 to {most} days; {days} is not possible.</source>
            <translation>节点证书的有效期为 1 到 {most} 天；{days} 不可用。</translation>
        </message>
        <message>
            <source>{name} ({id}, street {street})</source>
            <translation>{name}（{id}，街道{street}）</translation>
        </message>
        <message>
            <source>{path} is not a Fieldbook enrolment file of the expected kind.</source>
            <translation>{path}不是所需类型的外业手簿注册文件。</translation>
        </message>
        <message>
            <source>The hub's signature on the certificate does not verify; the file was altered.</source>
            <translation>证书上的中心节点签名验证失败，文件已被改动。</translation>
        </message>
        <message>
            <source>This certificate was issued for another node.</source>
            <translation>该证书是为其他节点签发的。</translation>
        </message>
        <message>
            <source>The certificate's role or street does not match this node.</source>
            <translation>证书中的节点类型或街道与本节点不符。</translation>
        </message>
        <message>
            <source>The certificate has expired; ask the hub for a new one.</source>
            <translation>证书已过期，请向中心节点申请新证书。</translation>
        </message>
        <message>
            <source>{path} is too large to be an enrolment file.</source>
            <translation>{path}文件过大，不是注册文件。</translation>
        </message>
        <message>
            <source>Unknown street code {code}.</source>
            <translation>未知的街道代码{code}。</translation>
        </message>
        <message>
            <source>The node {node} was revoked; it cannot enroll again with the same identity.</source>
            <translation>节点{node}已被吊销，不能以同一身份重新注册。</translation>
        </message>
        <message>
            <source>The node {node} is already enrolled with other keys.</source>
            <translation>节点{node}已用其他密钥注册。</translation>
        </message>
        <message>
            <source>No enrolled node is called {node}; give its name as "enroll list" shows it, or at least {n} characters of its id.</source>
            <translation>没有名为{node}的已登记节点；请按“enroll list”所示填写名称，或至少输入其编号的前{n}位。</translation>
        </message>
        <message>
            <source>This node is already enrolled with another hub.</source>
            <translation>本节点已在另一个中心节点注册。</translation>
        </message>
        <message>
            <source>This certificate is older than the one already accepted.</source>
            <translation>该证书比已接收的证书旧。</translation>
        </message>
        <message>
            <source>This node is not enrolled with any peer yet; enroll it first.</source>
            <translation>本节点尚未向任何节点注册，请先注册。</translation>
        </message>
        <message>
            <source>The file {path} changed while it was read; try again.</source>
            <translation>文件 {path} 在读取过程中被改动，请重试。</translation>
        </message>
        <message>
            <source>The bundle refers to records this node does not hold, or repeats a unique value ({reason}); it was not imported.</source>
            <translation>数据包引用了本节点没有的记录，或重复了唯一值（{reason}），未导入。</translation>
        </message>
        <message>
            <source>The bundle from {sender} writes {table} record {record}, which is outside its street; the whole bundle was refused.</source>
            <translation>来自{sender}的数据包写入{table}记录{record}，该记录不属于其街道；整个数据包被拒收。</translation>
        </message>
        <message>
            <source>The bundle from {sender} links {table} record {record} through {column} to a record of another street; the whole bundle was refused.</source>
            <translation>来自{sender}的数据包通过{column}将{table}记录{record}关联到其他街道的记录；整个数据包被拒收。</translation>
        </message>
        <message>
            <source>Change {seq} of node {node} ({table} record {record}) arrived with other content than this node holds under the same number: two copies of that node are running, or it was rolled back by copying its files instead of restoring a backup. Nothing was imported.</source>
            <translation>节点{node}的第{seq}条更改（{table}记录{record}）到达时的内容与本节点以同一编号保存的不同：该节点有两个副本在运行，或者有人通过复制文件而不是恢复备份把它退回到了旧状态。未导入任何内容。</translation>
        </message>
        <message>
            <source>The bundle carries change {seq} of this node's own log ({table} record {record}), which this computer never made: another copy of this node is running, or it was rolled back by copying its files instead of restoring a backup. Nothing was imported.</source>
            <translation>数据包带有本节点自身日志的第{seq}条更改（{table}记录{record}），但本电脑从未做过这项更改：本节点有另一个副本在运行，或者有人通过复制文件而不是恢复备份把它退回到了旧状态。未导入任何内容。</translation>
        </message>
        <message>
            <source>{table} record {record} refers to {target} record {value} ({column}), which this node does not hold; the change was set aside in quarantine.</source>
            <translation>{table} 记录 {record} 引用了本节点没有的 {target} 记录 {value}（{column}）；该变更已放入隔离区。</translation>
        </message>
        <message>
            <source>{table} record {record} repeats the {columns} of another record held here ({other}); the change was set aside in quarantine.</source>
            <translation>{table} 记录 {record} 的 {columns} 与本机另一条记录（{other}）重复；该变更已放入隔离区。</translation>
        </message>
        <message>
            <source>The bundle from {sender} writes {table} record {record} with a negative amount ({column}); the whole bundle was refused.</source>
            <translation>来自{sender}的数据包写入的{table}记录{record}含有负数金额（{column}）；整个数据包被拒收。</translation>
        </message>
        <message>
            <source>{table} record {record} links a photo to a record that this node does not hold; the change was set aside in quarantine.</source>
            <translation>{table} 记录 {record} 把照片关联到本节点没有的记录；该变更已放入隔离区。</translation>
        </message>
        <message>
            <source>The bundle from {sender} carries the photo {record} under a name that is not its content's; the whole bundle was refused.</source>
            <translation>来自{sender}的数据包中照片{record}的编号与其内容不符；整个数据包被拒收。</translation>
        </message>
        <message>
            <source>The bundle from {sender} writes {table} record {record} whose days to maturity do not match its dates; the whole bundle was refused.</source>
            <translation>来自{sender}的数据包写入的{table}记录{record}中距到期天数与日期不符；整个数据包被拒收。</translation>
        </message>
        <message>
            <source>The bundle from {sender} writes {table} record {record}, whose {column} names a record with another {field}; the whole bundle was refused.</source>
            <translation>来自{sender}的数据包写入{table}记录{record}，其{column}指向的记录{field}不同；整个数据包被拒收。</translation>
        </message>
        <message>
            <source>The bundle from {sender} changes {table} record {record}, which is written once and never changed; the whole bundle was refused.</source>
            <translation>来自{sender}的数据包修改了{table}记录{record}，该记录一经写入不得修改；整个数据包被拒收。</translation>
        </message>
        <message>
            <source>The bundle from {sender} carries the photo {record} with other content than the one held here; a photo is never replaced. The whole bundle was refused.</source>
            <translation>来自{sender}的数据包带有照片{record}，但内容与本节点保存的不同；照片一经写入不得替换。整个数据包被拒收。</translation>
        </message>
        <message>
            <source>nobody</source>
            <translation>（无人有此权限）</translation>
        </message>
        <message>
            <source>The bundle from {sender} changes the photo {record}, which is not held here; the whole bundle was refused.</source>
            <translation>来自{sender}的数据包修改了本节点没有的照片{record}；整个数据包被拒收。</translation>
        </message>
        <message>
            <source>The bundle from {sender} changes {table} record {record}, which only the hub may write; the whole bundle was refused.</source>
            <translation>来自{sender}的数据包修改了{table}记录{record}，该记录只能由汇总节点写入；整个数据包被拒收。</translation>
        </message>
        <message>
            <source>The bundle from {sender} changes {table} record {record}, which was made by another node; the whole bundle was refused.</source>
            <translation>来自{sender}的数据包修改了{table}记录{record}，该记录由其他节点创建；整个数据包被拒收。</translation>
        </message>
        <message>
            <source>The bundle from {sender} creates {table} record {record}, which only {roles} may create; the whole bundle was refused.</source>
            <translation>来自{sender}的数据包创建了{table}记录{record}，此类记录只能由{roles}创建；整个数据包被拒收。</translation>
        </message>
        <message>
            <source>The bundle from {sender} writes {table} record {record} in the name of another node; the whole bundle was refused.</source>
            <translation>来自{sender}的数据包以其他节点的名义写入{table}记录{record}；整个数据包被拒收。</translation>
        </message>
        <message>
            <source>The bundle from {sender} deletes {table} record {record}, which was made by another node; the whole bundle was refused.</source>
            <translation>来自{sender}的数据包删除了{table}记录{record}，该记录由其他节点创建；整个数据包被拒收。</translation>
        </message>
        <message>
            <source>The bundle from {sender} overwrites the submitted record {table} {record}; a submitted record is amended by a new version, never overwritten. The whole bundle was refused.</source>
            <translation>来自{sender}的数据包覆盖了已提交的记录{table} {record}；已提交的记录只能以新版本更正，不得覆盖。整个数据包被拒收。</translation>
        </message>
        <message>
            <source>{role} at the hub</source>
            <translation>汇总节点的{role}</translation>
        </message>
        <message>
            <source>The bundle from {sender} changes {table} record {record}, which only {roles} may write; the whole bundle was refused.</source>
            <translation>来自{sender}的数据包修改了{table}记录{record}，此类记录只能由{roles}写入；整个数据包被拒收。</translation>
        </message>
        <message>
            <source>The bundle from {sender} sets {field} of {table} record {record}, which only {roles} may set; the whole bundle was refused.</source>
            <translation>来自{sender}的数据包设置了{table}记录{record}的{field}，该字段只能由{roles}设置；整个数据包被拒收。</translation>
        </message>
        <message>
            <source>The bundle from {sender} creates {table} record {record} in the state "{state}", which a field node may not give it; the whole bundle was refused.</source>
            <translation>来自{sender}的数据包以“{state}”状态创建{table}记录{record}，外业节点不能设定此状态；整个数据包被拒收。</translation>
        </message>
        <message>
            <source>The bundle from {sender} moves {table} record {record} from "{before}" to "{after}", which a field node may not do; the whole bundle was refused.</source>
            <translation>来自{sender}的数据包将{table}记录{record}从“{before}”改为“{after}”，外业节点不能这样做；整个数据包被拒收。</translation>
        </message>
        <message>
            <source>The bundle could not be applied; it was not imported.</source>
            <translation>数据包无法应用，未导入。</translation>
        </message>
        <message>
            <source>The database refuses {table} record {record} ({reason}); the change was set aside in quarantine.</source>
            <translation>数据库拒绝了 {table} 记录 {record}（{reason}）；该变更已放入隔离区。</translation>
        </message>
        <message>
            <source>{table} record {record} waits for {other_table} record {other}, whose creation (change {seq} of node {node}) is in quarantine.</source>
            <translation>{table} 记录 {record} 须等待 {other_table} 记录 {other}，后者的创建（节点 {node} 的第 {seq} 条变更）在隔离区中。</translation>
        </message>
        <message>
            <source>Say why the change is discarded.</source>
            <translation>请说明舍弃该变更的原因。</translation>
        </message>
        <message>
            <source>This proposal was decided already.</source>
            <translation>该修改提议已处理过。</translation>
        </message>
        <message>
            <source>The record of this proposal no longer exists.</source>
            <translation>该修改提议涉及的记录已不存在。</translation>
        </message>
        <message>
            <source>This conflict no longer exists.</source>
            <translation>该冲突已不存在。</translation>
        </message>
        <message>
            <source>This conflict was marked reviewed already.</source>
            <translation>该冲突已标记为已审核。</translation>
        </message>
        <message>
            <source>These changes are no longer in quarantine.</source>
            <translation>这些变更已不在隔离区中。</translation>
        </message>
        <message>
            <source>The node {node} that sent these changes is not known here.</source>
            <translation>本机不认识发送这些变更的节点 {node}。</translation>
        </message>
        <message>
            <source>The bundle comes from the node {node}, which was revoked; it was not imported.</source>
            <translation>数据包来自已被吊销的节点{node}，未导入。</translation>
        </message>
        <message>
            <source>The bundle comes from the node {node}, which is not enrolled here; it was not imported.</source>
            <translation>数据包来自未在此登记的节点{node}，未导入。</translation>
        </message>
        <message>
            <source>The bundle from {sender} carries changes made on another node; a field node sends only its own. It was not imported.</source>
            <translation>来自{sender}的数据包带有在其他节点做的更改；外业节点只能发送自己的更改。未导入。</translation>
        </message>
        <message>
            <source>The certificate of node {node} has expired; enroll it again before importing its bundles.</source>
            <translation>节点{node}的证书已过期；请重新登记后再导入它的数据包。</translation>
        </message>
        <message>
            <source>A field node imports bundles from its hub only; {node} is not its hub.</source>
            <translation>外业节点只导入其汇总节点的数据包；{node}不是它的汇总节点。</translation>
        </message>
        <message>
            <source>The bundle holds a change that Fieldbook cannot read; it was not imported.</source>
            <translation>数据包中有Fieldbook无法读取的更改，未导入。</translation>
        </message>
        <message>
            <source>The bundle holds a change outside the ranges its header declares; it was not imported.</source>
            <translation>数据包中有超出其头部声明范围的更改，未导入。</translation>
        </message>
        <message>
            <source>The bundle holds the same change twice; it was not imported.</source>
            <translation>数据包中同一更改出现了两次，未导入。</translation>
        </message>
        <message>
            <source>The bundle from {sender} changes the epoch record {record}; an epoch is announced once and never changed. The whole bundle was refused.</source>
            <translation>来自{sender}的数据包修改了纪元记录{record}；纪元只宣告一次，不得修改。整个数据包被拒收。</translation>
        </message>
        <message>
            <source>The bundle from {sender} announces the epoch {record} in a way Fieldbook does not accept; the whole bundle was refused.</source>
            <translation>来自{sender}的数据包宣告纪元{record}的方式Fieldbook不接受；整个数据包被拒收。</translation>
        </message>
        <message>
            <source>The bundle from {sender} announces the epoch {record} under an id that is already in use; the whole bundle was refused.</source>
            <translation>来自{sender}的数据包宣告的纪元{record}使用了已被占用的编号；整个数据包被拒收。</translation>
        </message>
        <message>
            <source>The bundle from {sender} announces the epoch {record} for another node; the whole bundle was refused.</source>
            <translation>来自{sender}的数据包为其他节点宣告纪元{record}；整个数据包被拒收。</translation>
        </message>
        <message>
            <source>The clock of node {node} ran backwards (change {seq}); the bundle was not imported. Check that computer's date and time.</source>
            <translation>节点{node}的时钟倒退了（第{seq}条更改），数据包未导入。请检查那台电脑的日期和时间。</translation>
        </message>
        <message>
            <source>The clock of node {node} is {days} days ahead of this computer's; the change was set aside in quarantine. Correct the date on the computer that is wrong.</source>
            <translation>节点 {node} 的时钟比本机快 {days} 天；该变更已放入隔离区。请更正日期有误的那台电脑。</translation>
        </message>
        <message>
            <source>The bundle refers to the attachment {sha} but does not carry it; the change was set aside in quarantine.</source>
            <translation>数据包引用了附件 {sha}，但未包含该附件；该变更已放入隔离区。</translation>
        </message>
        <message>
            <source>The bundle holds a value that does not fit {table} record {record}; the change was set aside in quarantine.</source>
            <translation>数据包中有与 {table} 记录 {record} 不相符的值；该变更已放入隔离区。</translation>
        </message>
        <message>
            <source>The node {node} has no keys for suite {suite}; it must enrol again (enroll request, approve, accept) before it can receive bundles of this suite.</source>
            <translation>节点 {node} 没有套件 {suite} 的密钥；须先重新注册（enroll request、approve、accept），才能接收该套件的数据包。</translation>
        </message>
        <message>
            <source>This node has no keys for suite {suite}; enrol it again (enroll request, approve, accept) to add them.</source>
            <translation>本节点没有套件 {suite} 的密钥；请重新注册（enroll request、approve、accept）以添加。</translation>
        </message>
        <message>
            <source>Unknown bundle suite {suite}; choose one of {choices}.</source>
            <translation>未知的数据包套件 {suite}；请从 {choices} 中选择。</translation>
        </message>
        <message>
            <source>Last sync: {when} · {n} pending</source>
            <translation>上次同步：{when} · {n}条待发送</translation>
        </message>
        <message>
            <source>not yet</source>
            <translation>尚未同步</translation>
        </message>
        <message>
            <source>Syncing with the hub…</source>
            <translation>正在与中心节点同步…</translation>
        </message>
        <message>
            <source>hub not reachable, retry in {minutes} min</source>
            <translation>无法连接中心节点，{minutes}分钟后重试</translation>
        </message>
    </context>
    <context>
        <name>Users</name>
        <message>
            <source>Add a user</source>
            <translation>添加用户</translation>
        </message>
        <message>
            <source>User name:</source>
            <translation>用户名：</translation>
        </message>
        <message>
            <source>Name:</source>
            <translation>姓名：</translation>
        </message>
        <message>
            <source>Role:</source>
            <translation>角色：</translation>
        </message>
        <message>
            <source>Add user</source>
            <translation>添加用户</translation>
        </message>
        <message>
            <source>Add user…</source>
            <translation>添加用户…</translation>
        </message>
        <message>
            <source>Deactivate</source>
            <translation>停用</translation>
        </message>
        <message>
            <source>User name</source>
            <translation>用户名</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>姓名</translation>
        </message>
        <message>
            <source>Role</source>
            <translation>角色</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Last login</source>
            <translation>上次登录</translation>
        </message>
        <message>
            <source>active</source>
            <translation>已启用</translation>
        </message>
        <message>
            <source>deactivated</source>
            <translation>已停用</translation>
        </message>
        <message>
            <source>Adding the user…</source>
            <translation>正在添加用户…</translation>
        </message>
        <message>
            <source>Activate</source>
            <translation>启用</translation>
        </message>
    </context>
    <context>
        <name>Warnings</name>
        <message>
            <source>Propose a disposal</source>
            <translation>提议分类处置</translation>
        </message>
        <message>
            <source> yuan</source>
            <translation> 元</translation>
        </message>
        <message>
            <source>Calls, visits, notices, legal steps, with dates</source>
            <translation>电话催收、上门催收、催收通知、法律手段，注明日期</translation>
        </message>
        <message>
            <source>A joint review, a court ruling, the borrower's death...</source>
            <translation>会商研判、法院判决、借款人死亡等</translation>
        </message>
        <message>
            <source>Loan:</source>
            <translation>贷款：</translation>
        </message>
        <message>
            <source>Disposal:</source>
            <translation>处置方式：</translation>
        </message>
        <message>
            <source>Extension (months):</source>
            <translation>展期（月）：</translation>
        </message>
        <message>
            <source>New maturity:</source>
            <translation>新到期日：</translation>
        </message>
        <message>
            <source>Top-up amount:</source>
            <translation>追加金额：</translation>
        </message>
        <message>
            <source>Recovery effort:</source>
            <translation>清收情况：</translation>
        </message>
        <message>
            <source>Loss confirmed on:</source>
            <translation>损失认定日期：</translation>
        </message>
        <message>
            <source>How the loss was confirmed:</source>
            <translation>损失认定方式：</translation>
        </message>
        <message>
            <source>Reason:</source>
            <translation>事由：</translation>
        </message>
        <message>
            <source>{contract} — {borrower}, balance {balance} yuan, matures on {date}, extended {months} months</source>
            <translation>{contract}——{borrower}，余额{balance}元，{date}到期，已展期{months}个月</translation>
        </message>
        <message>
            <source>Note:</source>
            <translation>意见：</translation>
        </message>
        <message>
            <source>Severity</source>
            <translation>严重程度</translation>
        </message>
        <message>
            <source>Warning</source>
            <translation>预警类型</translation>
        </message>
        <message>
            <source>Street</source>
            <translation>街道</translation>
        </message>
        <message>
            <source>Bank</source>
            <translation>经办银行</translation>
        </message>
        <message>
            <source>Contract</source>
            <translation>合同编号</translation>
        </message>
        <message>
            <source>Borrower</source>
            <translation>借款人</translation>
        </message>
        <message>
            <source>Suggested class</source>
            <translation>建议分类</translation>
        </message>
        <message>
            <source>Days overdue</source>
            <translation>逾期天数</translation>
        </message>
        <message>
            <source>Due</source>
            <translation>应办日期</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>预警原因</translation>
        </message>
        <message>
            <source>Proposed on</source>
            <translation>提议日期</translation>
        </message>
        <message>
            <source>Disposal</source>
            <translation>处置方式</translation>
        </message>
        <message>
            <source>Terms</source>
            <translation>处置条件</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Proposed by</source>
            <translation>提议人</translation>
        </message>
        <message>
            <source>Decided by</source>
            <translation>审批人</translation>
        </message>
        <message>
            <source>District approval</source>
            <translation>区级审批</translation>
        </message>
        <message>
            <source>Executed by</source>
            <translation>执行人</translation>
        </message>
        <message>
            <source>Reported</source>
            <translation>报送金融办</translation>
        </message>
        <message>
            <source>Proposer's reason</source>
            <translation>提议人事由</translation>
        </message>
        <message>
            <source>All</source>
            <translation>全部</translation>
        </message>
        <message>
            <source>Portfolio at risk: the share of the balance of loans more than {days} days overdue.</source>
            <translation>风险贷款率：逾期超过{days}天的贷款余额占全部贷款余额的比例。</translation>
        </message>
        <message>
            <source>Loans</source>
            <translation>笔数</translation>
        </message>
        <message>
            <source>Balance (yuan)</source>
            <translation>余额（元）</translation>
        </message>
        <message>
            <source>{date}, {report}</source>
            <translation>{date}，{report}</translation>
        </message>
        <message>
            <source>Propose disposal…</source>
            <translation>提议处置…</translation>
        </message>
        <message>
            <source>Approve…</source>
            <translation>批准…</translation>
        </message>
        <message>
            <source>Reject…</source>
            <translation>不予批准…</translation>
        </message>
        <message>
            <source>Execute…</source>
            <translation>执行…</translation>
        </message>
        <message>
            <source>Reported to the finance office…</source>
            <translation>登记报送金融办…</translation>
        </message>
        <message>
            <source>Warnings</source>
            <translation>风险预警</translation>
        </message>
        <message>
            <source>Portfolio</source>
            <translation>贷款质量</translation>
        </message>
        <message>
            <source>Disposals</source>
            <translation>分类处置</translation>
        </message>
        <message>
            <source>Joint reviews</source>
            <translation>会商研判</translation>
        </message>
        <message>
            <source>Computing…</source>
            <translation>正在计算…</translation>
        </message>
        <message>
            <source>{count} loans outstanding, {balance} yuan; non-performing {npl} yuan; PAR30 {par30}, PAR90 {par90} (classes suggested from days past due on {date})</source>
            <translation>在贷{count}笔，余额{balance}元；不良余额{npl}元；PAR30 {par30}，PAR90 {par90}（五级分类按{date}的逾期天数建议）</translation>
        </message>
        <message>
            <source>{n} warnings</source>
            <translation>共{n}条预警</translation>
        </message>
        <message>
            <source>Your role ({role}) may propose disposals but not approve or execute them: the district approves, the bank executes.</source>
            <translation>您的角色（{role}）可以提出处置建议，但不能审批或执行：由区级审批、银行执行。</translation>
        </message>
        <message>
            <source>Execute the disposal</source>
            <translation>执行处置</translation>
        </message>
        <message>
            <source>Reported to the finance office</source>
            <translation>登记报送区财政局（金融办）</translation>
        </message>
        <message>
            <source>Total</source>
            <translation>合计</translation>
        </message>
        <message>
            <source>Days past due</source>
            <translation>逾期天数</translation>
        </message>
        <message>
            <source>Share of balance</source>
            <translation>余额占比</translation>
        </message>
        <message>
            <source>As of:</source>
            <translation>截至：</translation>
        </message>
        <message>
            <source>Street:</source>
            <translation>街道：</translation>
        </message>
        <message>
            <source>Bank:</source>
            <translation>银行：</translation>
        </message>
        <message>
            <source>Class:</source>
            <translation>分类：</translation>
        </message>
        <message>
            <source>Warning:</source>
            <translation>预警：</translation>
        </message>
        <message>
            <source>Loans that need attention on the chosen day, the portfolio at risk, and classified disposal.</source>
            <translation>所选日期需要关注的贷款、贷款风险状况和分类处置。</translation>
        </message>
        <message>
            <source>Computing warnings</source>
            <translation>正在计算风险预警</translation>
        </message>
        <message>
            <source>Select a proposal to approve, reject or execute it.</source>
            <translation>请选择一项处置建议，再审批、驳回或执行。</translation>
        </message>
        <message>
            <source>Approve the disposal</source>
            <translation>批准处置</translation>
        </message>
        <message>
            <source>Reject the disposal</source>
            <translation>不予批准</translation>
        </message>
        <message>
            <source>Report (title or number):</source>
            <translation>报告（标题或文号）：</translation>
        </message>
        <message>
            <source>Records that this disposal was reported to 区财政局(金融办) today, by you, in this report.</source>
            <translation>登记该处置已于今天由您通过此报告报送区财政局（金融办）。</translation>
        </message>
        <message>
            <source>Saving</source>
            <translation>正在保存</translation>
        </message>
        <message>
            <source>You proposed this one; someone else approves it.</source>
            <translation>此处置由您提议，须由他人审批。</translation>
        </message>
        <message>
            <source>Your role ({role}) may not approve disposals.</source>
            <translation>您的角色（{role}）不能审批处置。</translation>
        </message>
        <message>
            <source>Approved; the bank executes it.</source>
            <translation>已批准，由银行执行。</translation>
        </message>
        <message>
            <source>This proposal is {status}: nothing more to decide.</source>
            <translation>此建议{status}：无需再作决定。</translation>
        </message>
    </context>
    <context>
        <name>Wizard</name>
        <message>
            <source>Welcome to Fieldbook</source>
            <translation>欢迎使用外业手簿</translation>
        </message>
        <message>
            <source>This computer becomes a Fieldbook node. Choose what kind.</source>
            <translation>本电脑将成为外业手簿的一个节点，请选择节点类型。</translation>
        </message>
        <message>
            <source>Field node</source>
            <translation>外业节点</translation>
        </message>
        <message>
            <source>Hub</source>
            <translation>中心节点</translation>
        </message>
        <message>
            <source>Name this node</source>
            <translation>为节点命名</translation>
        </message>
        <message>
            <source>The name appears on the login screen, on printed records and at the hub.</source>
            <translation>该名称会显示在登录界面、打印的记录上以及中心节点中。</translation>
        </message>
        <message>
            <source>e.g. Fangzhicheng street laptop 1</source>
            <translation>如：纺织城街道1号笔记本</translation>
        </message>
        <message>
            <source>Choose the street…</source>
            <translation>选择街道…</translation>
        </message>
        <message>
            <source>Node name:</source>
            <translation>节点名称：</translation>
        </message>
        <message>
            <source>Street:</source>
            <translation>街道：</translation>
        </message>
        <message>
            <source>First administrator</source>
            <translation>首个系统管理员</translation>
        </message>
        <message>
            <source>The administrator adds the other users and makes backups. Keep the password to yourself.</source>
            <translation>系统管理员负责添加其他用户和进行备份。请勿将密码告诉他人。</translation>
        </message>
        <message>
            <source>User name:</source>
            <translation>用户名：</translation>
        </message>
        <message>
            <source>Create node</source>
            <translation>创建节点</translation>
        </message>
        <message>
            <source>Write down the recovery code</source>
            <translation>抄写恢复码</translation>
        </message>
        <message>
            <source>If every administrator forgets the password, this code is the only way back into the data. It is shown only now.</source>
            <translation>如果所有系统管理员都忘记了密码，恢复码是重新打开数据的唯一途径。恢复码只在此时显示这一次。</translation>
        </message>
        <message>
            <source>I have written the recovery code down and will keep it in a safe place, away from this computer.</source>
            <translation>我已抄下恢复码，并会把它保存在安全的地方，与本电脑分开存放。</translation>
        </message>
        <message>
            <source>Fieldbook: set up this computer</source>
            <translation>外业手簿：设置本电脑</translation>
        </message>
        <message>
            <source>Finish</source>
            <translation>完成</translation>
        </message>
        <message>
            <source>Creating the encrypted database…</source>
            <translation>正在创建加密数据库…</translation>
        </message>
        <message>
            <source>A cadre's laptop for one street: household visits, loan-use checks and anomaly reports. It exchanges data with the hub.</source>
            <translation>某个街道的干部使用的笔记本电脑：入户回访、用途核查和异常情况报告，并与中心节点交换数据。</translation>
        </message>
        <message>
            <source>At the lending bank or the district office: sees every street, holds the loan facts, relays data between the field nodes.</source>
            <translation>设在经办银行或区级部门：可查看所有街道，保存贷款信息，在各外业节点之间中转数据。</translation>
        </message>
        <message>
            <source>Data folder: {path}</source>
            <translation>数据文件夹：{path}</translation>
        </message>
        <message>
            <source>A field node sees only the households of its street.</source>
            <translation>外业节点只能查看本街道的农户。</translation>
        </message>
        <message>
            <source>A hub covers every street; no street is needed.</source>
            <translation>中心节点覆盖所有街道，无需选择街道。</translation>
        </message>
        <message>
            <source>The node needs a name.</source>
            <translation>请为节点命名。</translation>
        </message>
        <message>
            <source>Write it on paper; do not keep it in a file on this computer. Anyone with the code and this computer can read the data.</source>
            <translation>请抄写在纸上，不要以文件形式保存在本电脑中。任何人拿到恢复码和本电脑，都能读取其中的数据。</translation>
        </message>
        <message>
            <source>Creating the node…</source>
            <translation>正在创建节点…</translation>
        </message>
    </context>
    <context>
        <name>Workbench</name>
        <message>
            <source>All tasks</source>
            <translation>全部任务</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>打开</translation>
        </message>
        <message>
            <source>Refresh</source>
            <translation>刷新</translation>
        </message>
        <message>
            <source>Double-click a task (or press Enter) to open the form that settles it. In the form, Alt+Right goes on to the next task.</source>
            <translation>双击任务（或按回车）打开办理该任务的表单。在表单中按Alt+→可转到下一项任务。</translation>
        </message>
        <message>
            <source>Looking for today's tasks…</source>
            <translation>正在查找今天的任务…</translation>
        </message>
        <message>
            <source>Show:</source>
            <translation>显示：</translation>
        </message>
        <message>
            <source>Today's tasks, {date}, most urgent first.</source>
            <translation>{date}的任务，最紧急的在前。</translation>
        </message>
        <message>
            <source>Looking for today's tasks</source>
            <translation>正在查找今天的任务</translation>
        </message>
        <message>
            <source>{maturing} loans maturing without an assessment · {overdue} overdue · {visits} visits due · {anomalies} open anomaly reports</source>
            <translation>{maturing}笔贷款临近到期未评估 · {overdue}笔逾期 · {visits}户待回访 · {anomalies}件异常未结</translation>
        </message>
        <message>
            <source>Nothing is due today. New households and loans arrive with the next data exchange (Data exchange page); visits can also be started from a household (Households page).</source>
            <translation>今天没有待办任务。新的农户和贷款会在下次数据交换时到达（“数据交换”页面）；也可以从某一农户发起回访（“农户”页面）。</translation>
        </message>
    </context>
    <context>
        <name>argparse</name>
        <message>
            <source>usage: </source>
            <translation>用法：</translation>
        </message>
        <message>
            <source>positional arguments</source>
            <translation>位置参数</translation>
        </message>
        <message>
            <source>options</source>
            <translation>选项</translation>
        </message>
        <message>
            <source>show this help message and exit</source>
            <translation>显示本帮助并退出</translation>
        </message>
        <message>
            <source>the following arguments are required: %s</source>
            <translation>缺少以下参数：%s</translation>
        </message>
        <message>
            <source>unrecognized arguments: %s</source>
            <translation>无法识别的参数：%s</translation>
        </message>
        <message>
            <source>expected one argument</source>
            <translation>需要一个参数</translation>
        </message>
        <message>
            <source>invalid choice: %(value)r (choose from %(choices)s)</source>
            <translation>无效的选项：%(value)r（可选：%(choices)s）</translation>
        </message>
        <message>
            <source>invalid %(type)s value: %(value)r</source>
            <translation>无效的%(type)s值：%(value)r</translation>
        </message>
        <message>
            <source>argument %(argument_name)s: %(message)s</source>
            <translation>参数%(argument_name)s：%(message)s</translation>
        </message>
        <message>
            <source>%(prog)s: error: %(message)s
</source>
            <translation>%(prog)s：错误：%(message)s
</translation>
        </message>
        <message>
            <source>expected at least one argument</source>
            <translation>至少需要一个参数</translation>
        </message>
        <message>
            <source>one of the arguments %s is required</source>
            <translation>必须提供参数 %s 之一</translation>
        </message>
        <message>
            <source>not allowed with argument %s</source>
            <translation>不能与参数 %s 同时使用</translation>
        </message>
        <message>
            <source>ambiguous option: %(option)s could match %(matches)s</source>
            <translation>选项不明确：%(option)s 可能是 %(matches)s</translation>
        </message>
        <message>
            <source>show program's version number and exit</source>
            <translation>显示程序版本号并退出</translation>
        </message>
    </context>
</TS>
