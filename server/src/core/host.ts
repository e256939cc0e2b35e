import type { Message } from './l10n/catalogue';

/**
 * What the core needs from the outside world. The CLI and the language server
 * pass their own implementations; the core never touches the file system.
 */
export interface FileReader {
  /** The path after following symlinks, or undefined when nothing is there. */
  realpath(path: string): string | undefined;
  /**
   * The file's bytes, or an Error saying why it could not be read. Bytes, not
   * text: how a CSV source is decoded (UTF-8, else Windows-1252) is decided
   * once, in the core (decodeCsv), for the CLI and the language server alike.
   */
  readBytes(path: string): Uint8Array | ReadFailure;
  /**
   * Set when this reader reads no file at all, saying why (the editor's
   * untrusted workspaces): CSV sources are then left unread, not missing.
   */
  readonly declines?: string;
}

/** Why a file could not be read: `reason` in the catalogue's words when the host knows them (`it does not exist`, `larger than 64 MB`), else only the Error's message. */
export interface ReadFailure extends Error {
  readonly reason?: Message;
}
