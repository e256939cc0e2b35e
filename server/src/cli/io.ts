/** What a command needs from the process: streams, directory, environment. Tests pass their own. */
export interface Io {
  readonly stdout: { write(text: string): unknown; isTTY?: boolean };
  readonly stderr: { write(text: string): unknown };
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
}
