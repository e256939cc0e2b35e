'use strict';
// Loads the CLI's bundle (out/kpi.js) as `require` would, compiled from the
// V8 code cache the build writes next to it (out/kpi.js.cache, made by
// scripts/code-cache.js). Compiling the bundle's 780 kB, and then each
// function a run calls, cost about a sixth of a cold `kpi lint`; from the
// cache V8 reads the compiled code instead. The cache begins with the
// SHA-1 of the bundle it was made from: a cache of another text is never
// used (V8 itself checks only the text's length), and one from another
// Node version V8 rejects and compiles as usual.
const { Buffer } = require('node:buffer');
const crypto = require('node:crypto');
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const vm = require('node:vm');

/** Bytes of the SHA-1 at the start of a cache file. */
const HASH_LENGTH = 20;

function hashOf(source) {
  return crypto.createHash('sha1').update(source).digest();
}

/** The code cache for `source` in `cacheFile`, if it was made from exactly this text. */
function cacheFor(source, cacheFile) {
  let cache;
  try {
    cache = fs.readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  return cache.length > HASH_LENGTH && hashOf(source).equals(cache.subarray(0, HASH_LENGTH)) ? cache.subarray(HASH_LENGTH) : undefined;
}

/**
 * The exports of the CommonJS file `file`, run as `require` runs it (its
 * own `require`, `module`, `__dirname`), compiled with the code cache
 * `file + '.cache'` when it fits (`cached`: V8 took it). With `useCache:
 * false` none is read, and `cache()` gives the code compiled so far, to be
 * written there (scripts/code-cache.js).
 */
function loadBundle(file, { useCache = true } = {}) {
  const source = fs.readFileSync(file);
  const cachedData = useCache ? cacheFor(source, `${file}.cache`) : undefined;
  const script = new vm.Script(Module.wrap(source.toString('utf8')), { filename: file, cachedData });
  const module = { exports: {}, filename: file };
  script.runInThisContext()(module.exports, Module.createRequire(file), module, file, path.dirname(file));
  return {
    exports: module.exports,
    cached: cachedData !== undefined && !script.cachedDataRejected,
    cache: () => Buffer.concat([hashOf(source), script.createCachedData()]),
  };
}

module.exports = { loadBundle };
