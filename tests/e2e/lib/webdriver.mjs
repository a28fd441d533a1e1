// A small W3C WebDriver client over fetch: just what the tests need, no dependencies.
// The driver is tauri-driver, which forwards to WebKitWebDriver and launches the app.

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

export class WebDriverError extends Error {
  constructor(method, path, status, value) {
    super(`${method} ${path} → HTTP ${status}: ${value?.error ?? ''} ${value?.message ?? JSON.stringify(value)}`);
    this.status = status;
    this.error = value?.error;
  }
}

export async function request(base, method, path, body) {
  const res = await fetch(base + path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    throw new WebDriverError(method, path, res.status, { message: text.slice(0, 500) });
  }
  if (!res.ok) throw new WebDriverError(method, path, res.status, json.value);
  return json.value;
}

/** Polls `fn` until it returns a truthy value (returned) or `timeout` ms pass (throws `what`). */
export async function waitFor(fn, { timeout = 10000, interval = 50, what = 'condition' } = {}) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) {
      throw new Error(`timed out after ${timeout} ms waiting for ${what}${last ? ` (last error: ${last.message})` : ''}`);
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}

export class Element {
  constructor(session, id) {
    this.session = session;
    this.id = id;
  }
  get ref() {
    return { [ELEMENT]: this.id, ELEMENT: this.id };
  }
  #p(suffix) {
    return `/element/${this.id}${suffix}`;
  }
  click() {
    return this.session.cmd('POST', this.#p('/click'), {});
  }
  clear() {
    return this.session.cmd('POST', this.#p('/clear'), {});
  }
  type(text) {
    return this.session.cmd('POST', this.#p('/value'), { text });
  }
  text() {
    return this.session.cmd('GET', this.#p('/text'));
  }
  attr(name) {
    return this.session.cmd('GET', this.#p(`/attribute/${encodeURIComponent(name)}`));
  }
  prop(name) {
    return this.session.cmd('GET', this.#p(`/property/${encodeURIComponent(name)}`));
  }
  displayed() {
    return this.session.cmd('GET', this.#p('/displayed'));
  }
  /** A PNG of the element as drawn. */
  async screenshotPng() {
    return Buffer.from(await this.session.cmd('GET', this.#p('/screenshot')), 'base64');
  }
  async find(css) {
    const v = await this.session.cmd('POST', this.#p('/element'), { using: 'css selector', value: css });
    return new Element(this.session, v[ELEMENT]);
  }
  async findAll(css) {
    const vs = await this.session.cmd('POST', this.#p('/elements'), { using: 'css selector', value: css });
    return vs.map((v) => new Element(this.session, v[ELEMENT]));
  }
}

export class Session {
  constructor(base, id, capabilities) {
    this.base = base;
    this.id = id;
    this.capabilities = capabilities;
  }

  /** Launches the app (tauri:options application + args) and opens a session on its window. */
  static async start(base, application, args = []) {
    const v = await request(base, 'POST', '/session', {
      capabilities: { alwaysMatch: { 'tauri:options': { application, args } } },
    });
    return new Session(base, v.sessionId, v.capabilities);
  }

  cmd(method, path, body) {
    return request(this.base, method, `/session/${this.id}${path}`, body);
  }

  async end() {
    try {
      await request(this.base, 'DELETE', `/session/${this.id}`);
    } catch {
      // The app may already be gone (a test killed it): nothing left to end.
    }
  }

  async find(css) {
    const v = await this.cmd('POST', '/element', { using: 'css selector', value: css });
    return new Element(this, v[ELEMENT]);
  }
  async findAll(css) {
    const vs = await this.cmd('POST', '/elements', { using: 'css selector', value: css });
    return vs.map((v) => new Element(this, v[ELEMENT]));
  }
  /** Waits until `css` matches an element, and returns it. */
  waitFind(css, timeout = 10000) {
    return waitFor(() => this.find(css), { timeout, what: `an element matching ${css}` });
  }
  /** Runs `script` (a function body; `arguments` holds `args`) in the page and returns its value. */
  exec(script, ...args) {
    return this.cmd('POST', '/execute/sync', { script, args: args.map((a) => (a instanceof Element ? a.ref : a)) });
  }
  execAsync(script, ...args) {
    return this.cmd('POST', '/execute/async', { script, args: args.map((a) => (a instanceof Element ? a.ref : a)) });
  }
  /** Switches into the frame element `el` (null: back to the top-level page). */
  frame(el) {
    return this.cmd('POST', '/frame', { id: el === null ? null : el.ref });
  }
  title() {
    return this.cmd('GET', '/title');
  }
  async screenshotPng() {
    return Buffer.from(await this.cmd('GET', '/screenshot'), 'base64');
  }
  /** Sends keys through the actions API (modifiers held: e.g. keys(['\uE009', 'z'])). */
  async chord(keys) {
    const down = keys.map((k) => ({ type: 'keyDown', value: k }));
    const up = [...keys].reverse().map((k) => ({ type: 'keyUp', value: k }));
    await this.cmd('POST', '/actions', { actions: [{ type: 'key', id: 'kbd', actions: [...down, ...up] }] });
    await this.cmd('DELETE', '/actions');
  }
}

export const Keys = { CONTROL: '\uE009', SHIFT: '\uE008', ALT: '\uE00A', ENTER: '\uE007', TAB: '\uE004', BACKSPACE: '\uE003', UP: '\uE013', DOWN: '\uE015', END: '\uE010', HOME: '\uE011' };
