// What a person reads about a real cluster reached through a kubeconfig, in English and Chinese:
// kubeconfig and context problems, credential plugins, reachability, TLS, permissions. Each
// failure says what to do about it. Never a token, a key or a certificate in any of them.
import type { MessageIds, Msg } from '../manifest/types';
import { defineMessages, msgOf, t, type Locale } from '../i18n/index';

export const remoteMessages = defineMessages({
  'remote.noKubeconfig': {
    en: 'no kubeconfig found (looked at: {searched}). Fix: set KUBECONFIG, pass --kubeconfig FILE, or create ~/.kube/config (kind, k3d and minikube write one when they create a cluster).',
    zh: '找不到 kubeconfig（查找过：{searched}）。解决：设置 KUBECONFIG，传入 --kubeconfig 文件，或创建 ~/.kube/config（kind、k3d、minikube 创建集群时会写一个）。',
  },
  'remote.badKubeconfig': {
    en: 'cannot read the kubeconfig {file}: {detail}. Fix: check the file with `kubectl config view --kubeconfig {file}`.',
    zh: '无法读取 kubeconfig {file}：{detail}。解决：用 `kubectl config view --kubeconfig {file}` 检查该文件。',
  },
  'remote.noContext': {
    en: 'the kubeconfig has no context "{context}" (contexts: {available}). Fix: pick one with --context NAME, or list them with `kubectl config get-contexts`.',
    zh: 'kubeconfig 中没有上下文 "{context}"（现有：{available}）。解决：用 --context 名称 选一个，或用 `kubectl config get-contexts` 列出。',
  },
  'remote.noCurrentContext': {
    en: 'the kubeconfig sets no current context (contexts: {available}). Fix: pass --context NAME, or run `kubectl config use-context NAME`.',
    zh: 'kubeconfig 没有设置当前上下文（现有：{available}）。解决：传入 --context 名称，或运行 `kubectl config use-context 名称`。',
  },
  'remote.noCluster': {
    en: 'the context "{context}" names the cluster "{cluster}", which the kubeconfig does not define. Fix: `kubectl config set-cluster {cluster} --server=https://…`.',
    zh: '上下文 "{context}" 引用的集群 "{cluster}" 在 kubeconfig 中没有定义。解决：`kubectl config set-cluster {cluster} --server=https://…`。',
  },
  'remote.noUser': {
    en: 'the context "{context}" names the user "{user}", which the kubeconfig does not define. Fix: `kubectl config set-credentials {user} …`.',
    zh: '上下文 "{context}" 引用的用户 "{user}" 在 kubeconfig 中没有定义。解决：`kubectl config set-credentials {user} …`。',
  },
  'remote.execMissing': {
    en: 'the kubeconfig user "{user}" gets its credentials from the plugin "{plugin}", which is not on PATH.\nPATH searched: {path}\nFix: install {plugin}; or write its absolute path in the kubeconfig (users[].user.exec.command); or start the editor from a terminal where `{plugin}` runs (an editor started from the desktop does not get your shell\'s PATH).{hint}',
    zh: 'kubeconfig 用户 "{user}" 通过插件 "{plugin}" 获取凭据，但它不在 PATH 中。\n查找过的 PATH：{path}\n解决：安装 {plugin}；或在 kubeconfig 中写上它的绝对路径（users[].user.exec.command）；或从能运行 `{plugin}` 的终端启动编辑器（从桌面启动的编辑器拿不到 shell 的 PATH）。{hint}',
  },
  'remote.execFailed': {
    en: 'the credential plugin "{plugin}" failed: {detail}. Fix: run it by hand to see why (often: log in again).',
    zh: '凭据插件 "{plugin}" 运行失败：{detail}。解决：手动运行它看看原因（常见：需要重新登录）。',
  },
  'remote.oidcExpired': {
    en: 'the OIDC id-token of the user "{user}" has expired and Kube Dorm does not refresh OIDC tokens. Fix: refresh it with kubectl (e.g. `kubectl oidc-login`), or use an exec plugin.',
    zh: '用户 "{user}" 的 OIDC id-token 已过期，Kube Dorm 不会刷新 OIDC 令牌。解决：用 kubectl 刷新（例如 `kubectl oidc-login`），或改用 exec 插件。',
  },
  'remote.authUnsupported': {
    en: 'the user "{user}" uses the auth provider "{provider}", which Kube Dorm does not support. Fix: use a token, a client certificate or an exec plugin (the cloud CLIs provide one).',
    zh: '用户 "{user}" 使用认证提供方 "{provider}"，Kube Dorm 不支持。解决：改用令牌、客户端证书或 exec 插件（各云厂商的命令行工具都提供）。',
  },
  'remote.unreachable': {
    en: 'cannot reach the API server {server}: {detail}. Fix: is the cluster running (`kind get clusters`, `minikube status`)? Is the VPN up? Is `server:` in the kubeconfig right?',
    zh: '连不上 API 服务器 {server}：{detail}。解决：集群在运行吗（`kind get clusters`、`minikube status`）？VPN 连上了吗？kubeconfig 中的 `server:` 对吗？',
  },
  'remote.tls': {
    en: "the TLS connection to {server} failed: {detail}. Fix: the kubeconfig's certificate-authority(-data) must be the CA that signed the server's certificate (recreated clusters get a new one: fetch a fresh kubeconfig).",
    zh: '与 {server} 的 TLS 连接失败：{detail}。解决：kubeconfig 中的 certificate-authority(-data) 必须是签发服务器证书的 CA（重建的集群会换新的：重新获取 kubeconfig）。',
  },
  'remote.unauthorized': {
    en: 'the API server {server} did not accept the credentials of the user "{user}" (401 Unauthorized). Fix: log in again or fetch a fresh kubeconfig; a token may have expired.',
    zh: 'API 服务器 {server} 不接受用户 "{user}" 的凭据（401 Unauthorized）。解决：重新登录或重新获取 kubeconfig；令牌可能已过期。',
  },
  'remote.forbidden.ns': {
    en: 'missing permission: {verb} {resource} in the namespace "{namespace}"; this part of the view is hidden, the rest keeps working. Fix: ask for a Role that allows "{verb}" on "{resource}" (check: `kubectl auth can-i {verb} {resource} -n {namespace}`).',
    zh: '缺少权限：在命名空间 "{namespace}" 中 {verb} {resource}；视图中这一部分已隐藏，其余照常工作。解决：申请允许对 "{resource}" 执行 "{verb}" 的 Role（检查：`kubectl auth can-i {verb} {resource} -n {namespace}`）。',
  },
  'remote.forbidden.cluster': {
    en: 'missing permission: {verb} {resource} at the cluster scope; this part of the view is hidden, the rest keeps working. Fix: ask for a ClusterRole that allows "{verb}" on "{resource}" (check: `kubectl auth can-i {verb} {resource}`).',
    zh: '缺少权限：在集群范围 {verb} {resource}；视图中这一部分已隐藏，其余照常工作。解决：申请允许对 "{resource}" 执行 "{verb}" 的 ClusterRole（检查：`kubectl auth can-i {verb} {resource}`）。',
  },
  'remote.action.forbidden': {
    en: 'refused: missing permission to {verb} {resource} in the namespace "{namespace}" ({detail}). Fix: ask for a Role that allows "{verb}" on "{resource}" (check: `kubectl auth can-i {verb} {resource} -n {namespace}`).',
    zh: '被拒绝：缺少在命名空间 "{namespace}" 中 {verb} {resource} 的权限（{detail}）。解决：申请允许对 "{resource}" 执行 "{verb}" 的 Role（检查：`kubectl auth can-i {verb} {resource} -n {namespace}`）。',
  },
  'remote.notConnected': {
    en: 'not connected to a cluster: run "Kube Dorm: Connect to Cluster" first.',
    zh: '尚未连接集群：请先运行“Kube Dorm：连接到集群”。',
  },
  'remote.action.failed': { en: 'the API server refused the change: {detail}', zh: 'API 服务器拒绝了这次修改：{detail}' },
  'remote.action.readOnly': {
    en: 'read-only: the context "{context}" is a real cluster and changes are not allowed yet. The command would be:\n{command}\nTo change the cluster from the panel, click "Allow changes" (or run "Kube Dorm: Allow Changes to Cluster").',
    zh: '只读：上下文 "{context}" 是真实集群，尚未允许修改。对应的命令是：\n{command}\n要在面板中修改集群，请点击“允许修改”（或运行“Kube Dorm：允许修改集群”）。',
  },
  'remote.action.notAllowed': {
    en: 'not offered: your permissions in the namespace "{namespace}" do not include {verb} {resource} (SelfSubjectRulesReview). Check: `kubectl auth can-i {verb} {resource} -n {namespace}`.',
    zh: '不可用：你在命名空间 "{namespace}" 中的权限不包括 {verb} {resource}（SelfSubjectRulesReview）。检查：`kubectl auth can-i {verb} {resource} -n {namespace}`。',
  },
  'remote.action.simOnly': {
    en: '"{action}" is a simulator control: a real cluster is changed only by scale, delete pod, set image and roll back.',
    zh: '“{action}”是模拟器的控制：真实集群只能通过扩缩容、删除 Pod、设置镜像和回滚来修改。',
  },
  'remote.check.refused': { en: 'the cluster refuses {object} (server-side dry run): {detail}', zh: '集群拒绝了 {object}（服务器端试运行）：{detail}' },
  'remote.check.conflict': {
    en: 'applying {object} would conflict with another field manager (server-side dry run): {detail}. kubectl apply --server-side would need --force-conflicts.',
    zh: '应用 {object} 会与另一个字段管理者冲突（服务器端试运行）：{detail}。kubectl apply --server-side 需要加 --force-conflicts。',
  },
  'remote.check.clusterOnly': {
    en: 'the simulator and the cluster disagree: the simulator accepts {object}, the cluster refuses it (see the error on this object).',
    zh: '模拟器与集群意见不一：模拟器接受 {object}，集群拒绝了它（见该对象上的错误）。',
  },
  'remote.check.simOnly': {
    en: 'the simulator and the cluster disagree: the simulator refuses {object} ({code}), the cluster accepts it in a dry run.',
    zh: '模拟器与集群意见不一：模拟器拒绝 {object}（{code}），集群在试运行中接受了它。',
  },
  'remote.check.unknownKind': {
    en: '{object} was not checked: Kube Dorm does not know where the API serves {apiVersion} objects of this kind.',
    zh: '{object} 未检查：Kube Dorm 不知道 API 在哪里提供 {apiVersion} 的这种对象。',
  },
  'remote.story': { en: 'In the real cluster, {who}: {message}', zh: '真实集群中，{who}：{message}' },
  'remote.ui.pickContext': { en: 'Kubernetes context to connect to ({files})', zh: '要连接的 Kubernetes 上下文（{files}）' },
  'remote.ui.current': { en: 'current context', zh: '当前上下文' },
  'remote.ui.connecting': { en: 'Kube Dorm: connecting to {context}…', zh: 'Kube Dorm：正在连接 {context}…' },
  'remote.ui.connected': {
    en: 'Kube Dorm: connected to {context} ({server}, Kubernetes {version}). Read-only until you allow changes.',
    zh: 'Kube Dorm：已连接 {context}（{server}，Kubernetes {version}）。在你允许修改之前为只读。',
  },
  'remote.ui.disconnected': { en: 'Kube Dorm: disconnected from {context}.', zh: 'Kube Dorm：已断开与 {context} 的连接。' },
  'remote.ui.failed': { en: 'Kube Dorm could not connect to {context}: {detail}', zh: 'Kube Dorm 无法连接到 {context}：{detail}' },
  'remote.ui.confirm': {
    en: 'Allow Kube Dorm to change the cluster of the context "{context}"?',
    zh: '允许 Kube Dorm 修改上下文 "{context}" 的集群吗？',
  },
  'remote.ui.confirmDetail': {
    en: "The panel's controls (scale, delete pod, set image, roll back) will then act on {server} with your credentials, for the rest of this editor session. Each change is shown as the kubectl command it equals.",
    zh: '之后面板的控件（扩缩容、删除 Pod、设置镜像、回滚）将用你的凭据作用于 {server}，直到本次编辑器会话结束。每次修改都会显示对应的 kubectl 命令。',
  },
  'remote.ui.allow': { en: 'Allow changes to {context}', zh: '允许修改 {context}' },
  'remote.ui.allowed': { en: 'Kube Dorm: changes to {context} are allowed from the panel.', zh: 'Kube Dorm：已允许从面板修改 {context}。' },
  'remote.ui.pickNamespace': { en: 'Namespace to show', zh: '要显示的命名空间' },
  'remote.ui.status': { en: '{context} · {state}', zh: '{context} · {state}' },
  'remote.ui.readOnly': { en: 'read-only', zh: '只读' },
  'remote.ui.changes': { en: 'changes allowed', zh: '允许修改' },
  'remote.ui.statusTip': {
    en: 'Kube Dorm is connected to {server} (Kubernetes {version}). While connected, lint checks against Kubernetes {ours} and the CRDs installed in the cluster.',
    zh: 'Kube Dorm 已连接 {server}（Kubernetes {version}）。连接期间，lint 按 Kubernetes {ours} 和集群中安装的 CRD 检查。',
  },
  'remote.ui.checkOpen': { en: 'Open a Kubernetes manifest (YAML) to check it against the cluster.', zh: '请打开一个 Kubernetes 清单（YAML）再与集群核对。' },
  'remote.ui.checked': {
    en: 'Kube Dorm: {n} objects checked against {context} (server-side dry run, nothing stored): {refused} refused, {disagree} where the simulator and the cluster disagree.',
    zh: 'Kube Dorm：已与 {context} 核对 {n} 个对象（服务器端试运行，未存储任何内容）：{refused} 个被拒绝，{disagree} 处模拟器与集群意见不一。',
  },
  'remote.httpError': { en: 'the API server answered {code} to {what}: {detail}', zh: 'API 服务器对 {what} 的回答是 {code}：{detail}' },
});

export const remoteMsg = msgOf(remoteMessages);

/** A failure to reach or use a real cluster, with its message in both languages. */
export class RemoteError extends Error {
  constructor(
    readonly msg: Msg,
    readonly reason: string,
  ) {
    super(t(msg, 'en'));
  }

  text(locale: Locale): string {
    return t(this.msg, locale);
  }
}

declare module '../manifest/types' {
  interface MessageCatalog extends MessageIds<typeof remoteMessages> {}
}
