// The asynchronous loading shared by the browser entries (browser.js for `proseo`,
// prompt-browser.js for `proseo/prompt`): one `init()` per module, and a guard that makes a
// call before it throw an Error with code `not_initialized`.

/**
 * `initWasm`: wasm-bindgen's default export for the module; `defaultSource()`: where the .wasm
 * lives when `init()` gets no source; `entry`: the import specifier, for error messages.
 */
export function loader(initWasm, defaultSource, entry) {
  let ready = false;
  let pending;

  /**
   * Loads and instantiates the module. `source` may be a URL or URL string (fetched), a Response
   * or Promise<Response>, an ArrayBuffer / Uint8Array of the .wasm bytes, or a compiled
   * WebAssembly.Module. Calling it again (with any source) returns the same promise; after a
   * failure it may be called again.
   */
  function init(source) {
    if (ready) return Promise.resolve();
    if (pending === undefined) {
      pending = initWasm({ module_or_path: source ?? defaultSource() }).then(
        () => {
          ready = true;
        },
        (err) => {
          pending = undefined;
          throw err;
        },
      );
    }
    return pending;
  }

  function guard(name, fn) {
    return function (...args) {
      if (!ready) {
        const err = new Error(`proseo: await init() from '${entry}' before calling ${name}()`);
        err.code = 'not_initialized';
        throw err;
      }
      return fn(...args);
    };
  }

  return { init, guard };
}
