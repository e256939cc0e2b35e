/**
 * What the core needs from the outside world. The CLI and the language server
 * pass their own implementations; the core never touches the file system.
 */
export interface FileReader {
  /** The path after following symlinks, or undefined when nothing is there. */
  realpath(path: string): string | undefined;
  /** The file's text, or an Error saying why it could not be read. */
  readText(path: string): string | Error;
  /**
   * Set when this reader reads no file at all, saying why (the editor's
   * untrusted workspaces): CSV sources are then left unread, not missing.
   */
  readonly declines?: string;
}
