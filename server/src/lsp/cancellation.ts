import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';

/**
 * A handler that runs in one piece cannot be cancelled: the `$/cancelRequest`
 * waits in the connection until the handler has returned. Work over a whole
 * workspace is therefore written as a generator, run here in slices with a
 * turn of the event loop between them, and stopped as soon as the client
 * cancels it.
 */

/** Steps (goals, KPIs, symbols) per slice: a few milliseconds of work. */
const STEPS_PER_SLICE = 50;

/** The error LSP expects for a cancelled request. */
export function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.');
}

/** Runs `work` to its end in slices; rejects with RequestCancelled once `token` is cancelled, also before it starts. */
export async function runCancellable<T>(work: Generator<void, T>, token: CancellationToken): Promise<T> {
  for (let step = 0; ; step++) {
    if (step % STEPS_PER_SLICE === 0) {
      if (step > 0) await new Promise((resolve) => setImmediate(resolve));
      if (token.isCancellationRequested) throw cancelled();
    }
    const next = work.next();
    if (next.done) return next.value;
  }
}
