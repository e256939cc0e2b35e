import { plainText } from '../../report/plain-text';

/**
 * A message for `window/showMessage` that holds text from the workspace (a
 * path, a key of kpi.config.yaml). VS Code turns `[label](https:|command:|file:…)`
 * in a notification into a link, a command link runs that command on a
 * click, and `$(name)` into an icon: neither may come from a workspace file.
 */
export function notificationText(text: string): string {
  return plainText(text).replace(/\]\(/g, '] (').replace(/\$\(/g, '\\$(');
}
